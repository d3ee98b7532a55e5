"""A new amount said with the unit of a stored amount updates that line (same_quantity)."""

from __future__ import annotations

import pytest

from assistant.summary import merge_directive
from assistant.summary.quantities import same_quantity


@pytest.mark.parametrize(
    ("stored", "line", "expected"),
    [
        (
            ["Budget is around 1500 dollars total."],
            "Budget got bumped to 2200 dollars since my sister pays.",
            "Budget is around 2200 dollars total.",
        ),
        (
            ["I meal prep on Sundays for 4 people."],
            "The kid moved in, so it's 5 people now.",
            "I meal prep on Sundays for 5 people.",
        ),
        (["Pickle is 14 kg right now."], "12.5 kg.", "Pickle is 12.5 kg right now."),
        (
            ["I can study 5 hours a week."],
            "Got more free time now, like 10 hrs/week.",
            "I can study 10 hours a week.",
        ),
        (["I run about 40km a week."], "I'm doing 55km/week now.", "I run about 55km a week."),
    ],
)
def test_a_new_amount_in_the_same_unit_updates_the_stored_line(stored, line, expected):
    assert same_quantity(line, stored) == expected


@pytest.mark.parametrize(
    ("stored", "line"),
    [
        (["Keep answers under 100 words."], "Write me a 500 words essay on the history of tea."),
        (["I weigh 82 kg.", "My squat max is 140 kg."], "I hit 150 kg today."),  # which one?
        (["I garden in zone 7b."], "I'm in zone 9b now."),  # a zone, not 9 of something
        (["I'm pregnant, 20 weeks."], "I'm postpartum now, 3 weeks in."),  # a new state
        (["I have 2 cats."], "My neighbour has 3 dogs."),  # another unit
        (["Budget is 900 euros."], "Budget is 900 euros."),  # the same amount
    ],
)
def test_no_update_without_one_stored_amount_in_that_unit_or_with_a_new_state(stored, line):
    assert same_quantity(line, stored) is None


def test_the_merge_replaces_the_old_amount_and_keeps_the_rest_of_the_summary():
    summary = merge_directive(
        "", "Backpacking through Vietnam, budget around 40 dollars a day; hostels only."
    )
    after = merge_directive(summary, "Found a cheap flight, so 55 dollars a day now.")
    assert "55 dollars" in after and "40 dollars" not in after and "hostels" in after.lower()


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "My cat Tofu is a 2 year old tabby.",
            "Tofu is 3 now.",
            "My cat Tofu is a 3 year old tabby.",
        ),
        ("Keep answers under 100 words.", "Tofu is 3 now.", None),  # names no one
        ("My cat Tofu is a 2 year old tabby.", "Tofu weighs 5 kg and 2 is old.", None),
        ("I have a tabby named Tofu, 2 years old.", "Tofu is 6 kg now.", None),  # not an age
    ],
)
def test_a_short_update_of_someones_one_number_keeps_the_rest_of_the_line(old, new, expected):
    from assistant.summary.quantities import same_subject_number

    assert same_subject_number(old, new) == expected


def test_a_decimal_amount_is_not_read_as_a_list_number():
    from assistant.summary import directive_lines

    assert directive_lines("12.5 kg.") == ["12.5 kg."]
    assert directive_lines("2. Use tables.") == ["Use tables."]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Give me Go examples.", ("code_language", "go")),
        ("Show R snippets when you can.", ("code_language", "r")),
        ("Go back to English for the examples.", None),
    ],
)
def test_go_and_r_are_code_languages_only_when_said_of_code(line, expected):
    from assistant.summary.slots import slots

    found = [(s.name, s.value) for s in slots(line) if s.name == "code_language"]
    assert found == ([expected] if expected else [])


@pytest.mark.parametrize(
    ("stored", "text", "expected"),
    [
        (["Keep my thermostat suggestions around 21 C."], "ok 20, compromise", "around 20 C"),
        (["My monthly grocery budget is 400 dollars."], "tight month, 300", "is 300 dollars"),
        (["I have standup at 9:15 every day."], "standup moved to 10:00", "at 10:00 every"),
        (["I make 52k a year.", "Use bullet points."], "HR corrected it, it's 57.2k", "57.2k"),
        (["My budget is $1400.", "I'm shopping for a laptop."], "we can only do 1100", "$1100"),
    ],
)
def test_a_bare_number_is_the_new_value_of_the_one_stored_number(stored, text, expected):
    from assistant.summary.quantities import new_amount

    assert expected in (new_amount(stored, text) or "")


@pytest.mark.parametrize(
    ("stored", "text"),
    [
        (["My budget is 400 dollars."], "I have 2 cats"),  # a number with its own noun
        (["My budget is 400 dollars."], "what about 300?"),  # a question
        (["My budget is 400 dollars."], "ok 20, compromise"),  # not within a factor of four
        (["I'm 34.", "My budget is 400 dollars."], "ok 20, compromise"),  # an age is no amount
        (["Use 12-hour time."], "switch to the 24-hour clock"),
        (["I aim to sleep 7 hours."], "I need 8.5 hours now"),  # said with its unit: not bare
        (["Standup is at 9:15.", "I sleep at 23:00."], "now 10:00"),  # two times, none named
        (["Budget 400 dollars.", "Keep answers under 200 words."], "make it 300 or so"),
    ],
)
def test_no_new_value_when_the_number_or_the_line_is_unclear(stored, text):
    from assistant.summary.quantities import new_amount

    assert new_amount(stored, text) is None
