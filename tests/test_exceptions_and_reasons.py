"""Small readings of a message, each with its switched-off counterpart: the other side of
an exception keeps the old value there (merge, relation_cues.ELSEWHERE), why an old name goes is
no line (resolve.agrees_with_name), and 'too many X' after something ended is why it ended, not
a complaint about the answers (clause_glue.why_it_ended), 'X is too slow for me' is a remark
(too.TOO_OF_SOMETHING), what helps holds now (stated), a name said of a person stays in its
clause (clause_glue._APPOSITIVE), an item taken off a list leaves the rest (list_items), and
what is at hand for an ask for now is no fact (at_hand). Cases written for them."""

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


def test_a_remark_of_something_too_much_for_me_is_no_rule():
    from assistant.feedback import too

    said = "the Greek is too slow for me after a long shift"
    assert too.rewrite_too(said) == ""
    with mock.patch.object(too, "TOO_OF_SOMETHING", re.compile(r"(?!)")):
        assert too.rewrite_too(said) == "Be less slow"  # the counterpart: a rule of nothing


def test_what_helps_holds_now_when_the_old_rule_ended():
    from assistant.summary import stated

    said = "hmm actually a two-line summary at the end helps"
    assert stated.said_now(said) == ["A two-line summary at the end helps."]
    with mock.patch.object(stated, "_VALUE", re.compile(r"(?i)\d")):
        assert stated.said_now(said) == []


def test_a_name_said_of_the_person_keeps_the_scope_on_its_rule():
    text = "When I write to my landlord, Mr. Brandt, keep it short and polite."
    assert [x for x, _ in lines_with_kinds(text)] == [
        "When I write to my landlord, Mr Brandt, keep it short and polite."
    ]
    with mock.patch.object(clause_glue, "_APPOSITIVE", re.compile(r"(?!)")):
        said = [x for x, _ in lines_with_kinds(text)]
    assert "Keep it short and polite." in said  # the counterpart: the rule lost its scope


@pytest.mark.parametrize(
    ("line", "text", "now"),
    [
        ("My daughter is allergic to eggs and sesame.",
         "good news, take eggs off the list, the test was clear", "My daughter is allergic to sesame."),
        ("I don't like coriander or blue cheese.", "blue cheese is growing on me tbh",
         "I don't like coriander."),
    ],
)  # fmt: skip
def test_an_item_taken_off_or_grown_on_me_leaves_the_rest(line, text, now):
    from assistant.summary.list_items import edited_line
    from benchmarks.summary_lanes import off

    assert edited_line(line, text) == now
    with off("item_cues_off"):
        assert edited_line(line, text) is None


@pytest.mark.parametrize(
    ("piece", "text", "for_now"),
    [
        ("we have leftover pasta and spinach", "lunch ideas for today? we have leftover pasta and spinach", True),
        ("something with chickpeas maybe", "what should I cook tonight? something with chickpeas maybe", True),
        ("we have two cats", "we have two cats, any tips for a rainy day?", False),  # no 'for now'
        ("I'm vegetarian", "dinner ideas for tonight? I'm vegetarian", False),  # said for good
    ],
)  # fmt: skip
def test_what_is_at_hand_for_an_ask_for_now_is_no_fact(piece, text, for_now):
    from assistant.feedback.at_hand import for_this_ask

    assert for_this_ask(piece, text) is for_now


def test_a_label_before_a_scope_leaves_the_scope_on_its_rule():
    from assistant.feedback import directive

    text = "one exception: when I ask you to check my essay, I want every mistake flagged"
    want = "When I ask you to check my essay, I want every mistake flagged."
    assert [x for x, _ in lines_with_kinds(text)] == [want]
    with mock.patch.object(directive, "_LABEL_BEFORE_SCOPE", re.compile(r"(?!)")):
        assert want not in [x for x, _ in lines_with_kinds(text)]
