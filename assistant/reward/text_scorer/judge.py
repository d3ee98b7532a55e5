"""The optional LLM judge: a capable model rates how well each answer respects the preferences."""

from __future__ import annotations

import re

import numpy as np

from assistant.llm.base import LLM, LLMError
from assistant.prompts import PREFERENCE_JUDGE


def judge_with_llm(
    llm: LLM, lines: list[str], prompt: str, responses: list[str]
) -> np.ndarray | None:
    """A capable LLM rates each answer 1-10, mapped to [-1, 1]; None (fall back to the trained
    scorer) on any failure or a reply without a rating."""
    prefs = "\n".join(f"- {line}" for line in lines)
    out = []
    for answer in responses:
        msg = PREFERENCE_JUDGE.format(prefs=prefs, prompt=prompt, answer=answer)
        try:
            reply = llm.chat([{"role": "user", "content": msg}], max_tokens=4, temperature=0.0)
        except LLMError:
            return None
        match = re.search(r"\b(10|[1-9])\b", reply or "")
        if match is None:
            return None
        out.append((int(match.group(1)) - 5.5) / 4.5)
    return np.asarray(out, dtype=np.float32)
