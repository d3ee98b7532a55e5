"""The α slider, the guard and the scales of the blended reward."""

import numpy as np
import pytest

from assistant.reward.blend import blended_coefficients, guard_changed_winner, score_candidates
from assistant.reward.posterior import UserPosterior
from tests.test_reward_helpers import two_base_prior

SHORT = "Boil it for nine minutes."
LONG = "Boil it for nine minutes, then cool it in cold water so the shell comes off cleanly and the yolk stays bright."
EXCITED = "Boil it for nine minutes! Then cool it! Enjoy!"


def best(scores):
    return max(scores, key=lambda s: s.total).text


def shorter_lover(prior):
    post = UserPosterior.from_prior(prior)
    return post.update(np.tile([[-1.5, 0.0]], (20, 1)), np.ones(20))


def test_alpha_zero_is_the_group_ranking_whatever_the_user():
    prior = two_base_prior(w_bar=(1.0, 0.0))
    scores = score_candidates(
        prior, shorter_lover(prior), 0.0, "How do I boil an egg?", [SHORT, LONG]
    )
    assert best(scores) == LONG
    assert [s.total for s in scores] == pytest.approx([s.group for s in scores])


def test_alpha_one_follows_a_strongly_evidenced_user():
    prior = two_base_prior(w_bar=(1.0, 0.0))
    scores = score_candidates(
        prior, shorter_lover(prior), 1.0, "How do I boil an egg?", [SHORT, LONG]
    )
    assert best(scores) == SHORT
    assert scores[0].personal > scores[1].personal


def test_guard_keeps_protected_weight_at_most_the_groups():
    prior = two_base_prior(w_bar=(0.0, 0.0))
    fan = UserPosterior(np.array([0.0, 3.0]), np.eye(2))  # loves exclamation marks
    guarded = score_candidates(prior, fan, 1.0, "Egg?", [SHORT, EXCITED])
    unguarded = score_candidates(prior, fan, 1.0, "Egg?", [SHORT, EXCITED], guard=False)
    assert best(unguarded) == EXCITED
    assert best(guarded) != EXCITED
    assert any(s.guarded for s in guarded) and not any(s.guarded for s in unguarded)
    assert guard_changed_winner(guarded)


def test_guard_lets_protected_weight_go_down():
    w = blended_coefficients(np.array([0.5, 0.5]), np.array([-2.0, -2.0]), 0.5, [False, True])
    np.testing.assert_allclose(w, [-0.75, -0.75])
    w = blended_coefficients(np.array([0.5, 0.5]), np.array([2.0, 2.0]), 0.5, [False, True])
    np.testing.assert_allclose(w, [1.25, 0.5])


def test_text_scores_join_the_personal_side_centred():
    prior = two_base_prior()
    post = UserPosterior.from_prior(prior)
    scores = score_candidates(prior, post, 0.5, "Egg?", [SHORT, LONG], text_scores=[10.0, 12.0])
    assert [s.text_term for s in scores] == pytest.approx([-1.0, 1.0])
    assert best(scores) == LONG
    with pytest.raises(ValueError, match="alpha must be between 0 and 1"):
        score_candidates(prior, post, 1.5, "Egg?", [SHORT])
    with pytest.raises(ValueError, match="one score per candidate"):
        score_candidates(prior, post, 0.5, "Egg?", [SHORT], text_scores=[1.0, 2.0])


def test_text_guard_leaves_a_candidate_whose_protected_column_barely_differs():
    from assistant.reward.blend import without_protected_text

    text = np.array([1.0, -0.5, -0.5, -0.5])
    faint = np.array([[0.006], [0.0], [0.0], [0.0]])  # praise p a hair above the others
    held = without_protected_text(text, faint)
    assert np.argmax(held) == 0
    assert held[0] - held[1:].max() > 1.4


def test_text_guard_strips_most_of_the_advantage_of_a_clearly_praising_candidate():
    from assistant.reward.blend import without_protected_text

    text = np.array([1.0, -0.5, -0.5, -0.5])
    praise = np.array([[1.0], [0.0], [0.0], [0.0]])
    held = without_protected_text(text, praise)
    assert held[0] - held[1:].max() < 0.1 * 1.5
