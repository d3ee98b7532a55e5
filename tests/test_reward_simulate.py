"""Simulated users and rewriters: every attribute can be moved both ways, deterministically."""

import random

import pytest

from assistant.reward.attributes import ATTRIBUTES, measure
from assistant.reward.corpus import load_turns
from assistant.reward.rewrite import REWRITERS, restyle
from assistant.reward.simulate import judge, simulated_users

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
    import numpy as np

    short, long = np.zeros(7), np.zeros(7)
    long[0] = 3.0
    votes = [judge(user, short, long, random.Random(i)) for i in range(50)]
    assert votes.count("a") > 45


def test_shipped_corpus_is_there_and_clean():
    turns = load_turns()
    assert 1000 <= len(turns) <= 5000
    assert all(t.prompt and t.response for t in turns)
