"""The feedback split: routing (and its threshold), sign, directive, lasting, caching, bad input."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest

from assistant.feedback import (
    DATA_PATH,
    LASTING_PATH,
    MAX_DIRECTIVE_CHARS,
    FeedbackClassifier,
    choose_threshold,
    extract_directive,
    find_directive,
    load_lasting_rows,
    load_rows,
    parse_explicit,
    train_heads,
)
from assistant.feedback.cues import (
    REACTION_NEGATIVE,
    REACTION_POSITIVE,
    asks_to_remember,
    gloss_emoji,
    reaction_polarity,
    words,
)
from assistant.feedback.native import language_rule
from assistant.summary import merge_directive, parse
from tests.fakes import FakeEncoder

PREV = "Sure! Here are some options:\n- Option one\n- Option two\nI hope this helps!"
ISSUE = "please keep answers under three sentences and skip the bullet points"


@pytest.fixture(scope="module")
def clf(tmp_path_factory):
    # the packaged heads load instantly; the cache dir only matters if the data changed
    return FeedbackClassifier.load(cache_dir=tmp_path_factory.mktemp("feedback-heads"))


def test_issue_example_routes_as_feedback_and_lands_in_summary(clf):
    split = clf.split(ISSUE, PREV)
    assert split.kind == "feedback" and split.sign == 0
    assert split.directive is not None and split.lasting
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


def test_complaint_is_negative_without_directive(clf):
    split = clf.split(
        "that's wrong, the capital is Canberra", "The capital of Australia is Sydney."
    )
    assert split.kind == "feedback" and split.sign == -1 and split.score < 0


@pytest.mark.parametrize(
    ("text", "sign"),
    [("👍", 1), ("👎", -1), ("+1", 1), ("nope", -1), ("meh", -1), ("🔥🔥", 1)],
)
def test_thumbs_as_emoji_or_words_are_signed_feedback(clf, text, sign):
    split = clf.split(text, PREV)
    assert split.kind == "feedback", split
    assert split.sign == sign and split.directive is None


def test_directive_without_judgement_has_sign_zero(clf):
    split = clf.split("from now on, give temperatures in Celsius", PREV)
    assert split.kind == "feedback" and split.sign == 0
    assert split.directive is not None and "celsius" in split.directive.lower()
    assert split.lasting


def test_a_fix_to_this_answer_is_not_lasting(clf):
    split = clf.split("can you redo that one as a numbered list", PREV, explicit=True)
    assert split.directive is not None and not split.lasting


def test_keep_it_is_a_way_to_go_on_answering(clf):
    import re
    from unittest import mock

    from assistant.feedback import classifier

    assert classifier.standing_rule("Keep it short.", "keep it short")
    assert clf.split("keep it short", PREV, explicit=True).lasting
    assert not clf.split("keep it short for this one", PREV, explicit=True).lasting
    assert not classifier.standing_rule("Make it shorter.", "make it shorter")
    with mock.patch.object(classifier, "_KEEP_IT", re.compile(r"(?!)")):  # 'it' is this answer
        assert not classifier.standing_rule("Keep it short.", "keep it short")


def test_a_rule_for_every_answer_of_a_kind_lasts(clf):
    text = "see how you broke that into sections? do this for all long answers"
    split = clf.split(text, PREV, explicit=True)
    assert split.directive is not None and split.lasting
    from unittest import mock

    from assistant.feedback import classifier
    from assistant.feedback.cues import LASTING_CUE

    with mock.patch.object(classifier, "_FOR_GOOD_CUE", LASTING_CUE):  # the head alone: a fix
        assert not clf.split(text, PREV, explicit=True).lasting


def test_new_question_is_a_request(clf):
    split = clf.split("how do I boil an egg?", PREV)
    assert split.kind == "request" and not split.uncertain
    assert split.sign == 0 and split.directive is None and split.confidence > 0.5


@pytest.mark.parametrize(
    "text",
    [
        "Write a short thank-you note to my neighbour for watering my plants.",
        "make a shorter version of this poem: roses are red, violets are blue, sugar is sweet",
        "give me a formal email asking my landlord to fix the heating",
    ],
)
def test_new_request_naming_a_style_is_a_request(clf, text):
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
    assert split.kind == "feedback" and split.confidence == 1.0 and not split.uncertain


def test_below_the_threshold_feedback_is_answered_as_an_uncertain_request(clf):
    strict = FeedbackClassifier(clf.encoder, dataclasses.replace(clf.heads, route_threshold=1.0))
    split = strict.split("way too long", PREV)
    assert split.kind == "request" and split.uncertain
    assert split.directive is None and split.confidence < 0.5
    assert not strict.split("how do I boil an egg?", PREV).uncertain
    assert strict.split("way too long", PREV, explicit=True).kind == "feedback"


def test_shipped_threshold_is_at_least_one_half(clf):
    assert 0.5 <= clf.route_threshold < 1.0


def test_empty_message_is_a_clear_error(clf):
    with pytest.raises(ValueError, match="empty message"):
        clf.split("   \n", PREV)


def test_huge_and_odd_inputs_do_not_crash(clf):
    huge = clf.split("shorter please " * 5000, PREV, explicit=True)
    assert huge.kind == "feedback"
    assert huge.directive is not None and len(huge.directive) <= MAX_DIRECTIVE_CHARS + 1
    odd = clf.split("no emojis \udcff\x00\x1b[31m please \u202e", "prev \udcfe")
    assert odd.kind in ("request", "feedback")


def test_choose_threshold_keeps_requests_taken_as_feedback_under_the_limit():
    requests = np.array([0.7, 0.6] + [0.2] * 98)
    feedback = np.array([0.65, 0.8, 0.9])
    p = np.concatenate([requests, feedback])
    is_fb = np.arange(len(p)) >= len(requests)
    tau = choose_threshold(p, is_fb, 0.02)
    # 2 of 100 requests above 0.5 would meet 2% only by luck; 1 of 100 meets it with 90% confidence
    assert 0.6 < tau < 0.65
    assert (requests >= tau).mean() <= 0.02
    assert list(feedback >= tau) == [True, True, True]
    assert choose_threshold(p, is_fb, 0.0) > 0.7
    assert choose_threshold(np.array([0.1, 0.2, 0.9]), np.array([0, 0, 1], bool), 0.0) == 0.5


def _tiny_rows():
    rows = [
        ("how do I boil an egg?", "request", 0, False, "train"),
        ("what is a mortgage", "request", 0, False, "train"),
        ("write a poem about rain", "request", 0, False, "train"),
        ("thanks, perfect", "feedback", 1, False, "train"),
        ("that's wrong", "feedback", -1, False, "train"),
        ("shorter please", "feedback", 0, True, "train"),
        ("no emojis", "feedback", 0, True, "train"),
        ("what is a loan", "request", 0, False, "dev"),
        ("thanks, wrong", "feedback", 1, False, "dev"),
    ]
    keys = ("text", "kind", "sign", "directive", "split")
    out = [{"previous_answer": PREV, **dict(zip(keys, r, strict=True))} for r in rows]
    out[5]["lasting"], out[6]["lasting"] = False, True
    return out


def _tiny_data(path):
    path.write_text("\n".join(json.dumps(r) for r in _tiny_rows()))
    return path


def _tiny_lasting(path):
    rows = [("always be brief", True), ("redo this one", False), ("I'm vegan", True)]
    path.write_text("\n".join(json.dumps({"text": t, "lasting": v}) for t, v in rows))
    return path


def test_training_learns_the_train_split_and_picks_a_threshold_on_dev(tmp_path):
    heads = train_heads(
        FakeEncoder(), _tiny_rows(), load_lasting_rows(_tiny_lasting(tmp_path / "l"))
    )
    assert heads.route_threshold >= 0.5
    clf = FeedbackClassifier(FakeEncoder(), heads)
    assert clf.split("how do I boil an egg?", PREV).kind == "request"
    assert clf.split("thanks, perfect", PREV).sign == 1


def test_cached_heads_load_without_encoding(tmp_path):
    data, lasting = _tiny_data(tmp_path / "tiny.jsonl"), _tiny_lasting(tmp_path / "lasting.jsonl")
    first = FeedbackClassifier.load(FakeEncoder(), tmp_path, data_path=data, lasting_path=lasting)
    assert list(tmp_path.glob("feedback-heads-*.npz"))
    encoder = FakeEncoder()
    second = FeedbackClassifier.load(encoder, tmp_path, data_path=data, lasting_path=lasting)
    assert encoder.calls == 0  # training would have encoded the rows
    assert second.split(ISSUE, PREV) == first.split(ISSUE, PREV)


def test_changed_data_or_corrupt_cache_retrains(tmp_path):
    data, lasting = _tiny_data(tmp_path / "tiny.jsonl"), _tiny_lasting(tmp_path / "lasting.jsonl")
    first = FeedbackClassifier.load(FakeEncoder(), tmp_path, data_path=data, lasting_path=lasting)
    for path in tmp_path.glob("feedback-heads-*.npz"):
        path.write_bytes(b"not a zip")
    encoder = FakeEncoder()
    again = FeedbackClassifier.load(encoder, tmp_path, data_path=data, lasting_path=lasting)
    assert encoder.calls > 0
    assert again.split("thanks!", PREV) == first.split("thanks!", PREV)
    lasting.write_text(lasting.read_text() + "\n" + json.dumps({"text": "hi", "lasting": False}))
    FeedbackClassifier.load(FakeEncoder(), tmp_path, data_path=data, lasting_path=lasting)
    assert len(list(tmp_path.glob("feedback-heads-*.npz"))) == 2


def test_shipped_heads_match_the_shipped_data():
    encoder = FakeEncoder()
    FeedbackClassifier.load(encoder)
    assert encoder.calls == 0, "data changed: rebuild with `python -m assistant.feedback`"


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
    assert find_directive("👍") is None
    assert extract_directive("thanks, that was great")


@pytest.mark.parametrize(
    ("text", "polarity"),
    [
        ("👍🏼", (True, False)),
        ("👎🏿", (False, True)),
        ("+1 from me", (True, False)),
        ("-1, sorry", (False, True)),
        ("2/10", (False, True)),
        ("9 out of 10", (True, False)),
        ("n-1 items", (False, False)),
        ("see https://example.com/x", (False, False)),
    ],
)
def test_reaction_polarity(text, polarity):
    assert reaction_polarity(text) == polarity


def test_emoji_are_spelled_out_for_the_encoder():
    assert gloss_emoji("👍🏼") == "thumbs up"
    assert gloss_emoji("works 👎") == "works thumbs down"
    assert gloss_emoji("plain text") == "plain text"


def test_bad_data_file_names_the_line(tmp_path):
    path = tmp_path / "fb.jsonl"
    good = {"previous_answer": None, "text": "hi", "kind": "request", "sign": 0, "directive": False}
    path.write_text(json.dumps(good) + "\n" + json.dumps({**good, "kind": "maybe"}) + "\n")
    with pytest.raises(ValueError, match=r"fb.jsonl:2: 'kind'"):
        load_rows(path)
    path.write_text(json.dumps({**good, "lasting": "yes"}) + "\n")
    with pytest.raises(ValueError, match=r"fb.jsonl:1: 'lasting'"):
        load_rows(path)


def test_labelled_set_has_train_and_dev_and_no_test_rows():
    rows = load_rows(DATA_PATH)
    splits = [r["split"] for r in rows]
    assert set(splits) == {"train", "dev"}, "the test split lives in benchmarks/data only"
    assert len(rows) >= 900 and splits.count("dev") >= 0.2 * len(rows)
    assert sum(r.get("lasting") is not None for r in rows) >= 150
    train_texts = {r["text"].lower() for r in rows if r["split"] == "train"}
    assert not [r["text"] for r in rows if r["split"] == "dev" and r["text"].lower() in train_texts]


def test_lasting_rows_split_the_same_way_every_time():
    first, second = load_lasting_rows(LASTING_PATH), load_lasting_rows(LASTING_PATH)
    assert [r["split"] for r in first] == [r["split"] for r in second]
    assert 0.1 < sum(r["split"] == "dev" for r in first) / len(first) < 0.35


def test_reaction_words_all_occur_in_the_labelled_training_data():
    vocabulary = set()
    for row in load_rows(DATA_PATH) + load_lasting_rows(LASTING_PATH):
        vocabulary |= set(words(row["text"]))
    assert not (REACTION_POSITIVE | REACTION_NEGATIVE) - vocabulary


@pytest.mark.parametrize(
    ("text", "remember"),
    [
        ("my husband has type 2 diabetes so please keep that in mind for meal ideas", True),
        ("fyi for future questions: my mum is 82", True),
        ("team moved to typescript so ts examples from now on", True),
        ("Metaphors help me a lot, use them when explaining math.", True),
        ("so when I ask for bedtime stories put dinosaurs in", True),
        ("use an example when you explain this one", False),
        ("can you keep that in mind?", False),
        ("give me a recipe when you have time", False),
        ("how do I keep basil alive", False),
    ],
)
def test_what_is_said_to_be_remembered_is_not_a_request(text, remember):
    assert asks_to_remember(text) is remember


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("respóndeme en español por favor", "Answer in Spanish."),
        ("auf Deutsch bitte", "Answer in German."),
        ("¿cómo se dice hola en italiano?", None),
        ("Ich lerne Deutsch und brauche Hilfe mit der Grammatik auf Deutsch bitte sehr", None),
        # another language, named in the one the message is written in
        ("eigentlich lieber auf niederländisch, ich lerne das gerade", "Answer in Dutch."),
        ("eigenlijk, antwoord voortaan maar in het Frans", "Answer in French."),
        ("I live in Frans street", None),  # English: a street, not a language
    ],
)
def test_a_language_switch_asked_for_in_that_language(text, line):
    assert language_rule(text) == line
