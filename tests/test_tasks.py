"""A line that asks for one piece of content never enters the summary (assistant.summary.tasks);
rows written for this test."""

from __future__ import annotations

import pytest

from assistant.summary import change_summary
from assistant.summary.tasks import one_task, without_tasks


@pytest.mark.parametrize(
    "line",
    [
        "Write a msg to invite them to the barbecue.",
        "Rate my business idea: a bakery that delivers.",
        "Explain how tides work.",
        "Explain photosynthesis.",
        "Suggest a lentil soup for tonight.",
        "Give me a quick risotto recipe.",
        "Critique my plan to run a marathon in May.",
    ],
)
def test_an_ask_for_one_piece_of_content_is_a_task(line):
    assert one_task(line)


@pytest.mark.parametrize(
    "line",
    [
        "Explain things simply.",
        "Give me recipes in grams.",
        "Explain acronyms.",
        "Explain why.",
        "Explain after.",
        "Explain what you changed.",
        "Write in British English.",
        "Give me a summary at the top.",
        "Suggest books for him sometimes.",
        "When I ask for emails, write a short greeting first.",
        "Give me a TL;DR.",
        "I'm a nurse.",
    ],
)
def test_rules_and_facts_are_no_tasks(line):
    assert not one_task(line)


def test_the_task_beside_a_rule_goes_and_the_rule_stays():
    assert (
        without_tasks("Casual is ok; write a msg to invite them to the barbecue.")
        == "Casual is ok."
    )
    assert without_tasks("Explain photosynthesis.") is None
    assert without_tasks("Use metric; no emojis.") == "Use metric; no emojis."
    assert without_tasks(None) is None


def test_a_directive_that_is_only_a_task_changes_no_summary(fake_encoder):
    before = "- Be blunt with me."
    for said in ("Rate my business idea: a bakery that delivers.", "Explain photosynthesis."):
        change = change_summary(before, said, kind="directive", cause=said, max_chars=1200,
                                encoder=fake_encoder)  # fmt: skip
        assert not change.changed and change.after == before
    change = change_summary(before, "Be gentler; write a toast for my sister's wedding.",
                            kind="directive", cause="x", max_chars=1200, encoder=fake_encoder)  # fmt: skip
    assert "toast" not in change.after and "gentler" in change.after.lower()
