"""A correction by contrast ('its Radka not Radek') edits the stored line that says the rejected
word, and only when one stored line says it."""

from __future__ import annotations

import pytest

from assistant.summary import merge_directive
from assistant.summary.contrast import corrected_lines, with_corrections
from assistant.summary.lines import parse
from assistant.summary.relation_cues import one_word_changed


@pytest.mark.parametrize(
    ("stored", "text", "expected"),
    [
        (["Call me Radek."], "sry typo, its Radka not Radek. im a woman lol", ["Call me Radka."]),
        (["I'm 34."], "sorry i mean 43 not 34, typo", ["I'm 43."]),
        (
            ["Use metric.", "Call me Jos."],
            "wait not Jos, Joost. and imperial is fine",
            ["Call me Joost."],
        ),
        (["My budget is 1,100 euros."], "1,200 not 1,100", ["My budget is 1,200 euros."]),
        (
            ["Lena is vegan."],
            "Lena's vegetarian not vegan, she eats cheese",
            ["Lena is vegetarian."],
        ),
        (
            ["I'm a chemistry teacher."],
            "now teaching physics instead of chemistry",
            ["I'm a physics teacher."],
        ),
        (["Use Python for code."], "we switched from Python to Go at work", ["Use Go for code."]),
        (["Answer in German."], "swap german for swedish please", ["Answer in swedish."]),
        (
            ["My daughter Ines loves dinosaurs."],
            "she's moved on from dinosaurs to space rockets",
            ["My daughter Ines loves space rockets."],
        ),
        (
            ["I'm shopping for a road bike."],
            "I'm looking at gravel bikes instead of road bikes",
            ["I'm shopping for a gravel bike."],
        ),
    ],
)
def test_the_stored_line_with_the_rejected_word_is_corrected(stored, text, expected):
    assert corrected_lines(stored, text) == expected


@pytest.mark.parametrize(
    ("stored", "text"),
    [
        ([], "no, it's Canberra, not Sydney"),  # about the answer: nothing stored to correct
        (["I live in Sydney.", "My sister lives in Sydney."], "Canberra, not Sydney"),  # which?
        (["Keep it short."], "short but not too short"),
        (["Use metric."], "this is not working"),
    ],
)
def test_nothing_is_corrected_without_exactly_one_stored_line_to_correct(stored, text):
    assert corrected_lines(stored, text) == []


def test_the_correction_replaces_the_old_line_and_its_own_wording_is_not_kept():
    summary = merge_directive("", "I'm 34; I live in Oslo.")
    directive = with_corrections(
        parse(summary), "sorry i mean 43 not 34, typo", "Sorry i mean 43 not 34."
    )
    after = merge_directive(summary, directive)
    assert "43" in after and "34" not in after and "Oslo" in after


def test_one_word_put_in_anothers_place_is_a_new_value_not_a_repeat():
    assert one_word_changed("My friend Lena is vegan.", "My friend Lena is vegetarian.")
    assert not one_word_changed("Keep it short.", "Keep it brief please.")
    assert not one_word_changed("Use a reply.", "Use replies.")  # the same word, inflected
    assert one_word_changed("No other meat.", "It's just no red meat now.")  # hedges aside
    after = merge_directive(
        merge_directive("", "My friend Lena is vegan."), "My friend Lena is vegetarian."
    )
    assert "vegetarian" in after and "vegan." not in after


def test_a_three_letter_word_links_a_take_back_to_its_line():
    from assistant.summary.relations import linked

    assert linked("I don't fly.", "Flying's fine again.")
    assert not linked("I don't fly.", "Use the metric system.")
    summary = merge_directive(
        merge_directive("", "I don't fly; I live in Lyon."), "Flying's fine again."
    )
    assert "fly." not in summary and "Lyon" in summary


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "My wife Ines works night shifts as a midwife.",
            "She switched to day shifts this month.",
            "My wife Ines works day shifts as a midwife.",
        ),
        ("Format dates as MM/DD/YYYY.", "Use ISO dates instead.", None),  # 'Format' is no modifier
        ("Our dog Bruno eats raw food.", "The vet changed Bruno to kibble.", None),
    ],
)
def test_a_changed_modifier_is_carried_into_the_old_line(old, new, expected):
    from assistant.summary.contrast import swapped_modifier

    assert swapped_modifier(old, new) == expected
