"""The one facade the UIs (Textual app, plain chat loop) talk to: a compiled graph plus memory,
for one user at a time. UIs receive a Session (tests hand them a fake)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, Protocol, runtime_checkable

from assistant.candidate import Candidate

CandidateView = Candidate
"""One best-of-N candidate and why it scored as it did: the one candidate type, ranking to UI."""

TurnKind = Literal["request", "feedback"]
Mode = Literal["auto", "request", "feedback"]


@dataclass(frozen=True)
class SummaryVersionView:
    version: int
    time: str
    text: str
    cause: str
    kind: str


@dataclass(frozen=True)
class Dimension:
    """A user's position on one labelled base reward function, next to the group's."""

    label: str
    user_mean: float
    user_sd: float
    group_mean: float
    group_sd: float
    protected: bool = False


@dataclass(frozen=True)
class OnboardingQuestion:
    id: str
    prompt: str
    answer_a: str
    answer_b: str
    number: int
    total: int
    reask: bool = False


@dataclass(frozen=True)
class TurnResult:
    """What one turn did, so the UI can show what was understood."""

    kind: TurnKind
    answer: str | None = None
    """The answer shown to the user (a revision after a directive)."""
    sign: int = 0
    """Evaluative part of feedback: -1, 0 or +1."""
    score: float = 0.0
    directive: str | None = None
    """Directive part of feedback: how answers should change."""
    summary_before: str = ""
    summary_after: str = ""
    summary_diff: list[str] = field(default_factory=list)
    revised: bool = False
    uncertain: bool = False
    """Answered as a request, but it may have been feedback: offer "treat this as feedback?"."""
    candidates: list[CandidateView] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Plain-language remarks, e.g. "group prior not loaded", "the guard changed the winner"."""


@dataclass(frozen=True)
class Reranked:
    """The last answer's kept candidates scored again at another α (nothing is regenerated)."""

    alpha: float
    candidates: list[CandidateView] = field(default_factory=list)
    note: str = ""
    """One line, e.g. "at α 0.3 the group's pick: answer 2 (answer 1 is shown)"."""
    changed: bool = False
    """The pick at this α differs from the answer shown."""


ProgressFn = Callable[[str, float], None]
TokenFn = Callable[[str], None]
"""A piece of the answer the user gets (streamed live with one candidate, else the ranked winner)."""
DraftFn = Callable[[int, str], None]
"""A piece of best-of-N candidate `index` (0-based) while the candidates are being written, before
ranking; the winner then arrives through TokenFn and replaces whatever draft was shown."""


@runtime_checkable
class Session(Protocol):
    user_id: str
    alpha: float
    prior_loaded: bool
    model_ready: bool
    model_name: str

    def load(self, progress: ProgressFn | None = None) -> None:
        """Load the heavy parts (LLM, encoder, classifier, prior). Slow: call from a worker."""

    def send(
        self,
        text: str,
        *,
        mode: Mode = "auto",
        on_token: TokenFn | None = None,
        on_draft: DraftFn | None = None,
        generate: bool = True,
    ) -> TurnResult:
        """One turn. Raises ValueError for bad input (empty, too long) and LLMError for the model;
        in both cases nothing the user typed is stored half-way. generate=False records and learns
        from the message without calling the LLM (benchmarks, imported conversations).
        Both callbacks run on the calling (worker) thread and must return quickly: on_draft gets
        the candidates as they are written (best-of-N only), on_token the answer itself."""

    def score(
        self, prompt: str, candidates: list[str], alpha: float | None = None
    ) -> list[CandidateView]:
        """Rank given answers with this user's blended reward (alpha None = the user's slider)."""

    def rerank(self, alpha: float | None = None) -> Reranked:
        """Score the last answer's kept candidates at α (None = the user's slider) and say what
        changed; nothing is regenerated or stored."""

    def group_info(self) -> str:
        """Who the group is: "group = N people here" once this installation's users refit it,
        else "group = the shipped prior (…)"; "" while no group prior is loaded."""

    def thumbs(self, up: bool) -> TurnResult: ...
    def summary(self) -> str: ...
    def views(self) -> list[str]:
        """Summary lines that are the user's views about the world (shown apart, never scored)."""

    def summary_history(self) -> list[SummaryVersionView]: ...
    def edit_summary(self, text: str) -> SummaryVersionView: ...
    def undo_summary(self) -> SummaryVersionView | None: ...
    def set_alpha(self, alpha: float) -> float: ...
    def switch_user(self, user_id: str) -> None: ...
    def users(self) -> list[str]: ...
    def new_conversation(self) -> None: ...
    def transcript(self) -> list[dict]:
        """The current conversation as [{"role", "content"}], restored after a restart."""

    def export(self) -> dict:
        """The user's memory and conversations as JSON (the plural-memory format)."""

    def forget(self) -> dict[str, int]:
        """Delete the user's memory and every conversation; how many records went, by kind."""

    def standing(self) -> list[Dimension]:
        """Position on each labelled base dimension; [] while no group prior is loaded."""

    def onboarding_question(self) -> OnboardingQuestion | None:
        """The next most informative question, or None when done / no prior."""

    def answer_onboarding(self, question_id: str, choice: Literal["a", "b", "tie"]) -> None: ...
