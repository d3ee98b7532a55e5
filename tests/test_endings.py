"""A new line that only says something ended is not kept once the summary no longer holds what
ended (assistant.summary.endings): cases written for it."""

from __future__ import annotations

import pytest

import graph.retire
from assistant.summary.endings import only_ended, without_endings
from tests.lanes import summaries_with_and_without


@pytest.mark.parametrize(
    ("line", "ended"),
    [
        ("Tomek left.", True),
        ("I've left Peru.", True),
        ("Our lodger moved out last week.", True),
        ("Sunita's moved away, sadly.", True),
        ("He quit.", True),
        ("My grandad passed away.", False),  # a death is remembered
        ("I left nursing and teach yoga now.", False),  # says what holds now too
        ("Nothing left to add.", False),
        ("Turn left after the bridge.", False),
    ],
)
def test_a_line_that_only_says_something_ended(line, ended):
    assert only_ended(line) is ended


def test_it_goes_when_the_turn_ended_the_stored_line():
    before = ["I live in Cusco, Peru.", "Use metric units."]
    lines = ["Use metric units.", "I've left Peru."]
    assert without_endings(before, lines) == (["Use metric units."], ["I've left Peru."])


def test_it_stays_when_the_turn_ended_nothing_stored():
    before = ["My cleaner Tomek comes on fridays."]
    lines = ["My cleaner Tomek comes on fridays.", "Tomek left."]
    assert without_endings(before, lines) == (lines, [])


def test_it_stays_when_a_line_left_still_names_what_ended():
    before = ["Send updates to my manager Tomek.", "Use bullets."]
    lines = ["Use bullets.", "Tomek left.", "Tomek's replacement is Ola."]
    assert without_endings(before, lines) == (lines, [])


def test_a_line_that_only_says_what_ended_is_not_stored_in_a_session_and_is_without_it(session):
    steps = ["when I ask for emails to my manager, her name is Ines and she likes them short",
             "Ines left, my new manager is Ola, and she prefers detailed emails"]  # fmt: skip
    summary, without = summaries_with_and_without(
        session, steps, graph.retire, "without_endings", lambda b, lines: (list(lines), [])
    )
    assert "ines left" in without  # the test means something only if the merge stores the line
    assert "ines" not in summary and "ola" in summary
