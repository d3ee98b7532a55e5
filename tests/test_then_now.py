"""A new line says what holds now, not the way there (assistant.summary.then_now): cases written
for it."""

from __future__ import annotations

import pytest

import graph.retire
from assistant.summary.then_now import as_now
from tests.lanes import summaries_with_and_without


@pytest.mark.parametrize(
    ("line", "now"),
    [
        ("We switched from Slack to Teams at work.", "We switched to Teams at work."),
        ("I've relocated from Porto to Braga for the job.", "I've relocated to Braga for the job."),
        ("My mum got moved from ward 3 to ward 7.", "My mum got moved to ward 7."),
        ("She left Google and works at Meta now.", "She works at Meta now."),
        ("My brother Kofi quit rugby, coaching juniors now.", "My brother Kofi is coaching juniors now."),
        ("I stopped running, swimming now.", "I'm swimming now."),
        ("Ditched Duolingo, using Anki instead.", "Using Anki."),
        ("I've quit the choir, doing pottery now.", "I'm doing pottery now."),
        ("My son has quit piano, he does violin now.", "My son does violin now."),
    ],
)  # fmt: skip
def test_the_way_there_is_cut(line, now):
    assert as_now(line) == now


@pytest.mark.parametrize(
    "line",
    [
        "I'm moving from Porto to Braga in May.",  # not yet: Porto still holds
        "I commute from Porto to Braga.",  # no change
        "He quit smoking and feels great.",  # the quitting is what holds
        "I quit sugar, so no desserts now.",  # a reason, not what holds instead
        "Quit apologising and get to the point now.",  # an order
        "Stopped the pills and now sleep better.",
        "I quit.",
        "",
    ],
)
def test_lines_that_say_no_change_or_only_the_change_stay(line):
    assert as_now(line) == line


def test_a_new_line_is_cut_and_the_turn_says_so(session):
    session.send("what should I cook tonight?", mode="request")
    result = session.send("remember: we switched from Slack to Teams at work")
    summary = session.summary().lower()
    assert "teams" in summary and "slack" not in summary
    assert any("holds now" in n for n in result.notes)


def test_a_change_is_stored_as_what_holds_now_in_a_session_and_is_not_without_it(session):
    steps = ["my wife Ana is a nurse, so keep medical answers technical",
             "she quit the hospital and teaches yoga now"]  # fmt: skip
    summary, without = summaries_with_and_without(
        session, steps, graph.retire, "as_now", lambda line: line
    )
    assert "hospital" in without  # the test means something only if the merge stores the change
    assert "hospital" not in summary and "ana" in summary and "yoga" in summary
