"""Stored lines a message ends go after the merge (graph.retire, assistant.summary.stale): a fake
reader for the wiring, the shipped reader on a few clear pairs written for this test."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.local_session import open_session
from assistant.config import load_settings
from assistant.summary import stale
from tests.fakes import FakeLLM


class WordReader:
    """Deterministic: a line is stale when the message names one of its `ends` words."""

    def __init__(self, ends: dict[str, str]):
        self.ends, self.seen = ends, []

    def p_stale(self, lines, text):
        self.seen.append((list(lines), text))
        return [1.0 if any(w in text and line == x for w, line in self.ends.items()) else 0.0
                for x in lines]  # fmt: skip


def test_a_plain_request_can_end_a_stored_line(open_with):
    reader = WordReader({"running": "I run 5K three times a week."})
    s = open_with(reader)
    s.edit_summary("- I run 5K three times a week.\n- I'm vegetarian.")
    s.send("gave up running, my knees hate me. any low-impact cardio ideas?", mode="request")
    assert "5K" not in s.summary() and "vegetarian" in s.summary()
    cause = s.summary_history()[-1].cause
    assert "gave up running" in cause and "I run 5K" in cause


def test_lines_the_reader_does_not_flag_stay_and_it_reads_the_message_alone(open_with):
    reader = WordReader({"cello": "I play the cello."})
    s = open_with(reader)
    s.edit_summary("- I play the cello.\n- Answer in French.")
    s.send("what should I cook tonight?", mode="request")
    s.send("something quick please", mode="request")
    assert "cello" in s.summary() and "French" in s.summary()
    assert reader.seen[-1] == (["I play the cello.", "Answer in French."], "something quick please")


def test_switched_off_the_merge_alone_decides(tmp_path: Path, classifier, monkeypatch):
    reader = WordReader({"running": "I run 5K three times a week."})
    monkeypatch.setattr(stale, "shipped", lambda: reader)
    (tmp_path / "plural.toml").write_text("stale_lines = false\n")
    settings = load_settings({"data_dir": tmp_path / "d", "user": "bo"}, env={},
                             config_path=tmp_path / "plural.toml")  # fmt: skip
    assert load_settings(
        {}, env={}, config_path=tmp_path / "none.toml"
    ).stale_lines  # on by default
    s = open_session(settings, llm=FakeLLM(), classifier=classifier, load_personalizer=False)
    s.load()
    s.edit_summary("- I run 5K three times a week.")
    s.send("gave up running, any low-impact cardio ideas?", mode="request")
    assert "5K" in s.summary() and reader.seen == []
    s.close()


def test_lines_the_merge_changed_are_not_read_again(open_with):
    reader = WordReader({})
    s = open_with(reader)
    s.edit_summary("- Answer in Spanish.\n- I have a cat named Miso.")
    s.send("please answer in German from now on", mode="feedback")
    assert "German" in s.summary()
    assert all("Answer in Spanish." not in lines for lines, _ in reader.seen)


def test_a_line_the_message_says_stays_is_kept_whatever_the_reader_says(open_with):
    reader = WordReader({"dropped": "Use tables for comparisons.", "dropped ": "No emojis."})
    s = open_with(reader)
    s.edit_summary("- Use tables for comparisons.\n- No emojis.")
    s.send("I dropped the table idea, but keep the no emojis rule", mode="feedback")
    assert "No emojis." in s.summary()
    assert reader.seen, "the reader was asked"


@pytest.mark.parametrize(
    ("line", "text", "stays"),
    [
        ("Use bullet points.", "forget the emoji thing but keep the bullets", True),
        ("No flights over 6 hours.", "budget is 2000 now, the flights thing still stands", True),
        ("Weekly budget is 50 pounds.", "go up to 70 just this once, it's a birthday", True),
        ("Always show the steps.", "skip the steps for now, is vinegar safe on marble?", True),
        ("I drive a Civic.", "sold the civic, I cycle everywhere now", False),
        ("No emojis.", "the formal tone is fine but emojis are ok now", False),
        ("I live in Porto.", "still on the fence about moving", False),
        ("My uncle Bo lives in Lyon.", "she's moved to Nice now", True),  # not him
        ("My niece's bedtime is 8.", "make his 9, he's older", True),
        ("My aunt lives in Lyon.", "she's moved to Nice now", False),
        ("I run 10K on Sundays.", "she says I should rest my knee", False),  # about the user
        ("My son and my daughter swim.", "he quit swimming", False),  # both: the reader decides
    ],
)
def test_said_to_stay(line, text, stays):
    assert stale.said_to_stay(line, text) is stays


def test_pairs_label_a_line_stale_when_the_right_summary_lost_it():
    ex = {"summary": ["I drive a Civic.", "I'm vegan."], "message": "sold the car",
          "previous": "do I need insurance?", "after": ["I'm vegan."]}  # fmt: skip
    assert stale.pairs([ex]) == [("I drive a Civic.", "sold the car", 1),
                                 ("I'm vegan.", "sold the car", 0)]  # fmt: skip


@pytest.mark.skipif(not (stale.ADAPTER_DIR / "adapter_config.json").exists(),
                    reason="no shipped stale-line adapter")  # fmt: skip
def test_the_shipped_reader_separates_clear_cases():
    reader = stale.StaleLines.load()
    ended, kept = reader.p_stale(
        ["I drive a 2012 Honda Civic.", "My partner is called Sam."],
        "we finally sold the honda, I take the tram everywhere now",
    )
    assert ended > stale.THRESHOLD > kept
    (asked,) = reader.p_stale(["I'm allergic to shellfish."], "what's a good pasta for two?")
    assert asked < 0.5


class HalfSureReader:
    """Deterministic: every line at P(stale) 0.7, above the cued threshold, below the plain one."""

    def p_stale(self, lines, text):
        return [0.7] * len(lines)


def test_a_line_the_reader_half_doubts_goes_when_the_message_says_something_changed(open_with):
    s = open_with(HalfSureReader())
    s.edit_summary("- My home airport is SFO.")
    s.send("moved across the bay, OAK is way easier for me now. any lounges there?", mode="request")
    assert "SFO" not in s.summary()


def test_a_message_that_adds_or_says_nothing_changed_keeps_it(open_with):
    s = open_with(HalfSureReader())
    s.edit_summary("- My home airport is SFO.")
    s.send("I also fly out of OAK now sometimes. any lounges there?", mode="request")
    assert "SFO" in s.summary()
    s.send("any lounges at SFO?", mode="request")
    assert "SFO" in s.summary()


def test_without_the_cued_threshold_the_half_doubted_line_stays(open_with, monkeypatch):
    import graph.retire

    monkeypatch.setattr(graph.retire, "cued_change", lambda line, text: False)
    s = open_with(HalfSureReader())
    s.edit_summary("- My home airport is SFO.")
    s.send("moved across the bay, OAK is way easier for me now. any lounges there?", mode="request")
    assert "SFO" in s.summary()


def test_from_now_on_is_a_lasting_cue_not_a_change(open_with):
    s = open_with(HalfSureReader())
    s.edit_summary("- I'm starting at Brightwave on Monday.")
    s.send("be blunt with me from now on. critique my plan to open a bakery", mode="feedback")
    assert "Brightwave" in s.summary()
