"""The shipped default prior loads, labels its bases and ranks real text (real encoder)."""

import time

import numpy as np
import pytest

from assistant.reward.blend import score_candidates
from assistant.reward.onboarding import next_question
from assistant.reward.posterior import UserPosterior
from assistant.reward.prior import PACKAGED_PRIOR, GroupPrior

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def prior():
    if not (PACKAGED_PRIOR / "prior.json").exists():
        pytest.skip("default prior not built (make prior)")
    return GroupPrior.load()


def test_packaged_prior_is_small_and_labelled(prior):
    size = sum(p.stat().st_size for p in PACKAGED_PRIOR.iterdir())
    assert size < 5_000_000
    assert 2 <= prior.J <= 12 and len(prior.labels) == prior.J
    assert any("longer" in label for label in prior.labels)
    assert len(prior.bank) >= 20 and prior.bank_diffs.shape == (len(prior.bank), prior.J)


def test_features_are_fast_once_warm(prior):
    answers = ["Sure.", "Boil it for nine minutes.", "Great question! Boil it!", "Maybe boil it?"]
    prior.features("How do I boil an egg?", answers)
    start = time.perf_counter()
    phi = prior.features("How do I boil an egg?", answers)
    assert phi.shape == (4, prior.J) and np.isfinite(phi).all()
    assert time.perf_counter() - start < 0.1  # cached encodings


def test_a_user_who_likes_short_answers_gets_them(prior):
    length = next(j for j, label in enumerate(prior.labels) if label.startswith("longer"))
    post = UserPosterior.from_prior(prior)
    v = np.zeros(prior.J)
    v[length] = -2.0
    post = post.update(np.tile(v, (15, 1)), np.ones(15))
    short = "Boil it for nine minutes."
    long = (
        short
        + " Then cool it in cold water, peel it carefully, and season it with a little salt and pepper."
    )
    scores = score_candidates(prior, post, 1.0, "How do I boil an egg?", [long, short])
    assert max(scores, key=lambda s: s.total).text == short
    assert next_question(prior, post, []) is not None


def test_every_base_is_readable_and_alive(prior):
    for label, (up, down) in zip(prior.labels, prior.directions, strict=True):
        assert "mixed" not in label and "loosely" not in label and "style" not in up
        assert "↔" in label or "(real crowd)" in label
        assert up and down and up != down
    sd = np.sqrt(np.diag(prior.sigma))
    assert sd.min() >= 0.35 * np.median(sd), "a dead base (the users barely differ on it)"


def test_the_group_is_real_people_and_says_so(prior):
    assert "real crowd" in prior.provenance and "simulated" in prior.provenance
    quality = prior.labels.index("answer quality (real crowd)")
    assert prior.w_bar[quality] > 0.5
    assert prior.meta["crowd"]["held_out"]["n"] >= 100
    assert prior.meta["pandalm_fit_instructions"], "the benchmark needs the fitted instructions"


def test_the_bank_is_hand_written_everyday_questions(prior):
    from assistant.reward.onboarding import load_bank_source

    assert [q["id"] for q in prior.bank] == [r["id"] for r in load_bank_source()]


@pytest.mark.parametrize("alpha", [0.0, 1.0])
def test_degenerate_answers_lose_to_a_sane_one(prior, alpha):
    prompt = "How do I keep a bunch of fresh basil from wilting?"
    sane = "Trim the stems and stand the basil in a glass of water on the counter, like a bouquet."
    post = UserPosterior.from_prior(prior)
    for bad in (
        "a kettle, a kettle, a kettle, a kettle, a kettle, a kettle, a kettle, a kettle",
        "",
        prompt,
        "Обрежьте стебли и поставьте базилик в стакан с водой на столе, как букет.",
    ):
        scores = score_candidates(prior, post, alpha, prompt, [bad, sane])
        assert scores[1].chosen, f"{bad!r} beat a sane answer at α={alpha}"
