"""A day, month or time of a stored line moved (assistant.summary.moved): cases written for it."""

from __future__ import annotations

import pytest

from assistant.summary.moved import moved_value
from assistant.summary.references import resolve_references


@pytest.mark.parametrize(
    ("line", "stored", "expected"),
    [
        (  # several days: the one nearest the thing named
            "Maren's violin moved to thursdays, same time.",
            ["Maren has violin mondays at 5 and Olek has judo fridays at 6."],
            "Maren has violin thursdays at 5 and Olek has judo fridays at 6.",
        ),
        (  # the day the message names, written the way the line writes days
            "The tuesday class moved to sunday.",
            ["No calls before 9.", "I swim mon/tue/thu at 6am."],
            "I swim mon/sun/thu at 6am.",
        ),
        (  # a bare month, in the only line that says one
            "The triathlon got moved to june.",
            ["I'm training for a sprint triathlon in may, three swims a week."],
            "I'm training for a sprint triathlon in june, three swims a week.",
        ),
        (  # the line that names the thing, the case of the old month kept
            "We moved the cruise to October because of his knee.",
            ["My mum's birthday is in March.", "We're planning a cruise to Malta in July."],
            "We're planning a cruise to Malta in October.",
        ),
        (  # a time of day: the one in the same half of the day
            "My insulin shot moved to 9pm.",
            ["My insulin shot is at 7am and 7pm."],
            "My insulin shot is at 7am and 9pm.",
        ),
    ],
)
def test_the_line_with_the_moved_value(line, stored, expected):
    assert moved_value(line, stored) == expected


@pytest.mark.parametrize(
    ("line", "stored"),
    [
        ("I'm moving to Leeds in April.", ["I've lived in York since may."]),  # a place, not a day
        ("They moved her to Mondays and Fridays.", ["Nursery is tuesdays and thursdays."]),
        ("Changed my eating window to 11am-7pm.", ["I eat between 9am and 5pm."]),  # a range
        ("Standup moved to 10am.", ["I go to the gym at 7am."]),  # a time needs the thing named
        ("Choir moved to sunday.", ["I sat the exam in june.", "The sun is too hot for me."]),
        ("Choir moved to sunday.", ["Choir is on sunday."]),  # nothing moved
        ("Yoga moved to friday.", ["I do yoga tuesdays.", "My yoga mat came on monday."]),
        ("Use shorter answers.", ["Pilates is on tuesdays."]),  # no move at all
    ],
)
def test_nothing_when_the_move_is_not_one_value_of_one_line(line, stored):
    assert moved_value(line, stored) is None


def test_the_merge_resolves_a_moved_day_into_the_stored_line():
    """Through resolve_references, as the merge reads a new line."""
    stored = ["Zaid has chess wednesdays at 4 and Rania has swim saturdays at 10."]
    got = resolve_references("Zaid's chess moved to tuesdays.", stored)
    assert got == "Zaid has chess tuesdays at 4 and Rania has swim saturdays at 10."


def test_a_moved_day_changes_the_line_that_names_the_thing_not_the_newest():
    """Seen in the TUI: two lines with one day each, and the message names the older one."""
    stored = [
        "My daughter Ines has ballet mondays at 5.",
        "My son Rui has football thursdays at 6.",
    ]
    got = resolve_references("Ines's ballet moved to wednesdays, same time.", stored)
    assert got == "My daughter Ines has ballet wednesdays at 5."
