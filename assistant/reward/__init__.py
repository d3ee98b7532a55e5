"""The group reward prior: base functions, fit, user posterior, α-blend, guard, onboarding."""

from assistant.reward.blend import guard_changed_winner, score_candidates
from assistant.reward.data import Comparison, load_comparisons
from assistant.reward.onboarding import (
    Question,
    confident_lines,
    next_question,
    record_answer,
    standing,
)
from assistant.reward.posterior import UserPosterior
from assistant.reward.prior import GroupPrior

__all__ = [
    "Comparison",
    "GroupPrior",
    "Question",
    "UserPosterior",
    "confident_lines",
    "guard_changed_winner",
    "load_comparisons",
    "next_question",
    "record_answer",
    "score_candidates",
    "standing",
]
