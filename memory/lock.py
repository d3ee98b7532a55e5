"""One running plural per data dir: an advisory, non-blocking flock on <data_dir>/plural.lock."""

from __future__ import annotations

import contextlib
import fcntl
import os
import threading
from pathlib import Path

LOCK_NAME = "plural.lock"
_HELD: dict[str, list[int]] = {}
"""Lock file -> [fd, holders] for this process: sessions in one process share the data dir (a
server serving many users); only other processes are kept out."""
_HELD_GUARD = threading.Lock()


class AlreadyRunning(RuntimeError):
    """Another plural process holds the data dir; the message names it and the way out."""


class DataDirError(RuntimeError):
    """The data dir cannot be used (not writable, not a directory); the message says how to fix it."""


def _holder_pid(path: Path) -> str:
    with contextlib.suppress(OSError, ValueError):
        text = path.read_text(encoding="ascii").strip()
        if text.isdigit():
            return text
    return "unknown"


class DataDirLock:
    """Held from acquire() until release() or process exit (the kernel drops it, even on SIGKILL)."""

    def __init__(self, data_dir: Path):
        self.data_dir = Path(data_dir).expanduser().absolute()
        self.path = self.data_dir / LOCK_NAME
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> DataDirLock:
        """Take the lock or raise AlreadyRunning / DataDirError at once (never waits)."""
        if self._fd is not None:
            return self
        key = os.path.realpath(self.path)
        with _HELD_GUARD:
            if key in _HELD:
                _HELD[key][1] += 1
                self._fd = _HELD[key][0]
                return self
            self._fd = self._lock_file()
            _HELD[key] = [self._fd, 1]
        return self

    def _lock_file(self) -> int:
        fd = self._open()
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise AlreadyRunning(
                f"plural is already running on {self.data_dir} (pid {_holder_pid(self.path)}); "
                "close it or use --data-dir"
            ) from None
        except OSError as exc:
            os.close(fd)
            raise DataDirError(f"cannot lock {self.path} ({exc.strerror}): {_fix(self)}") from None
        self._write_pid(fd)
        return fd

    def _open(self) -> int:
        if self.data_dir.exists() and not self.data_dir.is_dir():
            raise DataDirError(f"data dir {self.data_dir} is a file, not a directory: {_fix(self)}")
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            return os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError as exc:
            raise DataDirError(
                f"cannot write to the data dir {self.data_dir} ({exc.strerror}): {_fix(self)}"
            ) from None

    @staticmethod
    def _write_pid(fd: int) -> None:
        with contextlib.suppress(OSError):  # the pid is only for the message; a full disk is fine
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)

    def release(self) -> None:
        """Drop the lock (idempotent); the file stays, so a racing opener never locks a ghost."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        key = os.path.realpath(self.path)
        with _HELD_GUARD:
            held = _HELD.get(key)
            if held is not None and held[0] == fd:
                held[1] -= 1
                if held[1] > 0:
                    return
                del _HELD[key]
            with contextlib.suppress(OSError):
                fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    def __enter__(self) -> DataDirLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


def _fix(lock: DataDirLock) -> str:
    return (
        f"make {lock.data_dir} writable (check its owner, permissions, free space and that its disk "
        "is not mounted read-only) or use --data-dir / $PLURAL_DATA_DIR to pick another"
    )
