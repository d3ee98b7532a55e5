"""What someone does for work outlives a change to when or where they do it (assistant.summary.
kept_parts.job_part), read beside the switched-off counterpart. Cases written for this test."""

from __future__ import annotations

from unittest import mock

import pytest

import graph.retire
from assistant.summary import kept_parts
from assistant.summary.kept_parts import job_part


@pytest.mark.parametrize(
    ("old", "new", "kept"),
    [
        ("My husband works nights as a firefighter.", "He's on days from next month.",
         "My husband is a firefighter."),
        ("My sister Ola is a pharmacist.", "My sister Ola moved to Gdynia.",
         "My sister Ola is a pharmacist."),
        ("I'm a chef in Bristol.", "I moved to Bath.", "I'm a chef."),
        ("I'm a chef in Bristol.", "I'm a baker now.", None),
        ("My dad is a mechanic.", "He retired last month.", None),
        ("My dad is a mechanic.", "Forget what I said about my dad.", None),
        ("My dad is a mechanic.", "lol wrong chat", None),
        ("My dad loves fishing.", "He sold his boat.", None),
        ("I work as a surveyor.", "I switched to landscape design.", None),
        ("My wife is a vet.", "My wife just moved to a small-animal clinic.", None),
        ("I'm a tester at Acme.", "I'm now test lead at Initech.", None),
    ],
)  # fmt: skip
def test_what_someone_does_stays_when_the_new_line_says_nothing_of_work(old, new, kept):
    assert job_part(old, new) == kept


def test_the_job_stays_when_the_shift_changes_and_without_the_part_it_goes(sure_session):
    session = sure_session
    said = "she's switched to day shifts, so weekends are free now"
    session.edit_summary("- My wife works nights as a midwife.")
    session.send(said, mode="feedback")
    assert "My wife is a midwife." in session.summary() and "nights" not in session.summary()
    session.edit_summary("- My wife works nights as a midwife.")
    with (
        mock.patch.object(kept_parts, "job_part", lambda old, new: None),
        mock.patch.object(graph.retire, "job_part", lambda old, new: None),
    ):
        session.send(said, mode="feedback")
    assert "midwife" not in session.summary()
