"""Real crowd judgements (PandaLM's human-labelled test set): the group's average and its answer
quality base are fitted on real people; the simulated users only give the style bases' spread.

PandaLM (Wang et al. 2023, Apache-2.0): pairs of 7B-model answers to one instruction, three human
annotators each; the majority's label is the crowd's judgement, ties and non-text items are
skipped. Its answers recur across pairs of one instruction, so fitting and held-out parts are split
by INSTRUCTION, never by item. The data lives outside the package (../shared/data): code that
needs it says so when it is missing; the shipped prior was built from it once.
"""

from __future__ import annotations

import gzip
import json
import os
import random
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.reward.attributes import CHEAP_FEATURES, measure_matrix

SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
PANDALM_FILE = "testset-v1.json.gz"
PANDALM_SOURCE = "PandaLM human-annotated test set (Apache-2.0), arXiv 2306.05087"
HH_FILE = "harmless-base-test.jsonl.gz"
_HUMAN, _ASSISTANT = "\n\nHuman:", "\n\nAssistant:"
HELD_OUT_FRACTION = 0.3
QUALITY_INPUTS = ("novel_words", "empty", "repeated_share", "echo_share", "foreign_script")
"""The measured features the quality base reads. On PandaLM (grouped by instruction) MiniLM
embeddings and the style counts added nothing held-out and lowered accuracy."""
STYLE_PENALTIES = (1.0, 10.0, 100.0, None)
"""L2 on the style bases' crowd weights, least to most regularised (None = left at 0), chosen by
grouped cross-validation."""
QUALITY_PENALTY = 1.0
QUALITY_LABEL = "answer quality (real crowd)"
QUALITY_DIRECTIONS = ("answers the crowd rates better", "answers the crowd rates worse")
SIGMA_QUALITY_RATIO = 0.5
"""σ of the quality weight = this × its group mean. Set by hand: no per-person data exists (the
three PandaLM annotators differ by ~6%, but the authors dropped items they disagreed on)."""


@dataclass(frozen=True)
class CrowdPair:
    instruction: str
    prompt: str
    a: str
    b: str
    outcome: float
    """1.0 when the majority preferred a, 0.0 when it preferred b."""


def pandalm_file(data: Path | str | None = None) -> Path:
    """testset-v1.json.gz in `data` (or data/pandalm, default ../shared/data); a clear error."""
    data = Path(data) if data is not None else SHARED_DATA
    for path in (data, data / PANDALM_FILE, data / "pandalm" / PANDALM_FILE):
        if path.is_file():
            return path
    raise FileNotFoundError(
        f"PandaLM crowd judgements not found in {data} (expected {PANDALM_FILE}); they live in "
        "../shared/data/pandalm beside the repository. The shipped prior is already built from "
        "them: rebuilding it (make prior) needs that folder."
    )


def majority(votes: list[int]) -> float | None:
    """1.0 / 0.0 when two or three of the annotators chose answer 1 / answer 2; None otherwise."""
    label, count = Counter(votes).most_common(1)[0]
    if count < 2 or label not in (1, 2):
        return None
    return 1.0 if label == 1 else 0.0


def load_pandalm(data: Path | str | None = None) -> tuple[list[CrowdPair], dict]:
    """The decided text pairs and how many items were skipped (ties, no majority, non-text)."""
    with gzip.open(pandalm_file(data), "rt", encoding="utf-8") as f:
        rows = json.load(f)
    pairs, skipped = [], Counter()
    for row in rows:
        texts = [row.get(k) for k in ("instruction", "input", "response1", "response2")]
        if not all(isinstance(t, str) for t in texts):
            skipped["non_text"] += 1
            continue
        outcome = majority([row.get(f"annotator{k}") for k in (1, 2, 3)])
        if outcome is None:
            skipped["tie_or_no_majority"] += 1
            continue
        instruction, extra, a, b = texts
        prompt = instruction + (f"\n\n{extra}" if extra.strip() else "")
        pairs.append(CrowdPair(instruction, prompt, a, b, outcome))
    return pairs, {"items": len(rows), "decided": len(pairs), **skipped}


def load_hh_rlhf(path: Path | str | None = None) -> list[CrowdPair]:
    """HH-RLHF harmless-base pairs: the crowd's chosen last reply (a) over the rejected one (b), the
    human turn before it as the prompt. Red-teaming dialogues: a harmlessness judgement."""
    path = Path(path) if path is not None else SHARED_DATA / "hh-rlhf" / HH_FILE
    if not path.is_file():
        raise FileNotFoundError(f"HH-RLHF crowd judgements not found at {path}")
    pairs = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for number, line in enumerate(f):
            row = json.loads(line)
            chosen, rejected = row["chosen"], row["rejected"]
            cut = chosen.rfind(_ASSISTANT, 0, len(os.path.commonprefix([chosen, rejected])) + 1)
            a, b = (
                chosen[cut + len(_ASSISTANT) :].strip(),
                rejected[cut + len(_ASSISTANT) :].strip(),
            )
            if cut < 0 or a == b:
                continue
            prompt = chosen[:cut].rsplit(_HUMAN, 1)[-1].strip()
            pairs.append(CrowdPair(f"hh-{number}", prompt, a, b, 1.0))
    return pairs


def split_by_instruction(
    pairs: list[CrowdPair], held_fraction: float = HELD_OUT_FRACTION, seed: int = 0
) -> tuple[list[CrowdPair], list[CrowdPair]]:
    """(fit, held-out): a seeded share of the instructions, with every pair of each, held out."""
    instructions = sorted({p.instruction for p in pairs})
    random.Random(seed).shuffle(instructions)
    held = set(instructions[: round(held_fraction * len(instructions))])
    return [p for p in pairs if p.instruction not in held], [
        p for p in pairs if p.instruction in held
    ]


def ridge_logistic(x: np.ndarray, y: np.ndarray, penalty: np.ndarray, iters: int = 50):
    """Bradley–Terry weights on differences x (no intercept: a ≻ b is b ≺ a) with per-column L2."""
    w = np.zeros(x.shape[1])
    for _ in range(iters):
        p = 1 / (1 + np.exp(-(x @ w)))
        grad = x.T @ (y - p) - penalty * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty)
        step = np.linalg.solve(hess, grad)
        w += step
        if np.abs(step).max() < 1e-9:
            break
    return w


def accuracy(scores: np.ndarray, outcomes: np.ndarray) -> float:
    """Share of pairs where the score difference has the crowd's sign (exactly 0 counts half)."""
    hit = np.where(scores == 0, 0.5, (scores > 0) == (outcomes > 0.5))
    return float(hit.mean()) if len(hit) else float("nan")


@dataclass
class CrowdDesign:
    """Per pair: style φ(a)−φ(b), quality inputs z(a)−z(b), the crowd's outcome, the instruction."""

    style: np.ndarray
    quality: np.ndarray
    outcomes: np.ndarray
    instructions: np.ndarray

    def columns(self, with_style: bool) -> np.ndarray:
        return np.hstack([self.style, self.quality]) if with_style else self.quality


def quality_columns(n_cheap: int) -> np.ndarray:
    """Positions of QUALITY_INPUTS in z = [MiniLM 384, cheap features, relevance]."""
    names = [name for name in QUALITY_INPUTS if CHEAP_FEATURES.index(name) < n_cheap]
    return 384 + np.array([CHEAP_FEATURES.index(name) for name in names], dtype=int)


def design(prior, pairs: list[CrowdPair]) -> CrowdDesign:
    """Encode each pair once with the prior's own inputs (the style bases come from the prior)."""
    prompts = [p.prompt for p in pairs] * 2
    texts = [p.a for p in pairs] + [p.b for p in pairs]
    z = prior.inputs(prompts, texts).astype(np.float64)
    phi = prior.from_inputs(z)
    n, cols = len(pairs), quality_columns(len(prior.feature_mean))
    return CrowdDesign(
        phi[:n] - phi[n:],
        z[:n, cols] - z[n:, cols],
        np.array([p.outcome for p in pairs]),
        np.array([p.instruction for p in pairs]),
    )


def _fit(d: CrowdDesign, idx: np.ndarray, style_penalty: float | None) -> np.ndarray:
    with_style = style_penalty is not None
    n_style = d.style.shape[1] if with_style else 0
    # L2 on the standardised scale: a rare share (an empty answer in 5% of pairs) is not shrunk
    # to nothing just because its raw spread is small
    scale = np.maximum(d.quality[idx].var(0), 1e-6)
    penalty = np.r_[np.full(n_style, style_penalty or 0.0), QUALITY_PENALTY * scale]
    w = ridge_logistic(d.columns(with_style)[idx], d.outcomes[idx], penalty)
    return np.r_[w[:n_style] if with_style else np.zeros(d.style.shape[1]), w[n_style:]]


def choose_style_penalty(
    d: CrowdDesign, folds: int = 5, seed: int = 0
) -> tuple[float | None, dict]:
    """Grouped cross-validation over the fitting instructions: the crowd's log-likelihood on
    instructions the fit did not see, per style L2; the most regularised choice within one standard
    error of the best wins (the 7B answers' incidental style should not become the group's taste)."""
    names = sorted(set(d.instructions))
    random.Random(seed).shuffle(names)
    fold_of = {name: k % folds for k, name in enumerate(names)}
    fold = np.array([fold_of[i] for i in d.instructions])
    full = np.hstack([d.style, d.quality])
    report, per_pair = {}, {}
    for penalty in STYLE_PENALTIES:
        scores = np.zeros(len(fold))
        for k in range(folds):
            scores[fold == k] = full[fold == k] @ _fit(d, np.flatnonzero(fold != k), penalty)
        p = np.clip(1 / (1 + np.exp(-scores)), 1e-6, 1 - 1e-6)
        per_pair[penalty] = d.outcomes * np.log(p) + (1 - d.outcomes) * np.log(1 - p)
        report[str(penalty)] = {
            "loglik": round(float(per_pair[penalty].mean()), 4),
            "accuracy": round(accuracy(scores, d.outcomes), 4),
        }
    best = max(per_pair, key=lambda k: per_pair[k].mean())
    floor = per_pair[best].mean() - per_pair[best].std() / np.sqrt(len(fold))
    chosen = next(k for k in reversed(STYLE_PENALTIES) if per_pair[k].mean() >= floor)
    return chosen, report


def add_quality_base(prior, fit_pairs: list[CrowdPair], seed: int = 0) -> dict:
    """Fit the crowd's weights on the prior's style bases and a quality base over QUALITY_INPUTS
    on fit_pairs; append the quality base (unit variance over the crowd's answers) and set w̄ to
    the crowd's weights, in place. Σ keeps the style block, plus σ_q = SIGMA_QUALITY_RATIO·w̄_q.
    Returns the fit's report for prior.meta."""
    d = design(prior, fit_pairs)
    penalty, cv = choose_style_penalty(d, seed=seed)
    w = _fit(d, np.arange(len(fit_pairs)), penalty)
    w_style, u = w[: prior.J], w[prior.J :]
    texts = list(dict.fromkeys((p.prompt, t) for p in fit_pairs for t in (p.a, p.b)))
    z = prior.inputs([p for p, _ in texts], [t for _, t in texts]).astype(np.float64)
    row = np.zeros(z.shape[1])
    row[quality_columns(len(prior.feature_mean))] = u
    raw = z @ row
    scale = float(raw.std()) or 1.0
    w_q = scale  # w_q·q = u·z − const: the crowd's own weight on its quality direction
    prior.projection = np.vstack([prior.projection, row / scale])
    prior.offset = np.r_[prior.offset, -raw.mean() / scale]
    if prior.bounds is not None:  # the quality base is fitted on degenerate answers too: unbounded
        prior.bounds = np.c_[prior.bounds, [-np.inf, np.inf]]
    prior.w_bar = np.r_[w_style, w_q]
    sigma = np.zeros((prior.J + 1, prior.J + 1))
    sigma[: prior.J, : prior.J] = prior.sigma
    sigma[-1, -1] = (SIGMA_QUALITY_RATIO * w_q) ** 2
    prior.sigma = sigma
    with np.errstate(invalid="ignore", divide="ignore"):  # an attribute constant here: corr 0
        corr = np.corrcoef(np.c_[raw, measure_matrix([t for _, t in texts])].T)[0, 1:]
    prior.attribute_corr = np.vstack([prior.attribute_corr, np.nan_to_num(corr)])
    prior.labels = [*prior.labels, QUALITY_LABEL]
    prior.directions = [*prior.directions, QUALITY_DIRECTIONS]
    prior.protected = [*prior.protected, False]
    return {
        "quality_inputs": dict(zip(QUALITY_INPUTS, np.round(u, 4).tolist(), strict=False)),
        "style_penalty": penalty,
        "cross_validation": cv,
        "fit_accuracy": round(accuracy(d.columns(True) @ w, d.outcomes), 4),
        "fit_pairs": len(fit_pairs),
    }


def carry_quality_base(prior, source) -> None:
    """Give a prior fitted on other group data (plural prior fit) the shipped prior's real-crowd
    quality base and weight, re-expressed in its own input scaling, in place: whoever the group
    is, it never prefers a loop or an empty answer by default."""
    if QUALITY_LABEL not in source.labels or QUALITY_LABEL in prior.labels:
        return
    k = source.labels.index(QUALITY_LABEL)
    cols = quality_columns(min(len(source.feature_mean), len(prior.feature_mean)))
    cheap = cols - 384
    weights = source.projection[k, cols] / source.feature_std[cheap]  # per raw feature unit
    row = np.zeros(prior.projection.shape[1])
    row[cols] = weights * prior.feature_std[cheap]
    shift = weights @ (prior.feature_mean - source.feature_mean)[cheap]
    prior.projection = np.vstack([prior.projection, row])
    prior.offset = np.r_[prior.offset, source.offset[k] + shift]
    if prior.bounds is not None:
        prior.bounds = np.c_[prior.bounds, [-np.inf, np.inf]]
    J = prior.J
    sigma = np.zeros((J + 1, J + 1))
    sigma[:J, :J], sigma[J, J] = prior.sigma, source.sigma[k, k]
    prior.w_bar, prior.sigma = np.r_[prior.w_bar, source.w_bar[k]], sigma
    prior.attribute_corr = np.vstack([prior.attribute_corr, source.attribute_corr[k]])
    prior.labels = [*prior.labels, QUALITY_LABEL]
    prior.directions = [*prior.directions, source.directions[k]]
    prior.protected = [*prior.protected, False]
    prior.meta["quality_base"] = "carried over from the shipped prior (real crowd, PandaLM)"
