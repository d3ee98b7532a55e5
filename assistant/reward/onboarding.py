"""Active onboarding: ask the comparison that shrinks the user's posterior most (PReF criterion)."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.reward.attributes import ATTRIBUTES
from assistant.reward.corpus import Turn
from assistant.reward.posterior import UserPosterior
from assistant.reward.prior import GroupPrior
from assistant.reward.rewrite import random_style, restyle

NEW_QUESTIONS = 10
"""About ten informative questions place a person (PReF) ..."""
REASK_AT = (11, 12)
"""... then one or two of the earliest are re-asked with the order swapped (consistency checks).
Re-asks come after the ten, so they never displace an informative question."""
SWAPPED = "swapped"


@dataclass(frozen=True)
class Question:
    id: str
    prompt: str
    a: str
    b: str
    diff: np.ndarray
    """φ(a) - φ(b) as shown (already swapped for a re-ask)."""
    number: int
    reask: bool = False
    condition: str | None = None


BANK_SOURCE = Path(__file__).resolve().parent.parent / "data" / "onboarding" / "bank_source.jsonl"
"""98 everyday prompts, each with two hand-written answers that differ on one named axis."""


def load_bank_source(path: Path | None = None) -> list[dict]:
    """Hand-written rows {"id", "prompt", "a", "b", "axis", "more"} ("more": which has more of the
    axis); a clear error if the file is missing."""
    path = path or BANK_SOURCE
    if not path.is_file():
        raise FileNotFoundError(f"onboarding questions not found at {path}")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [{k: r[k] for k in ("id", "prompt", "a", "b", "axis", "more") if k in r} for r in rows]


def build_bank(prior: GroupPrior, rows: list[dict]) -> tuple[list[dict], np.ndarray]:
    """The questions as shown and their diffs φ(a) − φ(b) in the prior's basis."""
    phi = prior.features_many(
        [r["prompt"] for r in rows] * 2, [r["a"] for r in rows] + [r["b"] for r in rows]
    )
    return list(rows), phi[: len(rows)] - phi[len(rows) :]


def restyled_bank(
    prior: GroupPrior, turns: list[Turn], n: int = 120, seed: int = 0
) -> tuple[list[dict], np.ndarray]:
    """SIMULATED worlds only (benchmarks), never shipped: pairs made by opposite restylings of one
    corpus response (one attribute, sometimes two), the n with the largest φ differences."""
    rng = random.Random(seed)
    pool = rng.sample(turns, min(len(turns), 2 * n))
    rows = []
    for i, turn in enumerate(pool):
        shared = random_style(rng, p_change=0.3)
        flipped = rng.sample(ATTRIBUTES, 1 if rng.random() < 0.7 else 2)
        style_a = {**shared, **{attr: 1 for attr in flipped}}
        style_b = {**shared, **{attr: -1 for attr in flipped}}
        text_seed = rng.randrange(1 << 30)
        a, b = (
            restyle(turn.response, style_a, text_seed),
            restyle(turn.response, style_b, text_seed),
        )
        if rng.random() < 0.5:
            a, b = b, a
        if a != b:
            rows.append({"id": f"q{i}", "prompt": turn.prompt, "a": a, "b": b})
    rows, diffs = build_bank(prior, rows)
    keep = np.argsort(-np.linalg.norm(diffs, axis=1))[:n]
    return [rows[k] for k in keep], diffs[keep]


def attach_bank(
    prior: GroupPrior,
    source: list[dict] | list[Turn] | None = None,
    n: int = 120,
    seed: int = 0,
) -> GroupPrior:
    """Attach onboarding questions: the hand-written bank (source None), given rows, or, for the
    simulated benchmark worlds only, restyled corpus turns."""
    if source and isinstance(source[0], Turn):
        prior.bank, prior.bank_diffs = restyled_bank(prior, source, n, seed)
    else:
        prior.bank, prior.bank_diffs = build_bank(prior, source or load_bank_source())
    return prior


def informativeness(posterior: UserPosterior, diffs: np.ndarray) -> np.ndarray:
    """PReF's criterion σ'(ŵᵀv)²·vᵀΣv: uncertain outcome times posterior variance along v."""
    p = 1 / (1 + np.exp(-(diffs @ posterior.mean)))
    return (p * (1 - p)) ** 2 * np.einsum("ij,jk,ik->i", diffs, posterior.cov, diffs)


def parse_question_id(qid: str) -> tuple[str, str | None]:
    """The one question-id parser: "q13~swapped" → ("q13", "swapped"); "q13" → ("q13", None)."""
    base, _, condition = str(qid).partition("~")
    return base, condition or None


def make_question_id(base: str, condition: str | None = None) -> str:
    return f"{base}~{condition}" if condition else base


def next_question(prior: GroupPrior, posterior: UserPosterior, asked: list[str]) -> Question | None:
    """The most informative unasked question; questions REASK_AT re-ask earlier ones, order swapped.
    `asked` holds the ids already answered, in order. None when the bank is used up or empty."""
    if not prior.bank or prior.bank_diffs is None:
        return None
    index = {q["id"]: i for i, q in enumerate(prior.bank)}
    number = len(asked) + 1
    if number in REASK_AT:
        parsed = [parse_question_id(a) for a in asked]
        reasked = {base for base, condition in parsed if condition}
        earlier = [b for b, c in parsed if not c and b not in reasked and b in index]
        if earlier:
            q = prior.bank[index[earlier[0]]]
            diff = -prior.bank_diffs[index[earlier[0]]]
            return Question(
                make_question_id(q["id"], SWAPPED),
                q["prompt"],
                q["b"],
                q["a"],
                diff,
                number,
                True,
                SWAPPED,
            )
    done = {parse_question_id(a)[0] for a in asked}
    open_ = [i for i, q in enumerate(prior.bank) if q["id"] not in done]
    if not open_:
        return None
    scores = informativeness(posterior, prior.bank_diffs[open_])
    best = open_[int(np.argmax(scores))]
    q = prior.bank[best]
    return Question(q["id"], q["prompt"], q["a"], q["b"], prior.bank_diffs[best], number)


def answer_outcome(choice: str) -> float:
    """ "a" -> 1, "b" -> 0, "tie" -> 0.5; ValueError otherwise."""
    try:
        return {"a": 1.0, "b": 0.0, "tie": 0.5}[choice]
    except KeyError:
        raise ValueError(f"answer must be 'a', 'b' or 'tie' (got {choice!r})") from None


def record_answer(
    posterior: UserPosterior, question: Question, choice: str, weight: float = 1.0
) -> UserPosterior:
    """Update the posterior with one answered question."""
    return posterior.update(
        question.diff[None, :], np.array([answer_outcome(choice)]), np.array([weight])
    )


def standing(prior: GroupPrior, posterior: UserPosterior) -> list[dict]:
    """Per base: label, user mean/sd, group mean/sd, protected (the UI's Dimension fields)."""
    return [
        {
            "label": prior.labels[j],
            "user_mean": float(posterior.mean[j]),
            "user_sd": float(np.sqrt(posterior.cov[j, j])),
            "group_mean": float(prior.w_bar[j]),
            "group_sd": float(np.sqrt(prior.sigma[j, j])),
            "protected": prior.protected[j],
        }
        for j in range(prior.J)
    ]


def confident_lines(
    prior: GroupPrior,
    posterior: UserPosterior,
    min_z: float = 2.0,
    tentative_z: float | None = None,
    tentative: frozenset[int] | set[int] = frozenset(),
) -> list[str]:
    """ "Prefers shorter answers (confident)" for bases where the user is min_z posterior sds away
    from the group; with tentative_z, weaker departures are listed as "(tentative)", and so are the
    bases in `tentative` (evidence that flipped when re-asked: see assistant.reward.consistency)."""
    lines = []
    for j in range(prior.J):
        gap = posterior.mean[j] - prior.w_bar[j]
        z = abs(gap) / np.sqrt(max(posterior.cov[j, j], 1e-12))
        phrase = prior.directions[j][0 if gap > 0 else 1]
        if z >= min_z and j in tentative:
            lines.append(f"Prefers {phrase} (tentative)")
        elif z >= min_z:
            lines.append(f"Prefers {phrase} (confident)")
        elif tentative_z is not None and z >= tentative_z:
            lines.append(f"Prefers {phrase} (tentative)")
    return lines
