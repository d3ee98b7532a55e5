"""Personalizer: one user's position on the group prior, applied to candidates and updated by evidence.

Glue between the stored profile (JSON) and assistant.reward: the graph and the session call this and
never touch posterior maths themselves."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import numpy as np

from assistant.config import Settings
from assistant.reward import (
    GroupPrior,
    Question,
    UserPosterior,
    confident_lines,
    next_question,
    record_answer,
    score_candidates,
    standing,
)

log = logging.getLogger(__name__)

ONBOARDING_TOTAL = 10


@dataclass
class Personalizer:
    prior: GroupPrior
    text_scorer: Any | None = None
    guard: bool = True
    judge: Any | None = None
    """A capable LLM used by the text scorer as a judge, when one is configured."""

    # -- the user's posterior, stored as JSON in the memory profile -----------------------------
    def posterior(self, profile: dict) -> UserPosterior:
        stored = profile.get("posterior")
        if stored:
            try:
                post = UserPosterior.from_dict(stored)
                if post.fits(self.prior):
                    return post
            except ValueError as exc:  # a malformed stored posterior: start from the group again
                log.warning("ignoring stored posterior: %s", exc)
        return UserPosterior.from_prior(self.prior)

    def learn(
        self, profile: dict, prompt: str, winners: list[str], losers: list[str], weight: float = 1.0
    ) -> dict:
        """Condition on winners[i] ≻ losers[i] for the same prompt; returns the new posterior (JSON)."""
        if len(winners) != len(losers) or not winners:
            raise ValueError("learn needs one loser per winner")
        phi = self.prior.features_many([prompt] * (2 * len(winners)), [*winners, *losers])
        diffs = phi[: len(winners)] - phi[len(winners) :]
        post = self.posterior(profile).update(
            diffs, np.ones(len(winners)), np.full(len(winners), weight)
        )
        return post.to_dict()

    # -- ranking --------------------------------------------------------------------------------
    def score(
        self, profile: dict, summary: str, prompt: str, candidates: list[str], *, alpha: float
    ) -> list[dict]:
        """r_α for each candidate, with its parts; marks the winner."""
        text_scores = None
        if self.text_scorer is not None and summary.strip():
            text_scores = [
                float(x)
                for x in self.text_scorer.score(summary, prompt, candidates, llm=self.judge)
            ]
        scores = score_candidates(
            self.prior,
            self.posterior(profile),
            alpha,
            prompt,
            candidates,
            text_scores=text_scores,
            guard=self.guard,
        )
        best = max(range(len(scores)), key=lambda i: scores[i].total)
        out = [
            {
                "text": s.text,
                "group": s.group,
                "personal": s.personal,
                "text_term": s.text_term,
                "total": s.total,
                "chosen": i == best,
                "guarded": s.guarded,
                "unguarded_total": s.unguarded_total,
            }
            for i, s in enumerate(scores)
        ]
        return out

    def notes(self, scored: list[dict]) -> list[str]:
        """Plain-language remarks about a ranking (the guard acting, mainly)."""
        if not scored:
            return []
        chosen = max(range(len(scored)), key=lambda i: scored[i]["total"])
        unguarded = max(range(len(scored)), key=lambda i: scored[i]["unguarded_total"])
        if chosen != unguarded:
            return [
                "the guard changed the winner: your personal weight on a protected direction "
                "(agreement, flattery, overconfidence) was held at the group's level"
            ]
        return []

    # -- where the user stands, onboarding ------------------------------------------------------
    def standing(self, profile: dict) -> list[dict]:
        """Per labelled base: the user's mean ± sd next to the group's."""
        return standing(self.prior, self.posterior(profile))

    def next_question(self, profile: dict, asked: list[str]) -> Question | None:
        """The most informative next onboarding question; None after ONBOARDING_TOTAL or when done."""
        if len(asked) >= ONBOARDING_TOTAL:
            return None
        return next_question(self.prior, self.posterior(profile), asked)

    def question(self, question_id: str) -> Question:
        """Rebuild an asked question from its id (ids ending in ~swapped show the pair reversed)."""
        base, _, condition = question_id.partition("~")
        index = {q["id"]: i for i, q in enumerate(self.prior.bank)}
        if base not in index or self.prior.bank_diffs is None:
            raise ValueError(f"unknown onboarding question {question_id!r}")
        q, diff = self.prior.bank[index[base]], self.prior.bank_diffs[index[base]]
        if condition:
            return Question(question_id, q["prompt"], q["b"], q["a"], -diff, 0, True, condition)
        return Question(question_id, q["prompt"], q["a"], q["b"], diff, 0)

    def answer(self, profile: dict, question_id: str, choice: str) -> tuple[dict, list[str]]:
        """Condition on one onboarding answer; returns the new posterior and the summary lines for
        dimensions the user now confidently departs from the group on."""
        post = record_answer(self.posterior(profile), self.question(question_id), choice)
        return post.to_dict(), confident_lines(self.prior, post)


def load_personalizer(settings: Settings, *, judge: Any | None = None) -> Personalizer | None:
    """The packaged (or configured) prior and text scorer; None when no prior is available."""
    try:
        prior = GroupPrior.load(settings.prior_dir)
    except FileNotFoundError as exc:
        log.info("%s", exc)
        return None
    scorer = None
    try:
        from assistant.reward.text_scorer import TextScorer

        scorer = TextScorer.load()
    except (FileNotFoundError, ImportError, AttributeError) as exc:
        log.info("text scorer unavailable: %s", exc)
    return Personalizer(prior=prior, text_scorer=scorer, guard=settings.guard, judge=judge)
