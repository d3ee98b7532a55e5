"""Community refit: the installation's users become the group (empirical Bayes over their
posteriors, the shipped prior as hyperprior), persisted, refit on its own, never raising a cap."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from app.community import FILE, CommunityGroup, attach
from assistant.reward.community import KAPPA0, NU0, CommunityPrior, pool, refit
from assistant.reward.guard import guard_dims
from assistant.reward.posterior import UserPosterior
from tests.test_reward_helpers import two_base_prior

SHIFT = np.array([1.5, 0.0])


def member(prior, w_true, seed, n=30, start=None) -> UserPosterior:
    """A posterior after n Bradley–Terry answers drawn from w_true, started from `start` (the
    shipped prior by default)."""
    rng = np.random.default_rng(seed)
    diffs = rng.normal(0, 1.0, (n, len(w_true)))
    outcomes = (rng.random(n) < 1 / (1 + np.exp(-diffs @ w_true))).astype(float)
    first = start or UserPosterior.from_prior(prior)
    return first.update(diffs, outcomes)


def community(prior, mean, n=20, spread=0.3, seed=0, guard_taste=None) -> list[dict]:
    """Profiles of n members drawn around `mean` (and rewarding guard_taste on the guard)."""
    rng = np.random.default_rng(seed)
    dims = guard_dims(prior)
    out = []
    for u in range(n):
        post = member(prior, mean + spread * rng.standard_normal(prior.J), seed * 1000 + u)
        g = UserPosterior(dims.w_bar.copy(), np.eye(2), dims.w_bar.copy(), np.eye(2))
        if guard_taste is not None:
            g = member(prior, np.asarray(guard_taste, float), seed * 1000 + u + 500, start=g)
        out.append({"posterior": post.to_dict() | {"guard": g.to_dict(), "basis": prior.basis_id}})
    return out


def test_one_em_step_is_the_stated_formula():
    prior = two_base_prior(sd=1.0)
    users = [member(prior, SHIFT, s) for s in range(6)]
    kappa0, nu0 = 3.0, 4.0
    block = pool(users, prior.w_bar, prior.sigma, [0, 0], kappa0=kappa0, nu0=nu0, iters=1)
    m = np.array([u.mean for u in users])
    mu = (kappa0 * prior.w_bar + m.sum(0)) / (kappa0 + len(users))
    spread = sum(np.outer(x - mu, x - mu) + u.cov for x, u in zip(m, users, strict=True))
    sigma = (nu0 * prior.sigma + spread) / (nu0 + len(users))
    np.testing.assert_allclose(block.mean, mu, atol=1e-8)
    np.testing.assert_allclose(block.cov, sigma, atol=1e-8)


def test_refit_moves_the_group_towards_a_shifted_community():
    prior = two_base_prior(sd=1.0)
    result = refit(prior, community(prior, SHIFT))
    assert result is not None and result.n_users == 20
    assert result.bases.mean[0] > 0.6 * SHIFT[0]  # most of the way, not all (κ₀ pseudo-users)
    assert result.bases.mean[0] < SHIFT[0] + 0.3
    assert abs(result.bases.mean[1]) < 0.4
    assert result.bases.cov[0, 0] < prior.sigma[0, 0]  # a community narrower than the shipped
    group = result.apply(prior)
    assert np.allclose(UserPosterior.from_prior(group).mean, result.bases.mean)
    assert np.allclose(prior.w_bar, 0.0)  # the shipped prior itself is untouched


def test_no_community_below_the_minimum_number_of_users():
    prior = two_base_prior()
    profiles = community(prior, SHIFT, n=5)
    assert refit(prior, profiles[:4]) is None
    assert refit(prior, profiles).n_users == 5
    assert refit(prior, profiles, min_users=6) is None


def test_users_without_evidence_or_with_broken_posteriors_are_not_pooled():
    prior = two_base_prior()
    good = community(prior, SHIFT, n=5)
    basis = {"basis": prior.basis_id}
    fresh = {"posterior": UserPosterior.from_prior(prior).to_dict() | basis}  # nothing yet
    elsewhere = {"posterior": {**good[0]["posterior"], "basis": "another"}}  # other bases
    wrong_dim = {"posterior": {"mean": [0.0] * 3, "cov": np.eye(3).tolist(), "n_evidence": 9}
                 | basis}  # fmt: skip
    broken = {"posterior": {"mean": "oops"}}
    assert refit(prior, [*good, fresh, elsewhere, wrong_dim, broken, {}]).n_users == 5
    assert refit(prior, [*good[:4], fresh, elsewhere, wrong_dim, broken, {}]) is None


def test_a_community_that_rewards_flattery_leaves_every_cap_where_it_was():
    prior = two_base_prior()  # base 1 (enthusiasm) is protected
    dims = guard_dims(prior)
    result = refit(prior, community(prior, np.array([1.0, 2.0]), guard_taste=[2.0, 2.0]))
    assert result.bases.mean[1] == pytest.approx(prior.w_bar[1])
    assert result.bases.unclamped[1] > prior.w_bar[1] + 0.5  # the members alone would raise it
    assert result.bases.mean[0] > 0.4  # a free base still moves
    assert np.all(result.guard.mean <= dims.w_bar + 1e-12)
    assert np.all(result.guard.unclamped > dims.w_bar + 0.5)
    applied = result.apply(prior)
    assert np.all(guard_dims(applied).w_bar <= dims.w_bar + 1e-12)


def test_a_community_that_dislikes_flattery_may_lower_the_cap():
    prior = two_base_prior()
    result = refit(prior, community(prior, np.array([0.0, -2.0])))
    assert result.bases.mean[1] < prior.w_bar[1] - 0.5


def test_hyperprior_counts_weigh_the_shipped_prior():
    prior = two_base_prior()
    profiles = community(prior, SHIFT, n=6)
    light = refit(prior, profiles, kappa0=0.5, nu0=0.5).bases.mean[0]
    heavy = refit(prior, profiles, kappa0=500, nu0=500).bases.mean[0]
    assert heavy < 0.05 < 0.6 * SHIFT[0] < light
    with pytest.raises(ValueError, match="pseudo-counts"):
        refit(prior, profiles, kappa0=0)


def test_a_refit_does_not_feed_on_the_previous_one():
    """Users who started from an earlier community prior are read under the prior being fitted,
    so the same evidence gives the same group whichever prior each user started from."""
    prior = two_base_prior()
    earlier = UserPosterior(np.array([-1.0, 1.0]), np.eye(2) * 0.5, np.array([-1.0, 1.0]),
                            np.eye(2) * 0.5)  # fmt: skip
    shipped_start = [member(prior, SHIFT, s) for s in range(10)]
    other_start = [member(prior, SHIFT, s, start=earlier) for s in range(10)]
    a = pool(shipped_start, prior.w_bar, prior.sigma, [0, 0]).mean
    b = pool(other_start, prior.w_bar, prior.sigma, [0, 0]).mean
    naive = [np.mean([u.mean for u in us], axis=0) for us in (shipped_start, other_start)]
    assert np.abs(a - b).max() < 0.15
    # averaging the stored means instead would carry each user's starting prior along
    assert np.abs(naive[0] - naive[1]).max() > 3 * np.abs(a - b).max()


def test_stored_community_round_trips_and_a_new_shipped_prior_voids_it():
    prior = two_base_prior()
    result = refit(prior, community(prior, SHIFT, n=6))
    back = CommunityPrior.from_dict(json.loads(json.dumps(result.to_dict())), prior)
    np.testing.assert_allclose(back.bases.cov, result.bases.cov)
    assert (back.n_users, back.kappa0, back.nu0) == (6, KAPPA0, NU0)
    with pytest.raises(ValueError, match="another shipped prior"):
        CommunityPrior.from_dict(result.to_dict(), two_base_prior(w_bar=(0.5, 0.0)))


class Memory:
    """Profiles by user, like memory.MemoryStore's users()/profile()."""

    def __init__(self, profiles: dict[str, dict]):
        self.profiles = profiles

    def users(self) -> list[str]:
        return sorted(self.profiles)

    def profile(self, user: str) -> dict:
        return self.profiles.get(user, {})


class Personalizer:
    def __init__(self, prior):
        self.prior = prior


def test_the_group_refits_itself_after_enough_evidence_and_new_users_start_there(tmp_path):
    shipped = two_base_prior()
    memory = Memory({f"u{i}": p for i, p in enumerate(community(shipped, SHIFT, n=6))})
    pers = Personalizer(shipped)
    group = attach(pers, tmp_path, every=3)
    assert group.info() == "group = the shipped prior"
    assert not group.note_evidence(memory) and not group.note_evidence(memory)
    assert pers.prior is shipped
    assert group.note_evidence(memory)  # the third event refits
    assert group.info() == "group = 6 people here"
    np.testing.assert_allclose(
        pers.prior.w_bar, refit(shipped, memory.profiles.values()).bases.mean
    )
    assert pers.prior.w_bar[0] > 0.4 * SHIFT[0]
    assert UserPosterior.from_prior(pers.prior).mean[0] == pytest.approx(pers.prior.w_bar[0])
    stored = json.loads((tmp_path / FILE).read_text())
    assert stored["community"]["n_users"] == 6 and stored["events"] == 0
    assert [group.note_evidence(memory) for _ in range(6)] == [False] * 5 + [True]  # ≥ 1 per user
    assert "Keep" not in (tmp_path / FILE).read_text()  # coefficients only
    again = Personalizer(shipped)
    attach(again, tmp_path)  # another session (or a restart) reads the same group
    np.testing.assert_allclose(again.prior.w_bar, pers.prior.w_bar)


def test_forgetting_users_below_the_minimum_returns_to_the_shipped_prior(tmp_path):
    shipped = two_base_prior()
    memory = Memory({f"u{i}": p for i, p in enumerate(community(shipped, SHIFT, n=5))})
    pers = Personalizer(shipped)
    group = attach(pers, tmp_path)
    assert group.refit(memory).n_users == 5
    del memory.profiles["u0"]
    group.user_left(memory)
    assert group.community is None and pers.prior is shipped
    assert group.info().startswith("group = the shipped prior")


def test_a_broken_or_stale_file_is_ignored_and_rewritten(tmp_path):
    shipped = two_base_prior()
    (tmp_path / FILE).write_text("{not json")
    group = CommunityGroup(tmp_path / FILE, shipped)
    assert group.prior() is shipped
    memory = Memory({f"u{i}": p for i, p in enumerate(community(shipped, SHIFT, n=5))})
    group.refit(memory)
    other = CommunityGroup(tmp_path / FILE, two_base_prior(w_bar=(0.5, 0.0)))  # new shipped prior
    assert other.community is None
    assert json.loads((tmp_path / FILE).read_text())["community"]["n_users"] == 5


def test_the_shipped_group_is_described_by_its_provenance():
    from app.community import describe_shipped

    prior = two_base_prior()
    prior.meta = {"provenance": {"w_bar": "real: PandaLM", "sigma": "simulated: 84 users"}}
    assert describe_shipped(prior) == "real crowd + simulated spread"
    prior.meta = {"source": "simulated users (PReF Attributes protocol)"}
    assert describe_shipped(prior) == "simulated users"


def test_no_group_without_a_group_prior(tmp_path: Path):
    assert attach(None, tmp_path) is None
    assert attach(object(), tmp_path) is None


BANK = [{"id": f"q{i}", "prompt": f"Question {i}?", "a": f"A{i}", "b": f"B{i}"} for i in range(8)]
BANK_DIFFS = np.array([[1, 0], [0, 1], [1, 1], [1, -1], [-1, 0.5], [0.5, -1], [2, 0], [0, -2]])


def test_session_users_become_the_group_and_leave_it(tmp_path, classifier):
    from app.local_session import open_session
    from assistant.config import load_settings
    from assistant.personalize import Personalizer
    from memory import MemoryStore
    from tests.fakes import FakeEncoder, FakeLLM

    prior = two_base_prior(bank=BANK, bank_diffs=BANK_DIFFS.astype(float))
    pers = Personalizer(prior=prior)
    settings = load_settings(
        {"data_dir": tmp_path / "data", "user": "u0"}, env={}, config_path=tmp_path / "none.toml"
    )
    memory = MemoryStore(tmp_path / "mem", embedder=FakeEncoder())
    s = open_session(settings, llm=FakeLLM(), classifier=classifier, memory=memory,
                     personalizer=pers)  # fmt: skip
    s.load()
    assert s.group_info() == "group = the shipped prior"
    for u in range(5):  # 5 people × 4 answers = 20 evidence events: one automatic refit
        s.switch_user(f"u{u}")
        for _ in range(4):
            q = s.onboarding_question()
            s.answer_onboarding(q.id, "a" if pers.question(q.id).diff[0] > 0 else "b")
    assert s.group_info() == "group = 5 people here"
    s.switch_user("newcomer")
    longer = s.standing()[0]
    assert longer.group_mean > 0.3  # they all chose the longer answer
    assert longer.user_mean == pytest.approx(longer.group_mean)  # a new user starts there
    s.switch_user("u0")
    s.forget()  # below the minimum again: the shipped prior
    assert s.group_info().startswith("group = the shipped prior")
    assert s.standing()[0].group_mean == pytest.approx(0.0)
    s.close()


def test_cli_prior_refit(tmp_path, monkeypatch, capsys):
    from app.cli import main
    from memory import MemoryStore

    monkeypatch.setenv("PLURAL_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("PLURAL_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setenv("PLURAL_PRIOR_DIR", str(tmp_path / "prior"))
    shipped = two_base_prior()
    shipped.save(tmp_path / "prior")
    assert main(["prior", "refit"]) == 0
    assert "fewer than 5 people" in capsys.readouterr().out
    store = MemoryStore(tmp_path / "data" / "chroma")
    for i, profile in enumerate(community(shipped, np.array([1.0, 2.0]), n=5)):
        store.update_profile(f"u{i}", **profile)
    del store
    assert main(["prior", "refit"]) == 0
    out = capsys.readouterr().out
    assert "group = 5 people here" in out
    assert "held at +0.00 (protected" in out  # enthusiasm: the members wanted more
    assert (tmp_path / "data" / FILE).is_file()
    assert main(["prior", "fit"]) == 1
    assert "needs --out" in capsys.readouterr().err


def test_the_panel_says_who_the_group_is():
    from app.session import Dimension
    from tuiparts.panel import TEXT_WIDTH, standing_text

    dims = [Dimension("longer ↔ shorter answers", 0.3, 0.5, 0.1, 1.0)]
    shipped = str(standing_text(dims, "group = the shipped prior (real crowd + simulated spread)"))
    assert "group = the shipped prior\n(real crowd + simulated spread)" in shipped
    assert all(len(line) <= TEXT_WIDTH for line in shipped.splitlines())
    assert str(standing_text(dims, "group = 12 people here")).endswith("group = 12 people here")


async def test_the_app_panel_shows_the_refit_group(tmp_path):
    from tests.test_tui import SIZE, make_app, settle

    app, _ = make_app(tmp_path, group="group = 7 people here")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert "group = 7 people here" in str(app.query_one("#standing").render())
