"""A tiny CPU fit: loss finite and falling, every parameter moves, the prior saves and loads."""

import numpy as np
import pytest
import torch

from assistant.reward import fit
from assistant.reward.corpus import load_turns
from assistant.reward.model import Featurizer
from assistant.reward.prior import GroupPrior
from assistant.reward.simulate import build_pool, simulate_comparisons, simulated_users
from tests.fakes import FakeEncoder


@pytest.fixture(scope="module")
def comparisons():
    pool = build_pool(load_turns()[:200], n_prompts=30, variants=4, seed=1)
    return simulate_comparisons(simulated_users(1)[::4], pool, per_user=40, shared=10, seed=1)


def test_smoke_fit_loss_falls_and_every_parameter_moves(comparisons):
    data = fit.encode(
        comparisons, Featurizer.fitted([c.response_a for c in comparisons], FakeEncoder())
    )
    train_idx, val_idx = fit.split(len(comparisons), 0.2, seed=0)
    torch.manual_seed(0)
    model = fit.PreferenceModel(data.z_diff.shape[1], 4, len(data.user_ids))
    head, coefs = fit.svd_init(data, train_idx, 4)
    with torch.no_grad():
        model.head.weight.copy_(torch.from_numpy(head).float() + 1e-3)
        model.user_coefs.copy_(torch.from_numpy(coefs).float() + 1e-2)
    before = {k: v.clone() for k, v in model.state_dict().items()}
    config = fit.FitConfig(max_steps=60, eval_every=5, patience=100)
    history = fit.train(model, data, train_idx, val_idx, config)["history"]
    losses = [h["train_loss"] for h in history]
    assert all(np.isfinite(losses))
    assert losses[-1] < 0.9 * losses[0]
    for name, value in model.state_dict().items():
        assert not torch.equal(value, before[name]), f"{name} did not change"


def test_fit_prior_learns_readable_bases_and_round_trips(comparisons, tmp_path):
    prior = fit.fit_prior(comparisons, J=4, progress=False, encoder=FakeEncoder())
    assert prior.J == 4 and len(prior.labels) == 4 and len(set(prior.labels)) == 4
    assert prior.sigma.shape == (4, 4) and np.all(np.linalg.eigvalsh(prior.sigma) > 0)
    assert prior.meta["n_users"] == 21
    assert any("↔" in label for label in prior.labels)
    prior.save(tmp_path / "p")
    again = GroupPrior.load(tmp_path / "p", encoder=FakeEncoder())
    responses = ["Short.", "A much longer answer with several words in it!"]
    np.testing.assert_allclose(
        again.features("q?", responses), prior.features("q?", responses), rtol=1e-4, atol=1e-5
    )
    assert again.labels == prior.labels and again.protected == prior.protected


def test_missing_prior_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="group prior not found"):
        GroupPrior.load(tmp_path)


def test_fit_needs_several_users(comparisons):
    one_user = [c for c in comparisons if c.user_id == comparisons[0].user_id]
    with pytest.raises(ValueError, match="at least 2 users"):
        fit.fit_prior(one_user, progress=False, encoder=FakeEncoder())


def test_a_dead_base_is_dropped_and_every_label_is_readable():
    sigma = np.diag([1.2, 0.9, 0.06, 1.1])
    assert fit.live_bases(sigma).tolist() == [0, 1, 3]
    corr = np.zeros((2, 7))
    corr[0, 0], corr[1, 3] = 0.8, -0.2
    labels, directions, protected = fit.describe(corr)
    assert labels == ["longer ↔ shorter answers", "asks you questions ↔ asks none (loosely)"]
    assert directions[1] == ("answers that ask you questions", "answers that ask no questions")
    assert protected == [False, False]
