"""Who the group is for this installation: the shipped prior, until its own users are enough to
refit it (assistant.reward.community). The refit lives in <data_dir>/community_prior.json: it is a
pure function of the users' stored posteriors and the shipped prior, so a lost or stale file is
refit again, and every instance on a shared memory server converges to the same one."""

from __future__ import annotations

import json
import logging
import threading
from pathlib import Path
from typing import Any

import numpy as np

from app.memory_commands import write_json_atomic
from assistant.reward.community import MIN_USERS, CommunityPrior, fingerprint, refit
from assistant.reward.prior import GroupPrior

log = logging.getLogger(__name__)

FILE = "community_prior.json"
REFIT_EVERY = 20
"""Evidence events (onboarding answers, feedback, thumbs) across users between automatic refits;
at least one per stored user, so a refit (one profile read per user) costs about one read per
event however many users there are."""


def profiles(memory: Any) -> list[dict]:
    """Every user's profile (posteriors only are read from them, never texts)."""
    return [memory.profile(user) for user in memory.users()]


def describe_shipped(prior: GroupPrior) -> str:
    """Who the shipped prior's group is, in a few words, from its provenance ("" if unknown)."""
    meta = prior.meta or {}
    said = meta.get("provenance") or meta.get("group") or meta.get("source") or ""
    text = json.dumps(said).lower()
    real = any(w in text for w in ("real", "crowd", "pandalm", "human"))
    simulated = "simulated" in text
    if real:
        return "real crowd + simulated spread" if simulated else "real crowd"
    return "simulated users" if simulated else ""


def attach(personalizer: Any, data_dir: Path, **options: Any) -> CommunityGroup | None:
    """The group that drives this personalizer's prior (new users start from it); None when it
    has no group prior (none loaded, or a test fake)."""
    if not isinstance(getattr(personalizer, "prior", None), GroupPrior):
        return None
    group = CommunityGroup(Path(data_dir) / FILE, personalizer.prior, **options)
    group.personalizer = personalizer
    group.sync()
    return group


class CommunityGroup:
    """The shipped prior and, once refit, the community's; counts evidence to refit on its own.
    With `personalizer` set, its prior follows the group in force after every call."""

    def __init__(self, path: Path, shipped: GroupPrior, *, every: int = REFIT_EVERY, **options):
        self.path, self.shipped, self.every, self.options = Path(path), shipped, every, options
        self.personalizer: Any = None
        self._lock = threading.Lock()
        self._stamp: float | None = None
        self._state: dict = {}
        self._applied: GroupPrior | None = None
        self.community: CommunityPrior | None = None
        self._read()

    def _read(self) -> None:
        """(Re)load the file when it changed (another session or `plural prior refit` wrote it)."""
        try:
            stamp = self.path.stat().st_mtime_ns
        except FileNotFoundError:
            stamp = None
        if stamp == self._stamp:
            return
        self._stamp, self._state, self.community, self._applied = stamp, {}, None, None
        if stamp is None:
            return
        try:
            self._state = json.loads(self.path.read_text(encoding="utf-8"))
            if self._state.get("community"):
                self.community = CommunityPrior.from_dict(self._state["community"], self.shipped)
        except (OSError, ValueError) as exc:  # a stale or broken cache: the next refit rewrites it
            log.warning("ignoring %s: %s", self.path, exc)
            self._state, self.community = {}, None

    def _write(self) -> None:
        self._state["shipped"] = fingerprint(self.shipped)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_json_atomic(self.path, self._state)
        self._stamp = self.path.stat().st_mtime_ns

    def prior(self) -> GroupPrior:
        """The group prior in force: the community's when refit, else the shipped one."""
        with self._lock:
            self._read()
            if self.community is None:
                return self.shipped
            if self._applied is None:  # one copy per refit: the prior's encodings cache stays warm
                self._applied = self.community.apply(self.shipped)
            return self._applied

    def sync(self) -> None:
        if self.personalizer is not None:
            self.personalizer.prior = self.prior()

    def info(self) -> str:
        self.sync()
        with self._lock:
            self._read()
            if self.community is not None:
                return f"group = {self.community.n_users} people here"
            who = describe_shipped(self.shipped)
            return "group = the shipped prior" + (f" ({who})" if who else "")

    def refit(self, memory: Any) -> CommunityPrior | None:
        """Refit from every user's posterior now; None (the shipped prior) below the minimum."""
        stored = profiles(memory)
        community = refit(self.shipped, stored, **self.options)
        with self._lock:
            self._read()
            self.community, self._applied = community, None
            self._state = {
                "community": community.to_dict() if community else None,
                "events": 0,
                "users": len(stored),
            }
            self._write()
        self.sync()
        return community

    def user_left(self, memory: Any) -> None:
        """A forgotten user's coefficients leave the pooled group at once."""
        if self.community is not None:
            self.refit(memory)

    def note_evidence(self, memory: Any, n: int = 1) -> bool:
        """Count evidence; refit when `every` events have come in since the last refit. True when
        a refit ran. Never fails the turn that brought the evidence: a write error is logged."""
        try:
            with self._lock:
                self._read()
                self._state["events"] = int(self._state.get("events", 0)) + n
                due = self._state["events"] >= max(self.every, int(self._state.get("users", 0)))
                if not due:
                    self._write()
            if due:
                self.refit(memory)
            self.sync()
            return due
        except (OSError, RuntimeError) as exc:  # RuntimeError: memory.MemoryError (store down)
            log.warning("community prior not updated: %s", exc)
            return False


def refit_command(settings: Any) -> int:
    """`plural prior refit`: the installation's users become the group, now."""
    from app.memory_commands import open_memory

    shipped = GroupPrior.load(settings.prior_dir)
    group = CommunityGroup(settings.data_dir / FILE, shipped)
    community = group.refit(open_memory(settings))
    if community is None:
        minimum = group.options.get("min_users", MIN_USERS)
        print(
            f"fewer than {minimum} people here have answered or given feedback, so nothing is "
            f"pooled: {group.info()}"
        )
        return 0
    print(f"{group.info()} (refit {community.refit_at}; wrote {group.path})")
    for line in shift_lines(shipped, community):
        print("  " + line)
    return 0


def shift_lines(shipped: GroupPrior, community: CommunityPrior, top: int = 4) -> list[str]:
    """The largest moves of the group's weights in the prior's labels, and every protected weight
    the clamp held (the users alone would have moved it towards more of it)."""
    from assistant.reward.guard import guard_dims

    dims = guard_dims(shipped)
    labels = [*shipped.labels, *dims.labels]
    mu0 = np.concatenate([shipped.w_bar, dims.w_bar])
    mu = np.concatenate([community.bases.mean, community.guard.mean])
    raw = np.concatenate([community.bases.unclamped, community.guard.unclamped])
    gap = mu - mu0
    lines = [
        f"{labels[j]}: {mu0[j]:+.2f} → {mu[j]:+.2f}"
        for j in np.argsort(-np.abs(gap))[:top]
        if abs(gap[j]) >= 0.01
    ]
    lines += [
        f"{labels[j]}: held at {mu[j]:+.2f} (protected; the users alone: {raw[j]:+.2f})"
        for j in np.flatnonzero(np.abs(raw - mu) > 1e-9)
    ]
    return lines or ["the group's weights barely moved"]
