"""Group prior vs real people: does the group term w̄ᵀφ pick what the crowd picked, and does it
keep degenerate answers from winning at any α?

crowd lane  PandaLM (--data DIR holding testset-v1.json.gz; default ../shared/data/pandalm): the
            majority of three annotators, ties and non-text items skipped, on the instructions the
            shipped prior was NOT fitted on (prior.meta["pandalm_fit_instructions"]); beside it the
            same-run baseline "the longer answer wins" and, for reference, the fitted instructions.
degenerate  real held-out answers the crowd preferred (and assistant.quality calls sane, a detector
lane        φ does not use), each against degenerate versions of itself: looped (its opening words
            over and over), empty, echoed (the request handed back), translated-script (the same
            answer in Cyrillic letters). How often the sane one scores higher: at α = 0, at α = 1
            for a new user (who is the group), and at α = 1 for the 84 simulated users after ten
            onboarding answers given by their own taste (mean and worst user).
hh lane     (full run) HH-RLHF harmless-base: how often the group term picks the crowd's chosen
            reply, beside the longer-wins baseline: not fitted on, reported as it comes.

python -m benchmarks.group_prior [--data DIR] [--prior DIR] [--quick]
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

import numpy as np
from platformdirs import user_cache_dir

from assistant.quality import is_degenerate
from assistant.reward.attributes import measure_matrix, words
from assistant.reward.blend import blended_coefficients
from assistant.reward.cli import held_out_report
from assistant.reward.crowd import SHARED_DATA, accuracy, load_hh_rlhf, load_pandalm
from assistant.reward.model import DiskCachedEncoder
from assistant.reward.onboarding import NEW_QUESTIONS, next_question, record_answer
from assistant.reward.posterior import UserPosterior
from assistant.reward.prior import GroupPrior
from assistant.reward.simulate import judge, simulated_users

RESULTS = Path(__file__).parent / "results"
TARGETS = {"crowd_accuracy": 0.72, "over_longer_wins": 0.03}
_CYRILLIC = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "абцдефгхийклмнопкрстуввхызАБЦДЕФГХИЙКЛМНОПКРСТУВВХЫЗ",
)


def degenerate_versions(answer: str, prompt: str) -> dict[str, str]:
    opening = " ".join(answer.split()[:4]).rstrip(".,;:!?")
    return {
        "looped": ", ".join([opening] * max(8, len(answer.split()) // 4)),
        "empty": "",
        "echoed": prompt,
        "translated_script": answer.translate(_CYRILLIC),
    }


def onboarded_users(prior: GroupPrior, seed: int) -> list[np.ndarray]:
    """Posterior means of the 84 simulated users after NEW_QUESTIONS answers from their taste."""
    texts = [q[k] for q in prior.bank for k in ("a", "b")]
    raw = measure_matrix(texts)
    scaled = dict(zip(texts, (raw - raw.mean(0)) / raw.std(0).clip(min=1e-6), strict=True))
    rng, means = random.Random(seed), []
    for user in simulated_users(seed):
        post, asked = UserPosterior.from_prior(prior), []
        for _ in range(NEW_QUESTIONS):
            q = next_question(prior, post, asked)
            if q is None:
                break
            label = judge(user, scaled[q.a], scaled[q.b], rng)
            post = record_answer(post, q, label)
            asked.append(q.id)
        means.append(post.mean)
    return means


def degenerate_lane(prior: GroupPrior, held, users: list[np.ndarray], limit: int | None) -> dict:
    sane = list(
        dict.fromkeys(
            (p.prompt, p.a if p.outcome > 0.5 else p.b)
            for p in held
            if not is_degenerate(p.a if p.outcome > 0.5 else p.b, p.prompt)
        )
    )[:limit]
    kinds = list(degenerate_versions("x", "y"))
    texts = [v for prompt, a in sane for v in (a, *degenerate_versions(a, prompt).values())]
    phi = prior.features_many([prompt for prompt, _ in sane for _ in range(5)], texts)
    phi = phi.reshape(len(sane), 5, prior.J)
    gaps = phi[:, :1, :] - phi[:, 1:, :]  # sane minus each degenerate version
    group = gaps @ prior.w_bar
    new_user = gaps @ blended_coefficients(
        prior.w_bar, UserPosterior.from_prior(prior).mean, 1.0, prior.protected
    )
    per_user = np.stack(
        [gaps @ blended_coefficients(prior.w_bar, w, 1.0, prior.protected) for w in users]
    )
    out = {"n_answers": len(sane)}
    for k, kind in enumerate(kinds):
        rates = (per_user[:, :, k] > 0).mean(1)
        out[kind] = {
            "alpha0": round(float((group[:, k] > 0).mean()), 4),
            "alpha1_new_user": round(float((new_user[:, k] > 0).mean()), 4),
            "alpha1_onboarded_mean": round(float(rates.mean()), 4),
            "alpha1_onboarded_worst_user": round(float(rates.min()), 4),
            "flagged_by_quality_detector": round(
                float(np.mean([is_degenerate(t, p) for (p, a), t in _version(sane, kind)])), 4
            ),
        }
    return out


def _version(sane, kind):
    return [((p, a), degenerate_versions(a, p)[kind]) for p, a in sane]


def hh_lane(prior: GroupPrior) -> dict:
    pairs = load_hh_rlhf()
    n = len(pairs)
    phi = prior.features_many(
        [p.prompt for p in pairs] * 2, [p.a for p in pairs] + [p.b for p in pairs]
    )
    longer = np.array([np.sign(words(p.a) - words(p.b)) for p in pairs], dtype=float)
    ones = np.ones(n)
    return {
        "n": n,
        "crowd_accuracy": round(accuracy((phi[:n] - phi[n:]) @ prior.w_bar, ones), 4),
        "longer_wins": round(accuracy(longer, ones), 4),
        "note": "harmlessness judgements on red-teaming chats, not fitted on: pooled with PandaLM "
        "they turned the quality direction around (that crowd chose the shorter, evasive reply)",
    }


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(SHARED_DATA / "pandalm"))
    ap.add_argument("--prior", default=None, help="a saved prior (default: the shipped one)")
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    name = "group_prior_quick" if args.quick else "group_prior"
    try:
        pairs, counts = load_pandalm(args.data)
    except FileNotFoundError as exc:
        result = {"benchmark": name, "skipped": str(exc)}
        print(json.dumps(result))
        return result
    start = time.perf_counter()
    encoder = DiskCachedEncoder(Path(user_cache_dir("plural")) / "crowd_embeddings.npz")
    prior = GroupPrior.load(args.prior, encoder=encoder)
    fitted = set(prior.meta.get("pandalm_fit_instructions", []))
    held = [p for p in pairs if p.instruction not in fitted]
    seen = [p for p in pairs if p.instruction in fitted]
    crowd = held_out_report(prior, held)
    crowd["crowd_minus_longer_wins"] = round(crowd["crowd_accuracy"] - crowd["longer_wins"], 4)
    result = {
        "benchmark": name,
        "prior": prior.provenance,
        "labels": prior.labels,
        "w_bar": np.round(prior.w_bar, 4).tolist(),
        "sigma_sd": np.round(np.sqrt(np.diag(prior.sigma)), 4).tolist(),
        "pandalm_items": counts,
        "held_out": crowd,
        "fitted_instructions": held_out_report(prior, seen) if seen else None,
        "degenerate": degenerate_lane(
            prior, held, onboarded_users(prior, args.seed), 60 if args.quick else None
        ),
        "targets": TARGETS,
        "meets": {
            "crowd_accuracy": crowd["crowd_accuracy"] >= TARGETS["crowd_accuracy"],
            "over_longer_wins": crowd["crowd_minus_longer_wins"] >= TARGETS["over_longer_wins"],
        },
    }
    if not args.quick:
        try:
            result["hh_rlhf"] = hh_lane(prior)
        except FileNotFoundError as exc:
            result["hh_rlhf"] = {"skipped": str(exc)}
    result["seconds"] = round(time.perf_counter() - start, 1)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(result, ensure_ascii=False))
    return result


if __name__ == "__main__":
    main()
