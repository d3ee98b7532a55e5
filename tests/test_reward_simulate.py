"""Simulated users and rewriters: every attribute can be moved both ways, deterministically."""

import random

import numpy as np
import pytest

from assistant.reward.attributes import ATTRIBUTES, measure
from assistant.reward.corpus import load_turns
from assistant.reward.rewrite import REWRITERS, restyle
from assistant.reward.simulate import NONLINEAR_KINDS, judge, nonlinear_users, simulated_users

BASE = "I think it's probably fine to leave it overnight! Haha, just kidding. Thanks for asking. Do you have a fridge?"


def test_84_users_each_liking_two_different_attributes():
    users = simulated_users(0)
    assert len(users) == 84 and len({u.user_id for u in users}) == 84
    assert all(u.likes[0][0] != u.likes[1][0] for u in users)


@pytest.mark.parametrize("attr", ATTRIBUTES)
def test_rewriters_move_their_attribute_both_ways(attr):
    up, down = REWRITERS[attr]
    base = measure(BASE)[attr]
    assert measure(up(BASE, random.Random(0)))[attr] > base
    assert measure(down(BASE, random.Random(0)))[attr] < base


def test_restyle_is_deterministic_and_judges_follow_their_taste():
    assert restyle(BASE, {"length": 1, "humour": 1}, 7) == restyle(
        BASE, {"length": 1, "humour": 1}, 7
    )
    user = next(u for u in simulated_users(0) if u.likes == (("length", -1), ("humour", 1)))
    short, long = np.zeros(7), np.zeros(7)
    long[0] = 3.0
    votes = [judge(user, short, long, random.Random(i)) for i in range(50)]
    assert votes.count("a") > 45


def test_shipped_corpus_is_there_and_clean():
    turns = load_turns()
    assert 1000 <= len(turns) <= 5000
    assert all(t.prompt and t.response for t in turns)


def test_nonlinear_users_mirror_the_linear_ones_and_cover_every_kind():
    linear, nonlinear = simulated_users(0), nonlinear_users(0)
    assert [u.likes for u in nonlinear] == [u.likes for u in linear]
    assert [sum(u.kind == k for u in nonlinear) for k in NONLINEAR_KINDS] == [21] * 4
    assert {u.kind for u in nonlinear[::4]} == set(NONLINEAR_KINDS)  # subsets mix the kinds
    assert len({u.user_id for u in nonlinear}) == 84


def _along(user, values):
    """Utility as the user's first liked attribute moves (in its liked direction), rest at 0."""
    (attr, sign), _ = user.likes
    out = []
    for v in values:
        x = np.zeros(7)
        x[ATTRIBUTES.index(attr)] = sign * v
        out.append(user.utility(x))
    return out


def test_nonlinear_tastes_are_not_a_weighted_sum_of_attributes():
    users = {u.kind: u for u in nonlinear_users(0)}
    peaked = _along(users["peaked"], [-1.0, 0.75, 3.0])
    assert peaked[1] > peaked[0] and peaked[1] > peaked[2]  # a middle beats both extremes
    threshold = _along(users["threshold"], [-2.0, 0.0, 0.4, 2.0])
    assert threshold[0] == threshold[1] == threshold[2] < threshold[3]  # flat until the threshold
    inter = users["interaction"]
    (a1, s1), (a2, s2) = inter.likes
    more, less = np.zeros(7), np.zeros(7)
    more[ATTRIBUTES.index(a1)] = s1
    for x2 in (1.0, -1.0):  # the same change of attribute 1 is liked or disliked depending on 2
        more[ATTRIBUTES.index(a2)] = less[ATTRIBUTES.index(a2)] = s2 * x2
        assert np.sign(inter.margin(more, less)) == np.sign(x2)


def test_a_linear_fit_explains_the_linear_world_but_not_the_nonlinear_one():
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=(2000, 7)), rng.normal(size=(2000, 7))

    def linear_fit_accuracy(user) -> float:
        y = np.sign([user.margin(x, z) for x, z in zip(a, b, strict=True)])
        w, *_ = np.linalg.lstsq(a - b, y, rcond=None)
        return float(np.mean(np.sign((a - b) @ w) == y))

    assert linear_fit_accuracy(simulated_users(0)[0]) > 0.97
    hard = [u for u in nonlinear_users(0) if u.kind in ("peaked", "interaction")][:6]
    assert np.mean([linear_fit_accuracy(u) for u in hard]) < 0.85


def test_judge_follows_a_nonlinear_taste():
    user = next(u for u in nonlinear_users(0) if u.kind == "peaked")
    (attr, sign), _ = user.likes
    middle, extreme = np.zeros(7), np.zeros(7)
    middle[ATTRIBUTES.index(attr)] = sign * 0.75
    extreme[ATTRIBUTES.index(attr)] = sign * 3.0
    votes = [judge(user, middle, extreme, random.Random(i)) for i in range(50)]
    assert votes.count("a") > 45
