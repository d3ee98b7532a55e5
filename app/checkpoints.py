"""Where conversations live: LangGraph's SQLite or Postgres checkpointer, and a user's threads in it
(list, export, import, delete)."""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from assistant.config import Settings


@dataclass
class Checkpoints:
    """An open checkpointer and what must be closed with it."""

    saver: Any
    conn: sqlite3.Connection | None = None
    pool: Any = None
    closers: list[Callable[[], None]] = field(default_factory=list)

    def threads(self, user_id: str) -> list[str]:
        """Every conversation thread of this user (thread ids are "<user>/<n>")."""
        prefix = f"{user_id}/"
        seen: dict[str, None] = {}
        for item in self.saver.list(None):
            thread = item.config["configurable"].get("thread_id", "")
            if thread.startswith(prefix):
                seen.setdefault(thread, None)
        return sorted(seen, key=_thread_order)

    def messages(self, thread_id: str) -> list[dict]:
        """The latest messages of one thread ([] when it has none)."""
        found = self.saver.get_tuple({"configurable": {"thread_id": thread_id}})
        if found is None:
            return []
        values = found.checkpoint.get("channel_values", {})
        return [dict(m) for m in values.get("messages", [])]

    def delete_user(self, user_id: str) -> int:
        """Delete every thread of the user through the checkpointer's own delete; on SQLite, then
        VACUUM so no byte of the deleted transcripts stays in the file. Returns threads deleted."""
        threads = self.threads(user_id)
        for thread in threads:
            self.saver.delete_thread(thread)
        if self.conn is not None and threads:
            with self.conn:
                self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self.conn.execute("VACUUM")
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return len(threads)

    def export_user(self, user_id: str) -> list[dict]:
        """[{"thread": "0", "messages": [...]}, ...] for every thread of the user."""
        return [
            {"thread": t.split("/", 1)[1], "messages": self.messages(t)}
            for t in self.threads(user_id)
        ]

    def import_user(self, user_id: str, conversations: list) -> int:
        """Restore exported threads under this user (validated whole before anything is written)."""
        from graph.graph import build_graph

        clean = [_checked_conversation(c, i) for i, c in enumerate(conversations)]
        graph = build_graph(checkpointer=self.saver)
        for thread, messages in clean:
            config = {"configurable": {"thread_id": f"{user_id}/{thread}"}}
            graph.update_state(config, {"messages": messages}, as_node="respond")
        return len(clean)

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None
        if self.pool is not None:
            self.pool.close()
            self.pool = None


MAX_IMPORTED_MESSAGES = 10_000
MAX_MESSAGE_CHARS = 100_000


def _checked_conversation(conv: object, index: int) -> tuple[str, list[dict]]:
    where = f"conversations[{index}]"
    if not isinstance(conv, dict) or not isinstance(conv.get("messages"), list):
        raise ValueError(f"{where}: expected {{'thread': '0', 'messages': [...]}}")
    thread = str(conv.get("thread", index))
    if not thread.isdigit():
        raise ValueError(f"{where}.thread: expected a number, got {thread!r}")
    if len(conv["messages"]) > MAX_IMPORTED_MESSAGES:
        raise ValueError(f"{where}: more than {MAX_IMPORTED_MESSAGES} messages")
    messages = []
    for j, m in enumerate(conv["messages"]):
        ok = isinstance(m, dict) and m.get("role") in ("user", "assistant")
        if not ok or not isinstance(m.get("content"), str) or len(m["content"]) > MAX_MESSAGE_CHARS:
            raise ValueError(f"{where}.messages[{j}]: needs role user|assistant and text content")
        kept = {"role": m["role"], "content": m["content"]}
        if m.get("kind") in ("request", "feedback"):
            kept["kind"] = m["kind"]
        messages.append(kept)
    return thread, messages


def _thread_order(thread_id: str) -> tuple[int, str]:
    tail = thread_id.rsplit("/", 1)[-1]
    return (int(tail), thread_id) if tail.isdigit() else (1 << 30, thread_id)


def serializer() -> Any:
    """LangGraph's serializer, told that the state's Candidate dataclass is ours to load."""
    from langgraph.checkpoint.serde.jsonplus import JsonPlusSerializer

    return JsonPlusSerializer(allowed_msgpack_modules=[("assistant.candidate", "Candidate")])


def open_checkpoints(settings: Settings) -> Checkpoints:
    """Postgres when checkpoint_url is set, else the SQLite file in the data dir; errors name the
    store and what to do."""
    if settings.checkpoint_url:
        return _postgres(settings.checkpoint_url)
    return _sqlite(settings)


def _sqlite(settings: Settings) -> Checkpoints:
    from langgraph.checkpoint.sqlite import SqliteSaver

    path = settings.checkpoint_path
    conn = None
    try:
        conn = sqlite3.connect(str(path), check_same_thread=False, timeout=30)
        saver = SqliteSaver(conn, serde=serializer())
        with_busy_retry(saver.setup)
        # WAL (set by setup) + NORMAL: no fsync per commit, ~7 commits a turn; a crashed
        # process loses nothing, only a power cut can drop the last turn's checkpoints
        conn.execute("PRAGMA synchronous=NORMAL")
    except sqlite3.OperationalError as exc:
        if conn is not None:
            conn.close()
        if "locked" not in str(exc):
            raise RuntimeError(f"the conversation store {path} cannot be opened ({exc})") from None
        raise RuntimeError(
            f"the conversation store {path} stayed locked by another process for too "
            "long; close other plural instances on this data dir and try again"
        ) from None
    except sqlite3.DatabaseError as exc:
        if conn is not None:
            conn.close()
        raise RuntimeError(
            f"the conversation store {path} is unreadable ({exc}). Move it aside to start "
            "fresh conversations; your preferences live separately and are not affected."
        ) from None
    return Checkpoints(saver, conn=conn)


def _postgres(url: str) -> Checkpoints:
    import psycopg
    from langgraph.checkpoint.postgres import PostgresSaver
    from psycopg.rows import dict_row
    from psycopg_pool import ConnectionPool, PoolTimeout

    kwargs = {"autocommit": True, "prepare_threshold": 0, "row_factory": dict_row}
    pool = ConnectionPool(
        url, min_size=1, max_size=4, kwargs=kwargs, check=ConnectionPool.check_connection,
        open=False, timeout=30, name="plural-checkpoints",
    )  # fmt: skip
    # the pool retries in the background and logs each failure: keep that off the terminal
    logging.getLogger("psycopg.pool").addHandler(logging.NullHandler())
    try:
        psycopg.connect(url, connect_timeout=10).close()  # fails fast, with the real reason
        pool.open(wait=True, timeout=10)
        saver = PostgresSaver(pool, serde=serializer())
        saver.setup()
    except Exception as exc:  # PoolTimeout, psycopg.Error: unreachable, auth, permissions
        pool.close()
        why = "no connection within 10 s" if isinstance(exc, PoolTimeout) else one_line(exc)
        raise RuntimeError(
            f"cannot use the conversation database at {masked(url)} ({why}): check that "
            "PostgreSQL is running and the URL, user and password are right, or unset "
            "checkpoint_url to keep conversations in the local SQLite file"
        ) from None
    return Checkpoints(saver, pool=pool)


def with_busy_retry(fn: Callable[[], Any], attempts: int = 8) -> Any:
    """Switching a SQLite file to WAL needs a moment alone with it; sessions opening at once (one
    server process, many users) get "database is locked" at once rather than waiting: retry."""
    for attempt in range(attempts):
        try:
            return fn()
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == attempts - 1:
                raise
            time.sleep(0.05 * 2**attempt)
    return None


def one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def masked(url: str | None) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url or "")
    if parts.password is None:
        return url or ""
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return parts._replace(netloc=netloc).geturl()
