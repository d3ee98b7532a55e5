"""Pairs for the stale-line reader mined from the merge's own runs on the dev sequence sets, and the
reader's effect on whole conversations, measured on halves of those sets it did not train on.

    python -m benchmarks.stale_mining [--data FILE...] [--halves] [--quick]

1. Runs the product with the reader off over the dev sequence sets (default: every benchmarks/
   data/summary_updates_dev*.jsonl and test2, a dev set since its one look; never a held-out set,
   never PrefEval) and keeps the summary before and after every step.
2. Labels (stored line, message) pairs with the outcome the helper wrote for the sequence:
   kept (0): a line the final summary needs (it carries a `must` alternative and no `must_not`
   string), at every step it was stored; stale (1): a line with a `must_not` string, at the step
   the merge dropped it, or, where it survived to the end, at the later step that should have
   ended it (the only one, or the one sharing most words with the line). Writes benchmarks/data/
   stale_lines_mined.jsonl, which `python -m benchmarks.stale_lines --write` adds to the edit pairs.
3. --halves: the reader trained on the edit pairs plus the pairs mined from one half of the sets
   is applied after the merge on the other half (a line it retires at any step is left out of the
   final summary), and the sequences are judged by their own must / must_not, at several
   thresholds, with and without stale.said_to_stay; the same-run baseline is the merge alone.
   (Checked against real runs: the shipped two-label reader at 0.95 gave 2,561 right on the 39
   sets in this estimate and 2,560 in a full run with it on.)
Writes benchmarks/results/stale_mining.json and prints it last.
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
import time
from pathlib import Path

from benchmarks import write_result
from benchmarks.summary_updates import OPENING_REQUEST, judge, load_sequences

ROOT = Path(__file__).resolve().parent
MINED = ROOT / "data" / "stale_lines_mined.jsonl"
THRESHOLDS = (0.8, 0.9, 0.95, 0.98)


def dev_sequence_sets() -> list[Path]:
    data = ROOT / "data"
    devs = sorted(data.glob("summary_updates_dev*.jsonl"),
                  key=lambda f: int(f.stem.removeprefix("summary_updates_dev") or 0))  # fmt: skip
    return [devs[0], data / "summary_updates_test2.jsonl", *devs[1:]]


def step_logs(files: list[Path], quick: bool = False) -> dict[str, list[dict]]:
    """{set name: [{id, must, must_not, steps: [{text, before, after}], final, ok}]}, the merge
    alone (the reader off) in the auto lane."""
    from app.local_session import open_session
    from assistant.config import load_settings
    from assistant.llm.echo import EchoLLM

    logs: dict[str, list[dict]] = {}
    with tempfile.TemporaryDirectory(prefix="plural-stale-mining-") as tmp:
        d = Path(tmp)
        settings = load_settings({"data_dir": str(d), "user": "bench", "stale_lines": False},
                                 env={}, config_path=d / "none.toml")  # fmt: skip
        session = open_session(settings, llm=EchoLLM(), load_personalizer=False)
        session.load()
        try:
            for f in files:
                seqs = load_sequences(f)[:: 8 if quick else 1]
                logs[f.stem] = [_logged(session, q, f"{f.stem}-{i}") for i, q in enumerate(seqs)]
        finally:
            session.close()
    return logs


def _logged(session, q: dict, user: str) -> dict:
    session.switch_user(user)
    session.send(OPENING_REQUEST, mode="request")
    steps = []
    for text in q["steps"]:
        before = session.summary()
        session.send(text, mode="auto")
        steps.append({"text": text, "before": before, "after": session.summary()})
    final = session.summary()
    missing, forbidden = judge(final, q.get("must", []), q.get("must_not", []))
    return {"id": q["id"], "must": q.get("must", []), "must_not": q.get("must_not", []),
            "steps": steps, "final": final, "ok": not missing and not forbidden}  # fmt: skip


_WORD = re.compile(r"[a-z0-9']{3,}")


def mined_pairs(logs: dict[str, list[dict]]) -> list[tuple[str, str, int]]:
    """(stored line, message, 1 if the message should end it), labelled as the docstring says."""
    from assistant.summary import parse

    rows: set[tuple[str, str, int]] = set()
    for seqs in logs.values():
        for q in seqs:
            musts = [a.lower() for group in q["must"] for a in group]

            def bad(x: str, q=q) -> bool:
                return any(w.lower() in x.lower() for w in q["must_not"])

            final = parse(q["final"])
            needed = {x for x in final if any(a in x.lower() for a in musts) and not bad(x)}
            steps = [(st, set(parse(st["before"])), set(parse(st["after"]))) for st in q["steps"]]
            for st, before, after in steps:
                for x in before:
                    if x in needed:
                        rows.add((x, st["text"], 0))
                    elif bad(x) and x not in after:
                        rows.add((x, st["text"], 1))  # the merge rightly took it here
            for x in final:
                if not bad(x) or any(a in x.lower() for a in musts):
                    continue
                stored = [st for st, before, _ in steps if x in before]
                if stored:  # the step that should have ended it
                    words = set(_WORD.findall(x.lower()))
                    best = max(stored, key=lambda st: len(words & set(_WORD.findall(st["text"].lower()))))  # fmt: skip
                    rows.add((x, best["text"], 1))
    return sorted(rows)


def estimate(model, logs: dict[str, list[dict]]) -> dict:
    """The reader applied after the merge on these logs: right sequences by threshold, with and
    without said_to_stay, beside the merge alone."""
    from assistant.summary import parse, render
    from assistant.summary.stale import said_to_stay

    flags = []  # (set, sequence index, stored line, message, p)
    for name, seqs in logs.items():
        where = [(name, i, x, st["text"]) for i, q in enumerate(seqs) for st in q["steps"]
                 for before in [set(parse(st["before"]))]
                 for x in parse(st["after"]) if x in before]  # fmt: skip
        ps = model.p_pairs([(x, text) for _, _, x, text in where]) if where else []
        flags += [(*w, p) for w, p in zip(where, ps, strict=True)]
    base = sum(q["ok"] for seqs in logs.values() for q in seqs)
    out = {"n": sum(len(s) for s in logs.values()), "merge_alone": base, "lanes": []}
    for guard in (False, True):
        for t in THRESHOLDS:
            gone: dict[tuple[str, int], set[str]] = {}
            for name, i, x, text, p in flags:
                if p > t and not (guard and said_to_stay(x, text)):
                    gone.setdefault((name, i), set()).add(x)
            gained = lost = 0
            for name, seqs in logs.items():
                for i, q in enumerate(seqs):
                    kept = [x for x in parse(q["final"]) if x not in gone.get((name, i), set())]
                    missing, forbidden = judge(render(kept), q["must"], q["must_not"])
                    ok = not missing and not forbidden
                    gained, lost = gained + (ok and not q["ok"]), lost + (q["ok"] and not ok)
            out["lanes"].append({"said_to_stay": guard, "threshold": t, "right": base + gained - lost,
                                 "gained": gained, "lost": lost})  # fmt: skip
    return out


def halves(logs: dict[str, list[dict]], epochs: int, quick: bool) -> list[dict]:
    from assistant.summary.stale import pairs, train
    from benchmarks.stale_lines import dev_sets
    from benchmarks.summary_edits import load_examples

    edits = pairs([e for f in dev_sets() for e in load_examples(f)])
    names = list(logs)
    out = []
    for k in (0, 1):
        fit = {n: logs[n] for n in names[k::2]}
        held = {n: logs[n] for n in names[1 - k :: 2]}
        rows = edits + mined_pairs(fit)
        model = train(rows[:: 20 if quick else 1], epochs=epochs)
        out.append({"trained_on": sorted(fit), "scored_on": sorted(held), "train_pairs": len(rows),
                    **estimate(model, held)})  # fmt: skip
    return out


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, nargs="+", default=None, help="dev sequence sets")
    ap.add_argument("--halves", action="store_true", help="train on one half, score the other")
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--quick", action="store_true", help="every 8th sequence, 1/20 of the rows")
    args = ap.parse_args(argv)
    import torch

    torch.set_num_threads(2)
    files = args.data or dev_sequence_sets()
    if any(f.stem.startswith("summary_updates_test") and f.stem != "summary_updates_test2"
           for f in files):  # fmt: skip
        raise SystemExit("mine dev sets only: the held-out sequence sets are never training rows")
    t0 = time.perf_counter()
    logs = step_logs(files, args.quick)
    rows = mined_pairs(logs)
    if not args.quick:
        MINED.write_text("".join(json.dumps({"line": a, "message": b, "stale": y}, ensure_ascii=False) + "\n"
                                 for a, b, y in rows), encoding="utf-8")  # fmt: skip
    out = {
        "benchmark": "stale_mining",
        "quick": args.quick,
        "sets": [f.stem for f in files],
        "sequences": sum(len(s) for s in logs.values()),
        "merge_alone_right": sum(q["ok"] for s in logs.values() for q in s),
        "mined_pairs": len(rows),
        "mined_stale": sum(y for _, _, y in rows),
        "halves": halves(logs, 1 if args.quick else args.epochs, args.quick)
        if args.halves
        else None,
        "seconds": round(time.perf_counter() - t0, 1),
    }
    write_result("stale_mining", out, args.quick)
    return out


if __name__ == "__main__":
    main()
