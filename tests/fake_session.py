"""A deterministic in-memory Session for UI tests, persisted to one JSON file so restarts can be tested."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

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
from assistant.llm.base import LLMError

# labelled like the shipped prior: the positive end first
DIMENSIONS = ("longer ↔ shorter", "formal ↔ casual", "confident ↔ hedged")
PROTECTED = "confident ↔ hedged"
QUESTIONS = (
    ("q1", "Explain recursion.", "A function that calls itself.", "Recursion is when..."),
    ("q2", "Say hi.", "Hello there, friend!", "Hi."),
    ("q3", "Summarise the news.", "Markets rose.", "Today, markets rose on strong earnings."),
)
FEEDBACK_WORDS = ("shorter", "longer", "too ", "please ", "prefer", "don't", "no,", "stop ")
NEGATIVE_WORDS = ("too ", "no,", "don't", "bad", "wrong", "stop ")
POSITIVE_WORDS = ("thanks", "great", "good", "perfect")
MAX_CHARS = 2000


@dataclass
class FakeSession:
    """Implements app.session.Session. `fail_next` makes the next send/thumbs raise LLMError;
    `alpha_calls` records the α in force at every send/score call. `drafts`: a request writes its
    candidates side by side through on_draft first, then sends the ranked winner through on_token
    (the real session's best-of-N protocol); otherwise the winner streams directly."""

    store: Path
    user_id: str = "default"
    prior_loaded: bool = True
    load_delay: float = 0.0
    token_delay: float = 0.0
    model_name: str = "fake: deterministic"
    load_error: Exception | None = None
    drafts: bool = False
    group: str = "group = the shipped prior (real crowd + simulated spread)"
    """What group_info() says while a prior is loaded."""

    def __post_init__(self) -> None:
        self.store = Path(self.store)
        self.model_ready = False
        self.fail_next = False
        self.alpha_calls: list[float] = []
        self.sent: list[tuple[str, str]] = []
        self.loads = 0
        self.last: tuple[str, list[CandidateView]] | None = None
        """The last request and its candidates, for rerank()."""
        self.reranked: list[float] = []
        self._lock = threading.Lock()
        self._data = self._read()
        self._user()

    # persistence -------------------------------------------------------------------------
    def _read(self) -> dict:
        if self.store.exists():
            return json.loads(self.store.read_text())
        return {"users": {}}

    def _save(self) -> None:
        self.store.parent.mkdir(parents=True, exist_ok=True)
        self.store.write_text(json.dumps(self._data, indent=1))

    def _user(self) -> dict:
        users = self._data["users"]
        if self.user_id not in users:
            users[self.user_id] = {"alpha": 0.5, "history": [], "transcript": [], "answered": {}}
        return users[self.user_id]

    @property
    def alpha(self) -> float:
        return self._user()["alpha"]

    # lifecycle ---------------------------------------------------------------------------
    def load(self, progress: ProgressFn | None = None) -> None:
        steps = ("encoder", "language model", "group prior")
        for i, step in enumerate(steps):
            if progress:
                progress(f"loading {step}", i / len(steps))
            time.sleep(self.load_delay / len(steps))
        if self.load_error is not None:
            raise self.load_error
        if progress:
            progress("ready", 1.0)
        self.loads += 1
        self.model_ready = True

    # turns -------------------------------------------------------------------------------
    def _check(self, text: str) -> str:
        if not text.strip():
            raise ValueError("empty message: type something first")
        if len(text) > MAX_CHARS:
            raise ValueError(f"message is {len(text)} characters; the limit is {MAX_CHARS}")
        if self.fail_next:
            self.fail_next = False
            raise LLMError("fake endpoint unreachable", hint="start the server")
        return text.strip()

    def _stream(self, text: str, on_token: TokenFn | None) -> None:
        for i in range(0, len(text), 6):
            if on_token:
                on_token(text[i : i + 6])
            time.sleep(self.token_delay)

    def _draft(self, texts: list[str], on_draft: DraftFn | None) -> None:
        """Every candidate grows by one piece per step, like a batched decode."""
        for i in range(0, max(len(t) for t in texts), 6):
            for index, text in enumerate(texts):
                if on_draft and text[i : i + 6]:
                    on_draft(index, text[i : i + 6])
            time.sleep(self.token_delay)

    def _candidates(self, prompt: str, alpha: float | None = None) -> list[CandidateView]:
        a = self.alpha if alpha is None else alpha
        texts = [f"Short answer to {prompt}", f"A **longer** answer to {prompt}, with detail."]
        views = []
        for i, t in enumerate(texts):
            group, personal = 0.2 * (i + 1), 0.5 - 0.3 * i
            total = (1 - a) * group + a * personal
            views.append(CandidateView(t, group, personal, 0.0, round(total, 4)))
        best = max(range(len(views)), key=lambda i: views[i].total)
        views[best] = CandidateView(**{**views[best].__dict__, "chosen": True})
        return views

    def _is_feedback(self, text: str, mode: Mode) -> bool:
        if mode != "auto":
            return mode == "feedback"
        low = text.lower()
        has_answer = any(m["role"] == "assistant" for m in self._user()["transcript"])
        return has_answer and any(w in low for w in FEEDBACK_WORDS + POSITIVE_WORDS)

    def send(
        self,
        text: str,
        *,
        mode: Mode = "auto",
        on_token: TokenFn | None = None,
        on_draft: DraftFn | None = None,
        generate: bool = True,
    ) -> TurnResult:
        with self._lock:
            self.alpha_calls.append(self.alpha)
            text = self._check(text)
            self.sent.append((mode, text))
            if self._is_feedback(text, mode):
                return self._feedback(text, on_token, generate)
            return self._request(text, on_token, on_draft, generate)

    def _request(
        self, text: str, on_token: TokenFn | None, on_draft: DraftFn | None, generate: bool
    ) -> TurnResult:
        cands = self._candidates(text)
        self.last = (text, cands)
        answer = next(c.text for c in cands if c.chosen) if generate else None
        if answer and self.drafts:
            self._draft([c.text for c in cands], on_draft)
        if answer:
            self._stream(answer, on_token)
        self._append(("user", text), ("assistant", answer))
        notes = [] if self.prior_loaded else ["group prior not loaded"]
        return TurnResult(kind="request", answer=answer, candidates=cands, notes=notes)

    def _feedback(self, text: str, on_token: TokenFn | None, generate: bool) -> TurnResult:
        low = text.lower()
        sign = (
            -1
            if any(w in low for w in NEGATIVE_WORDS)
            else int(any(w in low for w in POSITIVE_WORDS))
        )
        directive = None if any(w in low for w in POSITIVE_WORDS) else text
        before = self.summary()
        after, diff, answer = before, [], None
        if directive:
            after = (before + "\n" if before else "") + f"- {directive}"
            diff = [f"+ - {directive}"]
            self._push_version(after, cause=directive, kind="feedback")
            if generate:
                answer = f"Revised, following *{directive}*."
                self._stream(answer, on_token)
        self._append(("user", text), ("assistant", answer))
        return TurnResult(
            kind="feedback", answer=answer, sign=sign, score=float(sign), directive=directive,
            summary_before=before, summary_after=after, summary_diff=diff, revised=answer is not None,
        )  # fmt: skip

    def _append(self, *messages: tuple[str, str | None]) -> None:
        for role, content in messages:
            if content is not None:
                self._user()["transcript"].append({"role": role, "content": content})
        self._save()

    def score(
        self, prompt: str, candidates: list[str], alpha: float | None = None
    ) -> list[CandidateView]:
        self.alpha_calls.append(self.alpha if alpha is None else alpha)
        return self._candidates(prompt)

    def rerank(self, alpha: float | None = None) -> Reranked:
        alpha = self.alpha if alpha is None else alpha
        self.reranked.append(alpha)
        prompt, kept = self.last or ("", [])
        return rerank(lambda p, _c, a: self._candidates(p, a), prompt, kept, alpha)

    def group_info(self) -> str:
        return self.group if self.prior_loaded else ""

    def thumbs(self, up: bool) -> TurnResult:
        if self.fail_next:
            self.fail_next = False
            raise LLMError("fake endpoint unreachable", hint="start the server")
        if not any(m["role"] == "assistant" for m in self._user()["transcript"]):
            raise ValueError("nothing to rate yet: ask something first")
        sign = 1 if up else -1
        return TurnResult(kind="feedback", sign=sign, score=float(sign))

    # summary -----------------------------------------------------------------------------
    def _push_version(self, text: str, *, cause: str, kind: str) -> SummaryVersionView:
        hist = self._user()["history"]
        entry = {
            "version": len(hist) + 1,
            "time": f"2025-01-01 12:{len(hist):02d}",  # fixed clock: snapshots stay stable
            "text": text,
            "cause": cause,
            "kind": kind,
        }
        hist.append(entry)
        self._save()
        return SummaryVersionView(**entry)

    def views(self) -> list[str]:
        """Lines the fake reads as views: "I think …" / "I believe …" (the real one uses a model)."""
        return [
            x
            for x in self.summary().splitlines()
            if x.lstrip("- ").startswith(("I think", "I believe"))
        ]

    def summary(self) -> str:
        hist = self._user()["history"]
        return hist[-1]["text"] if hist else ""

    def summary_history(self) -> list[SummaryVersionView]:
        return [SummaryVersionView(**e) for e in self._user()["history"]]

    def edit_summary(self, text: str) -> SummaryVersionView:
        if len(text) > 1200:
            raise ValueError(f"summary is {len(text)} characters; keep it under 1200")
        return self._push_version(text.strip(), cause="edited by you", kind="edit")

    def undo_summary(self) -> SummaryVersionView | None:
        hist = self._user()["history"]
        if not hist:
            return None
        previous = hist[-2]["text"] if len(hist) > 1 else ""
        return self._push_version(previous, cause=f"undo of v{hist[-1]['version']}", kind="undo")

    # user --------------------------------------------------------------------------------
    def set_alpha(self, alpha: float) -> float:
        if not 0.0 <= alpha <= 1.0:
            raise ValueError(f"alpha {alpha} is outside 0..1")
        self._user()["alpha"] = round(alpha, 2)
        self._save()
        return self.alpha

    def switch_user(self, user_id: str) -> None:
        if not user_id.strip() or len(user_id) > 64:
            raise ValueError(f"user {user_id!r}: use 1-64 printable characters")
        self.user_id = user_id.strip()
        self._user()
        self._save()

    def users(self) -> list[str]:
        return sorted(self._data["users"])

    def new_conversation(self) -> None:
        self._user()["transcript"] = []
        self._save()

    def transcript(self) -> list[dict]:
        return [dict(m) for m in self._user()["transcript"]]

    def export(self) -> dict:
        user = json.loads(json.dumps(self._user()))
        conversations = (
            [{"thread": "0", "messages": user["transcript"]}] if user["transcript"] else []
        )
        return {"user_id": self.user_id, **user, "conversations": conversations}

    def forget(self) -> dict[str, int]:
        """Counts by kind, like the real store: one statement per feedback-made summary version."""
        gone = self._data["users"].pop(self.user_id, None) or {"history": [], "transcript": []}
        self._user()
        self._save()
        return {
            "statements": sum(v["kind"] == "feedback" for v in gone["history"]),
            "summary versions": len(gone["history"]),
            "profiles": int("alpha" in gone),
            "conversations": int(bool(gone["transcript"])),
        }

    # standing and onboarding -------------------------------------------------------------
    def standing(self) -> list[Dimension]:
        if not self.prior_loaded:
            return []
        answered = self._user()["answered"]
        shift = {"a": -0.3, "b": 0.3, "tie": 0.0}
        dims = []
        for i, label in enumerate(DIMENSIONS):
            qid = QUESTIONS[i][0]
            mean = shift.get(answered.get(qid, "tie"), 0.0)
            sd = 0.2 if qid in answered else 0.6
            dims.append(Dimension(label, mean, sd, 0.0, 0.5, protected=label == PROTECTED))
        return dims

    def onboarding_question(self) -> OnboardingQuestion | None:
        if not self.prior_loaded:
            return None
        answered = self._user()["answered"]
        for n, (qid, prompt, a, b) in enumerate(QUESTIONS, start=1):
            if qid not in answered:
                return OnboardingQuestion(qid, prompt, a, b, n, len(QUESTIONS))
        return None

    def answer_onboarding(self, question_id: str, choice: Literal["a", "b", "tie"]) -> None:
        if choice not in ("a", "b", "tie"):
            raise ValueError(f"choice {choice!r}: use a, b or tie")
        self._user()["answered"][question_id] = choice
        self._save()
