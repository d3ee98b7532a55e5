"""Per-user memory in ChromaDB: summary versions, preference statements, profile; export/import."""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np

from memory.chroma import ChromaDB, lock_for, scrub_log
from memory.recall import nearest_exact, nearest_hnsw
from memory.records import (
    MemoryError,
    Statement,
    SummaryVersion,
    now,
    statement_export,
    statement_from,
    statement_meta,
)
from memory.validate import (
    ANSWER_MAX,
    CAUSE_MAX,
    DIRECTIVE_MAX,
    EXPORT_FORMAT,
    EXPORT_VERSION,
    QUERY_MAX,
    STATEMENT_KINDS,
    STATEMENT_MAX,
    SUMMARY_KINDS,
    SUMMARY_MAX,
    ImportValidationError,
    bounded_text,
    check_choice,
    check_json_dict,
    check_sign,
    check_user_id,
    clean_text,
    validate_export,
)

STATEMENTS = "plural_statements"
SUMMARIES = "plural_summaries"
USERS = "plural_users"
"""One record per user: document = current summary, metadata = version + profile JSON, so that
loading the summary (every turn) is one get by id."""
PROFILE_MAX = 1_000_000
EXACT_RECALL_MAX = 2000
"""Users with at most this many statements are searched exactly (faster and exact at scale)."""
_NO_VECTOR = [1.0]
"""Collections searched only by id/metadata get this constant, so nothing is ever embedded."""

__all__ = [
    "ImportValidationError",
    "MemoryError",
    "MemoryStore",
    "Statement",
    "SummaryVersion",
]


class MemoryStore:
    """Everything plural remembers about each user, scoped by user id on every read and write."""

    def __init__(self, path: Path | None = None, *, url: str | None = None, embedder=None):
        self._db = ChromaDB(path, url)
        self.location = self._db.location
        self._embedder = embedder
        self._lock = lock_for(self.location)
        self._last_seq = 0
        with self._guard("open"):
            self._statements = self._db.collection(STATEMENTS, space="cosine")
            self._summaries = self._db.collection(SUMMARIES, space="l2")
            self._users = self._db.collection(USERS, space="l2")

    def _guard(self, action: str):
        return self._db.guard(action)

    def _embed(self, texts: list[str]) -> np.ndarray:
        if self._embedder is None:
            from assistant.encoder import get_encoder

            self._embedder = get_encoder()
        vectors = np.asarray(self._embedder.encode(texts), dtype=np.float32)
        if vectors.ndim != 2 or vectors.shape[0] != len(texts):
            raise MemoryError(f"embedder returned shape {vectors.shape} for {len(texts)} texts")
        return vectors

    # --- the per-user record (current summary + profile) ---------------------------------------

    def _user_record(self, user_id: str) -> tuple[str, dict] | None:
        with self._guard("read the user record"):
            got = self._users.get(ids=[user_id], include=["documents", "metadatas"])
        if not got["ids"]:
            return None
        meta = got["metadatas"][0] or {}
        if meta.get("user_id") != user_id:
            return None
        return got["documents"][0] or "", meta

    def _write_user_record(self, user_id: str, summary: str, version: int, profile: dict) -> None:
        self._write_user_records([(user_id, summary, version, profile)])

    def _write_user_records(self, rows: list[tuple[str, str, int, dict]]) -> None:
        """Upsert (user_id, current summary, version, profile) records in one call."""
        metas = [
            {"user_id": u, "version": v, "profile": json.dumps(p, ensure_ascii=False)}
            for u, _, v, p in rows
        ]
        with self._guard("write the user record"):
            self._users.upsert(
                ids=[r[0] for r in rows],
                embeddings=[_NO_VECTOR] * len(rows),
                documents=[r[1] for r in rows],
                metadatas=metas,
            )

    def _ensure_user(self, user_id: str) -> tuple[str, int, dict]:
        record = self._user_record(user_id)
        if record is None:
            self._write_user_record(user_id, "", 0, {})
            return "", 0, {}
        summary, meta = record
        return summary, int(meta.get("version", 0)), json.loads(meta.get("profile") or "{}")

    def users(self) -> list[str]:
        """Every user with anything stored, sorted."""
        with self._guard("list users"):
            return sorted(self._users.get(include=[])["ids"])  # the record id is the user id

    # --- summary ------------------------------------------------------------------------------

    def summary(self, user_id: str) -> str:
        """The user's current summary text; "" when none."""
        record = self._user_record(check_user_id(user_id))
        return record[0] if record else ""

    def summary_history(self, user_id: str) -> list[SummaryVersion]:
        """Every version of the user's summary, oldest first."""
        check_user_id(user_id)
        with self._guard("read summary history"):
            got = self._summaries.get(
                where={"user_id": user_id}, include=["documents", "metadatas"]
            )
        versions = [
            SummaryVersion(int(m["version"]), m["time"], doc or "", m["cause"], m["kind"])
            for doc, m in zip(got["documents"], got["metadatas"], strict=True)
        ]
        # the user record is the commit point: a version stored by a writer that crashed before
        # updating the record was never current, so it is not history (the next write replaces it)
        record = self._user_record(user_id)
        current = int(record[1].get("version", 0)) if record else 0
        return sorted((v for v in versions if v.version <= current), key=lambda v: v.version)

    def set_summary(self, user_id: str, text: str, *, cause: str, kind: str) -> SummaryVersion:
        """Store a new summary version; the same text as now returns the current version unchanged."""
        check_user_id(user_id)
        text = bounded_text(text, SUMMARY_MAX, "summary")
        cause = bounded_text(cause, CAUSE_MAX, "cause")
        check_choice(kind, SUMMARY_KINDS, "summary kind")
        with self._lock:
            current, version, profile = self._ensure_user(user_id)
            if text == current and version > 0:
                return self.summary_history(user_id)[-1]
            return self._append_version(user_id, version + 1, text, cause, kind, profile)

    def _append_version(
        self, user_id: str, version: int, text: str, cause: str, kind: str, profile: dict
    ) -> SummaryVersion:
        entry = self._store_version(user_id, SummaryVersion(version, now(), text, cause, kind))
        self._write_user_record(user_id, text, version, profile)
        return entry

    def _store_version(self, user_id: str, entry: SummaryVersion) -> SummaryVersion:
        self._store_versions([(user_id, entry)])
        return entry

    def _store_versions(self, rows: list[tuple[str, SummaryVersion]]) -> None:
        """Write summary versions (possibly of many users) in one call."""
        metas = [
            {"user_id": u, "version": e.version, "time": e.time, "cause": e.cause, "kind": e.kind}
            for u, e in rows
        ]
        with self._guard("store a summary version"):
            for start in range(0, len(rows), 1000):
                chunk = rows[start : start + 1000]
                self._summaries.upsert(
                    ids=[f"{u}:{e.version:06d}" for u, e in chunk],
                    embeddings=[_NO_VECTOR] * len(chunk),
                    documents=[e.text for _, e in chunk],
                    metadatas=metas[start : start + 1000],
                )

    def undo_summary(self, user_id: str) -> SummaryVersion | None:
        """Step back one change (repeatable), as a new version of kind "undo"; None if nothing to undo."""
        check_user_id(user_id)
        with self._lock:
            history = self.summary_history(user_id)
            stack = [""]
            for v in history:
                if v.kind == "undo":
                    if len(stack) > 1:
                        stack.pop()
                elif v.text != stack[-1]:
                    stack.append(v.text)
            if len(stack) < 2:
                return None
            undone = history[-1].version
            stack.pop()
            _, _, profile = self._ensure_user(user_id)
            return self._append_version(
                user_id, undone + 1, stack[-1], f"undo of version {undone}", "undo", profile
            )

    # --- statements ---------------------------------------------------------------------------

    def add_statement(
        self,
        user_id: str,
        text: str,
        *,
        kind: str,
        sign: int = 0,
        directive: str | None = None,
        previous_answer: str | None = None,
        extras: dict | None = None,
    ) -> Statement:
        """Store one preference statement / feedback event, embedded for later recall."""
        statement = Statement(
            id=uuid.uuid4().hex,
            user_id=check_user_id(user_id),
            text=bounded_text(text, STATEMENT_MAX, "statement"),
            kind=check_choice(kind, STATEMENT_KINDS, "statement kind"),
            sign=check_sign(sign),
            directive=None
            if directive is None
            else bounded_text(directive, DIRECTIVE_MAX, "directive"),
            previous_answer=None
            if previous_answer is None
            else bounded_text(previous_answer, ANSWER_MAX, "previous answer"),
            time=now(),
            extras=check_json_dict(extras or {}, "extras"),
        )
        vector = self._embed([statement.text])
        with self._lock:
            self._ensure_user(user_id)
            self._write_statements([statement], vector)
        return statement

    def _next_seqs(self, n: int) -> range:
        """Increasing sequence numbers that order statements even if the clock steps back."""
        start = max(time.time_ns(), self._last_seq + 1)
        self._last_seq = start + n - 1
        return range(start, start + n)

    def _write_statements(self, statements: list[Statement], vectors: np.ndarray) -> None:
        seqs = self._next_seqs(len(statements))
        metas = [statement_meta(s, seq) for s, seq in zip(statements, seqs, strict=True)]
        with self._guard("store statements"):
            for start in range(0, len(statements), 1000):
                end = start + 1000
                self._statements.add(
                    ids=[uuid.uuid4().hex for _ in statements[start:end]],
                    embeddings=vectors[start:end],
                    documents=[s.text for s in statements[start:end]],
                    metadatas=metas[start:end],
                )

    def statements(self, user_id: str, limit: int | None = None) -> list[Statement]:
        """The user's statements, oldest first; with limit, only the newest `limit` of them."""
        check_user_id(user_id)
        if limit is not None and (not isinstance(limit, int) or limit < 0):
            raise ValueError(f"limit must be a non-negative integer or None, got {limit!r}")
        with self._guard("read statements"):
            got = self._statements.get(
                where={"user_id": user_id}, include=["documents", "metadatas"]
            )
        rows = sorted(
            zip(got["metadatas"], got["documents"], strict=True), key=lambda r: r[0]["seq"]
        )
        if limit is not None:
            rows = rows[len(rows) - limit :] if limit else []
        return [statement_from(m, d) for m, d in rows]

    def recall(self, user_id: str, query: str, k: int = 4) -> list[Statement]:
        """The user's k statements nearest in meaning to `query` (best first); never another user's."""
        check_user_id(user_id)
        if not isinstance(k, int) or k < 0:
            raise ValueError(f"k must be a non-negative integer, got {k!r}")
        query = clean_text(query)[:QUERY_MAX].strip()
        if not query or k == 0:
            return []
        vector = self._embed([query])[0]
        with self._guard("search statements"):
            exact = nearest_exact(self._statements, user_id, vector, k, EXACT_RECALL_MAX)
            if exact is None:  # too many to score exactly: Chroma's filtered HNSW search
                exact = nearest_hnsw(self._statements, user_id, vector, k)
        return exact

    # --- profile ------------------------------------------------------------------------------

    def profile(self, user_id: str) -> dict:
        """The user's JSON-able profile (alpha, posterior, ...); {} when none."""
        record = self._user_record(check_user_id(user_id))
        return json.loads(record[1].get("profile") or "{}") if record else {}

    def update_profile(self, user_id: str, **fields: Any) -> dict:
        """Merge `fields` into the profile, persist it, and return the new profile."""
        check_user_id(user_id)
        fields = check_json_dict(fields, "profile fields", limit=PROFILE_MAX)
        with self._lock:
            summary, version, profile = self._ensure_user(user_id)
            profile = {**profile, **fields}
            self._write_user_record(user_id, summary, version, profile)
        return profile

    # --- export / import / forget -------------------------------------------------------------

    def export_user(self, user_id: str) -> dict:
        """Everything stored about one user as a JSON-able dict (the plural-memory format)."""
        check_user_id(user_id)
        return {
            "format": EXPORT_FORMAT,
            "version": EXPORT_VERSION,
            "user_id": user_id,
            "exported_at": now(),
            "summary_history": [asdict(v) for v in self.summary_history(user_id)],
            "statements": [statement_export(s) for s in self.statements(user_id)],
            "profile": self.profile(user_id),
        }

    def import_user(self, data: dict, *, user_id: str | None = None, replace: bool = False) -> str:
        """Load an exported user (validated in full before anything is written); returns the id."""
        clean = validate_export(data, user_id)
        target = clean["user_id"]
        statements = [Statement(user_id=target, **s) for s in clean["statements"]]
        vectors = self._embed([s.text for s in statements]) if statements else None
        with self._lock:
            exists = self._user_record(target) is not None
            if exists and not replace:
                raise ValueError(
                    f"user {target!r} already exists; import under another name "
                    "or pass replace=True (--replace) to overwrite it"
                )
            backup = self.export_user(target) if exists else None
            self.forget(target)
            try:
                self._write_import(target, clean, statements, vectors)
            except Exception:
                self.forget(target)
                if backup is not None:
                    self._write_import(target, validate_export(backup), *self._backup_rows(backup))
                raise
        return target

    def _backup_rows(self, backup: dict) -> tuple[list[Statement], np.ndarray | None]:
        rows = [Statement(user_id=backup["user_id"], **s) for s in backup["statements"]]
        return rows, (self._embed([s.text for s in rows]) if rows else None)

    def _write_import(self, target: str, clean: dict, statements: list[Statement], vectors) -> None:
        history = clean["summary_history"]
        self._store_versions([(target, SummaryVersion(**v)) for v in history])
        if statements:
            self._write_statements(statements, vectors)
        summary = history[-1]["text"] if history else ""
        version = history[-1]["version"] if history else 0
        self._write_user_record(target, summary, version, clean["profile"])

    def forget(self, user_id: str) -> dict[str, int]:
        """Delete everything stored about this user; returns how many records went, by kind."""
        check_user_id(user_id)
        where = {"user_id": user_id}
        counts = {}
        with self._lock, self._guard("forget a user"):
            gone: list[str] = []
            for kind, collection in (
                ("statements", self._statements),
                ("summary versions", self._summaries),
            ):
                ids = collection.get(where=where, include=[])["ids"]
                if ids:
                    collection.delete(ids=ids)
                counts[kind] = len(ids)
                gone += ids
            counts["profiles"] = 0
            if self._user_record(user_id) is not None:
                self._users.delete(ids=[user_id])
                counts["profiles"] = 1
            if not self._db.is_server:
                scrub_log(self.location, user_id, gone)
        return counts
