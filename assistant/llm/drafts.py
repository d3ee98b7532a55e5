"""Best-of-N drafts for any backend, written under the summary's constraints (assistant.constraints).

A backend with its own `write_drafts` (the embedded llama.cpp one: every draft streams, tokens can
be banned, the prompt's KV cache is reused) is used as it is. Any other backend streams the first
draft live, stopped early by its Watch, and samples the rest in one call (one request with n= for
an endpoint, one batched generate for transformers), cut by the same rules afterwards: text shows
within a second and best-of-N costs little more than one answer."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.constraints import Rules
from assistant.llm.base import LLM, Draft, Message, OnPiece


def _silent(_i: int, _text: str) -> None:
    return None


def write_drafts(
    llm: LLM,
    messages: Sequence[Message],
    n: int,
    rules: Rules | None = None,
    on_piece: OnPiece | None = None,
    *,
    max_tokens: int,
    temperature: float | None = None,
    seed: int | None = None,
) -> list[Draft]:
    """n drafts (n ≥ 1) of an answer to `messages`, each obeying `rules`; `on_piece(i, text)` as
    draft i grows. The token budget is `max_tokens` lowered to what the rules need."""
    if n < 1:
        raise ValueError(f"write_drafts: n = {n}; ask for at least 1 draft")
    rules = rules or Rules()
    on_piece = on_piece or _silent
    budget = rules.max_tokens(max_tokens)
    own = getattr(llm, "write_drafts", None)
    if callable(own):
        return own(
            messages, n, rules, on_piece, max_tokens=budget, temperature=temperature, seed=seed
        )
    watch = rules.watch()
    stream = llm.stream(messages, max_tokens=budget, temperature=temperature, seed=seed)
    try:
        for piece in stream:
            shown, stop = watch.feed(piece)
            if shown:
                on_piece(0, shown)
            if stop:
                break
    finally:
        close = getattr(stream, "close", None)
        if close is not None:
            close()  # stops the backend generating (transformers) or drops the connection
    drafts = [Draft(0, watch.finish(), watch.stopped)]
    if n > 1:
        later = None if seed is None else seed + 1  # not the first draft's seed again
        more = llm.sample(messages, n - 1, max_tokens=budget, temperature=temperature, seed=later)
        for i, text in enumerate(more, start=1):
            watch = rules.watch()
            watch.feed(text)
            final = watch.finish()
            on_piece(i, final)
            drafts.append(Draft(i, final, watch.stopped))
    return drafts
