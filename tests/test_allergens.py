"""A corrected allergen, by the contrast corrections (assistant.summary.contrast): "isnt allergic
to peanuts at all, its tree nuts", 'the soy thing was a false alarm, it's sesame', "tree nuts,
not peanuts" of 'a peanut allergy'; read beside the switched-off counterpart. Cases written for
this test."""

from __future__ import annotations

import re
from unittest import mock

import pytest

from assistant.summary import contrast
from assistant.summary.contrast import corrections

_NEVER = re.compile(r"(?!)")


@pytest.mark.parametrize(
    ("stored", "text", "fixed"),
    [
        (["My son Tariq is allergic to walnuts.", "Keep it short."],
         "update: he isn't allergic to walnuts at all, it's actually cashews",
         "My son Tariq is allergic to cashews."),
        (["Rumi is allergic to soy.", "Never use soy sauce."],
         "the soy thing was a false alarm, it's sesame he reacts to",
         "Rumi is allergic to sesame."),
        (["Rumi has a walnut allergy."], "it's cashews, not walnuts", "Rumi has a cashew allergy."),
    ],
)  # fmt: skip
def test_the_stored_allergy_line_gets_the_right_allergen(stored, text, fixed):
    assert [f for _, f in corrections(stored, text)] == [fixed]


@pytest.mark.parametrize(
    ("stored", "text"),
    [
        (["I love walnuts in salads.", "Walnuts are great."], "it's cashews, not walnuts"),
        (["Keep it short."], "he isn't allergic to walnuts at all, it's cashews"),
        (["Rumi is allergic to soy."], "she isn't lactose intolerant, just tired"),
        (["Teo is allergic to shellfish."], "he's not allergic to shellfish, it's something else"),
        (["Use bullet points."], "numbered steps instead of bullets when it's instructions"),
        (["I'm training for a triathlon."], "switched from triathlon to just cycling, knee's bad"),
    ],
)
def test_no_line_or_no_one_line_is_no_correction(stored, text):
    assert corrections(stored, text) == []


def test_without_the_new_readings_the_allergen_stays_wrong():
    stored = ["My son Tariq is allergic to walnuts.", "Rumi has a walnut allergy."]
    with (
        mock.patch.object(contrast, "_ISNT_Y_ITS_X", _NEVER),
        mock.patch.object(contrast, "_FALSE_ALARM", _NEVER),
    ):
        assert corrections(stored[:1], "he isn't allergic to walnuts at all, it's cashews") == []
        assert corrections(stored[:1], "the walnut thing was a false alarm, it's cashews") == []
    assert corrections(stored[1:], "it's cashews, not walnuts")  # the plural reading, on


def test_in_a_session_the_allergen_is_corrected_and_without_it_the_line_is_lost(session):
    said = ["my friend jess is allergic to peanuts and she's coming to the bbq",
            "turns out jess isnt allergic to peanuts at all, its tree nuts"]  # fmt: skip
    for x in said:
        session.send(x)
    assert "jess is allergic to tree nuts" in session.summary().lower()
    session.edit_summary("")
    with mock.patch.object(contrast, "_ISNT_Y_ITS_X", _NEVER):
        for x in said:
            session.send(x)
    assert "tree nuts" not in session.summary().lower()
