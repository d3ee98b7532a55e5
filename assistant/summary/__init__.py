"""The per-user text preference summary: lines, slots, line relations, merge, bound, diff, and how
it is shown."""

from assistant.summary.axes import AXES, Axis, classify, is_content
from assistant.summary.changes import SummaryChange, change_summary
from assistant.summary.clauses import only_remarks
from assistant.summary.contrast import with_corrections, without_rejected
from assistant.summary.lasting import is_lasting
from assistant.summary.lines import MAX_LINES, directive_lines, is_fragment, parse, render
from assistant.summary.merge import (
    LineChange,
    about_stored,
    about_stored_person,
    bound,
    changes_stored,
    changes_stored_by_rule,
    diff,
    is_retraction,
    merge_directive,
    merge_lines,
    merge_summary,
)
from assistant.summary.quantities import new_amount
from assistant.summary.references import directive_from_request, repeats_request
from assistant.summary.relations import RELATIONS, relate
from assistant.summary.restore import earlier_value, restore_summary, restores
from assistant.summary.retraction import only_takes_back
from assistant.summary.rewrite import update_summary, validate_rewrite
from assistant.summary.slots import Slot, scope, slots
from assistant.summary.views import for_scoring, prompt_block, still_said

__all__ = [
    "with_corrections",
    "without_rejected",
    "AXES",
    "MAX_LINES",
    "RELATIONS",
    "Axis",
    "LineChange",
    "about_stored",
    "only_remarks",
    "about_stored_person",
    "Slot",
    "SummaryChange",
    "bound",
    "change_summary",
    "changes_stored",
    "changes_stored_by_rule",
    "classify",
    "diff",
    "earlier_value",
    "directive_from_request",
    "repeats_request",
    "directive_lines",
    "for_scoring",
    "is_content",
    "is_fragment",
    "is_lasting",
    "is_retraction",
    "new_amount",
    "only_takes_back",
    "merge_directive",
    "merge_lines",
    "merge_summary",
    "parse",
    "prompt_block",
    "relate",
    "restore_summary",
    "restores",
    "render",
    "scope",
    "slots",
    "still_said",
    "update_summary",
    "validate_rewrite",
]
