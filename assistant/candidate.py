"""The one shape of a scored candidate answer, from ranking through the graph state to the UI."""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Candidate:
    """One best-of-N answer and why it scored as it did (the UI's "why this answer")."""

    text: str
    group: float = 0.0
    """(1−α)-free group term w̄ᵀφ, centred across the candidates."""
    personal: float = 0.0
    """The user's learned term ŵᵀφ, centred."""
    text_term: float = 0.0
    """c(summary, x, y): stated style lines measured plus the learned content scorer, centred."""
    total: float = 0.0
    """r_α with the guard applied: what the ranking used."""
    chosen: bool = False
    guarded: bool = False
    """True when the guard (protected directions held at the group's weight) changed this score."""
    unguarded_total: float = 0.0
    """r_α without the guard, to show where it bit."""
    draft: int = -1
    """Which draft this was, in the order drafts were written (the stream's "draft" index)."""
    degenerate: str | None = None
    """Why this draft cannot win while a sane one exists ("loops", "empty", ...), else None."""

    def marked(self, chosen: bool) -> Candidate:
        return replace(self, chosen=chosen)


def as_candidate(value: Candidate | dict) -> Candidate:
    """Checkpoints written before this type existed hold plain dicts: read them as Candidates."""
    if isinstance(value, Candidate):
        return value
    fields = Candidate.__dataclass_fields__
    return Candidate(**{k: v for k, v in dict(value).items() if k in fields})


def chosen_index(candidates: list[Candidate]) -> int:
    """The chosen candidate's index (the first when none is marked)."""
    return next((i for i, c in enumerate(candidates) if c.chosen), 0)


def settle(cands: list[Candidate], chosen: int) -> list[Candidate]:
    """Sane drafts first, degenerate ones last; the chosen one is never degenerate while a sane
    one exists (then the best-scoring sane one wins)."""
    sane = [c for c in cands if c.degenerate is None]
    if sane and cands[chosen].degenerate is not None:
        chosen = cands.index(max(sane, key=lambda c: c.total))
    marked = [c.marked(i == chosen) for i, c in enumerate(cands)]
    return sorted(marked, key=lambda c: c.degenerate is not None)
