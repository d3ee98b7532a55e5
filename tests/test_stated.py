"""A message that ended a stored line and stored nothing in its place keeps what it says holds
now (assistant.summary.stated, graph.retire): cases written for it."""

from __future__ import annotations

import pytest

import graph.retire
from assistant.summary.stated import said_now
from tests.lanes import summaries_with_and_without


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("the studio shut down in march, we all work from home now",
         ["The studio shut down in march, we all work from home now."]),
        ("pushed the recital back to the 9th, sorry", ["Pushed the recital back to the 9th, sorry."]),
        ("ha, scratch the gym thing. what's a quick stretch?", []),  # a take-back and a question
        ("thanks, that was perfect", []),  # says no value
        ("we don't need the allergy notes anymore", []),
    ],
)  # fmt: skip
def test_what_a_message_says_holds_now(text, said):
    assert said_now(text) == said


def test_a_new_value_the_reader_ended_the_old_line_for_is_stored_and_is_lost_without_it(session):
    steps = ["my office is in Canary Wharf so commute questions are about the Jubilee line",
             "the office closed for good last month, everyone's fully remote now"]  # fmt: skip
    summary, without = summaries_with_and_without(
        session, steps, graph.retire, "said_now", lambda text: []
    )
    assert "canary wharf" not in without  # the reader ended the old line in both
    assert "remote" in summary and "remote" not in without


@pytest.mark.parametrize(
    ("said", "ended", "now"),
    [
        ("Make that 4:55/km.", "My tempo pace is 5:10/km.", "My tempo pace is 4:55/km."),
        ("They moved it to the second tuesday of the month.",
         "Choir practice is first wednesday of the month at 8.",
         "Choir practice is second tuesday of the month at 8."),
        ("Make that 5 nights, 900 total.", "Booking Lisbon for 3 nights, around 600 euros.",
         "Booking Lisbon for 5 nights, around 900 euros."),
        ("Confirmed, June 12 it is.", "The move is on June 3, plan the packing.",
         "The move is on June 12, plan the packing."),
        ("Ran 24:10 today.", "My 5k is 26 min, aiming for under 25.", None),  # which number?
        ("Everyone's remote now.", "My office is in Leeds.", None),  # no value to put in
        ("The standup one moved to 9:45.", "Standup is at 9:30, retro at 4pm on fridays.",
         "Standup is at 9:45, retro at 4pm on fridays."),  # the part the message names
        ("Coming back on the 22nd now.", "Visiting my parents from the 3rd, coming back the 20th.",
         "Visiting my parents from the 3rd, coming back the 22nd."),
        ("Leo goes at 8:30 now.", "bedtimes: Mia 7:45, Leo 8:00", "bedtimes: Mia 7:45, Leo 8:30"),
        ("It's 6pm now.", "Swim is at 7am, gym at 5pm.", None),  # which one?
        ("Only the one feed at 11 now.", "Ada feeds at 7am and 3pm.", None),  # words say both
        ("Actually 45, 30 was too tight.", "Keep replies under 30 words.",
         "Keep replies under 45 words."),  # the old value said again is no new one
    ],
)  # fmt: skip
def test_the_ended_line_takes_the_new_value(said, ended, now):
    from assistant.summary.stated import into_ended

    assert into_ended(said, ended) == now


def test_the_history_says_the_ended_line_was_replaced_by_its_new_value(session):
    session.send("what should I cook tonight?", mode="request")
    session.send("my tempo pace is 5:10/km")
    notes = session.send("make that 4:55/km, I've gotten fitter").notes
    if "My tempo pace is 4:55/km." not in session.summary():
        pytest.skip("the reader did not end the old line here")  # the case this test is about
    assert "changed by this message: My tempo pace is 5:10/km. → My tempo pace is 4:55/km." in notes
    assert not any(x.startswith("no longer holds") for x in notes)
    cause = session.summary_history()[-1].cause  # the newest version
    assert (
        "replaced 'My tempo pace is 5:10/km.' (superseded by: My tempo pace is 4:55/km.)" in cause
    )
