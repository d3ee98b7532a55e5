"""The feedback classifier's four heads and routing threshold, kept in one .npz file (the head
primitive itself is assistant.heads)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assistant import heads as primitive
from assistant.heads import Head, fit_head

HEAD_NAMES = ("route", "sign", "directive", "lasting")

__all__ = ["HEAD_NAMES", "Head", "Heads", "fit_head", "read_heads", "write_heads"]


@dataclass(frozen=True)
class Heads:
    """The four heads and the routing threshold chosen for them on the dev split."""

    route: Head
    sign: Head
    directive: Head
    lasting: Head
    route_threshold: float
    """p(feedback) at or above which a message is routed as feedback."""


def write_heads(path: Path, heads: Heads) -> None:
    """Atomically write all heads and the threshold to one .npz file."""
    named = {n: getattr(heads, n) for n in HEAD_NAMES}
    primitive.write_heads(path, named, route_threshold=heads.route_threshold)


def read_heads(path: Path) -> Heads | None:
    """The heads in a file, or None when it is corrupt or from an older version (then retrain)."""
    loaded = primitive.read_heads(path, HEAD_NAMES, extras=("route_threshold",))
    return Heads(**loaded) if loaded is not None else None
