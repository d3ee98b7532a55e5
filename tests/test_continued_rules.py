"""Four small readings of stop 57, each beside its switched-off counterpart. Cases written for
this test: a message going on with the rule before it ('and a bit funny if possible'); a line
with other numbers repeats no stored line; 'new deadline is ...' dates the stored deadline; a
move alone leaves a rule about something else; 'UTC+9' is no new amount."""

from __future__ import annotations

from unittest import mock

import numpy as np
import pytest

import graph.nodes
from assistant.feedback import FeedbackSplit
from assistant.feedback.continued import continues_rule, what_follows
from assistant.summary import quantities, relation_cues, relations, stale
from assistant.summary.dates import due_again
from assistant.summary.quantities import new_amount

_RULE = [{"role": "user", "content": "keep it short", "kind": "feedback"}]


@pytest.mark.parametrize(
    "text",
    ["and a bit funny if possible, i like jokes", "also keep it casual", "oh and bold the key terms",
     "plus metric units pls", "and explain it in plain english after the code"],
)  # fmt: skip
def test_a_message_going_on_with_the_rule_before_it_continues_it(text):
    assert continues_rule(text, _RULE)


@pytest.mark.parametrize(
    ("text", "messages"),
    [
        ("and what about austria", _RULE),
        ("and Bolivia?", _RULE),
        ("also write me a haiku about rain", _RULE),
        ("also can you suggest a soup", _RULE),
        ("keep it funny", _RULE),
        ("and a bit funny", [{"role": "user", "content": "how do tides work", "kind": "request"}]),
        ("and a bit funny", [_RULE[0] | {"one_off": "Keep it short."}]),
        ("and a bit funny", []),
    ],
)
def test_a_question_a_task_or_a_message_after_no_lasting_rule_does_not(text, messages):
    assert not continues_rule(text, messages)


def test_the_rule_goes_on_in_a_session_and_without_the_reading_it_is_answered(session):
    session.send("keep it short")
    session.send("and a bit funny if possible, i like jokes")
    assert "funny" in session.summary().lower()
    session.edit_summary("")
    with mock.patch.object(graph.nodes, "continues_rule", lambda text, messages: False):
        session.send("keep it short")
        result = session.send("and a bit funny if possible, i like jokes")
    assert result.kind == "request" and "funny" not in session.summary().lower()


_DUPLICATE = np.array([0.1, 0.1, 0.0, 0.8])


def test_a_line_with_other_numbers_repeats_nothing_and_without_the_rule_it_is_a_repeat():
    old, new = "I'm in UTC+9, Seoul time, schedule stuff accordingly.", "Use 24-hour time."
    assert relations.decide(old, new, _DUPLICATE) == "compatible"
    assert relations.decide("Budget is 52k a year.", "My salary is 52 a year.", _DUPLICATE) != (
        "compatible"
    )
    with mock.patch.object(relations, "repeats_nothing", lambda old, new: False):
        assert relations.decide(old, new, _DUPLICATE) == "duplicate"


_SUPERSEDES = np.array([0.1, 0.9, 0.0, 0.0])


@pytest.mark.parametrize(
    ("old", "new", "kept"),
    [
        ("Use 24-hour time.", "I moved to Vancouver, Pacific time now.", True),
        ("Use bullet points.", "I relocated to Leeds.", True),
        ("Suggest winter coat tips.", "I moved to Lisbon, so no more winter coat tips.", False),
        ("I live in Oslo.", "I moved to Bergen.", False),
        ("I work as a paramedic, night shifts.", "I just got moved to day shifts.", False),
        ("Use Pacific time.", "I moved to Berlin, Central European time now.", False),
    ],
)
def test_a_move_alone_leaves_a_rule_about_something_else(old, new, kept):
    assert (relations.decide(old, new, _SUPERSEDES) == "compatible") is kept


def test_without_the_move_reading_the_head_replaces_the_rule():
    old, new = "Use 24-hour time.", "I moved to Vancouver, Pacific time now."
    with mock.patch.object(relation_cues, "_AND_SO", mock.Mock(search=lambda low: True)):
        assert relations.decide(old, new, _SUPERSEDES) == "supersedes"


@pytest.mark.parametrize(
    ("line", "after"),
    [
        ("New deadline is July 15.", "My thesis is due July 15."),
        ("The new deadline is 2 August.", "My thesis is due 2 August."),
        ("My new due date is May 9.", "My thesis is due May 9."),
        ("A new phone is on its way.", None),
    ],
)
def test_a_new_deadline_dates_the_stored_one(line, after):
    assert due_again(line, ["My thesis is due June 3.", "Keep it short."]) == after


def test_a_time_zone_offset_is_no_new_amount_and_without_the_guard_it_was():
    stored = ["My thesis is due July 15."]
    text = "I'm in UTC+9, Seoul time, so schedule stuff accordingly"
    assert new_amount(stored, text) is None
    assert new_amount(["My budget is 400 dollars."], "tight month, 300") is not None
    with mock.patch.object(quantities, "_OFFSET", mock.Mock(search=lambda text: None)):
        assert new_amount(stored, text) == "My thesis is due July 9."


def test_a_question_read_as_empty_feedback_is_answered_and_without_the_reading_it_is_not(
    session, classifier
):
    """Found in the TUI: 'and what about dessert' after an answer was read as feedback with no
    directive, and the user got no answer (here the router is made to read it so)."""
    empty = FeedbackSplit("feedback", 0, 0.0, None, 0.9)
    session.send("what's a good side dish for a bbq?")
    with mock.patch.object(classifier, "split", lambda *a, **k: empty):
        assert session.send("and what about dessert").kind == "request"
        with mock.patch.object(graph.nodes, "only_a_question", lambda directive, text: False):
            assert session.send("and what about dessert").kind == "feedback"


@pytest.mark.parametrize(
    ("line", "cued"),
    [
        ("Use 24-hour time for any times you give me.", False),
        ("Keep answers short.", False),
        ("I live in Seoul.", True),
        ("I'm on Korea time.", True),
    ],
)
def test_a_move_alone_cues_no_change_of_a_line_without_a_place(line, cued):
    """Found in the TUI: the stale-line reader, at the lower cued threshold, ended 'Use 24-hour
    time ...' after 'I moved to Vancouver, so Pacific time now'."""
    text = "I moved to Vancouver, so Pacific time now"
    assert stale.cued_change(line, text) is cued
    assert stale.cued_change(line, "I switched to decaf now")
    with mock.patch.object(stale, "_MOVES", frozenset()):
        assert stale.cued_change(line, text)


def test_the_line_a_rule_goes_on_with_keeps_no_and_and_without_it_it_did(session):
    said = [
        "max rent is 2400 a month, keep listings under that",
        "and we need 2 bedrooms obviously",
    ]
    for x in said:
        session.send(x)
    assert "We need 2 bedrooms" in session.summary()
    assert not any(x.startswith("- And") for x in session.summary().splitlines())
    session.edit_summary("")
    with mock.patch.object(graph.nodes, "what_follows", lambda text: text):
        for x in said:
            session.send(x)
    assert any(x.startswith("- And") for x in session.summary().splitlines())


@pytest.mark.parametrize(
    ("text", "rest"),
    [("and we need 2 bedrooms", "we need 2 bedrooms"), ("Oh, also no cilantro", "no cilantro"),
     ("plus metric", "metric"), ("keep it short", "keep it short"), ("android tips", "android tips")],
)  # fmt: skip
def test_what_follows_the_opening_and(text, rest):
    assert what_follows(text) == rest
