"""Live drafts: best-of-N candidates are shown while written and the ranked winner settles in place."""

from __future__ import annotations

import time
from pathlib import Path

from app.local_session import LocalSession
from assistant.config import Settings
from tests.fake_session import FakeSession
from tests.pilot import SIZE, settle
from tests.pilot import make_app as pilot_app
from tui import PluralApp
from tuiparts.chat import MessageBox, Transcript


def make_app(tmp_path: Path, **kw) -> tuple[PluralApp, FakeSession]:
    return pilot_app(tmp_path, drafts=True, **kw)


async def wait_until(pilot, condition, timeout: float = 10.0) -> None:
    end = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < end, "timed out"
        await pilot.pause(0.01)


def last_answer(app: PluralApp) -> MessageBox:
    return [b for b in app.query(MessageBox) if b.role != "user"][-1]


async def ask(app: PluralApp, pilot, text: str) -> None:
    app.query_one("#prompt").value = text
    app.query_one("#prompt").focus()
    await pilot.press("enter")


def record_renders(monkeypatch) -> list[tuple[str, str]]:
    """Every change to a filled answer box's text: ("append", piece) from the stream, or
    ("update", text) replacing it (the empty box's first render is not a change)."""
    seen: list[tuple[str, str]] = []
    append, update = MessageBox.append, MessageBox.update

    def logged_append(self, markdown):
        seen.append(("append", markdown))
        return append(self, markdown)

    def logged_update(self, markdown):
        if self.role != "user" and (markdown or self.source):
            seen.append(("update", markdown))
        return update(self, markdown)

    monkeypatch.setattr(MessageBox, "append", logged_append)
    monkeypatch.setattr(MessageBox, "update", logged_update)
    return seen


async def test_a_draft_is_on_screen_long_before_the_ranked_answer(tmp_path):
    app, session = make_app(tmp_path, token_delay=0.03)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await ask(app, pilot, "how do I sort a list?")
        await wait_until(pilot, lambda: last_answer(app).source)
        box = last_answer(app)
        assert app.busy, "a draft shows while the candidates are still being written"
        assert box.has_class("-draft")
        # under load the second draft can start a flush later than the first piece shows
        await wait_until(pilot, lambda: box.border_subtitle == "writing 2 drafts…")
        assert "Short answer".startswith(box.source[:12])
        assert not app.query_one("#thinking").display, "growing text replaces the spinner"
        await settle(app, pilot)
        assert not app.has_class("-streaming")
        assert box.source == "Short answer to how do I sort a list?"
        assert not box.has_class("-draft")
        assert box.border_subtitle == "best of 2 for you · ctrl+r why"
        assert app.timings["first_token"] < app.timings["answer"] - 0.1


async def test_a_different_winner_replaces_the_draft_in_one_update(tmp_path, monkeypatch):
    app, session = make_app(tmp_path, token_delay=0.01)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        session.set_alpha(0.0)  # the group's taste: the longer candidate (index 1) wins
        seen = record_renders(monkeypatch)
        await ask(app, pilot, "explain monads")
        await settle(app, pilot)
        winner = "A **longer** answer to explain monads, with detail."
        assert last_answer(app).source == winner
        appended = "".join(piece for kind, piece in seen if kind == "append")
        assert "Short answer to explain monads".startswith(appended) and appended
        assert [s for s in seen if s[0] == "update"] == [("update", winner)]
        assert "longer" not in appended, "the winner never streams over the draft"


async def test_a_winner_equal_to_the_shown_draft_changes_nothing_on_screen(tmp_path, monkeypatch):
    app, session = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        seen = record_renders(monkeypatch)
        await ask(app, pilot, "hello")
        await settle(app, pilot)
        assert last_answer(app).source == "Short answer to hello"
        assert all(kind == "append" for kind, _ in seen), seen


async def test_settling_does_not_move_a_reader_who_scrolled_up(tmp_path):
    app, session = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        for i in range(8):
            await ask(app, pilot, f"question number {i}")
            await settle(app, pilot)
        transcript = app.query_one(Transcript)
        assert transcript.max_scroll_y > 5
        session.token_delay = 0.03
        await ask(app, pilot, "one more")
        await wait_until(pilot, lambda: last_answer(app).source)
        transcript.scroll_to(y=2, animate=False, immediate=True)
        transcript.release_anchor()
        await settle(app, pilot)
        assert last_answer(app).source == "Short answer to one more"
        assert transcript.scroll_y == 2, "the winner settled without yanking the reader down"


async def test_a_reader_at_the_bottom_stays_at_the_bottom(tmp_path):
    app, session = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        session.set_alpha(0.0)  # a longer winner grows the box at settle
        for i in range(6):
            await ask(app, pilot, f"question number {i}")
            await settle(app, pilot)
        transcript = app.query_one(Transcript)
        await pilot.pause(0.1)
        assert transcript.max_scroll_y > 0
        assert transcript.scroll_y == transcript.max_scroll_y


async def test_one_candidate_streams_straight_into_the_answer(tmp_path, monkeypatch):
    app, session = make_app(tmp_path, token_delay=0.01)
    session.drafts = False
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        seen = record_renders(monkeypatch)
        await ask(app, pilot, "hello")
        await settle(app, pilot)
        assert "".join(p for k, p in seen if k == "append") == "Short answer to hello"
        assert not last_answer(app).has_class("-draft")


class _Graph:
    """Stands in for the compiled graph: replays custom events, then the final state."""

    def __init__(self, events: list[dict]) -> None:
        self.events = events

    def stream(self, state, config, *, context, stream_mode):
        for event in self.events:
            yield "custom", event
        yield "values", {"kind": "request", "answer": "B wins", "candidates": []}


def test_local_session_sends_drafts_to_on_draft_and_only_the_winner_to_on_token(tmp_path):
    session = LocalSession(Settings(data_dir=tmp_path), llm=object(), memory=object())
    session._graph = _Graph(
        [
            {"draft": 0, "token": "A "},
            {"draft": 1, "token": "B "},
            {"draft": 1, "token": "wins"},
            {"progress": "ranking"},
            {"token": "B wins"},
        ]
    )
    session._config = lambda: {}
    session._context = lambda: None
    drafts, tokens = [], []
    result = session._run({}, tokens.append, lambda i, t: drafts.append((i, t)))
    assert drafts == [(0, "A "), (1, "B "), (1, "wins")]
    assert tokens == ["B wins"] and result.answer == "B wins"
    tokens.clear()
    session._run({}, tokens.append)  # no on_draft: drafts are dropped, never shown as the answer
    assert tokens == ["B wins"]
