"""Crash safety: SIGKILL a writing process at random points; nothing acknowledged is lost or torn.

PLURAL_CRASH_KILLS sets the number of kills (default 20; benchmarks/reliability.py runs 100)."""

from __future__ import annotations

import os
import shutil

import pytest

from benchmarks.reliability_kit.crash_worker import (
    CrashReport,
    FakeEncoder,
    check_store,
    run_trials,
    summary_text,
)
from benchmarks.reliability_kit.helpers import fast_dir
from memory import MemoryStore

KILLS = int(os.environ.get("PLURAL_CRASH_KILLS", "20"))


@pytest.fixture
def data_dir():
    path = fast_dir("plural-test-crash-")
    yield path
    shutil.rmtree(path, ignore_errors=True)


def test_random_sigkills_lose_no_acknowledged_write(data_dir, classifier):
    report = run_trials(data_dir, KILLS, seed=7, max_delay=0.8, classifier=classifier)
    assert report.kills == KILLS
    assert report.acknowledged_writes > KILLS, "the worker should have written between kills"
    assert report.problems == []
    assert report.lost_acknowledged_writes == 0
    assert report.torn_summaries == 0
    assert report.inconsistent_histories == 0
    assert report.open_failures == 0


def test_the_checker_notices_lost_and_torn_writes(data_dir):
    """The check above can fail: claim more acknowledgements than were written, or tear a summary."""
    store = MemoryStore(data_dir / "chroma", embedder=FakeEncoder())
    store.set_summary("crash-user", summary_text(0, 1), cause="c", kind="edit")
    report = CrashReport()
    check_store(data_dir, "crash-user", {0: {"summary": 3, "statement": 2}}, report)
    assert report.lost_acknowledged_writes >= 3
    store.set_summary("crash-user", summary_text(0, 2)[:100], cause="torn", kind="edit")
    torn = CrashReport()
    check_store(data_dir, "crash-user", {0: {"summary": 1}}, torn)
    assert torn.torn_summaries == 1


def test_an_orphan_version_from_a_crash_is_not_history(data_dir):
    """A version stored by a writer killed before it updated the user record was never current."""
    from memory.store import SummaryVersion

    store = MemoryStore(data_dir / "chroma", embedder=FakeEncoder())
    store.set_summary("ann", "A", cause="c", kind="edit")
    store._store_version("ann", SummaryVersion(2, "t", "B (never committed)", "c", "edit"))
    assert store.summary("ann") == "A"
    assert [v.text for v in store.summary_history("ann")] == ["A"]
    assert store.set_summary("ann", "C", cause="c", kind="edit").version == 2
    assert [v.text for v in store.summary_history("ann")] == ["A", "C"]
