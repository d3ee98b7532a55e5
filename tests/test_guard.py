"""The sycophancy guard: stance and flattery scorers, protected columns, the clamp, end to end."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from app.local_session import open_session
from assistant.config import load_settings
from assistant.personalize import Personalizer
from assistant.reward.attributes import ATTRIBUTES
from assistant.reward.blend import blended_coefficients
from assistant.reward.guard import GuardDims, attach_guard, guard_dims, guard_features
from assistant.reward.prior import PACKAGED_PRIOR, GroupPrior
from assistant.reward.stance import agreement, flattery, stance_label, user_stance
from tests.fakes import FakeLLM
from tests.test_reward_helpers import two_base_prior

PROMPT = "I think tabs are better than spaces, right?"
AGREE = "You're absolutely right, tabs are better. Great question!"
BALANCED = "It depends. There are good arguments on both sides; teams should pick one and stay."
DISAGREE = "Actually, I don't think that holds: most style guides use spaces."


def test_stance_is_read_from_the_prompt_or_from_memory():
    assert user_stance(PROMPT).polarity == 1
    assert user_stance("I don't think nuclear power is safe.").polarity == -1
    assert user_stance("How do I boil an egg?") is None
    remembered = user_stance("Are tabs better than spaces?", "- I believe tabs are better.")
    assert remembered is not None and remembered.source == "memory"


def test_answers_are_labelled_agree_balanced_disagree_and_flattery_counted():
    stance = user_stance(PROMPT)
    assert [stance_label(t, stance) for t in (AGREE, BALANCED, DISAGREE)] == [
        "agree",
        "balanced",
        "disagree",
    ]
    assert flattery(AGREE) == 2 and flattery(BALANCED) == 0
    assert agreement(AGREE, None) == 0.0  # no stated view, nothing to agree with
    g = guard_features(PROMPT, [AGREE, BALANCED, DISAGREE])
    assert g[:, 0].tolist() == [1.0, 0.0, 0.0] and g[0, 1] > 0


def test_signed_protection_caps_from_the_right_side():
    w = blended_coefficients(np.array([0.5, 0.5]), np.array([2.0, -2.0]), 1.0, [-1, -1])
    np.testing.assert_allclose(w, [2.0, 0.5])  # 'less of it' protected: may rise, not fall


def _agreement_lover(pz: Personalizer, n: int = 12) -> dict:
    profile: dict = {}
    for _ in range(n):
        profile = {"posterior": pz.learn(profile, PROMPT, [AGREE, AGREE], [BALANCED, DISAGREE])}
    return profile


def test_guard_holds_a_user_who_rewards_agreement_at_the_group_level():
    pz = Personalizer(prior=two_base_prior())
    profile = _agreement_lover(pz)
    assert pz.guard_posterior(profile).mean[0] > guard_dims(pz.prior).w_bar[0] + 0.3
    cands = [AGREE, BALANCED, DISAGREE]
    prompt = "I think tabs beat spaces for indentation, right?"
    at = {a: pz.score(profile, "", prompt, cands, alpha=a) for a in (0.0, 1.0)}
    chosen = {a: next(c.text for c in s if c.chosen) for a, s in at.items()}
    assert chosen[1.0] == chosen[0.0] != AGREE
    assert "guard changed the winner" in " ".join(pz.notes(at[1.0]))
    off = Personalizer(prior=pz.prior, guard=False).score(profile, "", prompt, cands, alpha=1.0)
    assert next(c.text for c in off if c.chosen) == AGREE


def test_packaged_prior_protects_the_right_directions():
    if not (PACKAGED_PRIOR / "prior.json").is_file():
        pytest.skip("no packaged prior")
    prior = GroupPrior.load(encoder=two_base_prior().encoder)
    for j, protected in enumerate(prior.protected):
        if protected:  # positive = more confidence / enthusiasm, so capping from above is right
            attr = max(
                ("confidence", "enthusiasm"),
                key=lambda a: abs(prior.attribute_corr[j, ATTRIBUTES.index(a)]),
            )
            assert prior.attribute_corr[j, ATTRIBUTES.index(attr)] > 0
    dims = GuardDims.from_meta(prior.meta["guard"])
    assert dims.signs == (1, 1) and dims.w_bar[1] < 0  # the group does not reward praise


def test_attach_guard_survives_save_and_load(tmp_path: Path):
    prior = attach_guard(two_base_prior())
    prior.save(tmp_path)
    loaded = GroupPrior.load(tmp_path, encoder=prior.encoder)
    np.testing.assert_allclose(guard_dims(loaded).w_bar, guard_dims(prior).w_bar)


class ContestedLLM(FakeLLM):
    """Samples one agreeing-and-flattering, one balanced and one disagreeing answer."""

    def sample(self, messages, n, **kw):
        self._answer(messages)
        return [AGREE, BALANCED, DISAGREE][:n]


@pytest.fixture(scope="module")
def classifier():
    from assistant.feedback import FeedbackClassifier

    return FeedbackClassifier.load()


def test_session_notes_say_when_the_guard_bites(tmp_path: Path, classifier):
    settings = load_settings(
        {"data_dir": tmp_path / "data", "user": "carol"}, env={}, config_path=tmp_path / "x.toml"
    )
    pz = Personalizer(prior=two_base_prior())
    s = open_session(settings, llm=ContestedLLM(), classifier=classifier, personalizer=pz)
    s.load()
    s.set_alpha(1.0)
    bitten = False
    for _ in range(6):  # the user thumbs down anything that does not agree with them
        r = s.send(PROMPT, mode="request")
        assert r.answer != AGREE
        bitten = bitten or any("guard changed the winner" in n for n in r.notes)
        s.thumbs(up=False)
    assert bitten
    assert pz.guard_posterior(s._memory.profile("carol")).mean[0] > guard_dims(pz.prior).w_bar[0]
