"""The agent's nodes: small verb-named functions returning partial state updates."""

from __future__ import annotations

from langgraph.config import get_stream_writer
from langgraph.runtime import Runtime

from assistant import summary as summaries
from assistant.feedback import parse_explicit
from assistant.safety import looks_like_injection, requests_sycophancy
from graph import prompts
from graph.context import Context
from graph.state import Candidate, State

_RECALL_KINDS = {"directive", "statement"}


def last_answer(messages: list[dict]) -> str | None:
    return next((m["content"] for m in reversed(messages) if m["role"] == "assistant"), None)


def last_request(messages: list[dict]) -> str | None:
    return next(
        (
            m["content"]
            for m in reversed(messages)
            if m["role"] == "user" and m.get("kind", "request") == "request"
        ),
        None,
    )


def recall(state: State, runtime: Runtime[Context]) -> dict:
    """Load the user's summary and the past preference statements most relevant to this message."""
    ctx = runtime.context
    found = ctx.memory.recall(ctx.user_id, state["text"], k=ctx.settings.recall_k * 2)
    recalled = [
        s.directive or s.text
        for s in found
        if s.kind in _RECALL_KINDS and (s.extras or {}).get("lasting", True)
    ]
    return {
        "summary": ctx.memory.summary(ctx.user_id),
        "recalled": recalled[: ctx.settings.recall_k],
    }


def route(state: State, runtime: Runtime[Context]) -> dict:
    """Request or feedback on the last answer? An explicit UI action wins; else the classifier."""
    ctx = runtime.context
    mode = state.get("mode", "auto")
    if mode in ("thumbs_up", "thumbs_down"):
        sign = 1 if mode == "thumbs_up" else -1
        return {"kind": "feedback", "sign": sign, "score": float(sign), "directive": None}
    explicit, text = parse_explicit(state["text"])
    if mode == "request" and not explicit:
        return {"kind": "request", "prompt": state["text"]}
    split = ctx.classifier.split(
        text, last_answer(state.get("messages", [])), explicit=explicit or mode == "feedback"
    )
    if split.kind == "request":
        return {"kind": "request", "prompt": text}
    return {
        "kind": "feedback",
        "sign": split.sign,
        "score": split.score,
        "directive": split.directive,
    }


def route_after_route(state: State) -> str:
    if state["kind"] == "feedback":
        return "learn"
    return "generate" if state.get("generate", True) else "record"


def learn(state: State, runtime: Runtime[Context]) -> dict:
    """Store both halves of feedback: the directive updates the summary, the sign moves the posterior."""
    ctx = runtime.context
    messages = state.get("messages", [])
    before, directive = state.get("summary", ""), state.get("directive")
    lasting = bool(directive) and summaries.is_lasting(directive, state["text"])
    after, notes = _remember(state, ctx, before) if lasting else (before, [])
    if directive and not lasting:
        notes.append("applied to this answer only (not remembered as a lasting preference)")
    kind = "directive" if directive else "evaluative"
    ctx.memory.add_statement(
        ctx.user_id,
        state["text"],
        kind=kind,
        sign=state.get("sign", 0),
        directive=directive,
        previous_answer=last_answer(messages),
        extras={"lasting": lasting},
    )
    if state.get("sign") and ctx.personalizer is not None:
        notes += _learn_from_sign(state, ctx)
    previous = last_request(messages)
    update = {
        "summary": after,
        "summary_before": before,
        "summary_diff": summaries.diff(before, after),
        "notes": notes,
        "messages": [{"role": "user", "content": state["text"], "kind": "feedback"}]
        if state.get("mode") not in ("thumbs_up", "thumbs_down")
        else [],
    }
    if directive and previous and state.get("generate", True):
        update.update(revising=True, prompt=previous)
    return update


def _remember(state: State, ctx: Context, before: str) -> tuple[str, list[str]]:
    """A lasting directive enters the summary: an LLM rewrite when the model is capable and the
    rewrite validates, the deterministic merge otherwise; the old text stays in the history."""
    llm = ctx.llm if getattr(ctx.llm, "capable", False) else None
    after, method = summaries.update_summary(
        before, state["directive"], llm=llm, max_chars=ctx.settings.summary_max_chars
    )
    if after == before:
        return after, ["summary already says this"]
    ctx.memory.set_summary(ctx.user_id, after, cause=state["text"], kind="directive")
    return after, [f"summary updated ({method})"]


def _learn_from_sign(state: State, ctx: Context) -> list[str]:
    """A thumbs up/down on the chosen answer becomes pseudo-comparisons against its rivals."""
    cands = state.get("candidates") or []
    chosen = [c["text"] for c in cands if c.get("chosen")]
    others = [c["text"] for c in cands if not c.get("chosen")]
    if not chosen or not others:
        return []
    winners, losers = (
        (chosen * len(others), others) if state["sign"] > 0 else (others, chosen * len(others))
    )
    profile = ctx.memory.profile(ctx.user_id)
    posterior = ctx.personalizer.learn(
        profile, state.get("answer_prompt", ""), winners, losers, weight=1.0 / len(others)
    )
    ctx.memory.update_profile(ctx.user_id, posterior=posterior)
    return ["your position moved (evaluative feedback)"]


def route_after_learn(state: State) -> str:
    return "generate" if state.get("revising") else "__end__"


def record(state: State) -> dict:
    """generate=False: keep the request in the conversation without calling the model."""
    return {"messages": [{"role": "user", "content": state["text"], "kind": "request"}]}


def generate(state: State, runtime: Runtime[Context]) -> dict:
    """N candidate answers with the summary in the system prompt; streams live when N is 1."""
    ctx = runtime.context
    system = _system_prompt(state)
    history = [
        {"role": m["role"], "content": m["content"]}
        for m in state.get("messages", [])[-prompts.HISTORY_TURNS :]
        if m.get("kind", "request") == "request"
    ]
    if state.get("revising"):
        history = []
    messages = [
        {"role": "system", "content": system},
        *history,
        {"role": "user", "content": state["prompt"]},
    ]
    n = ctx.settings.n_candidates if ctx.personalizer is not None else 1
    if n == 1:
        writer = get_stream_writer()
        parts = []
        for token in ctx.llm.stream(messages):
            parts.append(token)
            writer({"token": token})
        texts = ["".join(parts)]
    else:
        # identical samples are one candidate: ranking and pseudo-comparisons need distinct texts
        texts = list(dict.fromkeys(t for t in ctx.llm.sample(messages, n) if t.strip())) or [""]
    return {"candidates": [Candidate(text=t) for t in texts], "streamed": n == 1}


def _system_prompt(state: State) -> str:
    parts = [prompts.BASE_RULES]
    block = summaries.prompt_block(state.get("summary", ""))
    if block:
        parts.append(block)
    recalled = [
        r
        for r in state.get("recalled", [])
        if r
        and r not in state.get("summary", "")
        and not looks_like_injection(r)
        and not requests_sycophancy(r)
    ]
    if recalled:
        parts.append(prompts.RECALL_HEADER + "\n" + "\n".join(f'- "{r[:300]}"' for r in recalled))
    if state.get("revising") and state.get("directive"):
        parts.append(f'{prompts.REVISE_HEADER} "{state["directive"][:500]}"')
    return "\n\n".join(parts)


def rank(state: State, runtime: Runtime[Context]) -> dict:
    """Score candidates with r_α = (1−α)·group + α·user and keep the scores for "why this answer"."""
    ctx = runtime.context
    cands = state["candidates"]
    notes = list(state.get("notes", []))
    if ctx.personalizer is None or len(cands) < 2:
        if ctx.personalizer is None:
            notes.append("group prior not loaded: answers are not ranked")
        return {
            "candidates": [{**c, "chosen": i == 0} for i, c in enumerate(cands)],
            "notes": notes,
        }
    scored = ctx.personalizer.score(
        ctx.memory.profile(ctx.user_id),
        state.get("summary", ""),
        state["prompt"],
        [c["text"] for c in cands],
        alpha=state.get("alpha", ctx.settings.default_alpha),
    )
    notes += ctx.personalizer.notes(scored)
    return {"candidates": scored, "notes": notes}


def respond(state: State, runtime: Runtime[Context]) -> dict:
    """Emit the chosen answer (streamed already, or revealed now) and add the turn to the conversation."""
    ctx = runtime.context
    cands = state["candidates"]
    answer = next((c["text"] for c in cands if c.get("chosen")), cands[0]["text"])
    if not state.get("streamed"):
        writer = get_stream_writer()
        for i in range(0, len(answer), 12):
            writer({"token": answer[i : i + 12]})
    new = (
        []
        if state.get("revising")
        else [{"role": "user", "content": state["text"], "kind": "request"}]
    )
    new.append({"role": "assistant", "content": answer})
    notes = list(state.get("notes", []))
    if state.get("revising") and ctx.personalizer is not None:
        original = last_answer(state.get("messages", []))
        if original and original != answer:
            profile = ctx.memory.profile(ctx.user_id)
            posterior = ctx.personalizer.learn(profile, state["prompt"], [answer], [original])
            ctx.memory.update_profile(ctx.user_id, posterior=posterior)
            notes.append("your position moved (revised answer preferred to the original)")
    return {"answer": answer, "messages": new, "answer_prompt": state["prompt"], "notes": notes}
