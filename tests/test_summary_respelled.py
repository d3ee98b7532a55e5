"""A name or word corrected by contrast ('it's X, not Y'), a middle length, and change labels:
each decided by the slot and contrast rules (the relation head is faked where it is called)."""

import numpy as np

from assistant.feedback.fillers import strip_fillers
from assistant.summary import directive_lines, render
from assistant.summary.contrast import corrected_lines, with_corrections, without_rejected
from assistant.summary.merge import _named
from assistant.summary.relation_cues import one_word_changed
from assistant.summary.relations import RELATIONS, decide
from assistant.summary.slots import slots


def test_x_not_y_wins_over_the_word_after_it():
    stored = ["My niece Annika is obsessed with dinosaurs."]
    text = "oh and it's Anneke, not Annika, autocorrect keeps doing that"
    assert corrected_lines(stored, text) == ["My niece Anneke is obsessed with dinosaurs."]
    # 'not Y, X' alone still reads as a contrast, even after a filler word
    assert corrected_lines(["Call me Jos."], "wait not Jos, Joost. and imperial is fine") == [
        "Call me Joost."
    ]


def test_the_rejected_word_said_last_is_dropped_from_a_new_line():
    text = "oh wait, his name is Ruairí, not Rory — he'll kill me"
    assert without_rejected("His name is Ruairí, not Rory.", text) == "His name is Ruairí."
    assert without_rejected("Use Celsius, not Fahrenheit.", "Use Celsius, not Fahrenheit") == (
        "Use Celsius."
    )
    said = "For cooking, use grams; not cups."  # the directive's ';' goes with ' not cups'
    assert without_rejected(said, "For cooking, use grams, not cups.") == "For cooking, use grams."
    # mid-line it stays: the new word is not said alone there
    said = "Bullets not numbers, 3 points max."
    assert without_rejected(said, "Bullets not numbers, 3 points max") == said
    assert without_rejected(None, "x not y") is None
    # with nothing stored to correct, with_corrections leaves the directive as it is
    assert with_corrections([], text, "His name is Ruairí, not Rory.") == (
        "His name is Ruairí, not Rory."
    )


def test_a_line_with_no_word_is_never_stored():
    assert directive_lines("For cooking, use grams;.") == ["For cooking, use grams."]
    assert directive_lines("; . — !") == []
    assert render(["Use grams.", ".", " — ", "Oven temps in Fahrenheit."]) == (
        "- Use grams.\n- Oven temps in Fahrenheit."
    )


def test_one_name_changed_is_a_new_value():
    old, new = "My niece Annika is obsessed.", "My niece Anneke is obsessed."
    assert one_word_changed(old, new, values_only=True)
    assert one_word_changed("Birthday is March 14.", "Birthday is March 17.", values_only=True)
    # a common word changed is no value; nor is the capital a sentence starts with
    assert not one_word_changed(
        "Keep it short for work.", "Keep it short for hobbies.", values_only=True
    )
    assert not one_word_changed("Keep it short.", "Make it short.", values_only=True)
    head_says_compatible = np.eye(len(RELATIONS))[RELATIONS.index("compatible")]
    assert decide(old, new, head_says_compatible) == "supersedes"


def test_a_name_said_in_place_of_another_is_not_doubled():
    old = "My niece Annika is obsessed with dinosaurs."
    assert _named(old, "My niece Anneke is obsessed with dinosaurs.") is None
    assert _named("My dad Wiesław uses a wheelchair.", "My dad uses walker now.") == (
        "My dad Wiesław uses walker now."
    )


def test_medium_is_a_length_of_its_own():
    assert ("length", "medium") in {(s.name, s.value) for s in slots("Make answers medium length.")}
    assert ("length", "medium") in {(s.name, s.value) for s in slots("somewhere in the middle")}
    assert ("length", "short") in {(s.name, s.value) for s in slots("Keep it brief.")}
    assert not any(s.name == "length" for s in slots("Cook my steak medium rare."))


def test_change_labels_are_no_part_of_a_line():
    assert strip_fillers("Few corrections: I've moved to Rust") == "I've moved to Rust"
    assert strip_fillers("Quick update on me: moved to Bristol") == "moved to Bristol"
    assert strip_fillers("Change of plan on two of those: American spelling is fine") == (
        "American spelling is fine"
    )
    # a scope before the colon is kept: it says what the rule is for
    assert strip_fillers("update for cover letters: half a page max") == (
        "update for cover letters: half a page max"
    )
