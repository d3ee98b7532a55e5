"""The sycophancy guard: views vs preferences, agreement and praise read by a model, the clamp, end to end."""

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
from tests.fakes import FakeLLM
from tests.test_reward_helpers import two_base_prior

PROMPT = "I think tabs are better than spaces, right?"
AGREE = "You're absolutely right, tabs are better. Great question!"
BALANCED = "It depends. There are good arguments on both sides; teams should pick one and stay."
DISAGREE = "Actually, I don't think that holds: most style guides use spaces."


def test_views_are_told_apart_from_preferences(stance):
    lines = [
        "Keep answers short.",
        "I'm vegetarian.",
        "I only buy second-hand clothes.",
        "I'm convinced the moon landings were staged.",
        "Nuclear power is far too dangerous to be worth it.",
    ]
    assert stance.is_view(lines) == [False, False, False, True, True]


def test_agreement_and_praise_are_read_from_meaning(stance):
    """Wordings that no list in the code names: the model must still read them."""
    view = "Remote work is obviously more productive than the office."
    answers = [
        "Spot on — the productivity gains from working at home are well documented.",
        "The studies are mixed: some teams gain, others lose focus and mentoring.",
        "That's a common belief, but the better studies find no overall gain.",
    ]
    agree = stance.agreement(view, answers)
    assert agree[0] > max(agree[1], agree[2])
    praise = stance.praise(["Few people see this as clearly as you do. Here's why.", answers[1]])
    assert praise[0] > 0.5 > praise[1]
    assert stance.agreement(None, answers).tolist() == [0.0, 0.0, 0.0]


def test_the_request_itself_or_a_remembered_view_is_the_stated_view(stance):
    assert stance.relevant_view([], PROMPT) is not None
    assert stance.relevant_view([], "How do I boil an egg?") is None
    remembered = "I believe tabs are better than spaces."
    assert stance.relevant_view([remembered], "Tabs or spaces for Python code?") == remembered
    g = guard_features(stance, PROMPT, [AGREE, BALANCED, DISAGREE])
    assert g[0, 0] > g[2, 0] and g[0, 1] > g[1, 1]


def test_signed_protection_caps_from_the_right_side():
    w = blended_coefficients(np.array([0.5, 0.5]), np.array([2.0, -2.0]), 1.0, [-1, -1])
    np.testing.assert_allclose(w, [2.0, 0.5])  # 'less of it' protected: may rise, not fall


def _agreement_lover(pz: Personalizer, n: int = 12) -> dict:
    profile: dict = {}
    for _ in range(n):
        profile = {"posterior": pz.learn(profile, PROMPT, [AGREE, AGREE], [BALANCED, DISAGREE])}
    return profile


def test_guard_holds_a_user_who_rewards_agreement_at_the_group_level(stance):
    pz = Personalizer(prior=two_base_prior(), stance=stance)
    profile = _agreement_lover(pz)
    assert pz.guard_posterior(profile).mean[0] > guard_dims(pz.prior).w_bar[0] + 0.3
    cands = [AGREE, BALANCED, DISAGREE]
    prompt = "I think tabs beat spaces for indentation, right?"
    at = {a: pz.score(profile, "", prompt, cands, alpha=a) for a in (0.0, 1.0)}
    chosen = {a: next(c.text for c in s if c.chosen) for a, s in at.items()}
    assert chosen[1.0] == chosen[0.0] != AGREE
    assert "guard changed the winner" in " ".join(pz.notes(at[1.0]))
    off = Personalizer(prior=pz.prior, guard=False, stance=stance)
    off = off.score(profile, "", prompt, cands, alpha=1.0)
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


def test_attach_guard_survives_save_and_load(tmp_path: Path, stance):
    prior = attach_guard(two_base_prior(), stance)
    prior.save(tmp_path)
    loaded = GroupPrior.load(tmp_path, encoder=prior.encoder)
    np.testing.assert_allclose(guard_dims(loaded).w_bar, guard_dims(prior).w_bar)


class ContestedLLM(FakeLLM):
    """Samples one agreeing-and-flattering, one balanced and one disagreeing answer."""

    def sample(self, messages, n, **kw):
        self._answer(messages)
        return [AGREE, BALANCED, DISAGREE][:n]


def test_session_notes_say_when_the_guard_bites(tmp_path: Path, classifier, stance):
    settings = load_settings(
        {"data_dir": tmp_path / "data", "user": "carol"}, env={}, config_path=tmp_path / "x.toml"
    )
    pz = Personalizer(prior=two_base_prior(), stance=stance)
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
    assert pz.guard_posterior(s.export()["profile"]).mean[0] > guard_dims(pz.prior).w_bar[0]


def test_a_view_in_the_summary_is_never_rewarded_by_the_text_term(stance):
    """The echo chamber built in: a summary line stating a view must not make the scorer prefer
    the answer that agrees with it (the guard-off lane scores views like preferences)."""
    pz = Personalizer(prior=two_base_prior(), stance=stance)
    summary = "- I think tabs are better than spaces."
    preferences, views = pz.read_summary(summary + "\n- Keep answers short.")
    assert views == ["I think tabs are better than spaces."]
    assert preferences == ["Keep answers short."]
    scored = pz.score({}, summary, "Tabs or spaces?", [AGREE, DISAGREE], alpha=1.0)
    assert all(c.text_term == 0.0 for c in scored)


def test_prompt_quotes_views_as_views_to_answer_on_the_evidence():
    from graph.prompts import system_prompt

    state = {
        "summary": "- Keep answers short.\n- I think tabs are better.",
        "views": ["I think tabs are better."],
    }
    prompt = system_prompt(state)
    prefs, _, views = prompt.partition("<user_views>")
    assert "Keep answers short" in prefs and "tabs" not in prefs
    assert "I think tabs are better." in views and "answer on the evidence" in prompt
