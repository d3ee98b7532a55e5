"""The head that says whether a piece of a request is worth remembering (stored_pieces), and the
request path that asks it. Every example here was written for these tests."""

from __future__ import annotations

import hashlib
from unittest import mock

import pytest

from assistant.feedback import stored_pieces
from assistant.feedback.request_facts import stated_in_request

FACTS = [
    "my husband Tariq works nights at the depot",
    "the twins start nursery at 9 on weekdays",
    "grandad is 91 and hard of hearing",
    "rent's 950 a month, split with my flatmate",
]
ONLY_NOW = [
    "so what should I make for tea",
    "the invoice is for 340 quid",
    "hiya, hope your day's going ok",
    "proofread the paragraph below",
]


def test_rows_need_a_text_and_a_store_flag(tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_text('{"text": "I keep bees", "store": true}\n{"text": "hello"}\n')
    with pytest.raises(ValueError, match=r"rows.jsonl:2: .*'store'"):
        stored_pieces.load_piece_rows(path)


def test_the_packaged_head_was_trained_on_the_shipped_rows():
    from assistant.feedback.classifier import FEATURE_VERSION

    rows = stored_pieces.ROWS_PATH.read_bytes()
    key = hashlib.sha256(rows + FEATURE_VERSION.encode()).hexdigest()[:16]
    assert (stored_pieces.PACKAGED_DIR / f"request-pieces-{key}.npz").exists()
    assert len(stored_pieces.load_piece_rows()) >= 800


def test_facts_said_in_passing_score_above_what_only_serves_the_request(classifier):
    head = stored_pieces.shipped(classifier)
    facts, only_now = head.proba(FACTS), head.proba(ONLY_NOW)
    assert facts.min() > only_now.max()
    assert all(head(p) for p in FACTS) and not any(head(p) for p in ONLY_NOW)


def test_a_piece_no_cue_admits_is_stored_only_when_the_head_says_so():
    text = "the twins start nursery at 9 on weekdays. any lunchbox ideas?"

    def judge(piece):
        return piece.strip().capitalize() + ".", True

    assert stated_in_request(text, judge) == []
    assert stated_in_request(text, judge, worth=lambda p: False) == []
    kept = stated_in_request(text, judge, worth=lambda p: "nursery" in p)
    assert kept == ["The twins start nursery at 9 on weekdays."]


def test_a_request_that_states_a_fact_keeps_it_and_not_without_the_head(session):
    text = "grandad is 91 and hard of hearing. what board games could we play at christmas?"
    session.send(text)
    assert "hard of hearing" in session.summary().lower()
    session.switch_user("bob")
    with mock.patch.object(stored_pieces, "shipped", lambda classifier: None):
        session.send(text)
    assert "hard of hearing" not in session.summary().lower()


def test_pieces_in_other_languages_and_one_occasion_pieces_are_not_asked(classifier):
    head = stored_pieces.shipped(classifier)
    assert head.english_share("schreib das bitte kürzer, ist für meine Oma") < 0.75
    assert head.english_share("paramedic in Leeds, long shifts") >= 0.75
    assert not head("schreib das bitte kürzer, ist für meine Oma")
    assert head("my sister Ines teaches yoga on saturdays")
    assert not head("this trip only, my sister Ines is coming along")


def test_a_lasting_piece_without_a_directive_is_its_own_line_when_the_head_vouches_for_it():
    text = "the allotment inspection is on May 9th. what should I plant first?"

    def judge(piece):
        return None, True

    assert stated_in_request(text, judge) == []
    kept = stated_in_request(text, judge, worth=lambda p: True)
    assert kept == ["The allotment inspection is on May 9th."]
