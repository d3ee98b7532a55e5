"""A way of answering said with how the user always uses the answers ('write math in latex
please, I render it in obsidian'; 'no markdown, I paste everything into word'): the habit makes
the rule lasting even inside a request."""

from __future__ import annotations

import re

_HABIT = re.compile(
    r"(?i),\s*(?:since |because |as |cause |cuz )?i (?:always |usually |mostly |often |just )?"
    r"(?:render|read|paste|copy|print|view|open|listen to|import|export|display) (?:it|them|these|"
    r"those|everything|your|the|all|my)\b"
)

_TASK = re.compile(
    r"(?i)^(?:please )?(?:write|make|give|draft|create|plan|tell|find|summari[sz]e|translate|"
    r"explain|suggest|recommend)(?: me| us)? (?:a|an|the|some|this|that|these|those|my|it)\b"
)
"""'write me a poem, I read it to my kids': a task for now, whatever the habit."""


def rules_with_habit(piece: str) -> list[str]:
    """The rules before a habit that says why they hold ([] without one)."""
    from assistant.feedback.directive import lines_with_kinds

    m = _HABIT.search(piece)
    if not m:
        return []
    return [
        x
        for x, kind in lines_with_kinds(piece[: m.start()])
        if kind in ("cue", "slot") and not _TASK.match(x)
    ]
