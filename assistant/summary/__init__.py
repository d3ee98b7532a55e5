"""The per-user text preference summary: lines, axes, merge, bound, diff, and how it is shown."""

from assistant.summary.axes import AXES, Axis, classify, is_content
from assistant.summary.changes import SummaryChange, change_summary
from assistant.summary.lines import MAX_LINES, directive_lines, parse, render
from assistant.summary.merge import (
    bound,
    diff,
    is_lasting,
    merge_directive,
    update_summary,
    validate_rewrite,
)
from assistant.summary.views import for_scoring, prompt_block

__all__ = [
    "AXES",
    "MAX_LINES",
    "Axis",
    "SummaryChange",
    "change_summary",
    "bound",
    "classify",
    "diff",
    "directive_lines",
    "for_scoring",
    "is_content",
    "is_lasting",
    "merge_directive",
    "parse",
    "prompt_block",
    "render",
    "update_summary",
    "validate_rewrite",
]
