"""Run-scoped context handed to every node: who the user is and the loaded machinery, as typed seams."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from assistant.candidate import Candidate
    from assistant.config import Settings
    from assistant.feedback import FeedbackSplit
    from assistant.llm.base import LLM


class Memory(Protocol):
    """What the agent needs of memory.MemoryStore (every call scoped to one user)."""

    def summary(self, user_id: str) -> str: ...
    def set_summary(self, user_id: str, text: str, *, cause: str, kind: str) -> Any: ...
    def profile(self, user_id: str) -> dict: ...
    def update_profile(self, user_id: str, **fields: Any) -> dict: ...
    def recall(self, user_id: str, query: str, k: int = 4) -> list[Any]: ...
    def add_statement(self, user_id: str, text: str, **fields: Any) -> Any: ...


class Router(Protocol):
    """assistant.feedback.FeedbackClassifier: routes and splits feedback without a capable LLM."""

    def split(
        self, text: str, previous_answer: str | None, *, explicit: bool = False
    ) -> FeedbackSplit: ...


class StaleReader(Protocol):
    """assistant.summary.stale.StaleLines: P(a stored line no longer holds) after a message."""

    def p_stale(self, lines: Sequence[str], text: str) -> list[float]: ...


class Ranker(Protocol):
    """assistant.personalize.Personalizer: the user's position on the group prior."""

    def score(
        self, profile: dict, summary: str, prompt: str, candidates: list[str], *, alpha: float
    ) -> list[Candidate]: ...
    def notes(self, scored: list[Candidate]) -> list[str]: ...
    def views(self, summary: str) -> list[str]: ...
    def learn(
        self,
        profile: dict,
        prompt: str,
        winners: Sequence[str],
        losers: Sequence[str],
        weight: float = 1.0,
    ) -> dict: ...


@dataclass(kw_only=True)
class Context:
    user_id: str
    """Every memory read and write of this run is scoped to this user."""
    settings: Settings
    llm: LLM
    memory: Memory
    classifier: Router
    personalizer: Ranker | None = None
    """None while no group prior is loaded: answers are then not ranked."""
    stale: StaleReader | None = None
    """assistant.summary.stale.StaleLines; None: the merge alone decides which lines go."""
    pieces: Callable[[str], bool] | None = None
    """assistant.feedback.stored_pieces.StoredPieces; None: only the cues store a request's facts."""
