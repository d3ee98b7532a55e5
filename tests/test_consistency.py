"""Consistency diagnostics: genuine / non-attitude / constructed, for users and for annotators."""

from __future__ import annotations

import random

import numpy as np

from assistant.personalize import Personalizer
from assistant.reward.consistency import (
    POSITION_Q,
    Answer,
    annotator_weights,
    answer_weights,
    comparison_answers,
    diagnose,
)
from assistant.reward.data import Comparison
from assistant.reward.simulate import Pool
from benchmarks.consistency import (
    WORLDS,
    Annotator,
    annotate,
    detection,
    make_annotators,
    paired_interval,
)
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


def _pool(n_prompts: int = 30):
    """A tiny pool: 4 texts per prompt with random standardised attributes."""
    rng = np.random.default_rng(0)
    prompts = [f"Question {p}?" for p in range(n_prompts)]
    prompt_of = np.repeat(np.arange(n_prompts), 4)
    texts = [f"Answer {i} to {prompts[p]}" for i, p in enumerate(prompt_of)]
    items = [
        (4 * p + i, 4 * p + j) for p in range(n_prompts) for i in range(4) for j in range(i + 1, 4)
    ]
    return Pool(prompts, texts, prompt_of, rng.normal(size=(len(texts), 7)), items)


def test_anchoring_coin_flippers_look_genuine_to_the_detector():
    """The misspecification the benchmark reports: a non-attitude that repeats its earlier choice
    on re-asks passes the detector's check (which expects coin flips to flip)."""
    pool, rng = _pool(), random.Random(0)
    flipper = Annotator("flipper", "non-attitude", None, first=0.5, anchor=0.0)
    anchored = Annotator("anchored", "non-attitude", None, first=0.5, anchor=1.0)
    d_flip = diagnose(
        [a for _, a in comparison_answers(annotate(flipper, pool, 60, 30, rng))["flipper"]]
    )
    d_anchor = diagnose(
        [a for _, a in comparison_answers(annotate(anchored, pool, 60, 30, rng))["anchored"]]
    )
    assert d_flip.label == "non-attitude"
    assert d_anchor.label == "genuine"


def test_misspecified_world_differs_from_what_the_detector_assumes():
    matched = make_annotators(WORLDS["matched"], 0, n_junk=20)
    mis = make_annotators(WORLDS["misspecified"], 0, n_junk=20)
    rate = lambda a: max(a.first, 1 - a.first)  # noqa: E731
    assert {round(rate(a), 6) for a in matched if a.kind == "constructed"} == {POSITION_Q}
    assert all(rate(a) < POSITION_Q for a in mis if a.kind == "constructed")
    assert len({a.beta for a in mis if a.kind == "genuine"}) > 40
    assert all(a.anchor > 0 for a in mis if a.kind == "non-attitude")


def test_detection_report_scores_by_true_kind():
    pool, rng = _pool(), random.Random(1)
    annotators = make_annotators(WORLDS["matched"], 0, n_junk=4)[::10] + [
        Annotator(f"flip{k}", "non-attitude", None) for k in range(4)
    ]
    data = [c for a in annotators for c in annotate(a, pool, 60, 20, rng)]
    result = detection(data, annotators)
    assert result["auroc_non_attitude"] > 0.9
    assert result["dropped_by_kind"]["non-attitude"] >= 3
    assert result["dropped_by_kind"]["genuine"] == 0


def test_paired_interval_brackets_the_mean_difference():
    lo, hi = paired_interval(np.array([0.02, 0.03, 0.01, 0.04] * 10), seed=0)
    assert 0 < lo <= 0.025 <= hi
    lo, hi = paired_interval(np.array([0.1, -0.1] * 20), seed=0)
    assert lo < 0 < hi
