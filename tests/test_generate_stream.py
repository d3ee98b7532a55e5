"""The generate → rank → respond protocol: drafts stream while written, degenerate drafts never win,
the answer's {"token"} events spell it exactly once, and summary lines are enforced while writing."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from langgraph.checkpoint.memory import InMemorySaver

from assistant.candidate import Candidate
from assistant.config import load_settings
from assistant.llm.base import Draft
from graph.context import Context
from graph.graph import build_graph
from graph.state import turn_input

PROMPT = "How do I make a cup of tea?"
LONG = (
    "Boil fresh water. Pour it over a tea bag in a warm cup. Let it steep for four minutes. "
    "Take the bag out. Add milk if you like."
)


class ScriptedLLM:
    """No write_drafts of its own: the generic driver streams draft 0 and samples the rest."""

    name, capable = "scripted", False

    def __init__(self, drafts: list[str]):
        self.drafts = drafts
        self.closed = False

    def stream(self, messages, *, max_tokens=None, temperature=None, seed=None):
        text = self.drafts[0]
        try:
            for i in range(0, len(text), 4):
                yield text[i : i + 4]
        finally:
            self.closed = True

    def sample(self, messages, n, *, max_tokens=None, temperature=None, seed=None):
        return self.drafts[1 : n + 1]

    def chat(self, messages, **kw):
        return self.drafts[0]


class LongestWins:
    """A ranker that prefers the longest draft: the degenerate one, unless rank stops it."""

    def score(self, profile, summary, prompt, candidates, *, alpha):
        best = max(range(len(candidates)), key=lambda i: len(candidates[i]))
        return [
            Candidate(text=c, total=float(len(c)), chosen=i == best)
            for i, c in enumerate(candidates)
        ]

    def notes(self, scored):
        return []

    def views(self, summary):
        return []


class Memory:
    def __init__(self, summary: str = ""):
        self.text = summary

    def summary(self, user_id):
        return self.text

    def profile(self, user_id):
        return {}

    def recall(self, user_id, query, k=4):
        return []


def run_turn(tmp_path, llm, *, summary="", personalizer=None, n=4):
    settings = load_settings(
        {"data_dir": tmp_path, "user": "u", "n_candidates": n},
        env={},
        config_path=tmp_path / "none.toml",
    )
    ctx = Context(
        user_id="u",
        settings=settings,
        llm=llm,
        memory=Memory(summary),
        classifier=SimpleNamespace(),
        personalizer=personalizer,
    )
    graph = build_graph(checkpointer=InMemorySaver())
    events, final = [], {}
    state = turn_input(PROMPT, mode="request", alpha=1.0, generate=True)
    config = {"configurable": {"thread_id": "t"}}
    for kind, chunk in graph.stream(state, config, context=ctx, stream_mode=["custom", "values"]):
        if kind == "custom":
            events.append(chunk)
        else:
            final = chunk
    return events, final


def test_drafts_stream_before_ranking_and_a_degenerate_draft_never_wins(tmp_path):
    echo = PROMPT + " " + PROMPT + " " + PROMPT  # the longest, and an echo of the request
    llm = ScriptedLLM(["Boil water, then steep the tea.", echo, LONG, "Use a kettle."])
    events, final = run_turn(tmp_path, llm, personalizer=LongestWins())
    chosen_at = next(i for i, e in enumerate(events) if "chosen" in e)
    pieces = [e for e in events[:chosen_at] if "draft" in e and "token" in e]
    assert {e["draft"] for e in pieces} == {0, 1, 2, 3}, "every draft is shown while written"
    assert all("draft" not in e for e in events[chosen_at:] if "token" in e)
    done = {e["draft"]: e for e in events if e.get("done")}
    assert done[1]["degenerate"] == "loops" or done[1]["degenerate"] == "echoes the request"
    assert events[chosen_at]["chosen"] == 2, "the longest sane draft, not the degenerate one"
    answer = "".join(e["token"] for e in events if "token" in e and "draft" not in e)
    assert answer == final["answer"] == LONG
    cands = final["candidates"]
    assert cands[-1].degenerate is not None and not cands[-1].chosen
    assert [c.draft for c in cands if c.chosen] == [2]


def test_a_two_sentence_line_holds_while_writing_for_a_backend_without_grammars(tmp_path):
    llm = ScriptedLLM([LONG, LONG + " Enjoy!", "One sentence only.", LONG.replace(".", "!")])
    summary = "- Keep every answer to two sentences at most from now on."
    events, final = run_turn(tmp_path, llm, summary=summary, personalizer=LongestWins())
    assert llm.closed, "the live stream was stopped at the limit, not read to its end"
    for c in final["candidates"]:
        assert c.text.count(".") + c.text.count("!") <= 2, c.text
    assert final["answer"] == "Boil fresh water. Pour it over a tea bag in a warm cup."
    streamed0 = "".join(e["token"] for e in events if e.get("draft") == 0 and "token" in e)
    assert streamed0.strip() == final["answer"], "what was shown of draft 0 is what stays"


def test_one_draft_streams_as_the_answer_itself(tmp_path):
    llm = ScriptedLLM([LONG])
    events, final = run_turn(tmp_path, llm, personalizer=None, n=4)
    tokens = [e["token"] for e in events if "token" in e]
    assert all("draft" not in e for e in events if "token" in e)
    assert "".join(tokens) == final["answer"] == LONG
    assert final["streamed"] is True


@pytest.mark.parametrize("n", [1, 3])
def test_write_drafts_returns_n_drafts_and_checks_n(n):
    from assistant.constraints import Rules
    from assistant.llm.drafts import write_drafts

    llm = ScriptedLLM(["a b c.", "d e f.", "g h i."])
    seen: list[tuple[int, str]] = []
    drafts = write_drafts(llm, [], n, Rules(), lambda i, t: seen.append((i, t)), max_tokens=32)
    assert [d.index for d in drafts] == list(range(n))
    assert all(isinstance(d, Draft) for d in drafts)
    assert {i for i, _ in seen} == set(range(n))
    with pytest.raises(ValueError, match="at least 1"):
        write_drafts(llm, [], 0, max_tokens=32)
