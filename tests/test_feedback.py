"""The feedback split: routing, sign, directive extraction, caching and bad input."""

from __future__ import annotations

import json

import pytest

from assistant import feedback
from assistant.feedback import (
    FeedbackClassifier,
    extract_directive,
    find_directive,
    load_rows,
    parse_explicit,
)
from assistant.summary import merge_directive, parse

PREV = "Sure! Here are some options:\n- Option one\n- Option two\nI hope this helps!"
ISSUE = "please keep answers under three sentences and skip the bullet points"


@pytest.fixture(scope="module")
def clf(tmp_path_factory):
    # the packaged heads load instantly; the cache dir only matters if the data changed
    return FeedbackClassifier.load(cache_dir=tmp_path_factory.mktemp("feedback-heads"))


def test_issue_example_routes_as_feedback_and_lands_in_summary(clf):
    split = clf.split(ISSUE, PREV)
    assert split.kind == "feedback"
    assert split.directive is not None
    assert "three sentences" in split.directive and "bullet" in split.directive.lower()
    assert "please" not in split.directive.lower()
    summary = merge_directive("- I'm vegetarian.", split.directive)
    lines = parse(summary)
    assert "I'm vegetarian." in lines
    assert any("three sentences" in x for x in lines)
    assert any("bullet" in x.lower() for x in lines)


def test_praise_is_positive_without_directive(clf):
    split = clf.split("thanks, that was great", PREV)
    assert split.kind == "feedback"
    assert split.sign == 1 and split.score > 0.3
    assert split.directive is None


def test_complaint_is_negative(clf):
    split = clf.split(
        "that's wrong, the capital is Canberra", "The capital of Australia is Sydney."
    )
    assert split.kind == "feedback" and split.sign == -1 and split.score < 0


def test_new_question_is_a_request(clf):
    split = clf.split("how do I boil an egg?", PREV)
    assert split.kind == "request"
    assert split.sign == 0 and split.directive is None and split.confidence > 0.5


def test_request_that_looks_like_feedback_is_a_request(clf):
    text = "make a shorter version of this poem: roses are red, violets are blue, sugar is sweet"
    assert clf.split(text, PREV).kind == "request"


def test_preference_without_previous_answer_is_feedback_with_directive(clf):
    split = clf.split("I prefer metric units", None)
    assert split.kind == "feedback" and split.sign == 0
    assert split.directive == "I prefer metric units."


def test_mixed_feedback_keeps_only_the_directive(clf):
    split = clf.split("way too long, and stop apologising all the time", PREV)
    assert split.kind == "feedback" and split.sign == -1
    assert split.directive == "Keep answers shorter; stop apologising all the time."


def test_explicit_marks_feedback_even_for_a_question(clf):
    split = clf.split("why did you use a list?", PREV, explicit=True)
    assert split.kind == "feedback" and split.confidence == 1.0


def test_empty_message_is_a_clear_error(clf):
    with pytest.raises(ValueError, match="empty message"):
        clf.split("   \n", PREV)


def test_huge_and_odd_inputs_do_not_crash(clf):
    huge = clf.split("shorter please " * 5000, PREV, explicit=True)
    assert huge.kind == "feedback"
    assert huge.directive is not None and len(huge.directive) <= feedback.MAX_DIRECTIVE_CHARS + 1
    odd = clf.split("no emojis \udcff\x00\x1b[31m please \u202e", "prev \udcfe")
    assert odd.kind in ("request", "feedback")


def _tiny_data(path):
    rows = [
        ("how do I boil an egg?", "request", 0, False),
        ("what is a mortgage", "request", 0, False),
        ("write a poem about rain", "request", 0, False),
        ("thanks, perfect", "feedback", 1, False),
        ("that's wrong", "feedback", -1, False),
        ("shorter please", "feedback", 0, True),
        ("no emojis", "feedback", 0, True),
    ]
    keys = ("text", "kind", "sign", "directive")
    path.write_text(
        "\n".join(
            json.dumps({"previous_answer": PREV, **dict(zip(keys, r, strict=True))}) for r in rows
        )
    )
    return path


def test_cached_heads_load_without_training(clf, tmp_path, monkeypatch):
    data = _tiny_data(tmp_path / "tiny.jsonl")
    first = FeedbackClassifier.load(encoder=clf.encoder, cache_dir=tmp_path, data_path=data)
    assert list(tmp_path.glob("feedback-heads-*.npz"))

    def no_training(*args, **kwargs):
        raise AssertionError("retrained despite a cache")

    monkeypatch.setattr(feedback, "train_heads", no_training)
    second = FeedbackClassifier.load(encoder=clf.encoder, cache_dir=tmp_path, data_path=data)
    assert second.split(ISSUE, PREV) == first.split(ISSUE, PREV)


def test_changed_data_or_corrupt_cache_retrains(clf, tmp_path):
    data = _tiny_data(tmp_path / "tiny.jsonl")
    first = FeedbackClassifier.load(encoder=clf.encoder, cache_dir=tmp_path, data_path=data)
    for path in tmp_path.glob("feedback-heads-*.npz"):
        path.write_bytes(b"not a zip")
    again = FeedbackClassifier.load(encoder=clf.encoder, cache_dir=tmp_path, data_path=data)
    assert again.split("thanks!", PREV) == first.split("thanks!", PREV)
    data.write_text(data.read_text() + "\n" + data.read_text().splitlines()[0])
    FeedbackClassifier.load(encoder=clf.encoder, cache_dir=tmp_path, data_path=data)
    assert len(list(tmp_path.glob("feedback-heads-*.npz"))) == 2


@pytest.mark.parametrize(
    ("text", "prefix"),
    [
        ("/fb shorter please", (True, "shorter please")),
        ("/feedback  too long", (True, "too long")),
        ("Feedback: no emojis", (True, "no emojis")),
        ("/fbx hello", (False, "/fbx hello")),
        ("how do I give feedback: nicely?", (False, "how do I give feedback: nicely?")),
    ],
)
def test_parse_explicit(text, prefix):
    assert parse_explicit(text) == prefix


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("shorter, and stop apologising", "Make answers shorter; stop apologising."),
        ("too long", "Keep answers shorter."),
        ("The emojis are annoying, please stop using them.", "Stop using the emojis."),
        ("I'm vegetarian, keep that in mind", "I'm vegetarian."),
        ("use fahrenheit and pounds please", "Use fahrenheit and pounds."),
        ("no more emojis", "No more emojis."),
        ("great, but a bit shorter next time", "A bit shorter."),
    ],
)
def test_extract_directive(text, expected):
    assert extract_directive(text) == expected


def test_pure_evaluation_has_no_directive_but_extraction_is_never_empty():
    assert find_directive("thanks, that was great") is None
    assert extract_directive("thanks, that was great")


def test_bad_data_file_names_the_line(tmp_path):
    path = tmp_path / "fb.jsonl"
    good = {"previous_answer": None, "text": "hi", "kind": "request", "sign": 0, "directive": False}
    path.write_text(json.dumps(good) + "\n" + json.dumps({**good, "kind": "maybe"}) + "\n")
    with pytest.raises(ValueError, match=r"fb.jsonl:2: 'kind'"):
        load_rows(path)


def test_labelled_set_is_large_with_a_separate_test_split():
    rows = load_rows(feedback.DATA_PATH)
    test = [r for r in rows if r["split"] == "test"]
    assert len(rows) >= 400 and len(test) >= 0.3 * len(rows)
    train_texts = {r["text"].lower() for r in rows if r["split"] == "train"}
    assert not [r["text"] for r in test if r["text"].lower() in train_texts]
