"""Snapshot tests of the main screens with the FakeSession (update with --snapshot-update)."""

from __future__ import annotations

from pathlib import Path

from tests.fake_session import FakeSession
from tui import PluralApp

SIZE = (120, 40)


def app_with_history(tmp_path: Path) -> PluralApp:
    session = FakeSession(tmp_path / "store.json")
    session.send("How do I **sort** a list in Python?")
    session.send("too long, use bullet points")
    session.answer_onboarding("q1", "b")
    return PluralApp(session, export_dir=tmp_path)


async def settle(pilot) -> None:
    pilot.app.query_one("#prompt").cursor_blink = False  # a blinking cursor makes snapshots flaky
    for _ in range(4):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def test_main_screen_with_feedback(snap_compare, tmp_path):
    async def run_before(pilot) -> None:
        await settle(pilot)
        pilot.app.query_one("#prompt").value = "more formal, please"
        await pilot.press("ctrl+f", "enter")
        await settle(pilot)

    assert snap_compare(app_with_history(tmp_path), terminal_size=SIZE, run_before=run_before)


def test_onboarding_screen(snap_compare, tmp_path):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)

    assert snap_compare(app_with_history(tmp_path), terminal_size=SIZE, run_before=run_before)


def test_why_screen_without_prior(snap_compare, tmp_path):
    session = FakeSession(tmp_path / "store.json", prior_loaded=False)

    async def run_before(pilot) -> None:
        await settle(pilot)
        pilot.app.query_one("#prompt").value = "hello"
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)

    app = PluralApp(session, export_dir=tmp_path)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_ranked_answer_settled_with_its_mark(snap_compare, tmp_path):
    session = FakeSession(tmp_path / "store.json", drafts=True)

    async def run_before(pilot) -> None:
        await settle(pilot)
        pilot.app.query_one("#prompt").value = "How do I sort a list?"
        await pilot.press("enter")
        await settle(pilot)

    app = PluralApp(session, export_dir=tmp_path)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
