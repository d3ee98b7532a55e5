"""Summary updates: is the final summary right after a sequence of natural corrections?

Each sequence ({id, steps, must, must_not, phenomena}) runs through the real product path: a real
LocalSession (app.local_session.open_session) in a fresh data dir, the real feedback classifier, the
deterministic echo LLM, no group prior; a fresh user per sequence sends one ordinary request (so
there is a previous answer), then every step in order. The final summary passes when, for every
group in `must`, one of its alternatives occurs in it, and nothing in `must_not` does
(case-insensitive substrings).

Lanes: mode "auto" (routing decides: some steps are requests, praise or one-offs) and mode
"feedback" (every step is marked as feedback; the classifier still decides lasting vs one-off).
Each lane also runs the SAME sequences, in the same run, with the stale-line reader switched the
other way from the settings' default ("stale_lines_flipped"), without each part in summary_lanes.PARTS
("<part>_off"), and through two frozen baselines (without any of these): "baseline"
(the merge as it was before line relations, benchmarks.summary_baseline; today's directive
extraction) and "baseline_before" (that merge and the directive extraction as it was too,
benchmarks.summary_baseline_directive: the product before this change). Failures carry a
heuristic "blame": classifier (a needed step was routed as a request, had no directive or was
judged one-off) or merge (the merge or the line text). Also reported: the relation model on a
held-out fold of relations.jsonl, and directive extraction against resolved_lines.jsonl.

    python -m benchmarks.summary_updates [--data FILE] [--quick]

Default FILE: benchmarks/data/summary_updates_dev.jsonl. Held out (run once per change, never
tuned on): summary_updates_test.jsonl, test3 and test4 to test21, written by helpers who saw
neither the code nor the other sets. test2, dev4 and dev5 to dev40 were written the same way,
scored once, then tuned on. Writes results/summary_updates[_<stem>][_quick].json; prints it last.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import graph.nodes
import graph.retire
from app.local_session import open_session
from assistant.config import load_settings
from assistant.encoder import get_encoder
from assistant.feedback import classifier as feedback_classifier
from assistant.feedback import find_directive
from assistant.llm.echo import EchoLLM
from assistant.summary import directive_lines, merge_lines
from assistant.summary import relations as rel
from benchmarks import summary_baseline, summary_baseline_directive
from benchmarks.summary_lanes import PARTS, off

ROOT = Path(__file__).resolve().parent
DEV = ROOT / "data" / "summary_updates_dev.jsonl"
RESULTS = ROOT / "results"
OPENING_REQUEST = "How should I plan meals for the week?"
QUICK_STEP = 4
MODES = ("auto", "feedback")


def load_sequences(path: Path) -> list[dict]:
    rows = [json.loads(x) for x in Path(path).read_text(encoding="utf-8").splitlines() if x.strip()]
    for r in rows:
        if not isinstance(r.get("steps"), list) or not r["steps"]:
            raise ValueError(f"{path}: sequence {r.get('id')!r} has no steps")
    return rows


def judge(summary: str, must: list[list[str]], must_not: list[str]) -> tuple[list, list]:
    """(missing must-groups, forbidden strings present) for a final summary."""
    low = summary.lower()
    missing = [g for g in must if not any(alt.lower() in low for alt in g)]
    forbidden = [x for x in must_not if x.lower() in low]
    return missing, forbidden


@contextmanager
def baseline_merge(old_extraction: bool = False) -> Iterator[None]:
    """The learn node changes summaries through the frozen pre-relations merge; with
    old_extraction, directives are also extracted as before (the product before this change)."""
    with mock.patch.object(graph.nodes, "change_summary", summary_baseline.change_summary), \
            off(*PARTS):  # fmt: skip
        if not old_extraction:
            yield
            return
        old = summary_baseline_directive.directive_for
        with mock.patch.object(feedback_classifier, "directive_for", old):
            yield


@contextmanager
def stale_lines(session, on: bool) -> Iterator[None]:
    """The session with the stale-line reader (assistant.summary.stale) on or off, whatever its
    settings say: the same-run lane for the other choice, and the baselines always without it."""
    kept = session.settings
    session.settings = dataclasses.replace(kept, stale_lines=on)
    try:
        yield
    finally:
        session.settings = kept


def run_sequence(session, seq: dict, user: str, mode: str) -> dict:
    session.switch_user(user)
    session.send(OPENING_REQUEST, mode="request")
    trace = []
    for step in seq["steps"]:
        r = session.send(step, mode=mode)
        lasting = not any("this answer only" in n for n in r.notes)
        trace.append(
            {"step": step, "kind": r.kind, "directive": r.directive, "changed": r.summary_diff}
            | ({"lasting": lasting} if r.directive else {})
        )
    summary = session.summary()
    missing, forbidden = judge(summary, seq.get("must", []), seq.get("must_not", []))
    return {
        "id": seq["id"],
        "ok": not missing and not forbidden,
        "summary": summary,
        "missing": missing,
        "forbidden": forbidden,
        "phenomena": seq.get("phenomena", []),
        "trace": trace,
        "blame": blame(trace, missing, forbidden),
    }


def blame(trace: list[dict], missing: list[list[str]], forbidden: list[str]) -> str:
    """Which part a failure points at (a heuristic, for the report): 'classifier' when a step
    that carries a missing alternative, or a step after the one that brought a forbidden string,
    never reached the merge (routed as a request, no directive, or judged one-off); else 'merge'
    (the merge or the line text)."""
    blocked = [t["kind"] == "request" or not t["directive"] or not t.get("lasting") for t in trace]
    for group in missing:
        if any(b and any(a.lower() in t["step"].lower() for a in group)
               for t, b in zip(trace, blocked, strict=True)):  # fmt: skip
            return "classifier"
    for word in forbidden:
        came = [i for i, t in enumerate(trace) if word.lower() in t["step"].lower()]
        if came and any(blocked[came[0] + 1 :]):
            return "classifier"
    return "merge" if missing or forbidden else ""


def score(outcomes: list[dict]) -> dict:
    by_phenomenon: dict[str, list[bool]] = defaultdict(list)
    for o in outcomes:
        for p in o["phenomena"]:
            by_phenomenon[p].append(o["ok"])
    failed = [o for o in outcomes if not o["ok"]]
    return {
        "accuracy": round(sum(o["ok"] for o in outcomes) / max(1, len(outcomes)), 4),
        "failures_by_blame": {
            b: sum(o["blame"] == b for o in failed) for b in ("classifier", "merge")
        },
        "per_phenomenon": {
            p: {"accuracy": round(sum(v) / len(v), 4), "n": len(v)}
            for p, v in sorted(by_phenomenon.items())
        },
    }


def run_lane(session, sequences: list[dict], mode: str, lane: str) -> list[dict]:
    return [run_sequence(session, s, f"{lane}-{mode}-{i}", mode) for i, s in enumerate(sequences)]


def bench_session(data_dir: Path):
    """A loaded LocalSession in `data_dir` with the deterministic echo LLM and no group prior."""
    settings = load_settings(
        {"data_dir": str(data_dir), "user": "bench"}, env={}, config_path=data_dir / "none.toml"
    )
    session = open_session(settings, llm=EchoLLM(), load_personalizer=False)
    session.load()
    return session


def run(sequences: list[dict], data_dir: Path, reader_only: bool = False) -> dict:
    """Every lane by mode; reader_only: the auto mode only (as shipped, the reader flipped, and
    without each part in PARTS)."""
    session = bench_session(data_dir)
    settings = session.settings
    lanes, on = {}, settings.stale_lines
    try:
        for mode in MODES[:1] if reader_only else MODES:
            t0 = time.perf_counter()
            new = run_lane(session, sequences, mode, "new")
            with stale_lines(session, not on):
                other = run_lane(session, sequences, mode, "other")
            without = {}
            for name in PARTS:
                with off(name):
                    without[name] = run_lane(session, sequences, mode, name)
            lanes[mode] = {
                **score(new),
                "stale_lines": on,
                "stale_lines_flipped": score(other) | flips(new, other),
                **{name: score(v) | flips(v, new) for name, v in without.items()},
                "failures": [
                    {k: o[k] for k in ("id", "summary", "missing", "forbidden", "blame", "trace")}
                    for o in new
                    if not o["ok"]
                ],
            }
            if not reader_only:
                with stale_lines(session, False), baseline_merge():
                    old = run_lane(session, sequences, mode, "old")
                with stale_lines(session, False), baseline_merge(old_extraction=True):
                    before = run_lane(session, sequences, mode, "before")
                lanes[mode] |= {"baseline": score(old), "baseline_before": score(before)}
                lanes[mode] |= {f"{k}_vs_baseline": v for k, v in flips(old, new).items()}
            lanes[mode]["seconds"] = round(time.perf_counter() - t0, 1)
    finally:
        session.close()
    return lanes


def flips(first: list[dict], then: list[dict]) -> dict:
    """The sequences `then` gets right that `first` did not ('fixed'), and the other way."""
    pairs = list(zip(first, then, strict=True))
    return {"fixed": sorted(b["id"] for a, b in pairs if b["ok"] and not a["ok"]),
            "broken": sorted(b["id"] for a, b in pairs if a["ok"] and not b["ok"])}  # fmt: skip


def relations_held_out(fold: int = 0) -> dict:
    """The relation model (head + slot rules) trained without one fold of relations.jsonl (rows
    grouped by old line) and scored on it, beside the old merge's rule (same axis or similar
    text: replace) on the question both answer: does the old line stay?"""
    rows = rel.load_rows()
    train = [r for r in rows if rel.fold_of(r) != fold]
    test = [r for r in rows if rel.fold_of(r) == fold]
    encoder = get_encoder()
    head = rel.train(encoder, train)
    olds, news = [r["old"] for r in test], [r["new"] for r in test]
    probs = rel.relation_probs(encoder, olds, news, head)
    got = [rel.decide(o, n, p) for o, n, p in zip(olds, news, probs, strict=True)]
    gold = [r["relation"] for r in test]
    stays = [g == "compatible" for g in gold]
    old_rule = [not summary_baseline.conflicts(o, n) for o, n in zip(olds, news, strict=True)]

    def acc(pred: list) -> float:
        return round(sum(a == b for a, b in zip(pred, gold, strict=True)) / len(gold), 4)

    return {
        "n_train": len(train),
        "n_test": len(test),
        "relation_accuracy": acc(got),
        "head_only_accuracy": acc([rel.RELATIONS[int(p.argmax())] for p in probs]),
        "old_line_stays_accuracy": round(
            sum((g == "compatible") == s for g, s in zip(got, stays, strict=True)) / len(gold), 4
        ),
        "baseline_old_line_stays_accuracy": round(
            sum(a == b for a, b in zip(old_rule, stays, strict=True)) / len(gold), 4
        ),
    }


BLIND_PAIRS = ROOT / "data" / "summary_relations_test.jsonl"


def relations_blind(path: Path = BLIND_PAIRS) -> dict:
    """The shipped relation model (head + slot rules) on pairs written blind by helpers who saw
    no code and never trained on (held out), beside the head alone; 'removed' scores only the
    question the summary acts on: does the old line go (supersedes or retracts)?"""
    if not path.exists():
        return {}
    rows = rel.load_rows(path)
    olds, news = [r["old"] for r in rows], [r["new"] for r in rows]
    probs = rel.relation_probs(get_encoder(), olds, news)
    got = [rel.decide(o, n, p) for o, n, p in zip(olds, news, probs, strict=True)]
    head = [rel.RELATIONS[int(p.argmax())] for p in probs]
    gold = [r["relation"] for r in rows]
    gone = ("supersedes", "retracts")

    def acc(pred: list, removed: bool = False) -> float:
        same = [
            (a in gone) == (b in gone) if removed else a == b
            for a, b in zip(pred, gold, strict=True)
        ]
        return round(sum(same) / len(gold), 4)

    return {
        "n": len(rows),
        "relation_accuracy": acc(got),
        "head_only_accuracy": acc(head),
        "old_line_removed_accuracy": acc(got, removed=True),
        "head_only_old_line_removed_accuracy": acc(head, removed=True),
    }


RESOLVED = Path(rel.DATA_DIR) / "resolved_lines.jsonl"
_DANGLING = re.compile(
    r"\b(them|those|him|her)\b|\b(use|drop|include|skip|avoid|mention|stop|do) (it|that)\b|^stop\.?$",
    re.I,
)
_CONTENT = re.compile(r"[a-z0-9][a-z0-9'-]{3,}")


def line_text(path: Path = RESOLVED) -> dict:
    """Directive extraction + line splitting against resolved_lines.jsonl ({text, lines}), split
    in halves by a hash of the text: empty exactly when the target is empty, no line with a
    pronoun left unresolved, and the share of the target's content words the lines carry."""
    rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    out = {}
    for half in ("a", "b"):
        part = [r for r in rows if "ab"[rel.fold_of({"old": r["text"]}, 2)] == half]
        empty_ok, dangling, recall = [], [], []
        for r in part:
            found = find_directive(r["text"])
            lines = merge_lines([], directive_lines(found)).lines if found else []
            empty_ok.append(bool(lines) == bool(r["lines"]))
            dangling += [bool(_DANGLING.search(x)) for x in lines]
            want = {w.rstrip("s") for x in r["lines"] for w in _CONTENT.findall(x.lower())}
            have = " ".join(lines).lower()
            if want:
                recall.append(sum(w in have for w in want) / len(want))
        out[half] = {
            "n": len(part),
            "empty_exactly_when_target_empty": round(sum(empty_ok) / len(part), 4),
            "lines_with_unresolved_pronoun": round(sum(dangling) / max(1, len(dangling)), 4),
            "target_content_word_recall": round(sum(recall) / max(1, len(recall)), 4),
        }
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEV, help="JSONL of sequences")
    parser.add_argument("--quick", action="store_true", help=f"every {QUICK_STEP}th sequence")
    parser.add_argument("--stale-lines-only", action="store_true",
                        help="only the auto lane: as shipped, with the stale-line reader "
                        "switched the other way, and without list edits")  # fmt: skip
    args = parser.parse_args(argv)
    sequences = load_sequences(args.data)
    if args.quick:
        sequences = sequences[::QUICK_STEP]
    with tempfile.TemporaryDirectory(prefix="plural-summary-bench-") as tmp:
        lanes = run(sequences, Path(tmp), args.stale_lines_only)
    if args.stale_lines_only:
        return write(args, len(sequences), "_stale_lines", {"lanes": lanes})
    result = {
        "accuracy": lanes["auto"]["accuracy"],
        "baseline_accuracy": lanes["auto"]["baseline"]["accuracy"],
        "baseline_before_accuracy": lanes["auto"]["baseline_before"]["accuracy"],
        "accuracy_feedback_mode": lanes["feedback"]["accuracy"],
        "baseline_accuracy_feedback_mode": lanes["feedback"]["baseline"]["accuracy"],
        "baseline_before_accuracy_feedback_mode": lanes["feedback"]["baseline_before"]["accuracy"],
        "stale_lines_default": lanes["auto"]["stale_lines"],
        "accuracy_stale_lines_flipped": lanes["auto"]["stale_lines_flipped"]["accuracy"],
        "failures": lanes["auto"]["failures"],
        "lanes": lanes,
        "relations_held_out": relations_held_out(),
        "relations_blind": relations_blind(),
        "line_text": line_text(),
    }
    write(args, len(sequences), "", result)


def write(args, n: int, suffix: str, result: dict) -> None:
    data = args.data.resolve()
    result = {"benchmark": "summary_updates",
              "data": str(data.relative_to(ROOT.parent)) if data.is_relative_to(ROOT.parent) else str(args.data),
              "quick": args.quick, "n": n} | result  # fmt: skip
    stem = args.data.stem.removeprefix("summary_updates_")
    name = "summary_updates" if data == DEV.resolve() else f"summary_updates_{stem}"
    name += suffix + ("_quick" if args.quick else "")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
