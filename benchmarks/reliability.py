"""Reliability at full size: SIGKILL crash safety, parallel-user isolation, fuzzed inputs, and
full turns on the longest messages a session takes (hard ones for the correction readers).

python -m benchmarks.reliability [--quick]   (its crash workers, parallel users and fuzz targets
live in benchmarks/reliability_kit/, shared with the tests)
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
import traceback
from pathlib import Path

from benchmarks import write_result

ROOT = Path(__file__).resolve().parents[1]
FULL = {"kills": 100, "users": 1000, "fuzz_examples": 1200}
QUICK = {"kills": 10, "users": 60, "fuzz_examples": 60}


def _classifier():
    from assistant.feedback import FeedbackClassifier

    return FeedbackClassifier.load()


def crash(kills: int, classifier) -> dict:
    from benchmarks.reliability_kit.crash_worker import run_trials
    from benchmarks.reliability_kit.helpers import fast_dir

    path, start = fast_dir("plural-bench-crash-"), time.perf_counter()
    try:
        r = run_trials(path, kills, seed=2024, max_delay=1.0, classifier=classifier)
    finally:
        shutil.rmtree(path, ignore_errors=True)
    return {
        "kills": r.kills,
        "acknowledged_writes": r.acknowledged_writes,
        "lost_acknowledged_writes": r.lost_acknowledged_writes,
        "torn_summaries": r.torn_summaries,
        "inconsistent_histories": r.inconsistent_histories,
        "open_failures": r.open_failures,
        "crash_problems": r.problems[:10],
        "crash_s": round(time.perf_counter() - start, 1),
    }


def concurrency(users: int, classifier) -> dict:
    from benchmarks.reliability_kit.concurrency import run_users
    from benchmarks.reliability_kit.doubles import HashEncoder as FakeEncoder
    from benchmarks.reliability_kit.doubles import LeakyStore
    from benchmarks.reliability_kit.helpers import fast_dir
    from memory import MemoryStore

    path, start = fast_dir("plural-bench-users-"), time.perf_counter()
    try:
        store = MemoryStore(path / "chroma", embedder=FakeEncoder())
        r = run_users(path, store, classifier, users, threads=16)
        seconds = time.perf_counter() - start
        # baseline in the same run: a store that ignores the user id must be caught
        leaky = LeakyStore(MemoryStore(path / "leaky", embedder=FakeEncoder()))
        control = run_users(path, leaky, classifier, 8, threads=4)
    finally:
        shutil.rmtree(path, ignore_errors=True)
    return {
        "concurrent_users": r.users,
        "isolation_checks": r.checks,
        "cross_user_leaks": r.cross_user_leaks,
        "user_errors": len(r.errors),
        "user_error_examples": r.errors[:5],
        "control_leaky_store_leaks_detected": control.cross_user_leaks,
        "concurrency_s": round(seconds, 1),
        "users_per_s": round(users / seconds, 2),
    }


def fuzz(examples: int) -> dict:
    os.environ["PLURAL_FUZZ_EXAMPLES"] = str(examples)
    from benchmarks.reliability_kit import fuzz as fz

    start, failures, problems = time.perf_counter(), 0, []
    targets = [getattr(fz, n) for n in dir(fz) if n.startswith("fuzz_")]
    for target in targets:
        try:
            target()
        except Exception as exc:  # a falsifying example: counted and shown, the run goes on
            failures += 1
            problems.append(f"{target.__name__}: {''.join(traceback.format_exception_only(exc))}")
    return {
        "fuzz_inputs": sum(fz.INPUTS.values()),
        "fuzz_inputs_by_target": dict(fz.INPUTS),
        "fuzz_failures": failures,
        "fuzz_problems": [p[:500] for p in problems],
        "fuzz_s": round(time.perf_counter() - start, 1),
    }


def long_messages(quick: bool, classifier) -> dict:
    from benchmarks.reliability_kit.helpers import fast_dir
    from benchmarks.reliability_kit.long_messages import UNITS, run_long_messages

    path = fast_dir("plural-bench-long-")
    try:
        return run_long_messages(path, classifier, UNITS[:4] if quick else UNITS)
    finally:
        shutil.rmtree(path, ignore_errors=True)


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small counts, for CI")
    parser.add_argument("--data", help="unused (no data set is needed)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    size = QUICK if args.quick else FULL
    classifier = _classifier()
    result = {"quick": args.quick, **size}
    result.update(fuzz(size["fuzz_examples"]))
    result.update(crash(size["kills"], classifier))
    result.update(concurrency(size["users"], classifier))
    result.update(long_messages(args.quick, classifier))
    write_result("reliability", result, args.quick)
    return result


if __name__ == "__main__":
    main()
