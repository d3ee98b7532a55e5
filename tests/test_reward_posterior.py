"""The user posterior moves toward evidence, gets more certain, and survives storage."""

import json

import numpy as np
import pytest

from assistant.reward.posterior import UserPosterior
from tests.test_reward_helpers import two_base_prior


def test_new_user_is_the_group():
    prior = two_base_prior(w_bar=(0.4, -0.2))
    post = UserPosterior.from_prior(prior)
    np.testing.assert_allclose(post.mean, prior.w_bar)
    np.testing.assert_allclose(post.cov, prior.sigma)


def test_evidence_moves_mean_and_shrinks_cov():
    post = UserPosterior.from_prior(two_base_prior())
    diffs = np.tile([[-1.0, 0.0]], (8, 1))  # a was shorter ...
    updated = post.update(diffs, np.ones(8))  # ... and won every time
    assert updated.mean[0] < -0.5, "should now prefer shorter answers"
    assert abs(updated.mean[1]) < 1e-6, "no evidence about enthusiasm"
    assert updated.cov[0, 0] < 0.5 * post.cov[0, 0]
    assert updated.cov[1, 1] == pytest.approx(post.cov[1, 1])


def test_ties_and_zero_weights_do_not_move_the_mean():
    post = UserPosterior.from_prior(two_base_prior())
    assert np.allclose(post.update([[1.0, 2.0]], [0.5]).mean, 0)
    assert np.allclose(post.update([[1.0, 2.0]], [1.0], weights=[0.0]).mean, 0)


def test_round_trip_through_json():
    post = UserPosterior.from_prior(two_base_prior()).update([[1.0, -1.0]], [1.0])
    again = UserPosterior.from_dict(json.loads(json.dumps(post.to_dict())))
    np.testing.assert_allclose(again.mean, post.mean)
    np.testing.assert_allclose(again.cov, post.cov)
    assert again.n_evidence == 1.0


def test_bad_input_is_a_value_error():
    post = UserPosterior.from_prior(two_base_prior())
    with pytest.raises(ValueError, match=r"diffs must be \(m, 2\)"):
        post.update(np.ones((3, 5)), np.ones(3))
    with pytest.raises(ValueError, match="outcomes must be"):
        post.update(np.ones((1, 2)), [2.0])
    with pytest.raises(ValueError, match="must match"):
        UserPosterior.from_dict({"mean": [0, 0], "cov": [[1.0]]})


def test_a_posterior_stored_on_other_bases_starts_over_even_with_the_same_J():
    from assistant.personalize import Personalizer

    pz = Personalizer(prior=two_base_prior())
    profile = {"posterior": pz.learn({}, "How?", ["Boil it."], ["Boil it for nine minutes."])}
    moved = pz.posterior(profile).mean
    assert not np.allclose(moved, pz.prior.w_bar)
    rebuilt = two_base_prior()
    rebuilt.projection = rebuilt.projection[::-1].copy()  # same J, other bases
    other = Personalizer(prior=rebuilt)
    np.testing.assert_allclose(other.posterior(profile).mean, rebuilt.w_bar)
    legacy = {"posterior": {k: v for k, v in profile["posterior"].items() if k != "basis"}}
    np.testing.assert_allclose(pz.posterior(legacy).mean, pz.prior.w_bar)
    np.testing.assert_allclose(pz.posterior(profile).mean, moved)
