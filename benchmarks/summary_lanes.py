"""The same-run lanes of benchmarks.summary_updates: the product without one of its parts.

Each entry of PARTS (benchmarks.lane_parts) is [(module, name, stand-in)]; `off` patches them
in for the turns it wraps. The module each patch names says what the part does.

Run alone, it scores only some lanes, auto mode, beside the product as shipped, over one file or
every summary_updates_*.jsonl of a folder (a held-out look at a stop's own parts, without the
other lanes summary_updates runs): per file and in total, right sequences and the ids that flip.

    python -m benchmarks.summary_lanes [--data FILE|DIR ...] [--lanes NAME,...] [--quick] [--jobs N]

Defaults: the dev file of summary_updates and every lane. Writes
results/summary_lanes_<name>[_quick].json (--name, default the first folder or file's stem
without 'summary_updates_')."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from unittest import mock

from benchmarks.lane_parts import PARTS

slots = importlib.import_module("assistant.summary.slots")  # the package's `slots` is the function

__all__ = ["PARTS", "main", "off"]


@contextmanager
def off(*names: str) -> Iterator[None]:
    """Turns without the named parts (PARTS)."""
    with ExitStack() as stack:
        for name in names:
            for patch in PARTS[name]:
                stack.enter_context(mock.patch.object(*patch))
        slots.slots.cache_clear()  # its answers depend on the patched patterns
        try:
            yield
        finally:
            slots.slots.cache_clear()


def _score_file(job: tuple[str, list[str], bool]) -> dict:
    """One file through the shipped lane and each named lane (a fresh session per file)."""
    import tempfile
    from pathlib import Path

    from benchmarks import summary_updates as su

    path, lanes, quick = job
    seqs = su.load_sequences(Path(path))[:: su.QUICK_STEP if quick else 1]
    with tempfile.TemporaryDirectory(prefix="plural-lanes-") as tmp:
        session = su.bench_session(Path(tmp))
        try:
            runs = {"shipped": su.run_lane(session, seqs, "auto", "shipped")}
            for name in lanes:
                with off(name):
                    runs[name] = su.run_lane(session, seqs, "auto", name)
        finally:
            session.close()
    out = {"file": Path(path).name, "n": len(seqs)}
    for name, got in runs.items():
        out[name] = {"right": sum(o["ok"] for o in got)}
        if name != "shipped":
            out[name] |= su.flips(got, runs["shipped"])  # fixed / broken by the part
            out[name]["summaries_differ"] = sum(
                a["summary"] != b["summary"] for a, b in zip(got, runs["shipped"], strict=True)
            )
    return out


def main(argv: list[str] | None = None) -> None:
    import argparse
    import json
    from multiprocessing import get_context
    from pathlib import Path

    from benchmarks.summary_updates import DEV

    parser = argparse.ArgumentParser(description="Some lanes of summary_updates, auto mode")
    parser.add_argument(
        "--data", type=Path, nargs="+", default=[DEV], help="JSONL files or folders"
    )
    parser.add_argument("--lanes", default=",".join(PARTS), help="comma-separated names from PARTS")
    parser.add_argument("--quick", action="store_true", help="every 4th sequence")
    parser.add_argument("--jobs", type=int, default=2, help="files scored at once")
    parser.add_argument("--name", default="", help="the results file's suffix")
    args = parser.parse_args(argv)
    lanes = [x for x in args.lanes.split(",") if x]
    unknown = [x for x in lanes if x not in PARTS]
    if unknown:
        parser.error(f"no such lane: {', '.join(unknown)} (known: {', '.join(PARTS)})")
    files = [f for d in args.data for f in (sorted(d.glob("summary_updates_*.jsonl")) if d.is_dir() else [d])]  # fmt: skip
    if not files or not all(f.is_file() for f in files):
        parser.error(
            f"{' '.join(map(str, args.data))}: no summary_updates_*.jsonl or a missing file"
        )
    jobs = [(str(f), lanes, args.quick) for f in files]
    with get_context("spawn").Pool(max(1, args.jobs), maxtasksperchild=1) as pool:
        per_file = sorted(pool.map(_score_file, jobs, chunksize=1), key=lambda r: r["file"])
    total = {k: sum(r[k]["right"] for r in per_file) for k in ["shipped", *lanes]}
    result = {
        "benchmark": "summary_lanes",
        "data": [str(f) for f in files],
        "quick": args.quick,
        "n": sum(r["n"] for r in per_file),
        "right": total,
        "files_lower_as_shipped": {
            k: [r["file"] for r in per_file if r["shipped"]["right"] < r[k]["right"]] for k in lanes
        },
        "per_file": per_file,
    }
    stem = args.name or args.data[0].stem.removeprefix("summary_updates_")
    name = f"summary_lanes_{stem}" + ("_quick" if args.quick else "")
    out = Path(__file__).resolve().parent / "results" / f"{name}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
