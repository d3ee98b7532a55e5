"""The graph's state: the conversation plus what one turn decided (kept in the checkpoint)."""

from __future__ import annotations

import operator
from typing import Annotated, TypedDict


class Candidate(TypedDict, total=False):
    text: str
    group: float
    personal: float
    text_term: float
    total: float
    chosen: bool


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
    summary: str
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
        summary_before="",
        summary_diff=[],
        recalled=[],
        prompt="",
        revising=False,
        answer=None,
        streamed=False,
        notes=[],
    )
