"""A rule for every answer said as a bare imperative is remembered (assistant.feedback.every_time),
read beside the switched-off counterpart. Cases written for this test."""

from __future__ import annotations

from unittest import mock

import pytest

from assistant.feedback import classifier
from assistant.feedback.every_time import asks_every_time


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("and mark anything with more than 10 ingredients", True),
        ("please flag any dishes that use peanuts.", True),
        ("cite everything in APA", True),
        ("also add type hints to every function", True),
        ("highlight any typos in this paragraph", False),
        ("add everything up", False),
        ("list all the planets", False),
        ("can you flag any issues?", False),
        ("convert all of it to metric", False),
        ("mark all of these as done", False),
    ],
)
def test_a_bare_imperative_on_any_or_every_thing_is_a_rule(text, rule):
    assert asks_every_time(text) is rule


def test_the_rule_is_remembered_and_without_the_part_it_is_answered(session):
    session.edit_summary("- Always include the calorie count with recipes.")
    session.send("and flag anything that takes more than 45 minutes")
    assert "45 minutes" in session.summary()
    session.edit_summary("- Always include the calorie count with recipes.")
    with mock.patch.object(classifier, "asks_every_time", lambda text: False):
        session.send("and flag anything that takes more than 45 minutes")
    assert "45" not in session.summary()


def test_a_bare_rule_the_head_misses_is_kept_and_without_the_part_it_is_not(session):
    session.send("I think in Celsius")
    assert "celsius" in session.summary().lower()
    session.edit_summary("")
    with mock.patch.object(classifier, "rule_said", lambda text: None):
        session.send("I think in Celsius")
    assert "celsius" not in session.summary().lower()
