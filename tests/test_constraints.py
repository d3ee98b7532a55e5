"""Summary style lines become generation constraints, and a Watch enforces them while a draft grows."""

from __future__ import annotations

import pytest

from assistant.constraints import Rules, apply, rules_for, strip_emoji, strip_lists


@pytest.mark.parametrize(
    ("summary", "expected"),
    [
        (
            "- Keep every answer to two sentences at most from now on.",
            Rules(max_sentences=2, no_lists=True),
        ),
        ("- Keep answers under 100 words", Rules(max_words=100)),
        ("- no bullet points", Rules(no_lists=True)),
        ("- Please stop using emojis", Rules(no_emoji=True)),
        ("- Always answer in Spanish.", Rules(language="spanish")),
        ("- Keep answers short", Rules(max_sentences=3, no_lists=True)),
        ("- Keep answers short\n- Use bullet points", Rules(max_sentences=3)),
        ("- I'm vegetarian\n- I live in Lisbon", Rules()),
        ("- Keep it to two sentences\n- Actually, longer and more detailed answers", Rules()),
        (
            "- Keep answers shorter\n- Keep every answer to two sentences at most",
            Rules(max_sentences=2, no_lists=True),
        ),
    ],
)
def test_rules_for_reads_countable_lines(summary, expected):
    assert rules_for(summary) == expected


def feed_in_pieces(rules: Rules, text: str, size: int = 5) -> tuple[str, str, str | None]:
    watch, shown = rules.watch(), ""
    for i in range(0, len(text), size):
        piece, stop = watch.feed(text[i : i + size])
        shown += piece
        if stop:
            break
    return shown, watch.finish(), watch.stopped


def test_the_watch_stops_after_the_second_sentence_and_shows_only_what_stays():
    text = "Boil the water. Steep the tea for 3.5 minutes. Add milk. Enjoy it while it is warm."
    shown, final, stopped = feed_in_pieces(Rules(max_sentences=2), text)
    assert final == "Boil the water. Steep the tea for 3.5 minutes."
    assert shown.strip() == final and stopped == "sentences"


def test_the_word_limit_cuts_at_the_last_full_sentence_within_it():
    text = "One two three four five. Six seven eight nine ten eleven twelve."
    assert apply(Rules(max_words=10), text) == "One two three four five."
    assert apply(Rules(max_words=3), "One two three four five") == "One two three."


def test_a_loop_stops_the_draft_early_and_keeps_one_copy():
    loop = "Tea is a drink made from leaves. " * 6
    shown, final, stopped = feed_in_pieces(Rules(), loop)
    assert stopped == "loop" and final == "Tea is a drink made from leaves."
    assert len(shown) < len(loop) / 2, "decoding stopped at the second copy"


def test_lists_become_sentences_and_emoji_go():
    assert strip_lists("Try this:\n- boil water\n- add tea\n\nEnjoy.") == (
        "Try this: boil water. add tea.\n\nEnjoy."
    )
    assert strip_emoji("Great tea 😀 ☕ time") == "Great tea time"
    final = apply(Rules(no_lists=True, no_emoji=True), "Steps 🍵:\n1. Boil water\n2. Steep")
    assert "1." not in final and "🍵" not in final and "Boil water." in final
    run_in = "Find loose tea in a local shop. 2. You can buy it online. Steep it 2.5 minutes."
    assert strip_lists(run_in) == (
        "Find loose tea in a local shop. You can buy it online. Steep it 2.5 minutes."
    ), "a list number run into the prose goes; a decimal stays"
    two = apply(Rules(max_sentences=2, no_lists=True), run_in)
    assert two == "Find loose tea in a local shop. You can buy it online."


def test_token_budget_follows_the_counted_limits():
    assert Rules().max_tokens(256) == 256
    assert Rules(max_sentences=2).max_tokens(256) < 128
    assert Rules(max_words=50).max_tokens(256) == 88
    assert Rules(max_words=500).max_tokens(256) == 256
    assert Rules(language="spanish").opening
