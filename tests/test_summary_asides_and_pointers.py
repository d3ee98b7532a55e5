"""What a message points at and what it only says in passing: 'stairs are no problem now so drop
that' (the stairs), 'that allergy I told you about, scrap it', 'forget that bit', 'she's not
coeliac after all' (no correction of a word by 'she's'), labels and apologies around a line, and
facts said with a condition ('as someone with COPD', "can't have grapefruit with my statins")."""

from __future__ import annotations

import pytest

from assistant.feedback import find_directive
from assistant.feedback.fillers import strip_fillers
from assistant.feedback.shorthand import spelled_out
from assistant.summary import classify, merge_lines
from assistant.summary.contrast import with_corrections
from assistant.summary.retraction import takes_back_last


def test_drop_that_after_something_plural_is_no_pointer_to_the_hip():
    found = find_directive("new hip is brilliant, stairs are no problem now so drop that")
    assert found is not None and "hip" not in found
    assert takes_back_last(found)


def test_a_named_thing_then_scrap_it():
    found = find_directive("oh and that allergy I told you about, scrap it, it was the sauce")
    assert found is not None and found.startswith("Scrap that allergy")
    assert merge_lines(["I'm allergic to shellfish."], [found]).lines == []


def test_forget_that_bit_takes_back_the_newest_line():
    assert takes_back_last("forget that bit")
    assert takes_back_last("scratch that part")


def test_a_pronoun_is_no_correction_of_a_word():
    stored = ["My wife Ruth is coeliac so recipes need to be gluten free."]
    text = "she had the proper test and she's not coeliac after all"
    assert with_corrections(stored, text, "She's not coeliac after all.") == (
        "She's not coeliac after all."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("quick update, my doctor took me off metformin", "my doctor took me off metformin"),
        ("use that instead sorry", "use that instead"),
        ("bit about me: 72, retired teacher", "72, retired teacher"),
        ("Quick update on me: moved to Bristol", "moved to Bristol"),
    ],
)
def test_labels_and_apologies_are_no_part_of_a_line(text, expected):
    assert strip_fillers(text) == expected


def test_matter_of_fact_is_the_formal_end_of_chatty():
    assert ("formality", "formal") in classify("Plain and matter of fact.")
    merged = merge_lines(["Be chatty and fun with me."], ["Plain and matter of fact."])
    assert merged.lines == ["Plain and matter of fact."]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("forget the knitting stuff, my arthritis has got too bad for it", "arthritis"),
        ("my wife Pat gets carsick so keep driving legs under 3 hours", "Pat gets carsick"),
        ("update: the clinic switched me off warfarin onto apixaban", "apixaban"),
        ("can't have grapefruit with my statins, so leave it out", "I can't have grapefruit"),
    ],
)
def test_what_a_message_keeps(text, kept):
    found = find_directive(text)
    assert found is not None and kept in found


def test_a_language_said_after_so_is_the_language_to_answer_in():
    found = find_directive("we're doing Rome instead of Paris, so Italian please")
    assert found is not None and "answer in italian" in found.lower()
    text = "we're doing Rome instead of Paris, so Italian please"
    fixed = with_corrections(["I'm going to Paris in May."], text, found)
    assert fixed is not None and "italian" in fixed.lower()


def test_as_someone_with_a_condition_is_remembered(session):
    session.send("as someone with COPD is it safe for me to fly long haul?")
    assert "I have COPD." in session.summary()


def test_a_food_the_user_cannot_have_is_remembered_from_a_request(session):
    session.send("can't have grapefruit with my statins, so leave it out of breakfast ideas")
    assert "grapefruit" in session.summary()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("name Tomek, city Gdańsk, answer in polish pls", "Call me Tomek; I live in Gdańsk; answer in polish."),
        ("kids: Leo 6, Emma 9", "My kids are Leo 6, Emma 9."),
        ("cat Luna 3yo", "My cat Luna is 3."),
        ("remember: wife Mei, anniversary 14 feb", "My wife is Mei; our anniversary is 14 feb."),
        ("im vegeterian pls rember", "I'm vegetarian."),
    ],
)  # fmt: skip
def test_facts_typed_as_labels_are_read_as_sentences(text, expected):
    assert find_directive(spelled_out(text)) == expected


def test_forgetting_one_child_keeps_the_other():
    merged = merge_lines(["My kids are Leo 6, Emma 9."], ["Forget about emma."])
    assert merged.lines == ["My kids are Leo 6."]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Keep every answer under 100 words.", "Remove the word limit."),
    ],
)
def test_removing_a_limit_only_takes_it_back(old, new):
    assert merge_lines([old], [new]).lines == []


def test_a_new_shift_brings_its_hours():
    merged = merge_lines(
        ["I work night shift 22-06 at warehouse."], ["I switched to day shift 7-15."]
    )
    assert merged.lines == ["I work day shift 7-15 at warehouse."]


def test_dont_remember_it_anymore_takes_back_the_newest_line():
    assert takes_back_last("pls dont remember it anymore".replace("dont", "don't"))


def test_a_setup_list_is_remembered_whole(session):
    session.send("quick setup: name Yuki, live osaka, vegan, short answers")
    summary = session.summary()
    assert all(x in summary for x in ("Yuki", "osaka", "vegan", "Short answers"))


def test_a_religion_said_in_a_question_is_remembered(session):
    session.send("im muslim, what can i eat at mcdonalds?")
    assert "muslim" in session.summary()


@pytest.mark.parametrize(
    "text",
    ["kids in bed by 8pm", "I'm allergic to shellfish, husband too", "we love live music"],
)
def test_ordinary_words_after_a_label_word_are_no_labels(text):
    from assistant.summary.terse import spelled_out_labels

    assert spelled_out_labels(text) == text
