"""PrefEval MCQ: does the blended reward pick the option that respects a stated preference?"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks import result_path

NAME = "prefeval_mcq"
REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data" / "prefeval"
CHANCE = 0.25
QUICK_PER_TOPIC = 6


class PrefEvalError(ValueError):
    """The data directory is not a PrefEval layout; the message says what was expected."""


@dataclass(frozen=True)
class Item:
    topic: str
    preference: str
    question: str
    options: tuple[str, ...]
    """options[0] is the aligned one (PrefEval's convention); shuffle before ranking."""


def load_mcq(data_dir: Path) -> list[Item]:
    """All MCQ items from DATA/mcq_options/*.json (one file per topic)."""
    folder = Path(data_dir) / "mcq_options"
    files = sorted(folder.glob("*.json"))
    if not files:
        raise PrefEvalError(f"no mcq_options/*.json under {data_dir}: is this a PrefEval folder?")
    items = []
    for path in files:
        try:
            rows = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise PrefEvalError(f"{path}: not readable JSON ({exc})") from None
        for i, row in enumerate(rows if isinstance(rows, list) else []):
            options = row.get("classification_task_options") if isinstance(row, dict) else None
            if not (isinstance(options, list) and len(options) >= 2 and row.get("preference")):
                raise PrefEvalError(
                    f"{path} item {i}: needs 'preference', 'question' and a list "
                    "'classification_task_options' (aligned option first)"
                )
            items.append(
                Item(path.stem, row["preference"], row.get("question", ""), tuple(options))
            )
    return items


def load_inter_turns(data_dir: Path) -> list[str]:
    """User messages from PrefEval's distractor chats (filtered_inter_turns.json), in order."""
    path = Path(data_dir) / "filtered_inter_turns.json"
    if not path.exists():
        return []
    try:
        chats = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise PrefEvalError(f"{path}: not readable JSON ({exc})") from None
    return [
        m["content"]
        for chat in chats
        for m in chat.get("conversation", [])
        if m.get("role") == "user" and m.get("content", "").strip()
    ]


def quick_subset(items: list[Item], per_topic: int) -> list[Item]:
    by_topic: dict[str, list[Item]] = defaultdict(list)
    for it in items:
        by_topic[it.topic].append(it)
    return [it for rows in by_topic.values() for it in rows[:per_topic]]


def shuffled(item: Item, rng: random.Random) -> tuple[list[str], int]:
    """The options in a seeded random order and the new position of the aligned one."""
    order = list(range(len(item.options)))
    rng.shuffle(order)
    return [item.options[i] for i in order], order.index(0)


def pick(scores: np.ndarray, rng: random.Random) -> int:
    """Argmax with ties broken at random (a reward that cannot tell options apart scores chance)."""
    scores = np.asarray(scores, dtype=float)
    best = np.flatnonzero(np.isclose(scores, scores.max(), rtol=0, atol=1e-9))
    return int(rng.choice(list(best)))


def summarize(hits: list[tuple[str, bool]]) -> tuple[float, dict[str, float]]:
    per: dict[str, list[bool]] = defaultdict(list)
    for topic, ok in hits:
        per[topic].append(ok)
    overall = float(np.mean([ok for _, ok in hits])) if hits else 0.0
    return round(overall, 4), {t: round(float(np.mean(v)), 4) for t, v in sorted(per.items())}


# -- scorers ------------------------------------------------------------------------------------


def learned_summary(preference: str) -> str:
    """The summary a fresh user has after stating the preference (the summary module's merge)."""
    try:
        from assistant.summary import merge_directive
    except ImportError:
        return "- " + preference
    return merge_directive("", preference)


def run_direct(items: list[Item], seed: int) -> dict[str, Any]:
    """Our text scorer alone (α=1 with no style evidence) and MiniLM cosine, on the same shuffles."""
    from assistant.encoder import get_encoder
    from assistant.reward.text_scorer import TextScorer

    encoder = get_encoder()
    scorer = TextScorer.load(encoder=encoder)
    rng, tie = random.Random(seed), random.Random(seed + 1)
    hits: dict[str, list[tuple[str, bool]]] = {"alpha1": [], "alpha0": [], "cosine": []}
    times = []
    for it in items:
        options, gold = shuffled(it, rng)
        summary = learned_summary(it.preference)
        c = scorer.score(summary, it.question, options)
        t0 = time.perf_counter()
        scorer.score(summary, it.question, options)  # warm: embeddings cached, as in a live turn
        times.append(time.perf_counter() - t0)
        emb = encoder.encode([it.preference, *options])
        cos = emb[1:] @ emb[0]
        hits["alpha1"].append((it.topic, pick(c, tie) == gold))
        # α=0 is the group reward alone; with no group model here it cannot separate the options.
        hits["alpha0"].append((it.topic, pick(np.zeros(len(options)), tie) == gold))
        hits["cosine"].append((it.topic, pick(cos, tie) == gold))
    out = {k: summarize(v) for k, v in hits.items()}
    return {
        "accuracy_alpha1": out["alpha1"][0],
        "accuracy_alpha0": out["alpha0"][0],
        "baseline_cosine": out["cosine"][0],
        "per_topic": {
            t: {"alpha1": a, "cosine": out["cosine"][1][t]} for t, a in out["alpha1"][1].items()
        },
        "score_ms_warm_median": round(1000 * float(np.median(times)), 2) if times else None,
    }


class _NoLLM:
    """Learning from a stated preference needs no generation; fail loudly if anything asks."""

    name = "none (benchmark)"
    capable = False

    def _fail(self, *a: Any, **k: Any) -> Any:
        from assistant.llm.base import LLMError

        raise LLMError("the benchmark does not generate", hint="learning should not call the LLM")

    chat = stream = sample = _fail


def run_session(items: list[Item], inter: list[str], n_inter: int, seed: int) -> dict[str, Any]:
    """The product path: a fresh user per item states the preference via send(mode='feedback'),
    optionally chats about other things (routed as in a live chat, so a distractor misread as
    feedback can pollute the summary), then session.score ranks the options at α=1 and α=0."""
    try:
        from app.local_session import open_session
        from assistant.config import Settings
    except ImportError as exc:
        return {"skipped": f"session path unavailable ({exc})"}
    rng, tie = random.Random(seed), random.Random(seed + 1)
    hits: dict[str, list[tuple[str, bool]]] = {"alpha1": [], "alpha0": []}
    text_nonzero = changed = 0
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(user="bench0", data_dir=Path(tmp), cache_dir=Path(tmp) / "cache")
        session = open_session(settings, llm=_NoLLM())
        session.load()
        prior = session.prior_loaded
        for i, it in enumerate(items):
            options, gold = shuffled(it, rng)
            session.switch_user(f"bench{i}")
            learned = session.send(it.preference, mode="feedback", generate=False).summary_after
            for k in range(n_inter):
                session.send(
                    inter[(i * n_inter + k) % len(inter)][:4000], mode="auto", generate=False
                )
            changed += n_inter > 0 and session.summary() != learned
            for alpha, key in ((1.0, "alpha1"), (0.0, "alpha0")):
                views = session.score(it.question, options, alpha=alpha)
                hits[key].append((it.topic, pick([v.total for v in views], tie) == gold))
                text_nonzero += key == "alpha1" and any(abs(v.text_term) > 1e-9 for v in views)
        if hasattr(session, "close"):
            session.close()
    a1, a0 = summarize(hits["alpha1"]), summarize(hits["alpha0"])
    return {
        "accuracy_alpha1": a1[0],
        "accuracy_alpha0": a0[0],
        "per_topic": {t: {"alpha1": a1[1][t], "alpha0": a0[1][t]} for t in a1[1]},
        "prior_loaded": prior,
        "items_with_text_term": text_nonzero,
        "summaries_changed_by_inter_turns": changed,
    }


def scorer_build() -> dict[str, Any] | None:
    """The shipped weights' build_info.json (facet count, held-out-facet accuracy), if present."""
    from assistant.reward.text_scorer import WEIGHTS_PATH

    path = WEIGHTS_PATH.with_name("build_info.json")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None


# -- entry point --------------------------------------------------------------------------------


def write(result: dict[str, Any], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result))


def run(data_dir: Path, *, n_inter: int, quick: bool, seed: int, session: bool) -> dict[str, Any]:
    items = load_mcq(data_dir)
    if quick:
        items = quick_subset(items, QUICK_PER_TOPIC)
    inter = load_inter_turns(data_dir) if n_inter else []
    if n_inter and not inter:
        raise PrefEvalError(f"--inter-turns {n_inter} needs {data_dir}/filtered_inter_turns.json")
    t0 = time.perf_counter()
    direct = run_direct(items, seed)
    result: dict[str, Any] = {
        "benchmark": NAME,
        "n": len(items),
        "chance": CHANCE,
        "quick": quick,
        "seed": seed,
        "inter_turns": n_inter,
        "scorer": "assistant.reward.text_scorer (MiniLM features + MLP, trained on our own facets)",
        "scorer_build": scorer_build(),
        **direct,
    }
    if session:
        result["session"] = run_session(items, inter, n_inter, seed)
    result["seconds"] = round(time.perf_counter() - t0, 1)
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog=f"python -m benchmarks.{NAME}", description=__doc__)
    ap.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="PrefEval benchmark_dataset folder"
    )
    ap.add_argument(
        "--inter-turns",
        type=int,
        default=0,
        help="distractor user turns between statement and question",
    )
    ap.add_argument("--quick", action="store_true", help=f"{QUICK_PER_TOPIC} items per topic (CI)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-session", action="store_true", help="skip the full session path")
    ap.add_argument("--out", type=Path, default=None, help="default: results/prefeval_mcq.json")
    args = ap.parse_args(argv)
    if args.out is None:
        args.out = result_path(NAME, args.quick)
    if args.inter_turns < 0:
        ap.error("--inter-turns must be 0 or more")
    if not (args.data / "mcq_options").is_dir():
        msg = f"PrefEval data not found at {args.data} (expected mcq_options/); pass --data DIR"
        print(msg, file=sys.stderr)
        write({"benchmark": NAME, "skipped": msg}, args.out)
        return 0
    try:
        result = run(
            args.data,
            n_inter=args.inter_turns,
            quick=args.quick,
            seed=args.seed,
            session=not args.no_session,
        )
    except PrefEvalError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    write(result, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
