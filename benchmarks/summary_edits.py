"""Summary edits: is the summary right after ONE message, given the summary before it?

Each example ({id, summary: [lines], previous, message, after, must, must_not}) was written blind
by a helper who saw no code: a stored summary, the user's previous message, a new message, and the
summary as it should be after it (`after`, the helper's own answer: what a learned editor would
train on; it is not used to score). Each runs through the real product path: a LocalSession in a
fresh data dir, a fresh user, `previous` (or an opening request) sent as a request, the summary
set as the user's own edit, then the message in auto mode (the router decides). It passes when
every `must` group has an alternative in the final summary and no `must_not` string is there
(case-insensitive substrings), as in benchmarks.summary_updates.

Same-run lanes: the product with the stale-line reader (assistant.summary.stale; on by default)
and without it (the merge alone), as shipped but without list edits (assistant.summary.list_items),
"unchanged" (the summary before the message, judged as if nothing happened: how
much the task asks for) and "written" (the helper's `after`: the checks are satisfiable).

    python -m benchmarks.summary_edits [--data FILE] [--quick]

Default FILE: benchmarks/data/summary_edits_dev1.jsonl (dev1-dev3 are dev sets; test1 is held
out). Writes benchmarks/results/summary_edits_<stem>.json (_quick with --quick) and prints it as
the last line.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

from app.local_session import open_session
from assistant.config import load_settings
from assistant.llm.echo import EchoLLM
from benchmarks import write_result
from benchmarks.summary_updates import OPENING_REQUEST, judge, off

ROOT = Path(__file__).resolve().parent
DEV = ROOT / "data" / "summary_edits_dev1.jsonl"
QUICK = 30


def load_examples(path: Path) -> list[dict]:
    rows = [json.loads(x) for x in Path(path).read_text(encoding="utf-8").splitlines() if x.strip()]
    for r in rows:
        if not isinstance(r.get("message"), str) or not isinstance(r.get("summary"), list):
            raise ValueError(f"{path}: example {r.get('id')!r} needs a message and a summary list")
    return rows


def shown(path: Path) -> str:
    """The path as the results name it: relative to the repository when it is inside."""
    full = Path(path).resolve()
    return str(full.relative_to(ROOT.parent)) if full.is_relative_to(ROOT.parent) else str(full)


def as_summary(lines: list[str]) -> str:
    return "\n".join(f"- {x}" for x in lines)


def passes(summary: str, ex: dict) -> bool:
    missing, forbidden = judge(summary, ex.get("must", []), ex.get("must_not", []))
    return not missing and not forbidden


def run_example(session, ex: dict, user: str) -> dict:
    session.switch_user(user)
    session.send(ex.get("previous") or OPENING_REQUEST, mode="request")
    if ex["summary"]:
        session.edit_summary(as_summary(ex["summary"]))
    r = session.send(ex["message"], mode="auto")
    summary = session.summary()
    return {"id": ex["id"], "ok": passes(summary, ex), "kind": r.kind, "summary": summary}


def run(examples: list[dict], *, stale_lines: bool = False) -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        settings = load_settings(
            {"data_dir": str(data_dir), "user": "bench", "stale_lines": stale_lines},
            env={},
            config_path=data_dir / "x.toml",
        )
        session = open_session(settings, llm=EchoLLM(), load_personalizer=False)
        session.load()
        try:
            return [run_example(session, ex, f"edit-{i}") for i, ex in enumerate(examples)]
        finally:
            session.close()


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEV)
    ap.add_argument("--quick", action="store_true", help=f"the first {QUICK} examples")
    args = ap.parse_args(argv)
    examples = load_examples(args.data)[: QUICK if args.quick else None]
    t0 = time.perf_counter()
    with_reader, without = run(examples, stale_lines=True), run(examples, stale_lines=False)
    default = load_settings({}, env={}, config_path=Path(os.devnull)).stale_lines
    got = with_reader if default else without
    with off("list_edits_off"):
        no_lists = run(examples, stale_lines=default)
    n = len(examples)

    def rate(oks) -> float:
        return round(sum(oks) / n, 4) if n else 0.0

    out = {
        "benchmark": "summary_edits",
        "data": shown(args.data),
        "quick": args.quick,
        "n": n,
        "accuracy": rate(g["ok"] for g in got),
        "stale_lines_default": default,
        "with_stale_lines_accuracy": rate(g["ok"] for g in with_reader),
        "without_stale_lines_accuracy": rate(g["ok"] for g in without),
        "without_list_edits_accuracy": rate(g["ok"] for g in no_lists),
        "unchanged_accuracy": rate(passes(as_summary(e["summary"]), e) for e in examples),
        "written_accuracy": rate(passes(as_summary(e.get("after", [])), e) for e in examples),
        "seconds": round(time.perf_counter() - t0, 1),
        "failures": [
            {"id": g["id"], "message": e["message"], "kind": g["kind"], "summary": g["summary"]}
            for g, e in zip(got, examples, strict=True)
            if not g["ok"]
        ],
    }
    write_result(f"summary_edits_{args.data.stem.removeprefix('summary_edits_')}", out, args.quick)
    return out


if __name__ == "__main__":
    main()
