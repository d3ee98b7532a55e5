"""Shared helpers for the reward tests: a hashing encoder and a hand-built two-base prior."""

from __future__ import annotations

import numpy as np

from assistant.reward.attributes import CHEAP_FEATURES
from assistant.reward.prior import GroupPrior
from tests.fakes import FakeEncoder

CHEAP = 384  # first cheap-feature column of z
LOG_WORDS = CHEAP + CHEAP_FEATURES.index("log_words")
EXCLAMATIONS = CHEAP + CHEAP_FEATURES.index("exclamations")


def two_base_prior(w_bar=(0.0, 0.0), sd=1.0, bank=None, bank_diffs=None) -> GroupPrior:
    """φ0 = log words ("longer ↔ shorter"), φ1 = exclamation marks (protected enthusiasm)."""
    dim = 384 + len(CHEAP_FEATURES) + 1
    projection = np.zeros((2, dim))
    projection[0, LOG_WORDS] = 1.0
    projection[1, EXCLAMATIONS] = 1.0
    return GroupPrior(
        labels=["longer ↔ shorter", "enthusiastic ↔ calm"],
        directions=[
            ("longer answers", "shorter answers"),
            ("enthusiastic answers", "calm answers"),
        ],
        w_bar=np.array(w_bar, dtype=float),
        sigma=np.eye(2) * sd**2,
        protected=[False, True],
        projection=projection,
        offset=np.zeros(2),
        feature_mean=np.zeros(len(CHEAP_FEATURES)),
        feature_std=np.ones(len(CHEAP_FEATURES)),
        attribute_corr=np.zeros((2, 7)),
        bank=bank or [],
        bank_diffs=bank_diffs,
        encoder=FakeEncoder(),
    )
