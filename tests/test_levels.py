"""A level the user reached changes inside its stored line (assistant.summary.levels): cases
written for it."""

from __future__ import annotations

from unittest import mock

import pytest

import graph.retire
from assistant.summary.levels import edit_levels, reached


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("passed my greek A2 exam!", "A2"),
        ("got my hsk 4 certificate today", "hsk 4"),
        ("I'm at b1 in dutch", "b1"),
        ("she's in grade 5 now", "grade 5"),
        ("finally cleared N2", "N2"),
    ],
)
def test_a_level_said_reached_is_read(text, level):
    assert [lv for _, lv, _ in reached(text)] == [level]


@pytest.mark.parametrize(
    "text",
    [
        "my C1 exam is in march, keep drilling me",
        "I'm studying for N2 now",
        "aiming for B2 by summer",
        "failed my grade 6 exam, sadly",
        "what does B2 mean on a CV?",
        "I'm not B1 yet",
    ],
)
def test_a_level_not_yet_reached_is_not_read(text):
    assert reached(text) == []


def test_the_level_of_the_named_language_changes_and_the_other_stays():
    before = ["I'm C1 in French and A1 in Greek.", "Adjust examples."]
    after = ["Adjust examples.", "I passed my greek A2 exam."]  # the merge took the whole line
    lines, edits = edit_levels(before, after, "passed my greek A2 exam!")
    assert lines == ["I'm C1 in French and A2 in Greek.", "Adjust examples."]
    assert edits == [("I'm C1 in French and A1 in Greek.", "I'm C1 in French and A2 in Greek.")]


def test_the_only_stored_line_of_the_scale_changes_even_when_the_message_names_nothing_of_it():
    before = ["I'm learning korean, around hsk 2 in mandarin too.", "Use short answers."]
    after = ["Use short answers."]
    lines, _ = edit_levels(before, after, "passed HSK 3 last week!! so ease off the pinyin")
    assert lines == ["I'm learning korean, around hsk 3 in mandarin too.", "Use short answers."]


def test_two_lines_with_a_level_and_no_named_word_change_nothing():
    before = ["I'm B1 in Dutch.", "My partner is A2 in Dutch."]
    assert edit_levels(before, before, "passed B2!") == (before, [])


def test_a_one_off_and_a_level_already_stored_change_nothing():
    before = ["I'm B1 in Dutch."]
    assert edit_levels(before, before, "for this answer only, pretend I'm at C1") == (before, [])
    assert edit_levels(before, before, "yep, I'm at B1 in dutch") == (before, [])


def test_a_grade_keeps_how_it_is_written():
    before = ["My son Theo is in Grade 2 and Nell in Grade 4."]
    lines, _ = edit_levels(before, before, "nell is in grade 5 now")
    assert lines == ["My son Theo is in Grade 2 and Nell in Grade 5."]


@pytest.mark.parametrize(
    ("stored", "text", "edited"),
    [
        ("I'm a second-year law student.", "just got into third year!", "I'm a third-year law student."),
        ("Ari is in 3rd grade, loves maths.", "ari started 4th grade this week", "Ari is in 4th grade, loves maths."),
        ("Ari is in third grade.", "he's in grade 4 now", "Ari is in grade 4."),
    ],
)  # fmt: skip
def test_a_school_year_or_grade_changes_in_its_line(stored, text, edited):
    assert edit_levels([stored], [], text)[0] == [edited]


def test_a_message_that_says_more_than_the_level_leaves_the_merge_its_line():
    before = ["My nephew Kai is 11, finishing 5th grade at Elm Park Primary."]
    after = ["My nephew Kai started 6th grade at Hillcrest Middle this week."]
    assert edit_levels(before, after, "he started 6th grade at Hillcrest Middle this week!") == (
        after,
        [],
    )


def test_a_year_that_is_no_level_changes_nothing():
    before = ["This is my second year coaching the team."]
    assert edit_levels(before, before, "it's my first year of teaching now") == (before, [])


def test_a_reached_level_keeps_the_rest_of_its_line_in_a_session_and_not_without_it(session):
    steps = ["I'm C1 in French and A1 in Greek, pitch examples at those levels",
             "passed my greek A2 exam!"]  # fmt: skip
    session.send("what should I cook tonight?", mode="request")
    results = [session.send(text) for text in steps]
    summary = session.summary().lower()
    assert "c1 in french" in summary and "a2 in greek" in summary and "a1" not in summary
    assert any("changed by this message" in n for n in results[-1].notes)
    session.switch_user("bob")
    session.send("what should I cook tonight?", mode="request")
    with mock.patch.object(graph.retire, "edit_levels", lambda b, a, t: (list(a), [])):
        for text in steps:
            session.send(text)
    assert "c1 in french" not in session.summary().lower()
