"""A corrected allergen (assistant.summary.allergens, applied in graph.retire), read beside the
switched-off counterpart. Cases written for this test."""

from __future__ import annotations

from unittest import mock

import pytest

import graph.retire
from assistant.summary.allergens import allergen_fixed, corrected


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("oh wait, it's cashews, not walnuts", ("walnuts", "cashews")),
        ("update: he isn't allergic to eggs at all, it's actually kiwi", ("eggs", "kiwi")),
        ("the soy thing was a false alarm, it's sesame he reacts to", ("soy", "sesame")),
        ("she's not lactose intolerant, just tired", None),
        ("it's fine, not a problem", None),
        ("allergic to cats too", None),
    ],
)
def test_the_correction_the_message_says(text, said):
    assert corrected(text) == said


@pytest.mark.parametrize(
    ("before", "text", "after"),
    [
        (["My son Tariq is allergic to walnuts.", "Keep it short."],
         "oh wait, it's cashews, not walnuts",
         ["My son Tariq is allergic to cashews.", "Keep it short."]),
        (["Rumi has a walnut allergy."], "it's cashews, not walnuts",
         ["Rumi has a cashew allergy."]),
        (["Keep it short."], "it's cashews, not walnuts", ["Keep it short."]),
        (["Tariq is allergic to walnuts.", "Rumi is allergic to walnuts."],
         "it's cashews, not walnuts", None),
        (["I love walnuts in salads."], "it's cashews, not walnuts", None),
    ],
)  # fmt: skip
def test_the_one_stored_allergy_line_gets_the_right_allergen(before, text, after):
    lines, edits = allergen_fixed(before, list(before), text)
    assert lines == (after or before) and bool(edits) is (after is not None and after != before)


def test_a_line_the_merge_took_comes_back_corrected_and_repeats_go():
    before = ["My partner Ingrid is allergic to sesame.", "Answer in English."]
    merged = ["Answer in English.", "My partner is Ingrid.", "Sesame is fine for her."]
    text = "the sesame thing was a false alarm. it's actually mustard she reacts to"
    lines, _ = allergen_fixed(before, merged, text)
    assert lines == ["My partner Ingrid is allergic to mustard.", "Answer in English."]


def test_in_a_session_the_allergen_is_corrected_and_without_it_the_line_is_lost(session):
    said = ["my friend jess is allergic to peanuts and she's coming to the bbq",
            "turns out jess isnt allergic to peanuts at all, its tree nuts"]  # fmt: skip
    for x in said:
        session.send(x)
    assert "jess is allergic to tree nuts" in session.summary().lower()
    session.edit_summary("")
    with mock.patch.object(graph.retire, "allergen_fixed", lambda before, lines, text: (lines, [])):
        for x in said:
            session.send(x)
    assert "tree nuts" not in session.summary().lower()
