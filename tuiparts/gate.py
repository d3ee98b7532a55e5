"""Session calls from worker threads: FIFO ordering, results back on the UI thread, one-line errors."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import Any

from textual.app import App

Done = Callable[[Any], Any]
Failed = Callable[[BaseException], Any]


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


class SessionCalls:
    """Runs session calls in thread workers of `app`, one at a time in the order they were asked
    for (the session is not thread-safe, and a turn must see the α set just before it)."""

    def __init__(self, app: App) -> None:
        self.app = app
        self._gate = FifoGate()

    def run(
        self,
        fn: Callable[[], Any],
        *,
        done: Done | None,
        failed: Failed,
    ) -> None:
        ticket = self._gate.ticket()

        def job() -> None:
            with self._gate.turn(ticket):
                try:
                    result = fn()
                except Exception as exc:  # the boundary: everything the session raises is shown
                    self.back(failed, exc)
                    return
            if done is not None:
                self.back(done, result)

        self.app.run_worker(job, thread=True, group="session", exit_on_error=False)

    def back(self, callback: Callable[[Any], Any], value: Any) -> None:
        """Call `callback(value)` on the UI thread (from a worker)."""
        with suppress(RuntimeError):  # the app closed while the call ran
            self.app.call_from_thread(callback, value)


def error_text(exc: BaseException) -> str:
    """One line a user can act on; never a traceback."""
    if isinstance(exc, ValueError | RuntimeError) and str(exc):
        return str(exc)
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
