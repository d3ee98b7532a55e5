"""Shared helpers of the Pilot tests: the app on a FakeSession, and waiting for it to settle."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from tests.fake_session import FakeSession
from tui import PluralApp

SIZE = (120, 40)


def make_app(tmp_path: Path, **kw) -> tuple[PluralApp, FakeSession]:
    """The app on a FakeSession stored in tmp_path (kw go to the FakeSession)."""
    session = FakeSession(tmp_path / "store.json", **kw)
    return PluralApp(session, export_dir=tmp_path / "exports"), session


async def settle(app: PluralApp, pilot, rounds: int = 8) -> None:
    """Wait for every session call and the UI updates they trigger."""
    for _ in range(rounds):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if not any(w.is_running for w in app.workers):
            return


async def say(app: PluralApp, pilot, text: str) -> None:
    """Type a message into the prompt, send it, and wait for the turn."""
    prompt = app.query_one("#prompt", Input)
    prompt.value = text
    prompt.focus()
    await pilot.press("enter")
    await settle(app, pilot)


def errors(app: PluralApp) -> list[str]:
    """The error notifications the app has shown."""
    return [n.message for n in app._notifications if n.severity == "error"]
