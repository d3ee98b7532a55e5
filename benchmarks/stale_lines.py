"""The stale-line model (assistant.summary.stale): trained on the dev summary edit sets, scored on
a held-out one, line by line: does the message end or change this stored line?

    python -m benchmarks.stale_lines [--data FILE...] [--folds K] [--write | --shipped] [--quick]

Scores every (stored line, message) pair of each --data file (default: benchmarks/data/
summary_edits_test1.jsonl, held out) with the model trained on the dev sets (the dev edit sets'
pairs, and the pairs benchmarks/stale_mining labelled on the dev sequence sets when it has run): AUC, and precision
and recall at the shipped threshold, beside the same-run baselines "every line stale" (precision
= the base rate) and the bi-encoder head (MiniLM embeddings of the pair, the project's softmax
head: what the relation model reads). --folds K also cross-validates over the dev sets, K folds of
whole sets (how the threshold was chosen). --write saves the adapter trained on every dev set as
the shipped one. Writes benchmarks/results/stale_lines.json, prints it last.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from benchmarks import write_result
from benchmarks.summary_edits import load_examples, shown

ROOT = Path(__file__).resolve().parent
TEST = ROOT / "data" / "summary_edits_test1.jsonl"


def dev_sets() -> list[Path]:
    return sorted((ROOT / "data").glob("summary_edits_dev*.jsonl"),
                  key=lambda f: int(f.stem.removeprefix("summary_edits_dev")))  # fmt: skip


def mined() -> list[tuple[str, str, int]]:
    """The pairs benchmarks/stale_mining labelled on the dev sequence sets; none when not mined."""
    from benchmarks.stale_mining import MINED

    if not MINED.exists():
        return []
    rows = [json.loads(x) for x in MINED.read_text(encoding="utf-8").splitlines() if x.strip()]
    return [(r["line"], r["message"], int(r["stale"])) for r in rows]


def auc(y: np.ndarray, p: np.ndarray) -> float:
    """Area under the ROC curve (the rank statistic; ties count half)."""
    pos, neg = p[y == 1], p[y == 0]
    if not len(pos) or not len(neg):
        return float("nan")
    wins = (pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()
    return round(float(wins / (len(pos) * len(neg))), 4)


def at(y: np.ndarray, p: np.ndarray, threshold: float) -> dict:
    said = p > threshold
    return {"threshold": threshold, "flagged": int(said.sum()),
            "precision": round(float(y[said].mean()), 4) if said.any() else None,
            "recall": round(float(said[y == 1].mean()), 4) if (y == 1).any() else None}  # fmt: skip


def bi_encoder(train_rows, test_rows) -> np.ndarray:
    """The same-run baseline: a softmax head on MiniLM embeddings of line and context."""
    from assistant.encoder import get_encoder
    from assistant.heads import fit_head

    enc = get_encoder()

    def features(rows):
        a = np.asarray(enc.encode([r[0] for r in rows]))
        b = np.asarray(enc.encode([r[1] for r in rows]))
        return np.hstack([a, b, a * b, np.abs(a - b), (a * b).sum(1, keepdims=True)])

    head = fit_head(features(train_rows), np.array([r[2] for r in train_rows]), 2)
    return head.proba(features(test_rows))[:, 1]


def cross_validate(files: list[Path], k: int, epochs: int) -> dict:
    from assistant.summary.stale import pairs, train

    groups = [files[i::k] for i in range(k)]
    ys, ps = [], []
    for held in groups:
        tr = pairs([e for f in files if f not in held for e in load_examples(f)])
        te = pairs([e for f in held for e in load_examples(f)])
        model = train(tr, epochs=epochs)
        ps.append(np.array(model.p_pairs([(a, b) for a, b, _ in te])))
        ys.append(np.array([y for _, _, y in te]))
    y, p = np.concatenate(ys), np.concatenate(ps)
    return {"folds": k, "pairs": len(y), "auc": auc(y, p),
            "at": [at(y, p, t) for t in (0.5, 0.7, 0.8, 0.9, 0.95)]}  # fmt: skip


def score(model, path: Path, rows, train_rows) -> dict:
    from assistant.summary.stale import THRESHOLD

    p = np.array(model.p_pairs([(a, b) for a, b, _ in rows]))
    y = np.array([lab for _, _, lab in rows])
    base = bi_encoder(train_rows, rows)
    return {"data": shown(path), "pairs": len(y), "stale_rate": round(float(y.mean()), 4),
            "auc": auc(y, p), "at_threshold": at(y, p, THRESHOLD),
            "bi_encoder_auc": auc(y, base), "bi_encoder_at_threshold": at(y, base, THRESHOLD)}  # fmt: skip


def turn_ms(model, repeats: int = 21) -> float:
    """What the reader adds to a turn: one message read beside an 8-line summary (median ms)."""
    lines = [f"Stored line number {i} about a preference or a fact." for i in range(8)]
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        model.p_stale(lines, "we finally sold the car, any tips for a rainy bike commute?")
        times.append((time.perf_counter() - t0) * 1000)
    return round(float(np.median(times)), 1)


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, nargs="+", default=[TEST])
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--folds", type=int, default=0, help="cross-validate over the dev sets too")
    ap.add_argument(
        "--write", action="store_true", help="ship the adapter trained on every dev set"
    )
    ap.add_argument("--shipped", action="store_true", help="score the shipped adapter, no training")
    ap.add_argument("--quick", action="store_true", help="one epoch on 96 pairs, 60 pairs scored")
    args = ap.parse_args(argv)
    import torch

    from assistant.summary.stale import pairs, train

    torch.set_num_threads(2)
    files = dev_sets()
    from_sequences = mined()
    train_rows = pairs([e for f in files for e in load_examples(f)]) + from_sequences
    tests = {f: pairs(load_examples(f)) for f in args.data}
    seen = {(a, b) for a, b, _ in train_rows}
    if any((a, b) in seen for rows in tests.values() for a, b, _ in rows):
        raise SystemExit("a --data file shares pairs with the training sets; score held-out files")
    if args.quick:
        train_rows, args.epochs, args.write = train_rows[:96], 1, False
        tests = {f: rows[:60] for f, rows in tests.items()}
    t0 = time.perf_counter()
    if args.shipped:  # score what ships, as shipped (trained on the same dev pairs)
        from assistant.summary.stale import StaleLines

        model, args.write = StaleLines.load(), False
    else:
        model = train(train_rows, epochs=args.epochs)
    seconds = round(time.perf_counter() - t0, 1)
    out = {
        "benchmark": "stale_lines",
        "quick": args.quick,
        "train_pairs": len(train_rows),
        "mined_pairs": len(from_sequences),
        "epochs": args.epochs,
        "shipped": args.shipped,
        "train_seconds": seconds,
        "held_out": [score(model, f, rows, train_rows) for f, rows in tests.items()],
        "turn_ms_p50_8_lines": turn_ms(model),
        "cross_validation": cross_validate(files, args.folds, args.epochs) if args.folds else None,
    }
    write_result("stale_lines", out, args.quick)
    if args.write:
        model.save()
    return out


if __name__ == "__main__":
    main()
