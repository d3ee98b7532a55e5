"""The same-run lanes of benchmarks.summary_updates: the product without one of its parts.

Each entry of PARTS is [(module, name, stand-in)]; `off` patches them in for the turns it wraps.
The module each patch names says what the part does."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from unittest import mock

import graph.nodes
import graph.retire
from assistant.feedback import amounts, cues, left_out, request_facts, stored_pieces
from assistant.summary import axes, merge, moved, relations, stale

_ONLY_WHEN_I_ASK = re.compile(r"(?i)^(?:(?:also|and|oh|plus)\s+)?(?:when(?:ever)?|if|any ?time|every time) i (?:ask|paste|send|share|want|need|request)\b[^?]*$(?P<all>(?!))?")  # fmt: skip
"""cues.WHEN_I_ASK before it took a way of answering every ask of a kind (stop 46)."""

_HE_ROLE_BEFORE = re.compile(rf"{stale._HE.pattern}|(?i:\b(?:brother|son|husband|dad|father|boyfriend|grandpa|grandfather|uncle|nephew|stepson|stepdad|fiancé|boy)s?\b)")  # fmt: skip
_SHE_ROLE_BEFORE = re.compile(rf"{stale._SHE.pattern}|(?i:\b(?:sister|daughter|wife|mom|mum|mother|girlfriend|grandma|grandmother|aunt|niece|stepdaughter|stepmom|fiancée|girl)s?\b)")  # fmt: skip
"""stale's relation words before they were references' own (stop 47)."""
_VOTES = axes._votes


def _without_child(axis: axes.Axis) -> axes.Axis:
    """The axis without 'like I'm 12' (axes.LIKE_A_CHILD, stop 47)."""
    terms = tuple(t for t in axis.terms if t[0] != axes.LIKE_A_CHILD)
    return dataclasses.replace(axis, terms=terms)


PARTS = {
    "list_edits_off": [(graph.retire, "edit_lists", lambda before, after, text: (list(after), []))],
    "stored_pieces_off": [(stored_pieces, "shipped", lambda classifier: None)],
    "left_out_off": [(graph.nodes, "with_left_out", lambda text, directive, *a: directive)],
    "moved_off": [(moved, "moved_value", lambda line, stored: None)],
    "levels_off": [(graph.retire, "edit_levels", lambda before, after, text: (list(after), []))],
    "endings_off": [(graph.retire, "without_endings", lambda before, lines: (list(lines), []))],
    "then_now_off": [(graph.retire, "as_now", lambda line: line)],
    "allows_part_off": [(merge, "allows_a_part", lambda line, undone: False)],
    "still_change_off": [(left_out, "beside_still", lambda part, directive: False)],
    "when_i_ask_off": [(cues, "WHEN_I_ASK", re.compile(r"(?!)"))],
    "every_ask_off": [(cues, "WHEN_I_ASK", _ONLY_WHEN_I_ASK)],
    "other_person_off": [(stale, "_gender", lambda he, she, text: None)],
    "role_words_before": [
        (stale, "_HE_ROLE", _HE_ROLE_BEFORE),
        (stale, "_SHE_ROLE", _SHE_ROLE_BEFORE),
    ],
    "named_someone_off": [
        (request_facts, "names_someone", lambda piece: False),
        (amounts, "named", lambda piece: None),
    ],
    "technical_slot_off": [(relations, "VALUE_SLOTS", relations.VALUE_SLOTS - {"technical"})],
    "like_a_child_off": [(axes, "_votes", lambda low, axis: _VOTES(low, _without_child(axis)))],
    "said_same_off": [
        (graph.retire, "kept_as_said", lambda before, after, text: (list(after), [])),
        (merge, "only_says_same", lambda line: False),
    ],
}
"""The same-run lanes without one part: [(module, name, stand-in)]; each module says what the
part does."""


@contextmanager
def off(*names: str) -> Iterator[None]:
    """Turns without the named parts (PARTS)."""
    with ExitStack() as stack:
        for name in names:
            for patch in PARTS[name]:
                stack.enter_context(mock.patch.object(*patch))
        yield
