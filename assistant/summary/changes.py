"""The one way a summary changes: feedback directives, onboarding answers and the user's own edits
all go through change_summary, which says what changed and why; the caller stores the result."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from assistant.summary.contrast import corrections
from assistant.summary.lines import directive_lines, parse, render
from assistant.summary.merge import LineChange, diff, merge_summary
from assistant.summary.rewrite import update_summary_with_changes
from assistant.text import clean_message

ChangeKind = Literal["directive", "onboarding", "edit"]
CAUSE_CHARS = 900
"""The history keeps causes up to 1,000 characters (memory.validate.CAUSE_MAX)."""


@dataclass(frozen=True)
class SummaryChange:
    before: str
    after: str
    kind: ChangeKind
    cause: str
    """What caused it, in the user's words where there are some, then one line per existing line
    that went and why ("replaced 'Answer in Spanish.' (superseded by: Go back to English.)")."""
    method: str
    """merge | llm | edit: how the new text was made."""
    replaced: list[LineChange] = field(default_factory=list)
    """The lines this change superseded or retracted, with the line that did it."""

    @property
    def changed(self) -> bool:
        return self.after != self.before

    @property
    def diff(self) -> list[str]:
        return diff(self.before, self.after)


def describe(cause: str, changes: Sequence[LineChange]) -> str:
    """The history's cause: the user's words, then what each removed line gave way to."""
    notes = [c.describe() for c in changes if c.relation != "duplicate"]
    text = "\n".join([cause.strip(), *notes]) if notes else cause
    return text if len(text) <= CAUSE_CHARS else text[: CAUSE_CHARS - 1].rsplit(" ", 1)[0] + "…"


def change_summary(
    before: str,
    change: str | Sequence[str],
    *,
    kind: ChangeKind,
    cause: str,
    max_chars: int,
    llm=None,
    encoder=None,
) -> SummaryChange:
    """directive: merge one directive (an LLM rewrite when `llm` is capable and it validates);
    onboarding: merge each line; edit: the user's own text replaces the summary, kept as typed or
    refused whole (never silently trimmed)."""
    if kind == "edit":
        text = str(change)
        after = clean_message(text, max_chars=max_chars) if text.strip() else ""
        return SummaryChange(before, after, kind, cause, "edit")
    if kind == "onboarding":
        after, changes = before, []
        for line in [change] if isinstance(change, str) else change:
            after, more = merge_summary(after, line, max_chars=max_chars, encoder=encoder)
            changes += more
        gone = [c for c in changes if c.relation != "duplicate"]
        return SummaryChange(before, after, kind, describe(cause, changes), "merge", gone)
    if kind == "directive":
        # 'it's walnuts she's allergic to, not sesame': the stored line it corrects goes, whatever
        # the merge would make of two allergies
        lines, wanted = parse(before), directive_lines(str(change))
        fixed = [
            LineChange(o, n, "supersedes") for o, n in corrections(lines, cause) if n in wanted
        ]
        start = render([x for x in lines if x not in {c.old for c in fixed}]) if fixed else before
        (after, method), changes = update_summary_with_changes(
            start, str(change), llm=llm, max_chars=max_chars, encoder=encoder
        )
        gone = fixed + [c for c in changes if c.relation != "duplicate"]
        return SummaryChange(before, after, kind, describe(cause, gone), method, gone)
    raise ValueError(f"unknown summary change kind {kind!r}")
