"""Benchmark pieces for the simulated worlds: the per-user baseline, attribute scaling, summaries."""

from __future__ import annotations

import numpy as np

from benchmarks.onboarding import AttributeScale, ridge_logistic, summarise

TEXTS = [
    "Sure.",
    "Great question! Here is a long, friendly answer, with a joke: haha. Do you want more?",
    "I think it is probably fine, but I might be wrong.",
    "Absolutely. Do it now. It works.",
    "Dear user, kindly note the following points, which we hope are helpful.",
]


def _primal(x, y, lam=1.0, iters=30):
    theta = np.zeros(x.shape[1])
    for _ in range(iters):
        p = 1 / (1 + np.exp(-(x @ theta)))
        grad = x.T @ (y - p) - lam * theta
        hess = (x * (p * (1 - p))[:, None]).T @ x + lam * np.eye(x.shape[1])
        theta += np.linalg.solve(hess, grad)
    return theta


def test_per_user_logistic_solves_the_same_problem_in_either_space():
    rng = np.random.default_rng(0)
    for n, d in ((8, 40), (60, 10)):  # fewer answers than features, and more
        x = rng.normal(size=(n, d))
        y = (x[:, 0] + 0.5 * rng.normal(size=n) > 0).astype(float)
        np.testing.assert_allclose(ridge_logistic(x, y), _primal(x, y), atol=1e-8)
    assert not ridge_logistic(np.zeros((0, 5)), np.zeros(0)).any()


def test_attributes_are_centred_and_scaled_over_the_reference_texts():
    scale = AttributeScale(TEXTS)
    z = scale(TEXTS)
    np.testing.assert_allclose(z.mean(0), 0.0, atol=1e-9)
    varying = z.std(0) > 0
    np.testing.assert_allclose(z.std(0)[varying], 1.0, atol=1e-9)
    np.testing.assert_allclose(scale([TEXTS[1], TEXTS[0]]), z[[1, 0]])


def test_summary_meets_a_target_only_when_the_numbers_do():
    def user(active5, random5, active10, oracle):
        ks = (0, 5, 10)
        curve = lambda v5, v10: {0: 0.5, 5: v5, 10: v10}  # noqa: E731
        return {
            "active": curve(active5, active10),
            "random": curve(random5, active10 - 0.05),
            "per_user_logistic": curve(0.6, 0.7),
            "oracle": dict.fromkeys(ks, oracle),
        }

    good = summarise([user(0.80, 0.70, 0.90, 0.92)] * 3, (0, 5, 10))
    assert good["met"] == {"k10_fraction_of_oracle": True, "active_minus_random_k5": True}
    bad = summarise([user(0.72, 0.70, 0.80, 0.92)] * 3, (0, 5, 10))
    assert bad["met"] == {"k10_fraction_of_oracle": False, "active_minus_random_k5": False}
    assert bad["k10_fraction_of_oracle"] == round(0.80 / 0.92, 4)
