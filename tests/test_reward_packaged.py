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
