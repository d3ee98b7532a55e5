"""Chroma plumbing for the memory store: opening an embedded or server client with errors that
name the way out, one lock per location, disk-full detection, and scrubbing a forgotten user's
text out of Chroma's write log."""

from __future__ import annotations

import contextlib
import errno
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

from memory.records import MemoryError


def _zeroed_large_buffers() -> None:
    """Chroma's HNSW index (hnswlib) mallocs its vector buffer and writes all of it to
    data_level0.bin, unused capacity included. Past glibc's dynamic mmap threshold such a buffer
    can come from reused heap holding freed Python strings, so a forgotten user's text could
    sit in that file. Pinning the threshold at 128 KiB keeps large buffers mmapped, which the
    kernel hands out zeroed. A no-op where glibc's mallopt is unavailable."""
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL("libc.so.6").mallopt(-3, 128 * 1024)  # M_MMAP_THRESHOLD


_zeroed_large_buffers()
_PATH_LOCKS: dict[str, threading.RLock] = {}
_PATH_LOCKS_GUARD = threading.Lock()


def lock_for(key: str) -> threading.RLock:
    """One lock per store location, shared by every MemoryStore opened on it in this process."""
    with _PATH_LOCKS_GUARD:
        return _PATH_LOCKS.setdefault(key, threading.RLock())


def guarded_errors() -> tuple[type[BaseException], ...]:
    from chromadb.errors import ChromaError

    errors: list[type[BaseException]] = [ChromaError, OSError]
    with contextlib.suppress(ImportError):
        import httpx

        errors.append(httpx.HTTPError)
    return tuple(errors)


def open_path(path: Path, recovery: str):
    import chromadb
    from chromadb.config import Settings

    if path.exists() and not path.is_dir():
        raise MemoryError(f"memory store path {path} is a file, not a directory: {recovery}")
    try:
        path.mkdir(parents=True, exist_ok=True)
        settings = Settings(anonymized_telemetry=False, allow_reset=False)
        return chromadb.PersistentClient(path=str(path), settings=settings)
    except Exception as exc:  # chroma surfaces sqlite/rust failures as many types
        raise MemoryError(
            f"cannot open the memory store at {path} ({exc}); it may be corrupt or in use "
            f"by another program: {recovery}"
        ) from exc


def open_url(url: str, recovery: str):
    import chromadb
    from chromadb.config import Settings

    parts = urlparse(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"memory url must look like http://host:port, got {url!r}")
    port = parts.port or (443 if parts.scheme == "https" else 8000)
    try:
        return chromadb.HttpClient(
            host=parts.hostname,
            port=port,
            ssl=parts.scheme == "https",
            settings=Settings(anonymized_telemetry=False),
        )
    except Exception as exc:
        raise MemoryError(f"cannot reach the Chroma server at {url} ({exc}): {recovery}") from exc


def scrub_log(location: str, user_id: str, ids: list[str]) -> None:
    """Chroma keeps every write in its log (embeddings_queue) until its vector segments have
    caught up, documents included, then prunes it. A forgotten user's text must not wait
    for that: blank the documents and metadata of their (already deleted) records in the log,
    then VACUUM so no freed page keeps a byte of it. Vectors stay until the log is pruned."""

    db = Path(location) / "chroma.sqlite3"
    ids = [*ids, user_id]
    conn = sqlite3.connect(str(db), timeout=30)
    try:
        for start in range(0, len(ids), 500):
            part = ids[start : start + 500]
            marks = ",".join("?" * len(part))
            conn.execute(
                f"UPDATE embeddings_queue SET metadata = '{{}}' WHERE id IN ({marks})", part
            )
        conn.commit()
        conn.execute("VACUUM")
    finally:
        conn.close()


def disk_full(exc: BaseException | None) -> bool:
    """ENOSPC anywhere in the chain, or sqlite's 'database or disk is full' from Chroma."""
    while exc is not None:
        if getattr(exc, "errno", None) == errno.ENOSPC or "disk is full" in str(exc).lower():
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def disk_full_advice(location: str) -> str:
    return (
        f"the disk holding {location} is full: free some space and try again "
        "(this change was not saved; everything saved before is intact)"
    )


class ChromaDB:
    """An embedded (path) or server (url) Chroma client whose failures become MemoryError naming
    the store and the way out."""

    def __init__(self, path: Path | None = None, url: str | None = None):
        if (path is None) == (url is None):
            raise ValueError("MemoryStore needs exactly one of path= (embedded) or url= (server)")
        self.location = str(Path(path).expanduser()) if path is not None else str(url)
        self.is_server = url is not None
        self._errors = guarded_errors()
        self._disk_was_full = False
        self.client = (
            open_url(url, self.recovery())
            if url
            else open_path(Path(self.location), self.recovery())
        )

    def recovery(self) -> str:
        if self.is_server:
            return f"check the Chroma server at {self.location} is running and reachable"
        return (
            f"move {self.location} aside (e.g. mv {self.location} {self.location}.broken); "
            "plural starts fresh, then import from your last export (plural import FILE)"
        )

    def collection(self, name: str, *, space: str):
        return self.client.get_or_create_collection(
            name,
            embedding_function=None,
            configuration={"hnsw": {"space": space}},
            metadata={"plural": 1},
        )

    @contextlib.contextmanager
    def guard(self, action: str) -> Iterator[None]:
        """Turn backend failures into MemoryError that names the store and the way out."""
        if self._disk_was_full:
            raise MemoryError(
                f"memory store at {self.location} stopped after its disk filled up: free some "
                "space, then restart plural (everything saved before is intact)"
            )
        try:
            yield
        except self._errors as exc:
            way_out = self.recovery()
            if disk_full(exc):
                # the embedded client can hang on its next call after a failed write: stop here
                self._disk_was_full = not self.is_server
                way_out = disk_full_advice(self.location)
            raise MemoryError(
                f"memory store at {self.location} failed to {action} ({exc}): {way_out}"
            ) from exc
