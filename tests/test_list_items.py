"""One item of a stored list changes and the rest stays (assistant.summary.list_items, wired in
graph.retire). The cases are written for this test, not taken from any benchmark set."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.local_session import open_session
from assistant.config import load_settings
from assistant.summary import stale
from assistant.summary.list_items import edit_lists, edited_line, named_items
from tests.fakes import FakeLLM


@pytest.mark.parametrize(
    ("line", "text", "edited"),
    [
        ("I'm allergic to walnuts, mango and oats.", "the oats thing is fine now",
         "I'm allergic to walnuts and mango."),
        ("My son does karate and piano on weekends.", "he quit karate", "My son does piano on weekends."),
        ("Quote prices in both USD and yen.", "drop the yen please", "Quote prices in USD."),
        ("Quote prices in dollars and pounds.", "just dollars is fine", "Quote prices in dollars."),
        ("Our dog Pip is on a renal diet and allergic to beef.", "pip's off the renal diet",
         "Our dog Pip is allergic to beef."),
        ("My crew: Lee (audio), Ana (video) and Kim (lights).", "Ana left last week",
         "My crew: Lee (audio) and Kim (lights)."),
    ],
)  # fmt: skip
def test_the_named_item_goes_and_the_others_stay(line, text, edited):
    assert edited_line(line, text) == edited


@pytest.mark.parametrize(
    ("line", "text"),
    [
        ("Keep answers short and use bullet points.", "ok that's fine, thanks"),  # names no item
        ("Use bullet points and bold key terms.", "just this once no bold"),  # a one-off
        ("My kids are Leo and Mia.", "thanks, that was great"),
        ("I run 5K on Sundays.", "I quit running"),  # not a list
        ("I cook with tofu and tempeh.", "drop tofu and tempeh"),  # nothing would be left
    ],
)
def test_nothing_changes_without_a_named_item_of_a_list(line, text):
    assert edited_line(line, text) is None


@pytest.mark.parametrize(
    ("line", "text", "edited"),
    [
        ("My nephews are Idris (5) and Omar (9).", "Omar turned 10 last week",
         "My nephews are Idris (5) and Omar (10)."),
        ("Swim is on mondays (Nia) and fridays (Ola).", "nia's swim moved to wednesdays",
         "Swim is on wednesdays (Nia) and fridays (Ola)."),
        ("I take my pills at 7am and 7pm.", "I take them once a day at 8am now", None),  # no name
        ("Rent is 900 for 2 rooms and 1 bath.", "Rent is 3 rooms now", None),  # opens the line
        ("My nephews are Idris (5) and Omar (9).", "is Omar ok with 10 candles?", None),  # asks
    ],
)  # fmt: skip
def test_a_new_value_goes_to_the_named_item_only(line, text, edited):
    assert edited_line(line, text) == edited


def test_named_items_reads_drops_and_keeps():
    dropped, kept = named_items("she's dropping chess, just tennis from now on")
    assert ["chess"] in dropped and kept == [["tenni"]]


def test_edit_lists_puts_the_edited_line_back_and_drops_the_fragments():
    before = ["Maya does chess and tennis on Fridays.", "Answer in French."]
    after = [
        "Answer in French.",
        "Just tennis.",
        "She quit chess.",
    ]  # what a whole-line merge leaves
    lines, edits = edit_lists(before, after, "she quit chess, just tennis now")
    assert edits == [("Maya does chess and tennis on Fridays.", "Maya does tennis on Fridays.")]
    assert lines == ["Maya does tennis on Fridays.", "Answer in French."]


def test_a_session_keeps_the_other_items_and_the_history_says_why(
    tmp_path: Path, classifier, monkeypatch
):
    monkeypatch.setattr(stale, "shipped", lambda: None)
    settings = load_settings({"data_dir": tmp_path / "data", "user": "alice"}, env={},
                             config_path=tmp_path / "none.toml")  # fmt: skip
    s = open_session(settings, llm=FakeLLM(), classifier=classifier, load_personalizer=False)
    s.load()
    try:
        s.edit_summary("- My son does karate and piano on weekends.\n- Answer in French.")
        s.send("he quit karate, just piano from now on", mode="feedback")
        summary = s.summary()
        assert "My son does piano on weekends." in summary and "French" in summary
        assert "karate" not in summary  # the merge alone leaves only 'Just piano.'
        cause = s.summary_history()[-1].cause
        assert (
            "he quit karate" in cause and "superseded by: My son does piano on weekends." in cause
        )
    finally:
        s.close()


def test_odd_messages_and_lines_never_break_a_turn():
    import random

    rng = random.Random(7)
    vocab = ["just", "only", "drop", "and", "or", ",", "the", "fine", "is", "now", "(", ")", "quit",
             "over", "left", "&", "-", "not", "é", "\x00", "💥", "both", "2", "two", "oats", "'s",
             "passed", "away", "off", ":", ".", "?", "pls", "no more", "mango"]  # fmt: skip
    lines = ["I'm allergic to walnuts, mango and oats.", "Use a and b, c.", ", and ,", "and",
             "(a) and (b)", "a, b, c, d and e", "x"]  # fmt: skip
    for _ in range(2000):
        text = " ".join(rng.choice(vocab) for _ in range(rng.randint(0, 12)))
        got, _ = edit_lists(lines, lines, text)
        assert all(x.strip() for x in got)
