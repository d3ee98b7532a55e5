"""The graph's state: the conversation plus what one turn decided (kept in the checkpoint)."""

from __future__ import annotations

import operator
from typing import Annotated, TypedDict

from assistant.candidate import Candidate


class State(TypedDict, total=False):
    messages: Annotated[list[dict], operator.add]
    """The conversation: {"role", "content", "kind"?}; user turns carry kind request|feedback."""
    text: str
    """This turn's user text (cleaned)."""
    mode: str
    """auto | request | feedback | thumbs_up | thumbs_down."""
    generate: bool
    alpha: float
    kind: str
    """What route decided: request | feedback."""
    sign: int
    score: float
    directive: str | None
    lasting: bool
    """A lasting directive enters the summary; a one-off only triggers the revision."""
    uncertain: bool
    """Routed as a request, but it might have been feedback: the UI offers to treat it so."""
    facts: str | None
    """A request's lasting facts about the user ('I'm vegan.'), remembered before answering."""
    summary: str
    views: list[str]
    """Summary lines that are the user's views about the world: quoted as views, never scored."""
    summary_before: str
    summary_diff: list[str]
    recalled: list[str]
    prompt: str
    """The request being answered: this turn's, or the previous one when revising."""
    revising: bool
    candidates: list[Candidate]
    """This turn's best-of-N candidates with their scores (the last turn's until generate runs)."""
    answer_prompt: str
    """The request the candidates answered (kept so later feedback can score them)."""
    answer: str | None
    streamed: bool
    notes: list[str]


def turn_input(text: str, *, mode: str, alpha: float, generate: bool) -> State:
    """The input for one turn: resets every per-turn field, keeps the conversation and candidates."""
    return State(
        text=text,
        mode=mode,
        alpha=alpha,
        generate=generate,
        kind="request",
        sign=0,
        score=0.0,
        directive=None,
        lasting=False,
        uncertain=False,
        facts=None,
        summary_before="",
        summary_diff=[],
        recalled=[],
        prompt="",
        revising=False,
        answer=None,
        streamed=False,
        notes=[],
    )


def last_answer(messages: list[dict]) -> str | None:
    return next((m["content"] for m in reversed(messages) if m["role"] == "assistant"), None)


def last_request(messages: list[dict], *, one_off: bool = False) -> str | None:
    """The user's last request; with one_off, a one-off directive ('metric for this answer') too."""
    asked = [m.get("one_off") or m["content"] for m in messages if m["role"] == "user"
             and (m.get("kind", "request") == "request" or one_off and m.get("one_off"))]  # fmt: skip
    return asked[-1] if asked else None
