"""The one small LLM interface every backend implements: chat, stream, sample N; and the events a
turn streams while its drafts are written (LangGraph custom stream, `stream_mode="custom"`):

    {"draft": i, "token": str}   best-of-N draft i (0-based, in the order drafts were started) grew
                                 by `token`; drafts may interleave; shown provisionally, before
                                 ranking (only when N > 1: a single draft is the answer itself)
    {"draft": i, "done": True, "text": str, "stopped": str | None, "degenerate": str | None}
                                 draft i is final: `text` replaces what its pieces spelled (stop
                                 rules cut it: stopped = "sentences" | "words" | "loop" | "budget");
                                 `degenerate` says why it cannot win ("loops", "empty", ...)
    {"chosen": i, "n": N}        ranking is done: draft i is the answer (never a degenerate draft
                                 while a sane one exists)
    {"token": str}               the answer itself, in order: live when N = 1, otherwise the
                                 ranked winner revealed after "chosen"

Events without "token" carry no text to append; a consumer that reads only {"token"} events
without "draft" sees exactly the answer, once."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol, TypedDict, runtime_checkable


class Message(TypedDict):
    role: str  # "system" | "user" | "assistant"
    content: str


class LLMError(RuntimeError):
    """A failure the user can act on (unreachable endpoint, bad key, unknown model, timeout,
    missing model file). `hint` says what to do."""

    def __init__(self, message: str, *, hint: str = "", retryable: bool = False):
        super().__init__(message)
        self.hint = hint
        self.retryable = retryable

    def __str__(self) -> str:
        base = super().__str__()
        return f"{base} — {self.hint}" if self.hint else base


@runtime_checkable
class LLM(Protocol):
    name: str
    """Human-readable, e.g. 'local: SmolLM2-135M-Instruct (llama.cpp)'."""
    capable: bool
    """True if it can follow structured instructions (rewrite a summary, judge); the embedded
    135M model is not, and nothing may depend on it being smart."""

    def chat(
        self,
        messages: Sequence[Message],
        *,
        max_tokens: int | None = None,
        temperature: float | None = None,
        seed: int | None = None,
    ) -> str: ...

    def stream(
        self,
        messages: Sequence[Message],
        *,
        max_tokens: int | None = None,
        temperature: float | None = None,
        seed: int | None = None,
    ) -> Iterator[str]: ...

    def sample(
        self,
        messages: Sequence[Message],
        n: int,
        *,
        max_tokens: int | None = None,
        temperature: float | None = None,
        seed: int | None = None,
    ) -> list[str]: ...


OnPiece = Callable[[int, str], None]
"""on_piece(draft_index, text): a draft grew by `text`."""


@dataclass(frozen=True)
class Draft:
    """One written draft: its final text, and why decoding stopped early (if it did)."""

    index: int
    text: str
    stopped: str | None = None
