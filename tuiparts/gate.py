"""Session calls from worker threads: FIFO ordering and one-line error messages."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager


class FifoGate:
    """Serialises session calls in the order they were asked for (a plain lock does not)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._issued = 0
        self._serving = 0

    def ticket(self) -> int:
        with self._cond:
            self._issued += 1
            return self._issued - 1

    @contextmanager
    def turn(self, ticket: int) -> Iterator[None]:
        with self._cond:
            self._cond.wait_for(lambda: self._serving == ticket)
        try:
            yield
        finally:
            with self._cond:
                self._serving += 1
                self._cond.notify_all()


def error_text(exc: BaseException) -> str:
    """One line a user can act on; never a traceback."""
    if isinstance(exc, ValueError | RuntimeError) and str(exc):
        return str(exc)
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
