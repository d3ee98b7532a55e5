"""LocalSession: the Session facade over the compiled graph, memory and models, for one user at a time."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Literal

from app.session import (
    CandidateView,
    Dimension,
    DraftFn,
    Mode,
    OnboardingQuestion,
    ProgressFn,
    Reranked,
    SummaryVersionView,
    TokenFn,
    TurnResult,
)
from app.slider import rerank
from assistant.candidate import as_candidate
from assistant.config import Settings
from assistant.feedback import stored_pieces
from assistant.summary import change_summary, stale
from assistant.text import clean_message, validate_user_id
from graph.context import Context
from graph.state import turn_input


class SessionNotReady(RuntimeError):
    """A call arrived before load() finished."""


def _view(v: Any) -> SummaryVersionView:
    fields = ("version", "time", "text", "cause", "kind")
    return SummaryVersionView(**{k: getattr(v, k) for k in fields})


class LocalSession:
    """Everything a UI needs, in one object. Construction is instant; load() does the heavy work."""

    def __init__(
        self,
        settings: Settings,
        *,
        llm: Any = None,
        memory: Any = None,
        classifier: Any = None,
        personalizer: Any = None,
        load_personalizer: bool = True,
    ):
        self.settings = settings
        self.user_id = settings.user
        self.alpha = settings.default_alpha
        self.prior_loaded = self.model_ready = False
        self.model_name = "loading…"
        self._llm, self._memory, self._classifier = llm, memory, classifier
        self._personalizer = personalizer
        self._load_personalizer = load_personalizer and personalizer is None
        self._graph: Any = None
        self._checkpoints: Any = None
        self._dir_lock: Any = None
        self._lock = threading.RLock()
        self._asked: list[str] = []
        self._group: Any = None

    # -- loading ---------------------------------------------------------------------------------
    def load(self, progress: ProgressFn | None = None) -> None:
        step: Callable[[str, float], None] = progress or (lambda _m, _f: None)
        s = self.settings
        step("opening memory", 0.05)
        self._lock_data_dir()
        if self._memory is None:
            from memory import MemoryStore

            self._memory = (
                MemoryStore(url=s.memory_url) if s.memory_url else MemoryStore(s.chroma_dir)
            )
        step("loading the feedback classifier", 0.2)
        if self._classifier is None:
            from assistant.feedback import FeedbackClassifier

            self._classifier = FeedbackClassifier.load(cache_dir=s.cache_dir)
        step("loading the group prior", 0.4)
        if self._load_personalizer:
            from assistant.personalize import load_personalizer

            self._personalizer = load_personalizer(s)
        self.prior_loaded = self._personalizer is not None
        from app.community import attach

        self._group = attach(self._personalizer, s.data_dir)
        step("loading the language model", 0.6)
        if self._llm is None:
            from assistant.llm import make_llm

            self._llm = make_llm(s.llm, cache_dir=s.cache_dir)
        self.model_name = getattr(self._llm, "name", "model")
        if self._personalizer is not None and getattr(self._llm, "capable", False):
            self._personalizer.judge = self._llm  # a capable model also judges preferences
        step("opening conversations", 0.9)
        stale.shipped() if s.stale_lines else None  # the reader loads here, not in the first turn
        self._graph = self._compile()
        self._enter_user(self.user_id)
        self.model_ready = True
        step("ready", 1.0)

    def _lock_data_dir(self) -> None:
        """One instance per data dir; with memory and conversations both on servers, none is used."""
        s = self.settings
        local_memory = self._memory is None and not s.memory_url
        if self._dir_lock is None and (local_memory or not s.checkpoint_url):
            from memory.lock import DataDirLock

            self._dir_lock = DataDirLock(s.data_dir).acquire()

    def _compile(self) -> Any:
        from app.checkpoints import open_checkpoints
        from graph.graph import build_graph

        self._checkpoints = open_checkpoints(self.settings)
        return build_graph(checkpointer=self._checkpoints.saver)

    @property
    def checkpoints(self) -> Any:
        """The open conversation store (app.checkpoints.Checkpoints); None before load()."""
        return self._checkpoints

    def _need(self) -> None:
        if self._graph is None:
            raise SessionNotReady("still loading: wait for 'ready'")

    def _enter_user(self, user_id: str) -> None:
        self.user_id = user_id
        profile = self._memory.profile(user_id)
        self.alpha = float(profile.get("alpha", self.settings.default_alpha))
        self._asked = list(profile.get("onboarding_asked", []))

    def _context(self) -> Context:
        return Context(
            user_id=self.user_id,
            settings=self.settings,
            llm=self._llm,
            memory=self._memory,
            classifier=self._classifier,
            personalizer=self._personalizer,
            stale=stale.shipped() if self.settings.stale_lines else None,  # loaded once
            pieces=stored_pieces.shipped(self._classifier),
        )

    def _config(self) -> dict:
        conv = int(self._memory.profile(self.user_id).get("conversation", 0))
        return {"configurable": {"thread_id": f"{self.user_id}/{conv}"}}

    # -- turns -----------------------------------------------------------------------------------
    def send(
        self,
        text: str,
        *,
        mode: Mode = "auto",
        on_token: TokenFn | None = None,
        on_draft: DraftFn | None = None,
        generate: bool = True,
    ) -> TurnResult:
        self._need()
        clean = clean_message(text, max_chars=self.settings.max_message_chars)
        state = turn_input(clean, mode=mode, alpha=self.alpha, generate=generate)
        return self._run(state, on_token, on_draft)

    def thumbs(self, up: bool) -> TurnResult:
        self._need()
        mode, text = ("thumbs_up", "(thumbs up)") if up else ("thumbs_down", "(thumbs down)")
        return self._run(turn_input(text, mode=mode, alpha=self.alpha, generate=False), None)

    def _run(
        self, state: dict, on_token: TokenFn | None, on_draft: DraftFn | None = None
    ) -> TurnResult:
        """Custom stream events: {"draft": i, "token": t} is candidate i being written (before
        ranking), {"token": t} the answer itself; a draft piece never reaches on_token."""
        with self._lock:
            final: dict = {}
            for kind, chunk in self._graph.stream(
                state, self._config(), context=self._context(), stream_mode=["custom", "values"]
            ):
                if kind == "values":
                    final = chunk
                elif not isinstance(chunk, dict) or "token" not in chunk:
                    continue
                elif "draft" in chunk:
                    if on_draft is not None:
                        on_draft(int(chunk["draft"]), chunk["token"])
                elif on_token is not None:
                    on_token(chunk["token"])
        result = self._result(final)
        if result.kind == "feedback" and self._group is not None:  # evidence toward a refit
            self._group.note_evidence(self._memory)
        return result

    def _result(self, s: dict) -> TurnResult:
        feedback = s.get("kind") == "feedback"
        answered = s.get("answer") is not None
        cands = s.get("candidates", []) if answered else []
        return TurnResult(
            kind=s.get("kind", "request"),
            answer=s.get("answer"),
            sign=s.get("sign", 0),
            score=s.get("score", 0.0),
            directive=s.get("directive"),
            summary_before=s.get("summary_before", "") if feedback else s.get("summary", ""),
            summary_after=s.get("summary", ""),
            summary_diff=list(s.get("summary_diff", [])),
            revised=bool(s.get("revising")) and answered,
            uncertain=bool(s.get("uncertain")),
            candidates=[as_candidate(c) for c in cands],
            notes=list(s.get("notes", [])),
        )

    def score(
        self, prompt: str, candidates: list[str], alpha: float | None = None
    ) -> list[CandidateView]:
        self._need()
        if self._personalizer is None:
            return [CandidateView(text=c) for c in candidates]
        scored = self._personalizer.score(
            self._memory.profile(self.user_id),
            self._memory.summary(self.user_id),
            prompt,
            candidates,
            alpha=self.alpha if alpha is None else alpha,
        )
        return scored

    # -- memory ----------------------------------------------------------------------------------
    def views(self) -> list[str]:
        self._need()
        if self._personalizer is None:
            return []
        return self._personalizer.views(self._memory.summary(self.user_id))

    def summary(self) -> str:
        self._need()
        return self._memory.summary(self.user_id)

    def summary_history(self) -> list[SummaryVersionView]:
        self._need()
        return [_view(v) for v in self._memory.summary_history(self.user_id)]

    def edit_summary(self, text: str) -> SummaryVersionView:
        self._need()
        change = change_summary(
            self._memory.summary(self.user_id),
            text,
            kind="edit",
            cause="edited by you",
            max_chars=self.settings.summary_max_chars,
        )
        return _view(
            self._memory.set_summary(self.user_id, change.after, cause=change.cause, kind="edit")
        )

    def undo_summary(self) -> SummaryVersionView | None:
        self._need()
        v = self._memory.undo_summary(self.user_id)
        return _view(v) if v else None

    def set_alpha(self, alpha: float) -> float:
        self._need()
        self.alpha = round(min(1.0, max(0.0, float(alpha))), 2)
        self._memory.update_profile(self.user_id, alpha=self.alpha)
        return self.alpha

    def switch_user(self, user_id: str) -> None:
        self._need()
        self._enter_user(validate_user_id(user_id))

    def users(self) -> list[str]:
        self._need()
        return self._memory.users()

    def new_conversation(self) -> None:
        self._need()
        conv = int(self._memory.profile(self.user_id).get("conversation", 0))
        self._memory.update_profile(self.user_id, conversation=conv + 1)

    def transcript(self) -> list[dict]:
        self._need()
        state = self._graph.get_state(self._config())
        return [
            {"role": m["role"], "content": m["content"]} for m in state.values.get("messages", [])
        ]

    def export(self) -> dict:
        self._need()
        data = self._memory.export_user(self.user_id)
        data["conversations"] = self._checkpoints.export_user(self.user_id)
        return data

    def forget(self) -> dict[str, int]:
        self._need()
        threads = self._checkpoints.delete_user(self.user_id)
        counts = {**self._memory.forget(self.user_id), "conversations": threads}
        if self._group is not None:
            self._group.user_left(self._memory)
        self._enter_user(self.user_id)
        return counts

    # -- the group prior -------------------------------------------------------------------------
    def standing(self) -> list[Dimension]:
        self._need()
        if self._personalizer is None:
            return []
        return [
            Dimension(**d) for d in self._personalizer.standing(self._memory.profile(self.user_id))
        ]

    def onboarding_question(self) -> OnboardingQuestion | None:
        self._need()
        if self._personalizer is None:
            return None
        q = self._personalizer.next_question(self._memory.profile(self.user_id), self._asked)
        if q is None:
            return None
        from assistant.personalize import ONBOARDING_TOTAL

        return OnboardingQuestion(
            id=q.id,
            prompt=q.prompt,
            answer_a=q.a,
            answer_b=q.b,
            number=len(self._asked) + 1,
            total=ONBOARDING_TOTAL,
            reask=q.reask,
        )

    def answer_onboarding(self, question_id: str, choice: Literal["a", "b", "tie"]) -> None:
        self._need()
        if self._personalizer is None:
            raise RuntimeError("no group prior is loaded, so there is nothing to place you on")
        with self._lock:
            profile = self._memory.profile(self.user_id)
            posterior, lines = self._personalizer.answer(profile, question_id, choice)
            self._asked.append(question_id)
            answers = [
                *profile.get("onboarding_answers", []),
                {"id": question_id, "choice": choice},
            ]
            self._memory.update_profile(
                self.user_id,
                posterior=posterior,
                onboarding_asked=self._asked,
                onboarding_answers=answers,
            )
            self._memory.add_statement(
                self.user_id, f"onboarding {question_id}: {choice}", kind="onboarding"
            )
            self._update_onboarding_lines(lines)
        if self._group is not None:
            self._group.note_evidence(self._memory)

    def _update_onboarding_lines(self, lines: list[str]) -> None:
        change = change_summary(
            self._memory.summary(self.user_id),
            lines,
            kind="onboarding",
            cause="onboarding answers",
            max_chars=self.settings.summary_max_chars,
        )
        if change.changed:
            self._memory.set_summary(
                self.user_id, change.after, cause=change.cause, kind=change.kind
            )

    # -- the group: the shipped prior, or this installation's users (app.community) -------------
    def group_info(self) -> str:
        self._need()
        return self._group.info() if self._group is not None else ""

    def rerank(self, alpha: float | None = None) -> Reranked:
        self._need()
        values = self._graph.get_state(self._config()).values
        kept = [as_candidate(c) for c in values.get("candidates") or []]
        alpha = self.alpha if alpha is None else float(alpha)
        if self._personalizer is None:
            return Reranked(alpha, kept, "group prior not loaded: answers are not ranked")
        return rerank(self.score, values.get("answer_prompt", ""), kept, alpha)

    def close(self) -> None:
        if self._checkpoints is not None:
            self._checkpoints.close()
            self._checkpoints = None
        if self._dir_lock is not None:
            self._dir_lock.release()
            self._dir_lock = None


def open_session(settings: Settings, **kwargs: Any) -> LocalSession:
    """A session for settings.user; call .load() (in a worker) before using it."""
    return LocalSession(settings, **kwargs)
