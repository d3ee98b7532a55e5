"""A fact followed by a pointer ('remember that for quantities', 'use that for budget advice'),
a new number said as 'it's N now' or 'let's say N', honorifics inside a line, a scope across an
example, a clause with its own verb and 'too', and a successor named with 'my new ...'."""

from __future__ import annotations

import re

from assistant.feedback.clause_glue import for_later, next_scope, said_together
from assistant.feedback.directive import find_directive
from assistant.summary import directive_lines, merge_lines
from assistant.summary.clauses import _SUCCESSOR, clause_kind
from assistant.summary.lines import is_fragment
from assistant.summary.references import resolve_references, sets_a_number


def test_the_fact_before_a_pointer_is_the_line_and_the_pointer_is_none():
    assert find_directive("I make 65k a year, use that for budget advice") == "I make 65k a year."
    assert find_directive(
        "my son Lorcan wears size 31 shoes, remember for when I ask about it"
    ) == ("My son Lorcan wears size 31 shoes.")
    assert find_directive(
        "I train Mondays, Wednesdays and Fridays, plan any schedules around that"
    ) == ("I train Mondays, Wednesdays and Fridays.")
    # a kept line before it: the pointer adds nothing
    assert find_directive("my niece is allergic to kiwi, keep that in mind for recipes") == (
        "My niece is allergic to kiwi."
    )


def test_what_counts_as_a_pointer():
    assert for_later(" remember that for quantities")
    assert for_later("factor that into productivity tips")
    assert not for_later("remember that I'm vegan")  # 'that' opens what to remember
    assert not for_later("use bullet points for lists")
    assert said_together([("I train Mondays", ""), ("Wednesdays", ", "), ("Fridays", " and ")]) == (
        "I train Mondays, Wednesdays and Fridays"
    )


def test_a_number_said_with_now_replaces_the_number_in_the_newest_line():
    assert sets_a_number("it's 71,500 now") and sets_a_number("he's grown again, size 33 now")
    assert not sets_a_number("it's 5 minutes from here")
    assert resolve_references("It's 71,500 now.", ["I make 65k a year."]) == (
        "I make 71,500 a year."
    )
    assert resolve_references("It's about 20 min now.", ["My commute is 45 minutes each way."]) == (
        "My commute is 20 minutes each way."
    )
    assert resolve_references("So it's 20 now.", ["Headcount is 22."]) == "Headcount is 20."
    # '65k' is not counted on: 'two more' of it is not guessed
    assert resolve_references("Two more.", ["I make 65k a year."]) == "Two more."


def test_lets_say_n_sets_the_number():
    assert resolve_references("Say 90.", ["Keep answers under 60 words."]) == (
        "Keep answers under 90 words."
    )
    merged = merge_lines(["Keep answers under 60 words."], directive_lines("Say 90."))
    assert merged.lines == ["Keep answers under 90 words."]


def test_an_honorific_does_not_end_a_line():
    assert directive_lines("Her teacher is now Ms. Lindqvist. Dr. Osei is her doctor.") == [
        "Her teacher is now Ms. Lindqvist.",
        "Dr. Osei is her doctor.",
    ]


def test_a_scope_holds_across_an_example():
    said = find_directive(
        "and for anything that's instructions, like setting up a router, number the steps"
    )
    assert said == "For anything that's instructions, number the steps."
    lead = re.compile("^for ")
    assert next_scope("for recipes", "like a cake", lead) == "for recipes"
    assert next_scope("for recipes", "number them", lead) == ""
    assert next_scope("", "for cakes", lead) == "for cakes"


def test_a_clause_with_its_own_verb_and_too_is_no_fragment():
    assert not is_fragment("My brother's family is coming too.")
    assert is_fragment("My husband too.")


def test_a_successor_named_with_my_new_is_a_fact():
    assert clause_kind("my new roommate Yuki eats everything") == "fact"
    assert _SUCCESSOR.search("Basil moved out, my new roommate Yuki eats everything")
    assert not _SUCCESSOR.search("my new roommate eats everything")  # no one named


def test_a_fragment_giving_a_slot_another_value_is_a_line_of_its_own():
    stored = ["Explain things in Korean.", "Keep code comments in English."]
    merged = merge_lines(stored, directive_lines("Code comments in Korean too."))
    assert merged.lines == ["Explain things in Korean.", "Code comments in Korean."]
    # no clash: still joined to the line it continues
    merged = merge_lines(["Use Celsius for weather."], directive_lines("And for oven temps too."))
    assert merged.lines == ["Use Celsius for weather, and for oven temps too."]


def test_like_im_n_stays_with_its_rule():
    assert find_directive("keep explanations really simple, like I'm 10") == (
        "Keep explanations really simple, like I'm 10."
    )
