"""The system prompt and history for a turn, built from assistant.prompts' text; the summary and
recalled statements enter only as quoted data."""

from __future__ import annotations

from assistant import prompts
from assistant.safety import looks_like_injection, requests_sycophancy
from assistant.summary import prompt_block

HISTORY_TURNS = 6
"""How many recent messages travel with each request (the small local model has a short context)."""


def system_prompt(state: dict) -> str:
    """BASE_RULES first, then the summary block, recalled statements, and the revision directive."""
    parts = [prompts.BASE_RULES]
    summary = state.get("summary", "")
    block = prompt_block(summary)
    if block:
        parts.append(block)
    recalled = [
        r
        for r in state.get("recalled", [])
        if r and r not in summary and not looks_like_injection(r) and not requests_sycophancy(r)
    ]
    if recalled:
        parts.append(prompts.RECALL_HEADER + "\n" + "\n".join(f'- "{r[:300]}"' for r in recalled))
    if state.get("revising") and state.get("directive"):
        parts.append(f'{prompts.REVISE_HEADER} "{state["directive"][:500]}"')
    return "\n\n".join(parts)


def history(state: dict) -> list[dict]:
    """Recent request/answer messages (feedback turns left out); none when revising."""
    if state.get("revising"):
        return []
    return [
        {"role": m["role"], "content": m["content"]}
        for m in state.get("messages", [])[-HISTORY_TURNS:]
        if m.get("kind", "request") == "request"
    ]
