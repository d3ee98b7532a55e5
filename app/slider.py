"""The slider on answers already written: re-rank the kept candidates at a new α and say in one
line what changed (no regeneration)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import numpy as np

from app.session import CandidateView, Reranked

ScoreFn = Callable[[str, list[str], float], list[CandidateView]]


def _number(c: CandidateView, index: int) -> int:
    """The answer's number as the drafts were shown (draft order), else its place in the list."""
    return c.draft + 1 if c.draft >= 0 else index + 1


def _best(values: np.ndarray, sane: list[bool]) -> int:
    """Argmax among sane drafts (a degenerate one never wins while a sane one exists)."""
    masked = np.where(sane, values, -np.inf) if any(sane) else values
    return int(np.argmax(masked))


def rerank(score: ScoreFn, prompt: str, kept: list[CandidateView], alpha: float) -> Reranked:
    """kept: the last answer's candidates as ranked (the chosen one is the answer shown)."""
    if len(kept) < 2:  # nothing answered yet says nothing
        note = "only one answer was kept: nothing to re-rank" if kept else ""
        return Reranked(alpha, list(kept), note)
    scored = score(prompt, [c.text for c in kept], alpha)
    sane = [c.degenerate is None for c in kept]
    pick = _best(np.array([s.total for s in scored]), sane)
    group = _best(np.array([s.group for s in scored]), sane)
    own = _best(np.array([s.personal + s.text_term for s in scored]), sane)
    shown = next((i for i, c in enumerate(kept) if c.chosen), 0)
    cands = [
        replace(s, draft=c.draft, degenerate=c.degenerate, chosen=i == pick)
        for i, (s, c) in enumerate(zip(scored, kept, strict=True))
    ]
    who = {
        (True, True): "the pick (yours and the group's)",
        (True, False): "the group's pick",
        (False, True): "your pick",
        (False, False): "the blend's pick",
    }[(pick == group, pick == own)]
    note = f"at α {alpha:.1f} {who}: answer {_number(kept[pick], pick)}"
    if pick == shown:
        note += ", the one shown"
    else:
        note += f" (answer {_number(kept[shown], shown)} is shown)"
    return Reranked(alpha, cands, note, changed=pick != shown)
