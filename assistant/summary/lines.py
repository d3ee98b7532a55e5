"""A summary as lines: parse, render, split a directive into lines, compare lines."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.text import clean_line

MAX_LINE_CHARS = 300
MAX_LINES = 40


def _clean_line(line: str) -> str:
    line = clean_line(line)
    if len(line) > MAX_LINE_CHARS:
        line = line[:MAX_LINE_CHARS].rsplit(" ", 1)[0] + "…"
    return line


def parse(summary: str) -> list[str]:
    """Bullet lines of a summary ('- a\\n- b'); tolerant of '*', '•', '1.' and unbulleted lines."""
    if not summary:
        return []
    lines = []
    for raw in str(summary).splitlines():
        line = _clean_line(re.sub(r"^\s*(?:[-*•]|\d+[.)])\s*", "", raw))
        if line:
            lines.append(line)
    return lines


def render(lines: Sequence[str]) -> str:
    """The summary text: one '- ' bullet per line."""
    return "\n".join(f"- {line}" for line in (_clean_line(x) for x in lines) if line)


def sentence(text: str) -> str:
    text = _clean_line(text).strip(" ;,")
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?…" else text + "."


def directive_lines(directive: str) -> list[str]:
    """'Keep answers short; skip bullet points.' → ['Keep answers short.', 'Skip bullet points.']"""
    parts = re.split(r"\s*;\s*|\n+|(?<=[.!?])\s+(?=[A-Z])", directive)
    out = []
    for part in parts:
        line = sentence(re.sub(r"^\s*(?:[-*•]|\d+[.)])\s*", "", part))
        if line and norm(line) not in {norm(x) for x in out}:
            out.append(line)
    return out


def norm(line: str) -> str:
    return " ".join(re.findall(r"[a-z0-9']+", line.lower()))


def similar(a: str, b: str, threshold: float = 0.8) -> bool:
    wa, wb = set(norm(a).split()), set(norm(b).split())
    if not wa or not wb:
        return wa == wb
    return len(wa & wb) / len(wa | wb) >= threshold
