"""Consistency diagnostics: genuine / non-attitude / constructed, for users and for annotators."""

from __future__ import annotations

import random

import numpy as np

from assistant.personalize import Personalizer
from assistant.reward.consistency import Answer, annotator_weights, answer_weights, diagnose
from assistant.reward.data import Comparison
from tests.test_reward_helpers import two_base_prior

SHORT = "Boil it for nine minutes."
LONG = "Boil it for nine minutes, then cool it in cold water so the shell comes off cleanly."


def _answers(kind: str, rng: random.Random, n: int = 12) -> list[Answer]:
    out = []
    for k in range(n):
        for swapped in (False, True):
            shown_first = rng.random() < 0.5 if kind == "random" else None
            if kind == "genuine":
                content = 1
                position = -1 if swapped else 1
            elif kind == "constructed":
                position = 1  # always picks whatever is shown first
                content = -1 if swapped else 1
            else:
                position = 1 if shown_first else -1
                content = position * (-1 if swapped else 1)
            out.append(Answer(f"q{k}", content, position, "swapped" if swapped else None))
    return out


def test_three_kinds_of_answerer_are_told_apart():
    rng = random.Random(0)
    assert diagnose(_answers("genuine", rng)).label == "genuine"
    assert diagnose(_answers("random", rng)).label == "non-attitude"
    assert diagnose(_answers("constructed", rng)).label == "constructed"


def test_a_pair_that_flips_when_reasked_counts_for_less():
    answers = [Answer("q1", 1, 1), Answer("q1", -1, 1, "swapped"), Answer("q2", 1, 1)]
    w = answer_weights(answers)
    assert w[0] == w[1] < 1.0 and w[2] == 1.0


def _comparisons(user: str, kind: str, rng: random.Random) -> list[Comparison]:
    out = []
    for k in range(80):
        prompt = f"Question {k}?"
        long, short = f"{LONG} ({k})", f"{SHORT} ({k})"
        for a, b in ((long, short), (short, long)):
            label = ("a" if a == long else "b") if kind == "genuine" else rng.choice("ab")
            out.append(Comparison(user, prompt, a, b, label))
    return out


def test_group_fitting_drops_coin_flipping_annotators_and_reports_it():
    rng = random.Random(1)
    data = _comparisons("steady", "genuine", rng) + _comparisons("flipper", "random", rng)
    weights, report = annotator_weights(data)
    steady = np.array([c.user_id == "steady" for c in data])
    assert weights[steady].min() == 1.0
    assert weights[~steady].max() == 0.0
    assert report["dropped_non_attitude"] == 1 and report["dropped"] == ["flipper"]


def _bank_prior():
    prior = two_base_prior()
    bank = [{"id": "q0", "prompt": "How do I boil an egg?", "a": LONG, "b": SHORT}]
    phi = prior.features("How do I boil an egg?", [LONG, SHORT])
    prior.bank, prior.bank_diffs = bank, (phi[0] - phi[1])[None, :]
    return prior


def _onboard(pz: Personalizer, answers: list[tuple[str, str]]) -> tuple[dict, list[str]]:
    profile: dict = {}
    lines: list[str] = []
    for qid, choice in answers:
        posterior, lines = pz.answer(profile, qid, choice)
        log_ = [*profile.get("onboarding_answers", []), {"id": qid, "choice": choice}]
        profile = {"posterior": posterior, "onboarding_answers": log_}
    return profile, lines


def test_flipped_reask_moves_the_user_less_and_reads_as_tentative():
    pz = Personalizer(prior=_bank_prior())
    steady, _ = _onboard(pz, [("q0", "a"), ("q0~swapped", "b")] * 3)
    flip, lines = _onboard(pz, [("q0", "a"), ("q0~swapped", "a")] * 3)
    gap = lambda p: abs(pz.posterior(p).mean[0] - pz.prior.w_bar[0])  # noqa: E731
    assert gap(flip) < gap(steady)
    assert pz.posterior(flip).cov[0, 0] > pz.posterior(steady).cov[0, 0]
    assert all("(confident)" not in line for line in lines)
