"""A deterministic offline backend ("echo"): answers depend only on the input. For dry runs, demos
on machines without the model, benchmarks and tests; it never pretends to be smart."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence

from assistant.constraints import Rules
from assistant.llm.base import Draft, LLMError, Message, OnPiece

DRAFTS = ("Sure.", "Here is a short answer.", "Here is a much longer and more detailed answer.")


class EchoLLM:
    """Answers `<draft> echo: <last user message> [sys:<digest of the system prompt>]`, so a caller
    can see what the model was told. `fail=True` raises LLMError like an unreachable endpoint;
    `reply` fixes every answer."""

    name = "echo (deterministic, offline)"

    def __init__(self, *, capable: bool = False, fail: bool = False, reply: str | None = None):
        self.capable = capable
        self.fail = fail
        self.reply = reply
        self.calls: list[list[Message]] = []

    def _answer(self, messages: Sequence[Message], variant: int = 0) -> str:
        self.calls.append([dict(m) for m in messages])  # type: ignore[misc]
        if self.fail:
            raise LLMError(
                "echo endpoint unreachable (set to fail)", hint="start the server", retryable=True
            )
        if self.reply is not None:
            return self.reply
        system = next((m["content"] for m in messages if m["role"] == "system"), "")
        last = next((m["content"] for m in reversed(messages) if m["role"] == "user"), "")
        digest = hashlib.sha1(system.encode()).hexdigest()[:6]
        extra = f" (take {variant + 1})" if variant >= len(DRAFTS) else ""
        return f"{DRAFTS[variant % len(DRAFTS)]}{extra} echo: {last[:80]} [sys:{digest}]"

    @property
    def last_system_prompt(self) -> str:
        for m in self.calls[-1] if self.calls else []:
            if m["role"] == "system":
                return m["content"]
        return ""

    def chat(self, messages, *, max_tokens=None, temperature=None, seed=None) -> str:
        return self._answer(messages)

    def stream(self, messages, *, max_tokens=None, temperature=None, seed=None) -> Iterator[str]:
        text = self._answer(messages)
        for i in range(0, len(text), 7):
            yield text[i : i + 7]

    def sample(self, messages, n, *, max_tokens=None, temperature=None, seed=None) -> list[str]:
        return [self._answer(messages, variant=i) for i in range(n)]

    def write_drafts(
        self,
        messages: Sequence[Message],
        n: int,
        rules: Rules,
        on_piece: OnPiece,
        *,
        max_tokens: int,
        temperature: float | None = None,
        seed: int | None = None,
    ) -> list[Draft]:
        """The n sample() answers, each streamed in pieces through its own Watch, one after another."""
        drafts = []
        for i, text in enumerate(self.sample(messages, n)):
            watch = rules.watch()
            for at in range(0, len(text), 7):
                shown, stop = watch.feed(text[at : at + 7])
                if shown:
                    on_piece(i, shown)
                if stop:
                    break
            drafts.append(Draft(i, watch.finish(), watch.stopped))
        return drafts
