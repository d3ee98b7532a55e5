"""The system prompt and history for a turn, built from assistant.prompts' text; the summary and
recalled statements enter only as quoted data."""

from __future__ import annotations

from assistant import prompts
from assistant.safety import looks_like_injection, requests_sycophancy
from assistant.summary import prompt_block, still_said

HISTORY_TOKENS = 400
"""Roughly how many tokens of recent conversation travel with each request. Bounded by size, not
by message count: a long answer must not push the prompt past what the small local model reads
quickly (its KV cache keeps the rest, so a turn reads only its new tokens)."""
CHARS_PER_TOKEN = 3.5


def system_prompt(state: dict) -> str:
    """BASE_RULES first, then the summary block, recalled statements, and the revision directive."""
    parts = [prompts.BASE_RULES]
    summary = state.get("summary", "")
    block = prompt_block(summary, views=state.get("views", []))
    if block:
        parts.append(block)
    recalled = [
        r
        for r in state.get("recalled", [])
        if r
        and r not in summary
        and still_said(r, summary)  # what the summary replaced or dropped is not brought back
        and not looks_like_injection(r)
        and not requests_sycophancy(r)
    ]
    if recalled:
        parts.append(prompts.RECALL_HEADER + "\n" + "\n".join(f'- "{r[:300]}"' for r in recalled))
    if state.get("revising") and state.get("directive"):
        parts.append(f'{prompts.REVISE_HEADER} "{state["directive"][:500]}"')
    return "\n\n".join(parts)


def history(state: dict, budget: int = HISTORY_TOKENS) -> list[dict]:
    """The most recent request/answer messages that fit `budget` tokens (feedback turns left out),
    whole and starting with a request; none when revising."""
    if state.get("revising"):
        return []
    kept = [
        {"role": m["role"], "content": m["content"]}
        for m in state.get("messages", [])
        if m.get("kind", "request") == "request"
    ]
    used, start = 0.0, len(kept)
    while start > 0 and used + len(kept[start - 1]["content"]) / CHARS_PER_TOKEN <= budget:
        start -= 1
        used += len(kept[start]["content"]) / CHARS_PER_TOKEN
    while start < len(kept) and kept[start]["role"] != "user":
        start += 1
    return kept[start:]
