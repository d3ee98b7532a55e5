"""The one way a summary changes: feedback directives, onboarding answers and the user's own edits
all go through change_summary, which says what changed and why; the caller stores the result."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from assistant.summary.merge import diff, merge_directive, update_summary
from assistant.text import clean_message

ChangeKind = Literal["directive", "onboarding", "edit"]


@dataclass(frozen=True)
class SummaryChange:
    before: str
    after: str
    kind: ChangeKind
    cause: str
    """What caused it, in the user's words where there are some (kept in the history)."""
    method: str
    """merge | llm | edit: how the new text was made."""

    @property
    def changed(self) -> bool:
        return self.after != self.before

    @property
    def diff(self) -> list[str]:
        return diff(self.before, self.after)


def change_summary(
    before: str,
    change: str | Sequence[str],
    *,
    kind: ChangeKind,
    cause: str,
    max_chars: int,
    llm=None,
) -> SummaryChange:
    """directive: merge one directive (an LLM rewrite when `llm` is capable and it validates);
    onboarding: merge each line; edit: the user's own text replaces the summary, kept as typed or
    refused whole (never silently trimmed)."""
    if kind == "edit":
        text = str(change)
        after = clean_message(text, max_chars=max_chars) if text.strip() else ""
        return SummaryChange(before, after, kind, cause, "edit")
    if kind == "onboarding":
        after = before
        for line in [change] if isinstance(change, str) else change:
            after = merge_directive(after, line, max_chars=max_chars)
        return SummaryChange(before, after, kind, cause, "merge")
    if kind == "directive":
        after, method = update_summary(before, str(change), llm=llm, max_chars=max_chars)
        return SummaryChange(before, after, kind, cause, method)
    raise ValueError(f"unknown summary change kind {kind!r}")
