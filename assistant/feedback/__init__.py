"""Route a message (new request or feedback), and split feedback into a signed score, a directive
and whether that directive lasts."""

from assistant.feedback.amounts import amount_and_rules
from assistant.feedback.classifier import (
    MAX_REQUEST_AS_FEEDBACK,
    PACKAGED_HEADS_DIR,
    FeedbackClassifier,
    FeedbackSplit,
    choose_threshold,
    train_heads,
)
from assistant.feedback.continued import continues_rule, only_a_question, what_follows
from assistant.feedback.cues import (
    asks_for_something,
    only_this_answer,
    parse_explicit,
    points_at_answer,
)
from assistant.feedback.data import DATA_PATH, LASTING_PATH, load_lasting_rows, load_rows
from assistant.feedback.directive import (
    MAX_DIRECTIVE_CHARS,
    extract_directive,
    find_directive,
)
from assistant.feedback.lasting import (
    adds_to_rules,
    asks_a_question,
    facts_beside_one_off,
    said_once,
    updates_stored,
    what_lasts,
)
from assistant.feedback.left_out import with_left_out
from assistant.feedback.request_facts import (
    facts_in_request,
    said_for_good,
    stated_in_request,
)
from assistant.feedback.request_updates import update_in_request
from assistant.feedback.shorthand import spelled_out
from assistant.feedback.tasks import only_asks, without_tasks


def build() -> None:
    """Rebuild the heads shipped in the package (`python -m assistant.feedback`)."""
    print(FeedbackClassifier.build_packaged())


__all__ = [
    "DATA_PATH",
    "LASTING_PATH",
    "MAX_DIRECTIVE_CHARS",
    "MAX_REQUEST_AS_FEEDBACK",
    "PACKAGED_HEADS_DIR",
    "FeedbackClassifier",
    "FeedbackSplit",
    "amount_and_rules",
    "build",
    "choose_threshold",
    "continues_rule",
    "only_a_question",
    "extract_directive",
    "facts_in_request",
    "said_for_good",
    "stated_in_request",
    "update_in_request",
    "updates_stored",
    "what_lasts",
    "with_left_out",
    "without_tasks",
    "only_asks",
    "facts_beside_one_off",
    "said_once",
    "adds_to_rules",
    "find_directive",
    "load_lasting_rows",
    "load_rows",
    "only_this_answer",
    "asks_a_question",
    "asks_for_something",
    "parse_explicit",
    "points_at_answer",
    "spelled_out",
    "train_heads",
    "what_follows",
]
