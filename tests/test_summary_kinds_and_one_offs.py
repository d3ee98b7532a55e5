"""A one-off said about one message or one week, a correction that swaps the kind of thing ('a
guinea pig not a rabbit') or the value of a fact ('it's walnuts she's allergic to, not sesame'),
one number of several in a line ('Frida just turned 6'), and a language for some words only."""

from __future__ import annotations

import pytest

from assistant.feedback import asks_a_question, only_this_answer
from assistant.summary import change_summary
from assistant.summary.contrast import corrected_lines
from assistant.summary.quantities import same_subject_number
from assistant.summary.slots import scope


@pytest.mark.parametrize(
    "text",
    [
        "for this birthday message only, throw in a couple of emojis",
        "just this week I can stretch to 80 because of the party",
        "I'm in a rush so keep it super brief",
    ],
)
def test_one_offs(text):
    assert only_this_answer(text)


@pytest.mark.parametrize(
    "text",
    [
        "I started a new job this week",
        "put another 3k in this month, so 15k now",
        "I'm doing keto right now",
        "keep it brief",
    ],
)
def test_not_one_offs(text):
    assert not only_this_answer(text)


def test_a_one_off_exception_leaves_the_rule_alone(session):
    session.send("no emojis please, ever", mode="feedback")
    session.send("for this birthday message only, throw in a couple of emojis")
    summary = session.summary().lower()
    assert "no emojis" in summary and "birthday" not in summary


@pytest.mark.parametrize(
    ("stored", "text", "expected"),
    [
        (
            "I have a rabbit named Clementine.",
            "turns out Clementine is a guinea pig not a rabbit lol",
            "I have a guinea pig named Clementine.",
        ),
        (
            "My sister Noor is allergic to peanuts.",
            "wait no, it's tree nuts, not peanuts. peanuts are fine for her",
            "My sister Noor is allergic to tree nuts.",
        ),
        (
            "My sister Odalys is allergic to sesame.",
            "oh wait, I mixed it up, it's walnuts Odalys is allergic to, not sesame.",
            "My sister Odalys is allergic to walnuts.",
        ),
    ],
)
def test_a_correction_swaps_the_value(stored, text, expected):
    assert corrected_lines([stored], text) == [expected]


def test_the_corrected_line_replaces_the_one_it_corrects_and_says_so():
    before = "- My sister Odalys is allergic to sesame.\n- Answer in Danish."
    text = "oh wait, it's walnuts Odalys is allergic to, not sesame."
    change = change_summary(
        before,
        "My sister Odalys is allergic to walnuts.",
        kind="directive",
        cause=text,
        max_chars=1200,
    )
    assert "sesame" not in change.after and "walnuts" in change.after
    assert "Answer in Danish." in change.after
    assert [(c.old, c.relation) for c in change.replaced] == [
        ("My sister Odalys is allergic to sesame.", "supersedes")
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "My kids are Nils (9) and Frida (5).",
            "Frida just turned 6.",
            "My kids are Nils (9) and Frida (6).",
        ),
        (
            "My kids are Nils, 9, and Frida, 5.",
            "Nils turned 10 now.",
            "My kids are Nils, 10, and Frida, 5.",
        ),
        ("My kids are Nils and Frida, 9 and 5.", "Frida just turned 6.", None),  # whose is whose?
    ],
)
def test_one_number_of_several_by_the_name(old, new, expected):
    assert same_subject_number(old, new) == expected


def test_a_language_for_some_words_is_no_answer_language(session):
    assert scope("Keep technical terms in English.", {"language"}) == {"term"}
    session.send("answer in Greek please", mode="feedback")
    session.send("but keep technical terms in English, I learned them that way", mode="feedback")
    summary = session.summary().lower()
    assert "greek" in summary and "technical terms in english" in summary


def test_a_question_marked_as_feedback_keeps_what_a_request_would(session):
    session.send(
        "My sister Ilse just moved to Rotterdam, can you suggest a housewarming gift?",
        mode="feedback",
    )
    assert "ilse" in session.summary().lower() and "rotterdam" in session.summary().lower()


@pytest.mark.parametrize(
    "text",
    [
        "and why does pasta take longer up there?",
        "ok one more: how many ounces in a cup?",
        "Any under $25?",
    ],
)
def test_a_question_with_style_words_marked_as_feedback_leaves_no_line(session, text):
    session.send("what's a good gift for a science fan?", mode="request")
    session.send(text, mode="feedback")
    assert session.summary() == ""


def test_a_plain_question_marked_as_feedback_leaves_the_rules_alone(session):
    session.send("stop being so formal with me, we're friends here", mode="feedback")
    session.send("ok what helps with a stiff neck", mode="feedback")
    summary = session.summary().lower()
    assert "stop being so formal" in summary and "neck" not in summary


def test_a_fact_before_a_question_marked_as_feedback_is_kept_without_the_question(session):
    session.send("I'm 34 weeks pregnant, is it ok to fly to Lisbon next week?", mode="feedback")
    assert session.summary() == "- I'm 34 weeks pregnant."


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("ok what helps with a stiff neck", True),
        ("Any under $25?", True),
        ("When you use technical terms, put the English term in parentheses.", False),
        ("use bullet points", False),
    ],
)
def test_asks_a_question(text, asked):
    assert asks_a_question(text) is asked
