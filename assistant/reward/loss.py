"""Bradley–Terry loss for per-user linear rewards over shared base functions."""

from __future__ import annotations

import torch
import torch.nn.functional as F


def bt_loss(
    logits: torch.Tensor, outcomes: torch.Tensor, weights: torch.Tensor | None = None
) -> torch.Tensor:
    """Mean -[y·logσ(s) + (1-y)·logσ(-s)] with s = w_u·(φ(a)-φ(b)); a tie (y=0.5) counts half/half."""
    per = -(outcomes * F.logsigmoid(logits) + (1 - outcomes) * F.logsigmoid(-logits))
    if weights is None:
        return per.mean()
    return (per * weights).sum() / weights.sum().clamp(min=1e-12)


def preference_logits(coefs: torch.Tensor, phi_diff: torch.Tensor) -> torch.Tensor:
    """Row-wise w_u·(φ(a)-φ(b)) for (m, J) user coefficients and (m, J) feature differences."""
    return (coefs * phi_diff).sum(-1)


def l2_penalty(*tensors: torch.Tensor) -> torch.Tensor:
    """Sum of squared entries (the caller scales it)."""
    return sum((t**2).sum() for t in tensors)
