"""Three small readings of a message, each with its switched-off counterpart: the other side of
an exception keeps the old value there (merge, relation_cues.ELSEWHERE), why an old name goes is
no line (resolve.agrees_with_name), and 'too many X' after something ended is why it ended, not
a complaint about the answers (clause_glue.why_it_ended). Cases written for them."""

from __future__ import annotations

import re
from unittest import mock

import pytest

from assistant.feedback import clause_glue
from assistant.feedback.directive import lines_with_kinds
from assistant.summary import merge
from assistant.summary.merge import merge_lines
from assistant.summary.resolve import agrees_with_name


@pytest.mark.parametrize(
    ("old", "new", "kept"),
    [
        (["Answer in italian."], ["Use italian for the cooking stuff only.",
                                  "Keep everything else in english."],
         "Use italian for the cooking stuff only."),
        (["Keep answers super short."], ["For history questions I want detailed answers.",
                                         "Short is fine for everything else."],
         "Short is fine for everything else."),
    ],
)  # fmt: skip
def test_the_other_side_of_an_exception_keeps_the_old_value_there(old, new, kept):
    assert kept in merge_lines(old, new).lines
    with mock.patch.object(merge, "ELSEWHERE", re.compile(r"(?!)")):
        assert kept not in merge_lines(old, new).lines  # the counterpart: it went as stale


def test_a_replacement_said_without_an_exception_still_replaces():
    lines = merge_lines(["Answer in italian."], ["Answer in english from now on."]).lines
    assert lines == ["Answer in english from now on."]


@pytest.mark.parametrize(
    ("clause", "agrees"),
    [
        ("Tom was what my old team called me and it never fit.", True),
        ("Bea is what my family calls me.", True),
        ("Call me Beatrice.", False),
        ("My brother is what keeps me going.", False),  # no name, no 'call me'
    ],
)
def test_why_an_old_name_goes_is_no_line(clause, agrees):
    assert agrees_with_name(clause) is agrees


def test_the_old_name_reason_is_not_stored_beside_the_new_name():
    text = "please call me Thomas. Tom is what my old team called me and it never fit"
    assert [x for x, _ in lines_with_kinds(text)] == ["Call me Thomas."]


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("Ines quit ballet, too many early mornings", ["Ines quit ballet."]),
        ("i've gone off podcasts, too much talking. keep the music recs",
         ["I've gone off podcasts.", "Keep the music recs."]),
        ("ok that's too many exclamation marks", ["Use fewer exclamation marks."]),  # a complaint
    ],
)  # fmt: skip
def test_too_many_after_something_ended_is_why_it_ended(text, lines):
    assert [x for x, _ in lines_with_kinds(text)] == lines


def test_without_the_reading_the_reason_becomes_a_rule():
    with mock.patch.object(clause_glue, "why_it_ended", lambda clause, sep, seen: False):
        said = [x for x, _ in lines_with_kinds("Ines quit ballet, too many early mornings")]
    assert "Use fewer early mornings." in said
