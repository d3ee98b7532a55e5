"""SIMULATED users (PReF "Attributes" protocol) judging real responses with transparent scorers.

These are not people: each simulated user likes one direction of two different attributes
(7 attributes x 2 directions -> 84 users), and judges by measured attribute differences plus
Bradley-Terry noise. They exist to build and evaluate the shipped default group prior.

A second, harder population (`nonlinear_users`) judges by thresholds, saturation and interactions
of the same attributes: a world no linear model over the attributes represents exactly, for
benchmarks to report beside the solvable one.
"""

from __future__ import annotations

import itertools
import math
import random
from dataclasses import dataclass, field

import numpy as np

from assistant.reward.attributes import ATTRIBUTES, measure_matrix
from assistant.reward.corpus import Turn
from assistant.reward.data import Comparison
from assistant.reward.rewrite import random_style, restyle


@dataclass(frozen=True)
class SimUser:
    """A simulated user: two (attribute, +1/-1) directions with strengths."""

    user_id: str
    likes: tuple[tuple[str, int], ...]
    strengths: tuple[float, ...]

    def weights(self) -> np.ndarray:
        """True coefficients over ATTRIBUTES (standardised attribute units)."""
        w = np.zeros(len(ATTRIBUTES))
        for (attr, sign), strength in zip(self.likes, self.strengths, strict=True):
            w[ATTRIBUTES.index(attr)] = sign * strength
        return w

    def utility(self, attrs: np.ndarray) -> float:
        return float(self.weights() @ attrs)

    def margin(self, attr_a: np.ndarray, attr_b: np.ndarray) -> float:
        """How much more the user likes a than b (Bradley–Terry logit before the noise scale)."""
        return float(self.weights() @ (attr_a - attr_b))


def simulated_users(
    seed: int = 0, strength_range: tuple[float, float] = (0.7, 1.3)
) -> list[SimUser]:
    """All 84 users: ordered pairs of directions on two different attributes, seeded strengths."""
    rng = random.Random(seed)
    directions = [(a, s) for a in ATTRIBUTES for s in (1, -1)]
    users = []
    for (a1, s1), (a2, s2) in itertools.combinations(directions, 2):
        if a1 == a2:
            continue
        strengths = (rng.uniform(*strength_range), rng.uniform(*strength_range))
        name = f"sim-{'+' if s1 > 0 else '-'}{a1}-{'+' if s2 > 0 else '-'}{a2}"
        users.append(SimUser(name, ((a1, s1), (a2, s2)), strengths))
    return users


NONLINEAR_KINDS = ("threshold", "peaked", "interaction", "saturating")


@dataclass(frozen=True)
class NonlinearUser:
    """A simulated user whose taste is NOT linear in the attributes (x: standardised attributes):

    threshold    s1·x1 counts only above 0.5 standard deviations (relu), plus s2·x2 linearly
    peaked       wants a moderate amount of attribute 1: −(x1 − c)², c = 0.75·s1, plus s2·x2
    interaction  likes s1·x1 only where s2·x2 is high: s1·x1·tanh(2·s2·x2)
    saturating   tanh(2·s1·x1) + tanh(2·s2·x2): a little of each is all that matters
    """

    user_id: str
    likes: tuple[tuple[str, int], ...]
    strengths: tuple[float, ...]
    kind: str

    def utility(self, attrs: np.ndarray) -> float:
        (a1, s1), (a2, s2) = self.likes
        k1, k2 = self.strengths
        x1 = s1 * float(attrs[ATTRIBUTES.index(a1)])
        x2 = s2 * float(attrs[ATTRIBUTES.index(a2)])
        if self.kind == "threshold":
            return k1 * 2.0 * max(0.0, x1 - 0.5) + k2 * x2
        if self.kind == "peaked":
            return -k1 * (x1 - 0.75) ** 2 + k2 * x2
        if self.kind == "interaction":
            return 2.0 * k1 * x1 * math.tanh(2.0 * x2)
        if self.kind == "saturating":
            return k1 * 1.5 * math.tanh(2.0 * x1) + k2 * 1.5 * math.tanh(2.0 * x2)
        raise ValueError(f"unknown nonlinear user kind {self.kind!r} (one of {NONLINEAR_KINDS})")

    def margin(self, attr_a: np.ndarray, attr_b: np.ndarray) -> float:
        return self.utility(attr_a) - self.utility(attr_b)


def nonlinear_users(
    seed: int = 0, strength_range: tuple[float, float] = (0.7, 1.3)
) -> list[NonlinearUser]:
    """84 users on the same ordered pairs of directions as simulated_users, each judging by one
    of NONLINEAR_KINDS (as many of each; which user gets which is a seeded shuffle, so strided or
    random subsets of users mix the kinds), with seeded strengths."""
    users = simulated_users(seed, strength_range)
    slots = random.Random(seed + 17).sample(range(len(users)), len(users))
    kinds = [NONLINEAR_KINDS[slot % len(NONLINEAR_KINDS)] for slot in slots]
    return [
        NonlinearUser(f"nl-{kind}-{u.user_id.removeprefix('sim-')}", u.likes, u.strengths, kind)
        for u, kind in zip(users, kinds, strict=True)
    ]


@dataclass
class Pool:
    """Styled variants of real responses: texts[i] answers prompts[prompt_of[i]]."""

    prompts: list[str]
    texts: list[str]
    prompt_of: np.ndarray
    attributes: np.ndarray
    """(n_texts, 7) measured attributes, standardised over the pool."""
    items: list[tuple[int, int]] = field(default_factory=list)
    """Comparable pairs (text index a, text index b) sharing a prompt."""


def build_pool(turns: list[Turn], n_prompts: int, variants: int = 4, seed: int = 0) -> Pool:
    """Take n_prompts turns and make `variants` restyled versions of each response."""
    rng = random.Random(seed)
    chosen = rng.sample(turns, min(n_prompts, len(turns)))
    prompts, texts, prompt_of = [], [], []
    for p, turn in enumerate(chosen):
        prompts.append(turn.prompt)
        seen: set[str] = set()
        for _ in range(variants * 3):
            text = restyle(turn.response, random_style(rng), rng.randrange(1 << 30))
            if text not in seen:
                seen.add(text)
                texts.append(text)
                prompt_of.append(p)
            if len(seen) == variants:
                break
    raw = measure_matrix(texts)
    attrs = (raw - raw.mean(0)) / raw.std(0).clip(min=1e-6)
    prompt_of_arr = np.array(prompt_of)
    items = [
        pair
        for p in range(len(prompts))
        for pair in itertools.combinations(np.flatnonzero(prompt_of_arr == p).tolist(), 2)
    ]
    return Pool(prompts, texts, prompt_of_arr, attrs, items)


def preference_probability(
    user: SimUser | NonlinearUser, attr_a: np.ndarray, attr_b: np.ndarray, beta: float
) -> float:
    """Bradley-Terry probability that the user prefers a over b."""
    logit = beta * user.margin(attr_a, attr_b)
    if logit < -500:  # exp would overflow (a nonlinear taste on an outlying answer)
        return 0.0
    return 1.0 / (1.0 + math.exp(-logit))


def judge(
    user: SimUser | NonlinearUser,
    attr_a: np.ndarray,
    attr_b: np.ndarray,
    rng: random.Random,
    beta: float = 2.0,
) -> str:
    """Noisy label; "tie" when the two responses do not differ on anything the user cares about."""
    if abs(user.margin(attr_a, attr_b)) < 1e-9:
        return "tie"
    return "a" if rng.random() < preference_probability(user, attr_a, attr_b, beta) else "b"


def simulate_comparisons(
    users: list[SimUser] | list[NonlinearUser],
    pool: Pool,
    per_user: int = 150,
    shared: int = 40,
    seed: int = 0,
    beta: float = 2.0,
) -> list[Comparison]:
    """Each user judges `shared` common pairs (for the low-rank init) plus random others."""
    rng = random.Random(seed)
    common = rng.sample(range(len(pool.items)), min(shared, len(pool.items)))
    out = []
    for user in users:
        extra = rng.sample(range(len(pool.items)), min(per_user - len(common), len(pool.items)))
        for k in dict.fromkeys(common + extra):
            i, j = pool.items[k]
            if rng.random() < 0.5:  # present in random order
                i, j = j, i
            label = judge(user, pool.attributes[i], pool.attributes[j], rng, beta)
            prompt = pool.prompts[pool.prompt_of[i]]
            out.append(Comparison(user.user_id, prompt, pool.texts[i], pool.texts[j], label))
    return out
