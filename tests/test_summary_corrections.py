"""Corrections that change remembered lines: facts about the user have no scope, a clause that
only points back stays with its clause, a correction that replaces a remembered line lasts, and a
message said to be for this answer only does not."""

from __future__ import annotations

import pytest

from assistant.encoder import get_encoder
from assistant.feedback import only_this_answer, points_at_answer
from assistant.summary import changes_stored, directive_lines, merge_lines
from assistant.summary.lines import only_points_back
from assistant.summary.relations import rule_relation


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("I'm based in Lisbon.", "Relocated to Berlin for work."),
        ("I'm veggie.", "I went full vegan in January."),
        ("I work as a barista.", "I'm a junior data analyst now."),
        ("My name is Jordan.", "I've started going by Jules now, use that."),
    ],
)
def test_a_new_fact_about_the_user_replaces_the_old_whatever_its_qualifier(old, new):
    assert rule_relation(old, new) == "supersedes"


def test_units_for_a_narrower_scope_are_still_compatible():
    assert rule_relation("Use grams.", "For baking, weigh things in ounces.") != "supersedes"


def test_a_clause_that_only_points_back_is_kept_with_its_clause():
    assert only_points_back("Use that.") and only_points_back("They're fine now.")
    assert not only_points_back("Use metric units.")
    merged = merge_lines(["My name is Jordan."], directive_lines("I go by Jules now; use that."))
    assert merged.lines == ["I go by Jules now, use that."]


def test_taking_a_rule_back_removes_it_and_adds_nothing():
    merged = merge_lines(
        ["Don't put mushrooms in recipes.", "Keep it short."],
        directive_lines("I've come around on mushrooms; they're fine now."),
    )
    assert merged.lines == ["Keep it short."]


def test_a_correction_of_a_remembered_line_is_lasting():
    encoder = get_encoder()
    summary = "- I'm a chemistry teacher.\n- Always end with a summary."
    assert changes_stored(summary, "Stop doing the summary at the end.", encoder=encoder)
    assert not changes_stored(summary, "Use British spelling.", encoder=encoder)
    assert not changes_stored("", "Stop doing the summary at the end.", encoder=encoder)


@pytest.mark.parametrize(
    ("text", "one_off"),
    [
        ("For this one only, give me a long breakdown.", True),
        ("Just for this reply, write it as a paragraph.", True),
        ("For this answer and from now on, use tables.", False),
        ("Keep answers short.", False),
        ("today I'm swamped so just bullet points", True),
        ("shorter pls, i'm on the bus rn", True),
        ("I'm on my phone a lot, keep it short", False),
    ],
)
def test_said_to_be_for_this_answer_only(text, one_off):
    assert only_this_answer(text) is one_off


def test_pointing_at_the_answer_or_asking_for_content():
    assert points_at_answer("Translate that last bit into Swahili.")
    assert points_at_answer("Write me a haiku about rain.")
    assert not points_at_answer("Stop doing the summary at the end, it's redundant.")


@pytest.mark.parametrize(
    ("old", "new", "relation"),
    [
        ("Add a dad joke at the end of every answer.", "Alright, enough dad jokes.", "retracts"),
        ("Sign off every answer with 'Cheers!'.", "Drop the sign-off.", "retracts"),
        ("Use a friendly tone.", "Enough dad jokes.", None),  # nothing shared: not about it
        ("Never use emojis.", "Stop the emojis.", None),  # already a 'never': not a take-back
    ],
)
def test_a_stop_said_of_a_stored_line_takes_it_back(old, new, relation):
    assert rule_relation(old, new) == relation


def test_a_new_limit_said_with_a_change_of_length_is_kept_beside_it():
    merged = merge_lines(
        ["Keep replies to 2 sentences max."],
        ["Give longer, fuller answers.", "Give me up to a paragraph."],
    )
    assert merged.lines == ["Give longer, fuller answers.", "Give me up to a paragraph."]


def test_a_reason_that_only_restates_the_replaced_value_is_dropped():
    merged = merge_lines(
        ["Answer in French."], ["Answer in English.", "The French experiment isn't working."]
    )
    assert merged.lines == ["Answer in English."]


@pytest.mark.parametrize(
    ("old", "new", "relation"),
    [
        ("My mom is vegan.", "My mom is pescatarian now, she eats fish again.", "supersedes"),
        ("My wife is vegan.", "My son is vegetarian.", None),  # two people, two diets
        (
            "My daughter Ana is in 3rd grade.",
            "My daughter Ana is starting 4th grade.",
            "supersedes",
        ),
    ],
)
def test_someone_elses_diet_or_school_year_is_replaced_by_their_new_one(old, new, relation):
    assert rule_relation(old, new) == relation


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Our son Theo hates mushrooms.", "Scratch the mushroom thing."),
        ("Use lots of emojis when you reply.", "The emojis are getting a bit much now."),
        ("Always cite your sources.", "Include sources or don't, your call."),
    ],
)
def test_a_take_back_that_names_a_stored_line_removes_it_by_rule(old, new):
    assert rule_relation(old, new) == "retracts"


def test_a_take_back_of_something_else_leaves_a_line_alone():
    assert rule_relation("Our son Theo hates mushrooms.", "Scratch the sources thing.") is None


def test_a_currency_code_is_a_currency():
    assert rule_relation("Show prices in yen.", "I'm back in Melbourne for good now, AUD.") == (
        "supersedes"
    )


def test_what_ended_and_what_came_next_is_kept_as_a_line():
    merged = merge_lines(
        ["My son Ivo plays hockey on Sundays."],
        ["My son Ivo quit hockey and joined the chess club."],
    )
    assert merged.lines == ["My son Ivo quit hockey and joined the chess club."]
    only_ended = merge_lines(
        ["My coworker Bea sits next to me."], ["My coworker Bea left the company."]
    )
    assert only_ended.lines == []


def test_a_value_said_to_be_better_for_a_reason_replaces_the_old_value():
    assert rule_relation("Answer in Korean.", "English is better for my job.") == "supersedes"
    assert rule_relation("Use English.", "Use Korean for work emails.") == "compatible"
