"""Many simulated users in parallel sessions (threads) against one store; counts cross-user leaks."""

from __future__ import annotations

import re
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

MARKER = re.compile(r"mk[0-9a-f]{10}")


@dataclass
class ConcurrencyReport:
    users: int = 0
    checks: int = 0
    cross_user_leaks: int = 0
    errors: list[str] = field(default_factory=list)


def _leaks(texts: list[str], own: str) -> int:
    """Texts that mention another user's marker (or, when they should, miss this user's)."""
    return sum(1 for t in texts for m in MARKER.findall(t) if m != own)


def _one_user(data_dir: Path, store, classifier, marker: str, settings_for, session) -> list[int]:
    user = f"user-{marker}"
    s = session(settings_for(data_dir, user=user), classifier, memory=store)
    try:
        s.send(f"How do I cook {marker} tonight?")
        s.edit_summary(f"I like {marker}. Keep answers short.")
        store.add_statement(user, f"I always want {marker} mentioned", kind="statement")
        s.send(f"please keep answers short and mention {marker}", mode="feedback")
        summary = [s.summary(), *(v.text for v in s.summary_history())]
        said = [m["content"] for m in s.transcript()]
        statements = [x.text for x in store.statements(user)]
        recalled = [x.text for x in store.recall(user, "mentioned cook tonight", k=8)]
        profile = [str(store.profile(user))]
        own_missing = int(marker not in s.summary()) + int(not any(marker in t for t in said))
        own_missing += int(not any(marker in t for t in statements))
        groups = (summary, said, statements, recalled, profile)
        return [sum(_leaks(g, marker) for g in groups) + own_missing, len(groups)]
    finally:
        s.close()


def run_users(data_dir: Path, store, classifier, n_users: int, *, threads: int = 16):
    """n_users sessions, `threads` at a time, all on one data dir and one memory store."""
    from benchmarks.reliability_kit.helpers import session, settings_for

    report = ConcurrencyReport(users=n_users)
    lock = threading.Lock()

    def task(marker: str) -> None:
        try:
            leaks, checks = _one_user(data_dir, store, classifier, marker, settings_for, session)
        except Exception as exc:  # counted, not raised: the report says what went wrong
            with lock:
                report.errors.append(f"{marker}: {type(exc).__name__}: {exc}")
            return
        with lock:
            report.cross_user_leaks += leaks
            report.checks += checks

    markers = [f"mk{uuid.uuid4().hex[:10]}" for _ in range(n_users)]
    with ThreadPoolExecutor(max_workers=threads) as pool:
        list(pool.map(task, markers))
    return report
