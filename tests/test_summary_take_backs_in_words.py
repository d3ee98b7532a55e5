"""Take-backs and changes said in everyday words, moved out of test_summary_changes_in_words
(which was past the file limit): a reason goes with its rule, 'that' alone takes back the newest
line, a judgement takes back what it names, a new age or sign-off keeps the rest, and a rule for
a kind of answer said in a request is kept. Written for plural (never from evaluation data)."""

from __future__ import annotations

import pytest

from assistant.feedback import facts_in_request, find_directive
from assistant.summary.relations import rule_relation
from tests.test_summary_references import summary_after


def test_a_reason_goes_with_its_rule_when_the_rule_is_taken_back():
    after = " ".join(summary_after("no tables, I can't stand them", "tables are fine again"))
    assert "table" not in after.lower() and "stand" not in after.lower()


@pytest.mark.parametrize(
    ("steps", "gone", "kept"),
    [
        (["keep it short", "add a fun fact at the end", "forget the last thing I said"], "fact", "short"),
        (["use tables", "answer in Dutch", "nah I changed my mind about that"], "dutch", "table"),
        (["use tables", "scratch that"], "table", ""),
    ],
)  # fmt: skip
def test_a_take_back_of_that_alone_removes_the_newest_line(steps, gone, kept):
    after = " ".join(summary_after(*steps)).lower()
    assert gone not in after and kept in after and "mind" not in after and "forget" not in after


def test_that_alone_takes_nothing_back_from_an_empty_summary():
    assert summary_after("forget the last thing I said") == []


@pytest.mark.parametrize(
    ("steps", "gone"),
    [
        (["use bullet points for everything", "honestly the bullets are overkill"], "bullet"),
        (["always add links to sources", "the links are kinda cluttering things up"], "link"),
    ],
)
def test_a_stored_rule_judged_unneeded_is_taken_back(steps, gone):
    assert gone not in " ".join(summary_after(*steps)).lower()


def test_a_judgement_of_nothing_stored_stays_a_line():
    assert summary_after("the emojis are distracting") == ["The emojis are distracting."]


@pytest.mark.parametrize(
    ("steps", "must", "must_not"),
    [
        (["I'm 15 and studying for my GCSEs", "just had my birthday so I'm 16 now"], ["16", "gcse"], ["15"]),
        (["I'm Lena, 34, vegetarian", "few updates: I'm 35 now, and started eating fish again"], ["lena, 35", "fish"], ["34", "vegetarian", "updates"]),
    ],
)  # fmt: skip
def test_a_new_age_keeps_the_rest_of_the_users_line(steps, must, must_not):
    after = " ".join(summary_after(*steps)).lower()
    assert all(m in after for m in must) and not any(m in after for m in must_not)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("when you give me lists, bullet points please", "When you give me lists, bullet points."),
        ("and for how-to stuff, number the steps", "For how-to stuff, number the steps."),
        (
            "whenever I ask about gifts, remember my wife Ines loves ceramics. ideas for her birthday?",
            "Whenever I ask about gifts, my wife Ines loves ceramics.",
        ),
        ("anything under $50?", None),  # a follow-up question, not a fact
        ("when you get a chance, explain tides", None),
    ],
)
def test_a_rule_for_a_kind_of_answer_said_in_a_request_is_kept(text, expected):
    assert facts_in_request(text) == expected


def test_a_new_sign_off_replaces_the_old_one():
    after = " ".join(
        summary_after(
            "when you draft emails for me, sign them 'Best, Tomasz'",
            "sign-off should be 'Cheers, Tom'",
        )
    )
    assert "Cheers, Tom" in after and "Tomasz" not in after


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("My mom Gloria uses a wheelchair.", "My mom Gloria is staying 10 days now.", "compatible"),
        ("My dog Biscuit is 12kg.", "My dog Biscuit is 15kg now.", None),  # one thing, changed
        ("My wife Carla is a nurse.", "My wife Carla is a software tester now.", None),
    ],
)
def test_two_things_about_the_same_named_person_both_stay(old, new, expected):
    assert rule_relation(old, new) == expected


def test_a_judgement_beside_new_values_keeps_the_new_values():
    after = " ".join(
        summary_after(
            "show prices in pounds", "moved to Oslo so kroner please, pounds are useless here"
        )
    )
    assert "Oslo" in after and "kroner" in after


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "forget what i said about sources, they are always broken links anyway",
            "Forget what i said about sources, they are always broken links anyway.",
        ),
        ("scratch that, it's a mac now", "Scratch that; it's a mac now."),  # says something new
    ],
)
def test_why_a_rule_is_taken_back_goes_with_the_take_back(text, expected):
    assert find_directive(text) == expected
