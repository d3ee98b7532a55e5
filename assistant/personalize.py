"""Personalizer: one user's position on the group prior, applied to candidates and updated by evidence.

Glue between the stored profile (JSON) and assistant.reward: the graph and the session call this and
never touch posterior maths themselves."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import numpy as np

from assistant.candidate import Candidate
from assistant.config import Settings
from assistant.reward import (
    GroupPrior,
    Question,
    UserPosterior,
    confident_lines,
    guard_changed_winner,
    next_question,
    record_answer,
    score_candidates,
    standing,
)
from assistant.reward.blend import ProtectedTerm
from assistant.reward.consistency import Answer, answer_weights, flipped_items
from assistant.reward.guard import GuardDims, guard_dims, guard_features
from assistant.reward.onboarding import NEW_QUESTIONS, REASK_AT, parse_question_id
from assistant.reward.style_terms import split_summary, style_scores
from assistant.summary import for_scoring, parse, render

log = logging.getLogger(__name__)

ONBOARDING_TOTAL = NEW_QUESTIONS + len(REASK_AT)


@dataclass
class Personalizer:
    prior: GroupPrior
    text_scorer: Any | None = None
    guard: bool = True
    judge: Any | None = None
    """A capable LLM used by the text scorer as a judge, when one is configured."""
    stance: Any | None = None
    """assistant.reward.stance_model.StanceModel: views vs preferences, agreement and praise.
    Without it no line is read as a view and the protected columns are zero."""

    # -- the user's posterior, stored as JSON in the memory profile -----------------------------
    def posterior(self, profile: dict) -> UserPosterior:
        stored = profile.get("posterior")
        if stored:
            try:
                post = UserPosterior.from_dict(stored)
                # the bases themselves, not only J: a rebuilt prior can keep J and mean else
                if post.fits(self.prior) and stored.get("basis") == self.prior.basis_id:
                    return post
            except ValueError as exc:  # a malformed stored posterior: start from the group again
                log.warning("ignoring stored posterior: %s", exc)
        return UserPosterior.from_prior(self.prior)

    def guard_posterior(self, profile: dict) -> UserPosterior:
        """The user's weights on the protected columns (agreement, flattery), stored inside the
        posterior JSON under "guard"; a new user holds the group's."""
        dims = self._guard_dims()
        stored = (profile.get("posterior") or {}).get("guard")
        if stored:
            try:
                post = UserPosterior.from_dict(stored)
                if len(post.mean) == len(dims.w_bar):
                    return post
            except ValueError as exc:
                log.warning("ignoring stored guard posterior: %s", exc)
        # A generous prior on these columns (at least unit variance): evidence that agreement or
        # praise explains is attributed to them, where the guard holds it, rather than leaking
        # into style bases (benchmarks/echo_chamber: a user who rewards agreement).
        cov = np.maximum(dims.sigma, np.eye(len(dims.w_bar)))
        return UserPosterior(dims.w_bar.copy(), cov, dims.w_bar.copy(), cov)

    def _guard_dims(self) -> GuardDims:
        return guard_dims(self.prior)

    def _dump(self, post: UserPosterior, gpost: UserPosterior, profile: dict) -> dict:
        out = post.to_dict() | {"guard": gpost.to_dict(), "basis": self.prior.basis_id}
        for key in ("onboarding_weights",):  # bookkeeping carried along with the posterior
            if key in (profile.get("posterior") or {}):
                out[key] = profile["posterior"][key]
        return out

    def learn(
        self,
        profile: dict,
        prompt: str,
        winners: list[str],
        losers: list[str],
        weight: float = 1.0,
        context: str = "",
    ) -> dict:
        """Condition on winners[i] ≻ losers[i] for the same prompt; returns the new posterior (JSON).
        Learned bases and protected columns are updated jointly, so evidence that is explained by
        agreement or flattery is attributed to them (where the guard holds it) and not to style."""
        if len(winners) != len(losers) or not winners:
            raise ValueError("learn needs one loser per winner")
        n = len(winners)
        phi = self.prior.features_many([prompt] * (2 * n), [*winners, *losers])
        g = guard_features(self.stance, prompt, [*winners, *losers], self.views(context))
        diffs = np.hstack([phi[:n] - phi[n:], g[:n] - g[n:]])
        post, gpost = joint_update(
            self.posterior(profile),
            self.guard_posterior(profile),
            diffs,
            np.ones(n),
            np.full(n, weight),
        )
        return self._dump(post, gpost, profile)

    # -- ranking --------------------------------------------------------------------------------
    def score(
        self, profile: dict, summary: str, prompt: str, candidates: list[str], *, alpha: float
    ) -> list[Candidate]:
        """r_α for each candidate, with its parts; marks the winner. The user's views are never
        scored (only preferences are): agreeing with a view is the guard's protected column."""
        preferences, views = self.read_summary(summary)
        text_scores = None
        if preferences:
            # c(summary, x, y): stated style lines, measured, plus the learned content scorer
            style, content = split_summary(render(preferences))
            combined = style_scores(style, candidates)
            if self.text_scorer is not None and content.strip():
                combined = combined + self.text_scorer.score(
                    content, prompt, candidates, llm=self.judge
                )
            text_scores = [float(x) for x in combined]
        dims = self._guard_dims()
        view = self.stance.relevant_view(views, prompt) if self.stance is not None else None
        extra = ProtectedTerm(
            guard_features(self.stance, prompt, candidates, views),
            dims.w_bar,
            self.guard_posterior(profile).mean,
            dims.signs,
        )
        posterior = self.posterior(profile)
        if self.guard and view is not None:
            # On a question about the user's own stated view, learned (unstated) style is the
            # group's: a taste learned from feedback may carry the look of agreement in ways no
            # column measures. Stated preferences (the text term) still apply.
            posterior = UserPosterior.from_prior(self.prior)
        return score_candidates(
            self.prior,
            posterior,
            alpha,
            prompt,
            candidates,
            text_scores=text_scores,
            guard=self.guard,
            extra=extra,
        )

    def read_summary(self, summary: str) -> tuple[list[str], list[str]]:
        """(preferences, views) of the summary; instruction-like and flattery-seeking lines left
        out of both (assistant.summary.for_scoring)."""
        lines = parse(for_scoring(summary))
        if self.stance is None:
            return lines, []
        preferences, views = self.stance.split_views(lines)
        # with the guard off (its lane in the benchmarks), views are scored like preferences
        return (preferences, views) if self.guard else (lines, views)

    def views(self, summary: str) -> list[str]:
        """The summary lines that are the user's views about the world, not preferences."""
        return self.read_summary(summary)[1] if summary else []

    def notes(self, scored: list[Candidate]) -> list[str]:
        """Plain-language remarks about a ranking (the guard acting, mainly)."""
        if guard_changed_winner(scored):
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
        base, condition = parse_question_id(question_id)
        index = {q["id"]: i for i, q in enumerate(self.prior.bank)}
        if base not in index or self.prior.bank_diffs is None:
            raise ValueError(f"unknown onboarding question {question_id!r}")
        q, diff = self.prior.bank[index[base]], self.prior.bank_diffs[index[base]]
        if condition:
            return Question(question_id, q["prompt"], q["b"], q["a"], -diff, 0, True, condition)
        return Question(question_id, q["prompt"], q["a"], q["b"], diff, 0)

    def answer(self, profile: dict, question_id: str, choice: str) -> tuple[dict, list[str]]:
        """Condition on one onboarding answer; returns the new posterior and the summary lines for
        dimensions the user now confidently departs from the group on. Answers are weighted by the
        consistency diagnostics (a pair that flips when re-asked counts for less, and its dimension
        is shown as tentative); while onboarding is all the evidence, the posterior is rebuilt."""
        log_ = [*profile.get("onboarding_answers", []), {"id": question_id, "choice": choice}]
        answers = [_as_answer(x["id"], x["choice"]) for x in log_ if x.get("choice") != "tie"]
        weights = answer_weights([a for a in answers if a is not None]) if answers else []
        by_id = dict(zip([x["id"] for x in log_ if x.get("choice") != "tie"], weights, strict=True))
        stored = profile.get("posterior") or {}
        post = self.posterior(profile)
        if abs(post.n_evidence - sum(stored.get("onboarding_weights", []))) < 1e-6:
            post = UserPosterior.from_prior(self.prior)  # onboarding is all it knows: rebuild
            for x in log_:
                post = record_answer(
                    post, self.question(x["id"]), x["choice"], by_id.get(x["id"], 1.0)
                )
        else:
            post = record_answer(
                post, self.question(question_id), choice, by_id.get(question_id, 1.0)
            )
        out = self._dump(post, self.guard_posterior(profile), profile)
        out["onboarding_weights"] = [by_id.get(x["id"], 1.0) for x in log_]
        flipped = flipped_items([a for a in answers if a is not None])
        tentative = {int(np.argmax(np.abs(self.question(item).diff))) for item in flipped}
        return out, confident_lines(self.prior, post, tentative=tentative)


def _as_answer(question_id: str, choice: str) -> Answer | None:
    """An onboarding answer in the diagnostics' terms: content relative to the bank's own order."""
    base, condition = parse_question_id(question_id)
    if choice not in ("a", "b"):
        return None
    position = 1 if choice == "a" else -1
    return Answer(base, -position if condition else position, position, condition or None)


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
    except (FileNotFoundError, ImportError, AttributeError, ValueError) as exc:
        log.info("text scorer unavailable: %s", exc)
    stance = None
    try:
        from assistant.reward.stance_model import StanceModel

        stance = StanceModel.load()
    except FileNotFoundError as exc:
        log.info("stance model unavailable: %s", exc)
    return Personalizer(
        prior=prior, text_scorer=scorer, guard=settings.guard, judge=judge, stance=stance
    )


def joint_update(
    post: UserPosterior,
    gpost: UserPosterior,
    diffs: np.ndarray,
    outcomes: np.ndarray,
    weights: np.ndarray,
) -> tuple[UserPosterior, UserPosterior]:
    """Laplace update of [learned bases | protected columns] together (block-diagonal prior), split
    back into the two stored posteriors (their cross-covariance is dropped)."""
    J = len(post.mean)
    cov = np.zeros((J + len(gpost.mean),) * 2)
    cov[:J, :J], cov[J:, J:] = post.cov, gpost.cov
    both = UserPosterior(np.concatenate([post.mean, gpost.mean]), cov).update(
        diffs, outcomes, weights
    )
    added = both.n_evidence
    return (
        UserPosterior(
            both.mean[:J],
            both.cov[:J, :J],
            post.prior_mean,
            post.prior_cov,
            post.n_evidence + added,
        ),
        UserPosterior(
            both.mean[J:],
            both.cov[J:, J:],
            gpost.prior_mean,
            gpost.prior_cov,
            gpost.n_evidence + added,
        ),
    )
