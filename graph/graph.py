"""Builds the agent: recall → route → (learn → [generate]) | ([note_facts] → generate) → rank → [credit_revision] → respond."""

from __future__ import annotations

from langgraph.graph import END, START, StateGraph

from graph import nodes
from graph.context import Context
from graph.state import State

# where each turn goes next (the nodes are in graph/nodes.py)


def route_after_route(state: State) -> str:
    if state["kind"] == "feedback":
        return "learn"
    if state.get("facts") or state.get("summary", "").strip():  # a request can end a stored line
        return "note_facts"
    return "generate" if state.get("generate", True) else "record"


def route_after_note(state: State) -> str:
    return "generate" if state.get("generate", True) else "record"


def route_after_learn(state: State) -> str:
    return "generate" if state.get("revising") else "__end__"


def route_after_rank(state: State) -> str:
    return "credit_revision" if state.get("revising") else "respond"


builder = StateGraph(State, context_schema=Context)
builder.add_node(nodes.recall)
builder.add_node(nodes.route)
builder.add_node(nodes.learn)
builder.add_node(nodes.note_facts)
builder.add_node(nodes.record)
builder.add_node(nodes.generate)
builder.add_node(nodes.rank)
builder.add_node(nodes.credit_revision)
builder.add_node(nodes.respond)
builder.add_edge(START, "recall")
builder.add_edge("recall", "route")
builder.add_conditional_edges(
    "route", route_after_route, ["learn", "note_facts", "generate", "record"]
)
builder.add_conditional_edges("note_facts", route_after_note, ["generate", "record"])
builder.add_conditional_edges("learn", route_after_learn, ["generate", END])
builder.add_edge("record", END)
builder.add_edge("generate", "rank")
builder.add_conditional_edges("rank", route_after_rank, ["credit_revision", "respond"])
builder.add_edge("credit_revision", "respond")
builder.add_edge("respond", END)


def build_graph(checkpointer=None):
    """Compile the agent; pass a LangGraph checkpointer to keep conversations across restarts."""
    return builder.compile(checkpointer=checkpointer, name="plural")


def make_graph():
    """For `langgraph dev` / Studio (langgraph.json): compiled without a checkpointer, the server adds one."""
    return build_graph()
