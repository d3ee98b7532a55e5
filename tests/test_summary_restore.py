"""Going back to an earlier value that the message does not name: the history supplies it."""

from __future__ import annotations

import pytest

from assistant.summary.restore import earlier_value, restore_summary, restores

BUDGET = [
    "",
    "- My grocery budget is 400 a month.",
    "- My grocery budget is 300 a month.",
    "- My grocery budget is 300 a month.\n- Use bullet points.",
    "- My grocery budget is 250 a month.\n- Use bullet points.",
]


@pytest.mark.parametrize(
    "text",
    [
        "back to the original number",
        "no wait, go back to the first one",
        "ok switch back to the old one",
        "put it back to what it was before",
        "revert that last change",
    ],
)
def test_ways_back_that_name_no_value(text):
    assert restores(text)


@pytest.mark.parametrize(
    "text",
    [
        "go back to the first draft, this one is worse",
        "back to English please",
        "what was the original recipe called?",
        "",
    ],
)
def test_not_a_way_back(text):
    assert not restores(text)


def test_one_step_back_or_all_the_way_to_the_first():
    now = BUDGET[-1]
    assert earlier_value("make it the previous one again", now, BUDGET) == (
        "My grocery budget is 250 a month.",
        "My grocery budget is 300 a month.",
    )
    assert earlier_value("back to the original number", now, BUDGET)[1] == (
        "My grocery budget is 400 a month."
    )


def test_the_line_the_message_names_wins_over_the_newest_change():
    history = [
        "- Answer in Catalan.\n- Keep answers under 100 words.",
        "- Use Spanish.\n- Keep answers under 100 words.",
        "- Use Spanish.\n- Keep answers under 50 words.",
    ]
    assert earlier_value("back to the old word limit", history[-1], history)[1] == (
        "Keep answers under 100 words."
    )
    assert earlier_value("back to the old language", history[-1], history)[1] == (
        "Answer in Catalan."
    )


def test_an_unrelated_line_added_beside_a_change_is_not_what_goes_back():
    history = [
        "- My grocery budget is 400 a month.",
        "- We are tightening up.\n- My grocery budget is 300 a month.",
    ]
    change = restore_summary(history[-1], "back to the original number", history, max_chars=500)
    assert change is not None
    assert change.after == "- We are tightening up.\n- My grocery budget is 400 a month."
    assert [(c.old, c.new) for c in change.replaced] == [
        ("My grocery budget is 300 a month.", "My grocery budget is 400 a month.")
    ]


def test_nothing_to_go_back_to():
    assert earlier_value("back to the original number", "- Use bullet points.", []) is None
    history = ["", "- Use bullet points."]
    assert earlier_value("back to the first one", history[-1], history) is None
