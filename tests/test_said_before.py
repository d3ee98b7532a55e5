"""A line says what its pronoun or 'like that' points to when the same message said it before
(assistant.summary.resolve, assistant.feedback.clause_glue); rows written for this test."""

from __future__ import annotations

import pytest

from assistant.feedback import find_directive
from assistant.summary.resolve import antecedents, resolve


@pytest.mark.parametrize(
    ("said", "word"),
    [
        ("You keep saying the word 'basically'. I can't stand it. Never use it again.", "'basically'"),
        ("you always open with 'great question', please stop using it", "'great question'"),
        ("that comparison table you gave me earlier, I want it for every product question", "comparison table"),
        ("you wrote that reply like a pirate, answer every question like that from now on", "like a pirate"),
    ],
)  # fmt: skip
def test_the_line_says_what_was_said_before_it(said, word):
    directive = find_directive(said) or ""
    assert word in directive and not directive.lower().startswith("never use it")


def test_a_quote_is_the_first_thing_it_may_mean_and_contractions_are_no_quotes():
    assert antecedents("the word 'delve'")[0].text == "the word 'delve'"
    assert resolve("Never use it again.", ["You keep using 'delve'"]) == "Never use 'delve' again."
    assert all("'" not in a.text for a in antecedents("I don't like it, it's too long"))


def test_like_that_with_nothing_said_before_stays_as_it_is():
    directive = find_directive("do every answer like that from now on") or ""
    assert "like that" in directive.lower()
