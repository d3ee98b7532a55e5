"""What memory stores per user, as plain records, and their stored (Chroma metadata) form."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime


class MemoryError(RuntimeError):  # shadows the builtin on purpose: plural's public name
    """The store is unreadable, corrupt, locked or unreachable; the message says what to do."""


@dataclass(frozen=True)
class SummaryVersion:
    version: int
    time: str
    """ISO-8601 UTC."""
    text: str
    cause: str
    kind: str
    """initial | directive | edit | undo | onboarding | import | llm"""


@dataclass(frozen=True)
class Statement:
    id: str
    user_id: str
    text: str
    kind: str
    """directive | evaluative | statement | onboarding | revision"""
    sign: int
    directive: str | None
    previous_answer: str | None
    time: str
    extras: dict = field(default_factory=dict)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def statement_meta(s: Statement, seq: int) -> dict:
    payload = {"directive": s.directive, "previous_answer": s.previous_answer, "extras": s.extras}
    return {
        "user_id": s.user_id,
        "sid": s.id,
        "kind": s.kind,
        "sign": s.sign,
        "time": s.time,
        "seq": seq,
        "json": json.dumps(payload, ensure_ascii=False),
    }


def statement_from(meta: dict, document: str | None) -> Statement:
    payload = json.loads(meta.get("json") or "{}")
    return Statement(
        id=meta["sid"],
        user_id=meta["user_id"],
        text=document or "",
        kind=meta["kind"],
        sign=int(meta["sign"]),
        directive=payload.get("directive"),
        previous_answer=payload.get("previous_answer"),
        time=meta["time"],
        extras=payload.get("extras") or {},
    )


def statement_export(s: Statement) -> dict:
    out = asdict(s)
    out.pop("user_id")
    return out
