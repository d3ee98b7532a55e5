"""Bradley–Terry loss math on hand-built tensors."""

import math

import torch

from assistant.reward.loss import bt_loss, l2_penalty, preference_logits


def test_bt_loss_matches_hand_computation():
    logits = torch.tensor([0.0, 2.0, -1.0])
    outcomes = torch.tensor([1.0, 0.0, 0.5])
    expected = [
        math.log(2),
        math.log1p(math.exp(2)),
        0.5 * math.log1p(math.exp(1)) + 0.5 * math.log1p(math.exp(-1)),
    ]
    torch.testing.assert_close(bt_loss(logits, outcomes), torch.tensor(sum(expected) / 3))


def test_weights_pick_out_comparisons():
    logits = torch.tensor([3.0, -3.0])
    outcomes = torch.tensor([1.0, 1.0])
    only_wrong = bt_loss(logits, outcomes, torch.tensor([0.0, 1.0]))
    torch.testing.assert_close(only_wrong, torch.tensor(math.log1p(math.exp(3.0))))


def test_tie_loss_is_symmetric_and_minimal_at_zero():
    ties = torch.tensor([0.5])
    assert bt_loss(torch.tensor([1.5]), ties) == bt_loss(torch.tensor([-1.5]), ties)
    assert bt_loss(torch.tensor([0.0]), ties) < bt_loss(torch.tensor([0.5]), ties)


def test_logits_and_penalty():
    coefs = torch.tensor([[1.0, 2.0], [0.5, -1.0]])
    diffs = torch.tensor([[1.0, 1.0], [2.0, 1.0]])
    torch.testing.assert_close(preference_logits(coefs, diffs), torch.tensor([3.0, 0.0]))
    torch.testing.assert_close(l2_penalty(coefs, diffs), torch.tensor(6.25 + 7.0))
