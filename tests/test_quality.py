"""The quality floor: loops, empty, echoed and wrong-language drafts are found; sane ones are not."""

from __future__ import annotations

import pytest

from assistant.quality import (
    degenerate_reason,
    finished_sentences,
    language_of,
    loop_cut,
    sentence_spans,
)

TEA_TWICE = (
    "To make a cup of tea, you'll need a kettle, a pot, and a kettle. "
    "To make a cup of tea, you'll need a kettle, a pot, and a kettle."
)
SANE = (
    "Boil fresh water, pour it over a tea bag in a warm cup and let it steep for three to five "
    "minutes. Remove the bag, then add milk or sugar if you like."
)


def test_a_sentence_said_twice_is_a_loop_and_the_cut_keeps_one_copy():
    cut = loop_cut(TEA_TWICE)
    assert cut is not None
    assert TEA_TWICE[:cut].strip() == TEA_TWICE[: len(TEA_TWICE) // 2].strip()
    assert degenerate_reason(TEA_TWICE) == "loops"
    assert degenerate_reason(TEA_TWICE[:cut]) is None


def test_a_phrase_said_three_times_without_full_stops_is_a_loop():
    text = "You can add milk and sugar to taste, " * 3 + "and then enjoy it"
    assert loop_cut(text) is not None
    assert degenerate_reason(text) == "loops"


def test_sane_answers_and_short_repeats_are_not_loops():
    assert loop_cut(SANE) is None and degenerate_reason(SANE, "How do I make tea?") is None
    assert loop_cut("Yes. Yes. I agree with that plan completely.") is None


@pytest.mark.parametrize(
    ("text", "prompt", "language", "reason"),
    [
        ("", "How do I make tea?", None, "empty"),
        ("Tea.", "How do I make tea?", None, "empty"),
        ("How do I make tea?", "How do I make tea?", None, "echoes the request"),
        ("Как заварить чай: вскипятите воду.", "How do I make tea?", None, "another language"),
        (SANE, "¿Cómo preparo té?", "spanish", "another language"),
        (
            "Claro, para hacer té hierve el agua y pon la bolsita en la taza.",
            "tea?",
            "spanish",
            None,
        ),
    ],
)
def test_degenerate_reasons(text, prompt, language, reason):
    assert degenerate_reason(text, prompt, language) == reason


def test_language_of_tells_common_languages_apart_and_abstains_on_short_text():
    assert language_of(SANE) == "english"
    assert (
        language_of("Para hacer una taza de té, primero hierve el agua en la tetera.") == "spanish"
    )
    assert language_of("Ok.") is None


def test_sentence_spans_skip_abbreviations_and_count_lines():
    text = "Use e.g. green tea. Steep it 2.5 minutes!\n- milk\n- sugar"
    assert len(sentence_spans(text)) == 4
    assert finished_sentences("One. Two") == 1
    assert finished_sentences("One. Two.") == 1, "a final full stop may still be '2.5'"
    assert finished_sentences("One. Two. ") == 2
    assert len(sentence_spans("Great!! 😀 Boil water.")) == 2, "an emoji alone is no sentence"
    # a numbered item written inline starts a sentence of its own
    text = "Boil water (have it ready) 2. Pour it into a cup. Enjoy!"
    assert len(sentence_spans(text)) == 3
    assert finished_sentences("Boil water (have it ready) 2. Pour it") == 1


def test_a_sentence_closed_by_markdown_emphasis_or_a_quote_still_ends():
    text = "**A simple recipe**. **Serve it cold.** 3. **Add mint.**"
    assert len(sentence_spans(text)) == 3
    assert len(sentence_spans("He said “stop.” Then he left.")) == 2
