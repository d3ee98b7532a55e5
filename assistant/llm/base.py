"""The one small LLM interface every backend implements: chat, stream, sample N."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
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
