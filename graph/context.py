"""Run-scoped context handed to every node: who the user is and the loaded machinery."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assistant.config import Settings
    from assistant.llm.base import LLM


@dataclass(kw_only=True)
class Context:
    user_id: str
    """Every memory read and write of this run is scoped to this user."""
    settings: Settings
    llm: LLM
    memory: Any
    """memory.MemoryStore (or a test double with the same methods)."""
    classifier: Any
    """assistant.feedback.FeedbackClassifier: routes and splits feedback without a capable LLM."""
    personalizer: Any | None = None
    """assistant.personalize.Personalizer, or None while no group prior is loaded."""
