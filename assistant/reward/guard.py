"""Protected dimensions of φ: agreement with the user's stated view and praise of the user, read by
a model of meaning (assistant.reward.stance_model), not by word lists.

    agreement  p(the answer affirms the user's stated view): the view stated in the request, or
               the remembered view (a summary line the model reads as a view) closest to it.
               One-sided on purpose: the guard is about telling people what they want to hear; a
               negative weight must mean "does not simply affirm", not "contradicts the user".
    praise     how strongly the answer praises the user (max over its first sentences)

Agreement also has a *look* in the learned bases, so a user who rewards agreement would otherwise
leak it into style weights. At scoring time the guard therefore also removes any positive part of
the user's style deviation along the directions in which, among the candidates at hand, φ covaries
with the protected columns (blend.candidate_style): wording-independent, measured on the answers
being ranked.

Their group weights w̄ and spread Σ are estimated from SIMULATED annotators judging answers to
contested statements by these two columns (per-annotator Bradley–Terry, then the population mean
and covariance), and stored with the prior. Both are protected with sign +1: a user's effective
weight may go below the group's, never above it.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from assistant.reward.data import Comparison

LABELS = ("agrees with you ↔ doesn't just agree", "flatters you ↔ no praise")
DIRECTIONS = (
    ("answers that agree with your stated views", "answers that don't just agree with you"),
    ("answers that praise you", "answers without praise"),
)
SIGNS = (1, 1)
"""+1: the protected direction is 'more of it' (cap the user's weight at the group's from above)."""

CONTESTED = (
    "remote work is more productive than office work",
    "nuclear power is the safest source of energy",
    "breakfast is the most important meal of the day",
    "tabs are better than spaces for indentation",
    "static typing prevents most bugs",
    "cats make better pets than dogs",
    "electric cars are better for the environment",
    "a four-day work week would improve the economy",
    "social media does more harm than good",
    "learning Latin helps with other languages",
    "coffee is bad for your health",
    "standardised tests measure intelligence",
    "minimum wage increases cost jobs",
    "homework improves learning in primary school",
    "open offices improve collaboration",
    "vinyl sounds better than digital audio",
    "organic food is more nutritious",
    "video games make people violent",
    "microservices are better than monoliths",
    "cold showers boost the immune system",
    "e-books are worse for reading comprehension than paper",
    "rent control makes housing more affordable",
    "AI will replace most programmers within ten years",
    "a gap year helps students succeed at university",
    "public transport should be free",
    "daylight saving time should be abolished",
    "functional programming is easier to test",
    "multitasking makes you more productive",
    "space exploration is a waste of money",
    "the Oxford comma is always necessary",
)

_OPENERS = {
    "agree": "Yes, you're right: {claim}, and the evidence mostly backs that up.",
    "balanced": "It depends. There are good arguments on both sides of whether {claim}.",
    "disagree": "Actually, I don't think that holds. The evidence doesn't support that {claim}.",
}
_PRAISE = "What a great question! "
_BODY = (
    " People who study this point to costs, benefits and the context it is applied in.",
    " The details matter: who is affected, over what time span, and what the alternative is."
    " Looking at a few concrete cases usually helps more than a general rule."
    " If you want, the main studies are a good place to start reading.",
)


def stance_prompt(claim: str, variant: int = 0) -> str:
    """A request stating a view: "I think <claim>, right?" and rewordings of it."""
    forms = ("I think {c}, right?", "Isn't it true that {c}?", "I believe {c}. Don't you agree?")
    return forms[variant % len(forms)].format(c=claim)


def stance_answer(claim: str, position: str, praise: bool, long: bool) -> str:
    """A templated answer taking `position` ('agree' | 'balanced' | 'disagree') on the claim."""
    text = _OPENERS[position].format(claim=claim) + _BODY[1 if long else 0]
    return (_PRAISE + text) if praise else text


def stance_answers(claim: str) -> list[tuple[str, dict]]:
    """Every combination of position × praise × length for one claim, with its labels."""
    return [
        (stance_answer(claim, pos, praise, long), {"position": pos, "praise": praise, "long": long})
        for pos in _OPENERS
        for praise in (False, True)
        for long in (False, True)
    ]


def guard_features(
    model, prompt: str, responses: Sequence[str], views: Sequence[str] = ()
) -> np.ndarray:
    """(n, 2) protected columns [agreement, praise] from the stance model; `views` are the
    user's remembered views (summary lines the model reads as views)."""
    if model is None or not responses:
        return np.zeros((len(responses), 2))
    view = model.relevant_view(list(views), prompt)
    return np.column_stack([model.agreement(view, responses), model.praise(responses)])


@dataclass(frozen=True)
class GuardDims:
    """The protected columns' group weights w̄ (K,), covariance Σ (K, K) and provenance."""

    w_bar: np.ndarray
    sigma: np.ndarray
    labels: tuple[str, ...] = LABELS
    directions: tuple[tuple[str, str], ...] = DIRECTIONS
    signs: tuple[int, ...] = SIGNS
    source: str = ""

    def to_meta(self) -> dict:
        return {
            "labels": list(self.labels),
            "directions": [list(d) for d in self.directions],
            "signs": list(self.signs),
            "w_bar": self.w_bar.tolist(),
            "sigma": self.sigma.tolist(),
            "source": self.source,
        }

    @classmethod
    def from_meta(cls, meta: dict) -> GuardDims:
        try:
            w_bar = np.asarray(meta["w_bar"], dtype=np.float64)
            sigma = np.asarray(meta["sigma"], dtype=np.float64)
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"prior meta 'guard' is malformed: {exc}") from None
        if w_bar.shape != (len(LABELS),) or sigma.shape != (len(LABELS), len(LABELS)):
            raise ValueError(f"prior meta 'guard' must have {len(LABELS)} protected columns")
        return cls(w_bar, sigma, source=str(meta.get("source", "")))


# ------------------------------------------------------------------ group weights


@dataclass(frozen=True)
class _SimAnnotator:
    user_id: str
    weights: np.ndarray


def simulate_guard_group(
    model, n_users: int = 84, per_user: int = 40, seed: int = 0
) -> list[Comparison]:
    """SIMULATED annotators judging answers to contested statements (not people): each has a
    weight on affirmation ~ N(-0.2, 0.6²) (on average a slight preference for answers that do
    not simply affirm a contested view; individuals differ a lot) and on flattery ~ N(-0.3, 0.5²), and judges by
    Bradley–Terry on the measured columns plus a random taste for length."""
    rng = random.Random(seed)
    out = []
    for u in range(n_users):
        user = _SimAnnotator(f"guard-{u}", np.array([rng.gauss(-0.2, 0.6), rng.gauss(-0.3, 0.5)]))
        length_taste = rng.gauss(0.0, 0.5)
        for _ in range(per_user):
            claim = rng.choice(CONTESTED)
            prompt = stance_prompt(claim, rng.randrange(3))
            (a, la), (b, lb) = rng.sample(stance_answers(claim), 2)
            g = guard_features(model, prompt, [a, b])
            margin = float(user.weights @ (g[0] - g[1])) + length_taste * (la["long"] - lb["long"])
            label = "a" if rng.random() < 1 / (1 + np.exp(-margin)) else "b"
            out.append(Comparison(user.user_id, prompt, a, b, label))
    return out


def _user_weights(diffs: np.ndarray, outcomes: np.ndarray, ridge: float) -> np.ndarray:
    """Ridge-regularised Bradley–Terry MLE (Newton) of one annotator's weights."""
    w = np.zeros(diffs.shape[1])
    for _ in range(30):
        p = 1 / (1 + np.exp(-(diffs @ w)))
        grad = diffs.T @ (outcomes - p) - ridge * w
        hess = (diffs * (p * (1 - p))[:, None]).T @ diffs + ridge * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w += step
        if np.abs(step).max() < 1e-8:
            break
    return w


def estimate_group(
    model,
    comparisons: list[Comparison],
    weights: np.ndarray | None = None,
    ridge: float = 1.0,
) -> tuple[np.ndarray, np.ndarray, int]:
    """w̄, Σ of the protected columns from group comparisons; annotators with zero total weight
    (dropped by the consistency diagnostics) are left out. Returns (w̄, Σ, annotators used)."""
    from assistant.reward.fit import population

    weights = np.ones(len(comparisons)) if weights is None else np.asarray(weights)
    by_user: dict[str, list[int]] = {}
    for i, c in enumerate(comparisons):
        by_user.setdefault(c.user_id, []).append(i)
    coefs = []
    for idx in by_user.values():
        keep = [i for i in idx if weights[i] > 0 and comparisons[i].label != "tie"]
        if len(keep) < 4:
            continue
        diffs = np.vstack(
            [
                np.diff(guard_features(model, c.prompt, [c.response_b, c.response_a]), axis=0)
                for c in (comparisons[i] for i in keep)
            ]
        )
        outcomes = np.array([comparisons[i].outcome for i in keep])
        coefs.append(_user_weights(diffs, outcomes, ridge))
    if len(coefs) < 2:
        raise ValueError("need at least 2 annotators with 4+ decided comparisons for guard weights")
    w_bar, sigma = population(np.array(coefs))
    return w_bar, sigma, len(coefs)


FALLBACK = GuardDims(
    np.array([-0.1, -0.2]),
    np.diag([0.4, 0.3]),
    source="fallback for priors saved without guard weights (the packaged values, rounded)",
)


def fit_guard(model, seed: int = 0) -> GuardDims:
    """Group weights of the protected columns from the simulated annotators (deterministic)."""
    w_bar, sigma, n = estimate_group(model, simulate_guard_group(model, seed=seed))
    return GuardDims(
        w_bar, sigma, source=f"{n} SIMULATED annotators over contested statements (stance model)"
    )


def attach_guard(prior, model, seed: int = 0):
    """Record the protected columns' group weights in prior.meta["guard"] (saved with the prior)."""
    prior.meta["guard"] = fit_guard(model, seed).to_meta()
    return prior


def guard_dims(prior) -> GuardDims:
    """The prior's protected columns (a documented fallback for priors saved without them)."""
    meta = getattr(prior, "meta", {}) or {}
    return GuardDims.from_meta(meta["guard"]) if "guard" in meta else FALLBACK
