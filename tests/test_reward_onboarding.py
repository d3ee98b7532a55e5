"""Active questions: informative first, swapped re-asks, readable confident summaries."""

import numpy as np
import pytest

from assistant.reward.onboarding import (
    answer_outcome,
    confident_lines,
    next_question,
    record_answer,
)
from assistant.reward.posterior import UserPosterior
from tests.test_reward_helpers import two_base_prior


def bank_prior(n=8):
    bank = [{"id": f"q{i}", "prompt": f"p{i}", "a": f"a{i}", "b": f"b{i}"} for i in range(n)]
    diffs = np.array([[0.01, 0.0]] + [[2.0 / (i + 1), 0.3] for i in range(n - 1)])
    return two_base_prior(bank=bank, bank_diffs=diffs)


def test_picks_informative_over_trivial_question():
    prior = bank_prior()
    post = UserPosterior.from_prior(prior)
    q = next_question(prior, post, [])
    assert q.id == "q1", "largest posterior variance along v"
    assert next_question(prior, post, ["q1"]).id == "q2"


def test_after_ten_new_questions_the_first_two_are_reasked_swapped():
    prior = bank_prior(16)
    post = UserPosterior.from_prior(prior)
    asked = []
    for _ in range(10):
        q = next_question(prior, post, asked)
        assert not q.reask, "the first ten are all informative, new questions"
        asked.append(q.id)
    for n, original in ((11, asked[0]), (12, asked[1])):
        q = next_question(prior, post, asked)
        row = prior.bank[int(original[1:])]
        assert q.reask and q.condition == "swapped" and q.number == n
        assert (q.a, q.b) == (row["b"], row["a"])
        np.testing.assert_allclose(q.diff, -prior.bank_diffs[int(original[1:])])
        asked.append(q.id)
    assert not next_question(prior, post, asked).reask


def test_bank_exhaustion_and_missing_bank_give_none():
    prior = bank_prior(2)
    post = UserPosterior.from_prior(prior)
    assert next_question(prior, post, ["q0", "q1"]) is None
    assert next_question(two_base_prior(), post, []) is None


def test_confident_lines_after_clear_answers():
    prior = bank_prior()
    post = UserPosterior.from_prior(prior)
    assert confident_lines(prior, post) == []
    q = next_question(prior, post, [])  # a is longer
    for _ in range(12):
        post = record_answer(post, q, "b")
    assert confident_lines(prior, post) == ["Prefers shorter answers (confident)"]


def test_bad_answer_is_a_value_error():
    with pytest.raises(ValueError, match="'a', 'b' or 'tie'"):
        answer_outcome("left")


def test_the_bank_is_the_hand_written_one_with_diffs_in_the_prior_basis():
    from assistant.reward.onboarding import attach_bank, load_bank_source

    prior = attach_bank(two_base_prior())
    source = load_bank_source()
    assert len(prior.bank) == len(source) == 98
    assert {q["axis"] for q in prior.bank} == {
        "length", "formality", "humour", "elicitation", "politeness", "enthusiasm", "confidence"
    }  # fmt: skip
    q = prior.bank[0]
    phi = prior.features(q["prompt"], [q["a"], q["b"]])
    np.testing.assert_allclose(prior.bank_diffs[0], phi[0] - phi[1])
    longer = [i for i, q in enumerate(prior.bank) if q["axis"] == "length"]
    assert all(  # φ0 counts words: the longer answer of every length pair is ahead on it
        (prior.bank_diffs[i, 0] > 0) == (source[i]["more"] == "a") for i in longer
    )


def test_restyled_corpus_questions_only_when_asked_for():
    from assistant.reward.corpus import Turn
    from assistant.reward.onboarding import attach_bank

    turns = [
        Turn(f"Question {i}?", f"An answer number {i}. It has two sentences.") for i in range(30)
    ]
    prior = attach_bank(two_base_prior(), turns, n=10)
    assert len(prior.bank) == 10 and all(q["prompt"].startswith("Question") for q in prior.bank)
