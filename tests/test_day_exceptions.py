"""A rule for some days beside a rule for every day keeps both (assistant.summary.day_exceptions),
read beside the switched-off counterpart. Cases written for this test."""

from __future__ import annotations

from unittest import mock

import pytest

import graph.retire
from assistant.summary import day_exceptions, relations
from assistant.summary.day_exceptions import day_exception, for_some_days


@pytest.mark.parametrize(
    ("old", "new", "exception"),
    [
        ("Gym pickup is 6pm every day.", "On thursdays pickup is 7pm.", True),
        ("I work 8-4 mon to fri.", "Fridays I finish at noon now.", True),
        ("Choir is tuesdays and thursdays at 7.", "Thursday choir is at 8 now.", True),
        ("I cycle to work on weekdays.", "I take the bus on mondays.", True),
        ("I swim every day.", "I swim every day at 6 now.", False),
        ("Choir is tuesdays and thursdays at 7.", "Choir is wednesdays at 7 now.", False),
        ("Choir is tuesdays and thursdays at 7.", "Choir is tuesdays and thursdays at 8.", False),
        ("I bike mon-thu and take the bus on fridays.", "I bike on fridays too now.", False),
        ("I run on mondays.", "I run on tuesdays now.", False),
        ("I swim every day.", "I sat down with my coach.", False),
        ("Use metric units.", "On mondays I'm busy.", False),
        ("I'm on call every monday and every other sunday.", "The sunday thing stopped, just mondays now.", False),
    ],
)  # fmt: skip
def test_some_of_the_days_a_line_spans_are_an_exception(old, new, exception):
    assert day_exception(old, new) is exception


def test_a_clause_that_says_a_day_stays_is_no_day_of_the_change():
    old = "Choir is tuesdays and thursdays at 7."
    assert for_some_days(old, "thursday choir is at 8 now, tuesday unchanged")
    assert not day_exception(old, "thursday choir is at 8 now, tuesday unchanged")
    assert not for_some_days(
        "I work late shifts mon-wed.", "wednesday is days now. mon and tue are still lates"
    )


def test_the_every_day_line_stays_beside_its_exception_and_without_the_part_it_goes(sure_session):
    session = sure_session
    said = "from next week wednesdays are early release, so pickup is 1:30 on weds only"
    session.edit_summary("- School pickup for my twins is 3:15 every day.")
    session.send(said, mode="feedback")
    assert "3:15 every day" in session.summary() and "1:30" in session.summary()
    session.edit_summary("- School pickup for my twins is 3:15 every day.")
    no = lambda line, text: False  # noqa: E731
    with (
        mock.patch.object(relations, "for_some_days", no),
        mock.patch.object(graph.retire, "for_some_days", no),
        mock.patch.object(day_exceptions, "for_some_days", no),
    ):
        session.send(said, mode="feedback")
    assert "3:15" not in session.summary() and "1:30" in session.summary()
