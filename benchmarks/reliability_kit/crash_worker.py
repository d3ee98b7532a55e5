"""Crash-safety harness: a worker that writes to the memory store and acks each write, and a driver
that SIGKILLs it at random points and checks that every acknowledged write survived, untorn.

Worker: python -m benchmarks.reliability_kit.crash_worker DATA_DIR USER   (prints "ready", then "ack <what> <i>" lines)
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.reliability_kit.doubles import HashEncoder as FakeEncoder

ROOT = Path(__file__).resolve().parents[2]
FILLER = "keep answers short, use metric units, no bullet points. " * 20
"""Long enough (about 1 KB) that a torn write would show as a prefix of a version."""


def summary_text(run: int, i: int) -> str:
    return f"run {run} version {i}: {FILLER}"


def statement_text(run: int, i: int) -> str:
    return f"run {run} statement {i}"


def worker(data_dir: Path, user: str, run: int) -> None:
    from memory import MemoryStore

    store = MemoryStore(data_dir / "chroma", embedder=FakeEncoder())
    print("ready", flush=True)
    for i in range(1, 1_000_000):
        store.set_summary(user, summary_text(run, i), cause=f"run {run} write {i}", kind="edit")
        print(f"ack summary {i}", flush=True)
        store.add_statement(user, statement_text(run, i), kind="directive", sign=-1)
        print(f"ack statement {i}", flush=True)
        store.update_profile(user, **{f"run{run}": i})
        print(f"ack profile {i}", flush=True)


@dataclass
class CrashReport:
    kills: int = 0
    acknowledged_writes: int = 0
    lost_acknowledged_writes: int = 0
    torn_summaries: int = 0
    inconsistent_histories: int = 0
    open_failures: int = 0
    problems: list[str] = field(default_factory=list)


def _kill_once(data_dir: Path, user: str, run: int, rng: random.Random, max_delay: float) -> list:
    cmd = [
        sys.executable,
        "-m",
        "benchmarks.reliability_kit.crash_worker",
        str(data_dir),
        user,
        str(run),
    ]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ANONYMIZED_TELEMETRY": "False"}
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    try:
        first = proc.stdout.readline()
        if first.strip() != b"ready":
            err = proc.stderr.read().decode(errors="replace")[-2000:]
            raise RuntimeError(f"crash worker did not start: {first!r} {err}")
        time.sleep(rng.uniform(0.0, max_delay))
        proc.send_signal(signal.SIGKILL)
        rest = proc.stdout.read()  # everything printed before the kill is still in the pipe
    finally:
        with contextlib.suppress(ProcessLookupError):
            proc.kill()
        proc.wait()
        proc.stdout.close()
        proc.stderr.close()
    lines = rest.split(b"\n")[:-1]  # a last line without its newline was never acknowledged
    return [line.decode().split() for line in lines if line.startswith(b"ack ")]


def check_store(data_dir: Path, user: str, acked: dict[int, dict[str, int]], report: CrashReport):
    """Every acknowledged write is there; the summary is a whole written version; history is sane."""
    import chromadb

    from memory import MemoryStore

    chromadb.api.client.SharedSystemClient.clear_system_cache()  # read the files afresh
    try:
        store = MemoryStore(data_dir / "chroma", embedder=FakeEncoder())
        summary, history = store.summary(user), store.summary_history(user)
        statements, profile = store.statements(user), store.profile(user)
    except Exception as exc:
        report.open_failures += 1
        report.problems.append(f"reopen failed: {exc}")
        return
    written = {summary_text(r, i) for r, n in _ranges(acked) for i in range(1, n + 1)}
    if summary not in written | {""}:
        report.torn_summaries += 1
        report.problems.append(f"summary is not a written version: {summary[:60]!r}")
    _check_history(history, summary, report)
    _check_acks(acked, summary, history, statements, profile, report)


def _ranges(acked: dict[int, dict[str, int]]) -> list[tuple[int, int]]:
    """(run, highest version index that run may have written) – acked or one past it."""
    return [(run, counts.get("summary", 0) + 1) for run, counts in acked.items()]


def _check_history(history, summary: str, report: CrashReport) -> None:
    versions = [v.version for v in history]
    if versions != list(range(1, len(versions) + 1)):
        report.inconsistent_histories += 1
        report.problems.append(f"summary versions not contiguous: {versions[-5:]}")
    elif history and history[-1].text != summary:
        report.inconsistent_histories += 1
        report.problems.append(f"history ends at v{versions[-1]} but the summary is another text")


def _check_acks(acked, summary, history, statements, profile, report: CrashReport) -> None:
    texts = [s.text for s in statements]
    if len(texts) != len(set(texts)):
        report.problems.append("duplicate statements")
        report.lost_acknowledged_writes += len(texts) - len(set(texts))
    stored_versions = {v.text for v in history}
    for run, counts in acked.items():
        n = counts.get("summary", 0)
        if n and summary_text(run, n) not in stored_versions:
            report.lost_acknowledged_writes += 1
            report.problems.append(f"run {run}: acknowledged summary {n} missing")
        missing = [i for i in range(1, counts.get("statement", 0) + 1)]
        missing = [i for i in missing if statement_text(run, i) not in texts]
        report.lost_acknowledged_writes += len(missing)
        if missing:
            report.problems.append(f"run {run}: acknowledged statements {missing[:5]} missing")
        if profile.get(f"run{run}", 0) < counts.get("profile", 0):
            report.lost_acknowledged_writes += 1
            report.problems.append(f"run {run}: acknowledged profile write missing")
    last_run = max(acked, default=None)
    if last_run is not None and acked[last_run].get("summary", 0):
        newest = summary_text(last_run, acked[last_run]["summary"])
        ok = {newest, summary_text(last_run, acked[last_run]["summary"] + 1)}
        if summary not in ok:
            report.lost_acknowledged_writes += 1
            report.problems.append("the current summary is older than the last acknowledged one")


def check_app_opens(data_dir: Path, user: str, classifier) -> str | None:
    """The whole app (lock, memory, conversations) opens on the crashed data dir; None if fine."""
    import chromadb

    from benchmarks.reliability_kit.helpers import session, settings_for

    chromadb.api.client.SharedSystemClient.clear_system_cache()
    try:
        s = session(settings_for(data_dir, user=user), classifier)
        s.summary()
        s.close()
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"
    return None


def run_trials(
    data_dir: Path,
    kills: int,
    *,
    seed: int = 0,
    max_delay: float = 1.0,
    classifier=None,
    app_every: int = 5,
) -> CrashReport:
    """SIGKILL the worker `kills` times on one data dir, checking everything after each kill."""
    rng, report = random.Random(seed), CrashReport()
    user, acked = "crash-user", {}
    for run in range(kills):
        counts: dict[str, int] = {}
        for _, what, i in _kill_once(data_dir, user, run, rng, max_delay):
            counts[what] = int(i)
        acked[run] = counts
        report.kills += 1
        report.acknowledged_writes += sum(counts.values())
        check_store(data_dir, user, acked, report)
        if classifier is not None and (run + 1) % app_every == 0:
            problem = check_app_opens(data_dir, user, classifier)
            if problem:
                report.open_failures += 1
                report.problems.append(f"app failed to open after kill {run + 1}: {problem}")
    return report


if __name__ == "__main__":
    worker(Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]))
