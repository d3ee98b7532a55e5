"""What a message says stays keeps its stored line (assistant.summary.said_same): cases written
for it."""

from __future__ import annotations

import re
from unittest import mock

import pytest

import graph.retire
from assistant.summary import merge, merge_lines, said_same
from assistant.summary.said_same import kept_as_said, only_says_same


@pytest.mark.parametrize(
    ("line", "same"),
    [
        ("Spanish is the same.", True),
        ("Still same gym.", True),
        ("Weekends same as before.", True),
        ("The budget stays unchanged.", True),
        ("Still no pork.", False),  # says what still holds: a line of its own when nothing names it
        ("Same goes for my tax questions.", False),
        ("Keep the same tone for emails.", False),
        ("I go to the same gym as my sister.", False),
    ],
)
def test_a_line_that_only_says_something_stays(line, same):
    assert only_says_same(line) is same


def test_a_clause_that_says_something_stays_brings_back_the_line_it_names():
    before = ["For essays, use headings.", "For code, add comments."]
    after = ["For essays, no headings."]
    text = "drop the headings in essays. code stays the same"
    assert kept_as_said(before, after, "drop the headings in essays. same for code") == (after, [])
    lines, back = kept_as_said(before, after, text)
    assert lines == ["For code, add comments.", "For essays, no headings."]  # where it stood
    assert back == ["For code, add comments."]


def test_keep_the_part_brings_back_the_line_it_names_and_without_it_does_not():
    before = ["Answer in Spanish.", "Use the formal usted."]
    after = ["Answer in Portuguese."]
    text = "switch to Portuguese please, keep the formal bit"
    assert kept_as_said(before, after, text)[1] == ["Use the formal usted."]
    assert kept_as_said(before, after, "switch to Portuguese, keep that in mind") == (after, [])
    old = re.compile(said_same._SAYS_SAME.pattern.split("|keep (?")[0] + r")\b")
    with mock.patch.object(said_same, "_SAYS_SAME", old):
        assert kept_as_said(before, after, text) == (after, [])


def test_nothing_comes_back_that_a_new_line_already_carries_or_that_sets_the_same_axis():
    before = ["Ada has chess mondays at 4 and Finn has karate fridays at 5."]
    after = ["Ada has chess tuesdays at 4 and Finn has karate fridays at 5."]
    text = "ada's chess moved to tuesdays, karate stays"
    assert kept_as_said(before, after, text) == (after, [])
    # 'be casual' sets the formality the stored line set: 'formal' does not come back beside it
    text = "ok you can be casual with me, german stays tho"
    assert kept_as_said(["Answer in formal German."], ["Be casual."], text) == (["Be casual."], [])


def test_a_message_that_says_nothing_stays_changes_nothing():
    before, after = ["I live in Porto."], ["I live in Braga."]
    assert kept_as_said(before, after, "moved to braga last week") == (after, [])


def test_a_line_that_only_says_something_stays_replaces_nothing_in_the_merge():
    out = merge_lines(["I'm B1 in Spanish and A2 in Greek."], ["Spanish is the same."])
    assert out.lines == ["I'm B1 in Spanish and A2 in Greek."]
    assert out.changes == []


def test_a_line_that_only_says_something_stays_changes_no_summary_and_not_without_it(session):
    steps = [
        "I'm B2 in Italian and A1 in Greek, adjust examples",
        "passed my greek A2 exam!",
        "italian is the same",
    ]
    # without the level edit (assistant.summary.levels), which keeps Italian in the line itself
    levels_off = mock.patch.object(graph.retire, "edit_levels", lambda b, a, t: (list(a), []))
    session.send("what should I cook tonight?", mode="request")
    with levels_off:
        results = [session.send(text) for text in steps]
    assert "nothing to change" in results[-1].notes  # not 'summary already says this'
    assert "greek a2" in session.summary().lower()
    assert "is the same" not in session.summary().lower()
    session.switch_user("bob")
    session.send("what should I cook tonight?", mode="request")
    # and without the reader keeping a line the merge removed (graph.retire.kept_by_reader)
    reader_off = mock.patch.object(graph.retire, "kept_by_reader", lambda s, c, b, a: (a, []))
    with levels_off, reader_off, mock.patch.object(merge, "only_says_same", lambda line: False):
        for text in steps:
            session.send(text)
    assert "greek a2" not in session.summary().lower()
