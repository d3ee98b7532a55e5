"""A new line that only says something ended is not kept once the summary no longer holds what
ended (assistant.summary.endings): cases written for it."""

from __future__ import annotations

import pytest

import graph.retire
from assistant.summary.endings import only_ended, without_endings
from tests.lanes import summaries_with_and_without


@pytest.mark.parametrize(
    ("line", "ended"),
    [
        ("Tomek left.", True),
        ("I've left Peru.", True),
        ("Our lodger moved out last week.", True),
        ("Sunita's moved away, sadly.", True),
        ("He quit.", True),
        ("My grandad passed away.", False),  # a death is remembered
        ("I left nursing and teach yoga now.", False),  # says what holds now too
        ("Nothing left to add.", False),
        ("Turn left after the bridge.", False),
    ],
)
def test_a_line_that_only_says_something_ended(line, ended):
    assert only_ended(line) is ended


def test_it_goes_when_the_turn_ended_the_stored_line():
    before = ["I live in Cusco, Peru.", "Use metric units."]
    lines = ["Use metric units.", "I've left Peru."]
    assert without_endings(before, lines) == (["Use metric units."], ["I've left Peru."])


def test_it_stays_when_the_turn_ended_nothing_stored():
    before = ["My cleaner Tomek comes on fridays."]
    lines = ["My cleaner Tomek comes on fridays.", "Tomek left."]
    assert without_endings(before, lines) == (lines, [])


def test_it_stays_when_a_line_left_still_names_what_ended():
    before = ["Send updates to my manager Tomek.", "Use bullets."]
    lines = ["Use bullets.", "Tomek left.", "Tomek's replacement is Ola."]
    assert without_endings(before, lines) == (lines, [])


def test_a_line_that_only_says_what_ended_is_not_stored_in_a_session_and_is_without_it(session):
    steps = ["when I ask for emails to my manager, her name is Ines and she likes them short",
             "Ines left, my new manager is Ola, and she prefers detailed emails"]  # fmt: skip
    summary, without = summaries_with_and_without(
        session, steps, graph.retire, "without_endings", lambda b, lines: (list(lines), [])
    )
    assert "ines left" in without  # the test means something only if the merge stores the line
    assert "ines" not in summary and "ola" in summary


@pytest.mark.parametrize(
    ("line", "ended"),
    [
        ("We sold the condo.", True),
        ("Ramadan's over.", True),
        ("The marathon's off.", True),
        ("Trello is gone.", True),
        ("Zoe's vegetarian phase is officially over.", False),  # Zoe stays
        ("My day off.", False),
        ("It's over.", False),
        ("Emojis are off limits.", False),
    ],
)
def test_selling_and_what_is_over_are_endings_too(line, ended):
    assert only_ended(line) is ended


def test_a_clause_that_says_a_removed_line_ended_is_cut_from_a_new_line():
    before = ["I use Trello to manage client projects."]
    lines = ["Moved everything over to notion yesterday, trello is gone."]
    assert without_endings(before, lines) == (["Moved everything over to notion yesterday."], lines)


def test_no_longer_goes_only_when_a_removed_line_named_it():
    before = ["I use tts, so no lists.", "Cap answers at 150 words."]
    lines = ["I don't use tts anymore.", "Cap answers at 150 words."]
    assert without_endings(before, lines)[0] == ["Cap answers at 150 words."]
    steak = ["I don't eat meat anymore."]
    assert without_endings(["I love steak."], steak) == (steak, [])  # a new state, kept


def test_a_cut_leaves_no_one_word_clause():
    before = ["Hana: test gluten-free for a 4 week trial."]
    lines = ["Update, the trial's over and gluten wasn't the problem."]
    assert without_endings(before, lines)[0] == ["Gluten wasn't the problem."]


def test_the_clause_is_cut_in_a_session_and_is_kept_without_it(session):
    from assistant.summary import endings

    steps = ["I use Trello to manage client projects",
             "moved everything over to notion yesterday, trello is gone"]  # fmt: skip
    summary, without = summaries_with_and_without(
        session, steps, endings, "_without_ended_clauses", lambda line, removed: line
    )
    assert "trello is gone" in without  # the test means something only if the merge stores it
    assert "trello" not in summary and "notion" in summary


def test_someone_who_went_home_or_was_rehomed_ended_too():
    before = ["Our cats are Tofu and Miso.", "My nephew Wren is staying with us."]
    lines = ["Tofu went to live with my sister, so just Miso now.",
             "Wren went home yesterday, back to just the two of us."]  # fmt: skip
    kept, _ = without_endings(before, lines)
    assert kept == ["Just Miso now.", "Back to just the two of us."]


def test_a_complaint_about_what_a_removed_line_named_is_not_kept_beside_the_change():
    before = ["Answer in Turkish."]
    lines = ["Go back to English.", "Turkish is slowing me down."]
    assert without_endings(before, lines)[0] == ["Go back to English."]
    assert without_endings(["Use lots of emojis."], ["Spanish feels weird."])[1] == []


def test_what_fell_through_is_cut_with_the_aside_before_it():
    before = ["I moved to seattle."]
    lines = ["Lol jk, seattle fell through, still in chicago."]
    assert without_endings(before, lines)[0] == ["Still in chicago."]


def test_the_turn_says_what_was_kept_of_a_line_that_lost_a_clause(session):
    session.send("what should I cook tonight?", mode="request")
    session.send("I use Trello to manage client projects")
    notes = session.send("moved everything over to notion yesterday, trello is gone").notes
    assert "kept without what ended: Moved everything over to notion yesterday." in notes
