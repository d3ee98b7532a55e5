"""Are the merge's keep/remove decisions what holds the summary back? Mine every (stored line, new
line) pair the merge related while the dev summary sets ran, label each by the sequence's outcome,
and ask whether a learned second opinion could correct the merge.

The label (should the stored line go?) comes from how the sequence ended, not from a person:
- a sequence whose final summary passed: the merge's own decision (its removals were harmless);
- a failed one: a stored line that kept a forbidden string to the end, related to a new line that
  shares a slot or a content word with it and brings a wanted value the old line lacks, should have
  gone (1); a removed line that held a wanted string the final summary lacks, and nothing
  forbidden, should have stayed (0); any other pair keeps the merge's decision.

The second opinion is a softmax head (assistant.heads) over the relation features plus the merge's
decision, cross-validated by set (4 folds of sets): where it is sure the merge was wrong it would
flip the decision; the report counts flips that agree and disagree with the labels. Only dev sets
are mined (never a held-out test set; PrefEval is not a summary set).

    python -m benchmarks.relation_outcomes [--data FILE ...] [--rows FILE] [--quick]

Writes benchmarks/results/relation_outcomes.json (with the pairs the outcomes contradict) and
prints that JSON as the last line (_quick with --quick); --rows saves or, when the file exists, reuses the mined pairs.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from unittest import mock

import numpy as np

from assistant.heads import fit_head
from assistant.summary import merge as merge_module
from assistant.summary.relations import RELATIONS, linked, pair_features
from benchmarks.summary_updates import ROOT, load_sequences, run_sequence

RESULTS = ROOT / "results" / "relation_outcomes.json"
GONE = ("supersedes", "retracts")
FOLDS = 4
SURE = ((0.9, 0.1), (0.8, 0.2), (0.7, 0.3))
"""(go, stay): a kept line would go at p >= go, a removed one stay at p <= stay."""


def dev_sets() -> list[Path]:
    """The tuned-on sets: dev, test2 (a dev set since its one scoring) and dev4 onwards."""
    data = ROOT / "data"
    found = sorted(data.glob("summary_updates_dev*.jsonl"), key=lambda p: (len(p.stem), p.stem))
    return [p for p in [data / "summary_updates_test2.jsonl", *found] if p.exists()]


def label(pair: dict, result: dict, seq: dict) -> int:
    """1 when the stored line should go, 0 when it should stay (see the module text)."""
    go = int(pair["relation"] in GONE)
    if result["ok"]:
        return go
    old, new = pair["old"].lower(), pair["new"].lower()
    wanted = [a.lower() for g in seq.get("must", []) for a in g]
    if (
        not go
        and any(f.lower() in old for f in result["forbidden"])
        and linked(pair["old"], pair["new"])
        and any(a in new and a not in old for a in wanted)
    ):
        return 1
    lost = [g for g in result["missing"] if any(a.lower() in old for a in g)]
    lost = [g for g in lost if not any(a.lower() in new for a in g)]
    if go and lost and not any(x.lower() in old for x in seq.get("must_not", [])):
        return 0
    return go


def mine_file(path: str) -> list[dict]:
    from app.local_session import open_session
    from assistant.config import load_settings
    from assistant.llm.echo import EchoLLM

    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(
            {"data_dir": tmp, "user": "mine"}, env={}, config_path=Path(tmp) / "none.toml"
        )
        session = open_session(settings, llm=EchoLLM(), load_personalizer=False)
        session.load()
        real = merge_module.relate
        try:
            for i, seq in enumerate(load_sequences(Path(path))):
                seen: list[dict] = []

                def record(encoder, olds, news, head=None, _seen=seen):
                    rels = real(encoder, olds, news, head)
                    _seen += [
                        {"old": o, "new": n, "relation": r}
                        for o, n, r in zip(olds, news, rels, strict=True)
                    ]
                    return rels

                with mock.patch.object(merge_module, "relate", record):
                    result = run_sequence(session, seq, f"mine-{i}", "auto")
                for pair in {(p["old"], p["new"]): p for p in seen}.values():
                    rows.append(
                        pair | {"go": label(pair, result, seq), "set": Path(path).stem,
                                "id": seq["id"], "ok": result["ok"]}
                    )  # fmt: skip
        finally:
            session.close()
    return rows


def second_opinion(rows: list[dict]) -> list[dict]:
    """Cross-validated by set: how many decisions a learned second opinion would flip, and how
    many of those flips the outcome labels agree with."""
    from assistant.encoder import get_encoder

    x = pair_features(get_encoder(), [r["old"] for r in rows], [r["new"] for r in rows])
    said = np.zeros((len(rows), len(RELATIONS)))
    said[np.arange(len(rows)), [RELATIONS.index(r["relation"]) for r in rows]] = 1.0
    x = np.concatenate([said, x], axis=1)
    y = np.array([r["go"] for r in rows])
    sets = sorted({r["set"] for r in rows})
    fold = np.array([sets.index(r["set"]) % FOLDS for r in rows])
    p = np.zeros(len(rows))
    for f in range(FOLDS):
        head = fit_head(x[fold != f], y[fold != f], 2, l2=0.03, steps=600)
        p[fold == f] = head.proba(x[fold == f])[:, 1]
    gone = np.array([r["relation"] in GONE for r in rows])
    wrong = y != gone
    out = []
    for go, stay in SURE:
        flip = (~gone & (p >= go)) | (gone & (p <= stay))
        out.append({"go_at": go, "stay_at": stay, "flips": int(flip.sum()),
                    "agreeing_with_outcome": int((flip & wrong).sum()),
                    "against_outcome": int((flip & ~wrong).sum())})  # fmt: skip
    return out


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", nargs="*", type=Path, help="dev sets (default: all of them)")
    ap.add_argument("--quick", action="store_true", help="two sets only")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--rows", type=Path, help="save the mined pairs here, or reuse them")
    args = ap.parse_args(argv)
    files = args.data or dev_sets()
    files = files[:2] if args.quick else files
    if args.rows and args.rows.exists():
        rows = [json.loads(x) for x in args.rows.read_text(encoding="utf-8").splitlines() if x]
    else:
        with ProcessPoolExecutor(max_workers=args.workers) as pool:
            rows = [r for got in pool.map(mine_file, [str(f) for f in files]) for r in got]
        if args.rows:
            args.rows.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    against = [r for r in rows if r["go"] != (r["relation"] in GONE)]
    out = {
        "benchmark": "relation_outcomes",
        "data": sorted({r["set"] for r in rows}),
        "sequences": len({r["id"] for r in rows}),
        "pairs": len(rows),
        "pairs_old_line_should_go": sum(r["go"] for r in rows),
        "pairs_the_outcome_says_the_merge_got_wrong": len(against),
        "second_opinion_cross_validated": second_opinion(rows),
        "contradicted_pairs": [
            {k: r[k] for k in ("id", "old", "new", "relation", "go")} for r in against
        ],
    }
    path = RESULTS.with_name(f"{RESULTS.stem}_quick.json") if args.quick else RESULTS
    path.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(out))
    return out


if __name__ == "__main__":
    main()
