"""Pilot tests of the Textual app against the in-memory FakeSession: what a user sees and keeps."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, TextArea

from app.session import SummaryVersionView
from tests.fake_session import FakeSession
from tests.pilot import SIZE, errors, make_app, say, settle
from tui import PluralApp
from tuiparts.chat import MessageBox, UnderstoodCard
from tuiparts.confirm import ConfirmScreen
from tuiparts.gate import FifoGate
from tuiparts.panel import (
    TEXT_WIDTH,
    history_text,
    short_time,
    standing_text,
)
from tuiparts.userdata import forgot_text
from tuiparts.users import UserScreen
from tuiparts.why import WhyScreen


def boxes(app: PluralApp, role: str) -> list[str]:
    return [b.source for b in app.query(MessageBox) if b.role == role]


async def test_streamed_answer_is_shown_and_input_cleared(tmp_path):
    app, session = make_app(tmp_path, token_delay=0.001)
    tokens: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert app.ready and session.loads == 1
        original_send = session.send
        session.send = lambda text, **kw: original_send(
            text, **{**kw, "on_token": lambda t: (tokens.append(t), kw["on_token"](t))}
        )
        await say(app, pilot, "how do I sort a list?")
        assert boxes(app, "user") == ["how do I sort a list?"]
        assert boxes(app, "assistant") == ["Short answer to how do I sort a list?"]
        assert len(tokens) > 1, "the answer should arrive in several streamed pieces"
        assert app.query_one("#prompt", Input).value == ""
        assert not app.busy


async def test_failing_backend_keeps_text_and_shows_error(tmp_path):
    app, session = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        session.fail_next = True
        await say(app, pilot, "please keep this text")
        assert app.query_one("#prompt", Input).value == "please keep this text"
        assert any("unreachable" in e and "start the server" in e for e in errors(app))
        assert boxes(app, "user") == [] and session.transcript() == []
        assert not app.busy and not app.query_one("#prompt", Input).disabled
        await pilot.press("enter")  # retry succeeds and only then clears
        await settle(app, pilot)
        assert app.query_one("#prompt", Input).value == ""
        assert boxes(app, "user") == ["please keep this text"]


async def test_bad_input_is_refused_without_traceback(tmp_path):
    app, session = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await say(app, pilot, "x" * 3000)
        assert any("limit" in e for e in errors(app))
        assert app.query_one("#prompt", Input).value == "x" * 3000
        await say(app, pilot, "   ")
        assert session.sent == []


async def test_natural_correction_updates_summary_panel(tmp_path):
    app, session = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await say(app, pilot, "explain monads")
        await say(app, pilot, "too long, use bullet points")
        assert session.sent[-1] == ("auto", "too long, use bullet points")
        card = app.query_one(UnderstoodCard)
        shown = str(card.render())
        assert "negative" in shown and "+ - too long, use bullet points" in shown
        assert boxes(app, "revision") == ["Revised, following *too long, use bullet points*."]
        assert "use bullet points" in app.query_one("#summary-edit", TextArea).text
        assert "v1" in str(app.query_one("#history").render())


async def test_feedback_mode_key_sends_mode_feedback(tmp_path):
    app, session = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await say(app, pilot, "hello")
        await pilot.press("ctrl+f")
        assert app.feedback_mode and app.query_one("#prompt").has_class("-feedback")
        await say(app, pilot, "more formal")
        assert session.sent[-1] == ("feedback", "more formal")
        assert not app.feedback_mode, "feedback mode ends after one correction"


async def test_thumbs_keys_record_sign(tmp_path):
    app, session = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+g")
        await settle(app, pilot)
        assert any("nothing to rate" in e for e in errors(app))
        await say(app, pilot, "hello")
        await pilot.press("ctrl+b")
        await settle(app, pilot)
        assert "negative" in str(app.query(UnderstoodCard).last().render())


async def test_why_view_lists_candidate_scores(tmp_path):
    app, _ = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+r")
        assert any("no ranked answer" in n.message for n in app._notifications)
        await say(app, pilot, "hello")
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, WhyScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 2
        assert table.get_row_at(0)[0] == "✔"
        await pilot.press("escape")
        assert not isinstance(app.screen, WhyScreen)


async def test_switch_user_swaps_conversation_and_alpha(tmp_path):
    app, session = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await say(app, pilot, "hello from default")
        await pilot.press("escape", "right_square_bracket")
        await pilot.press("f8")
        await settle(app, pilot)
        assert isinstance(app.screen, UserScreen)
        app.screen.query_one("#user-name", Input).value = "bob"
        app.screen.query_one("#user-name", Input).focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert session.user_id == "bob" and boxes(app, "user") == []
        assert app.alpha == pytest.approx(0.5)
        assert "user: bob" in app.sub_title and "default" not in app.sub_title
        assert f"model: {session.model_name}" in app.sub_title
        await say(app, pilot, "hello from bob")
    session2 = FakeSession(tmp_path / "store.json", user_id="default")
    assert [m["content"] for m in session2.transcript()][0] == "hello from default"
    assert session2.alpha == pytest.approx(0.6)


async def test_transcript_restored_on_start_and_new_conversation_clears(tmp_path):
    FakeSession(tmp_path / "store.json").send("remember me")
    app, session = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert boxes(app, "user") == ["remember me"]
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        assert boxes(app, "user") == [] and session.transcript() == []


async def test_forget_asks_first_and_says_what_went(tmp_path):
    app, session = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await say(app, pilot, "hello")
        await say(app, pilot, "shorter please")
        app.action_forget()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(app, pilot)
        assert session.transcript() != []
        app.action_forget()
        await pilot.pause()
        await pilot.press("y")
        await settle(app, pilot)
        assert session.transcript() == [] and boxes(app, "user") == []
        said = "forgot default: 1 statement, 1 summary version, 1 profile, 1 conversation"
        assert any(n.message == said for n in app._notifications)


async def test_export_from_command_palette_writes_json(tmp_path):
    app, _ = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await say(app, pilot, "hello")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"export mem")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(app, pilot)
        files = list((tmp_path / "exports").glob("default-*.json"))
        assert len(files) == 1 and "hello" in files[0].read_text()
        assert json.loads(files[0].read_text())["conversations"][0]["messages"][0] == {
            "role": "user",
            "content": "hello",
        }
        assert [f.name for f in (tmp_path / "exports").iterdir()] == [files[0].name], "no temp file"
        assert any(str(files[0]) in n.message for n in app._notifications)


async def test_export_cut_off_mid_write_leaves_no_torn_file(tmp_path, monkeypatch):
    app, _ = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await say(app, pilot, "hello")

        def torn_write(path: Path, text: str, *args, **kwargs) -> int:
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(text[: len(text) // 2])
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(Path, "write_text", torn_write)
        app.action_export()
        await settle(app, pilot)
        monkeypatch.undo()
        assert list((tmp_path / "exports").glob("default-*.json")) == [], "whole or absent"
        assert any("No space left" in e for e in errors(app))


async def test_title_bar_names_user_and_model_from_the_start(tmp_path):
    app, session = make_app(tmp_path, load_delay=0.5)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.sub_title == "user: default · model: loading…"
        await settle(app, pilot)
        assert app.sub_title == "user: default · model: fake: deterministic"


async def test_theme_toggle(tmp_path):
    app, _ = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        before = app.theme
        await pilot.press("ctrl+t")
        assert app.theme != before


async def test_ui_paints_before_model_is_ready_and_queues_input(tmp_path):
    app, session = make_app(tmp_path, load_delay=3.0)  # outlasts a busy machine
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not app.ready and app.query_one("#load-progress").display
        assert "loading" in str(app.query_one("#state").render())
        prompt = app.query_one("#prompt", Input)
        prompt.value = "early question"
        await pilot.press("enter")
        assert app.busy and "sent when the model is ready" in str(app.query_one("#state").render())
        await settle(app, pilot)
        assert app.ready and not app.query_one("#load-progress").display
        assert boxes(app, "assistant") == ["Short answer to early question"]


async def test_load_failure_is_shown_and_text_kept(tmp_path):
    from assistant.llm.base import LLMError

    err = LLMError("model file missing", hint="run make install")
    app, session = make_app(tmp_path, load_error=err)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert any("model file missing — run make install" in e for e in errors(app))
        assert "failed to load" in str(app.query_one("#state").render())
        await say(app, pilot, "hello?")
        assert app.query_one("#prompt", Input).value == "hello?" and session.sent == []


async def test_user_picker_at_start_when_others_exist(tmp_path):
    FakeSession(tmp_path / "store.json", user_id="carol").send("carol was here")
    session = FakeSession(tmp_path / "store.json")
    app = PluralApp(session, export_dir=tmp_path, pick_user=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, UserScreen)
        await pilot.press("enter")  # first option: carol
        await settle(app, pilot)
        assert session.user_id == "carol" and boxes(app, "user") == ["carol was here"]


async def test_palette_offers_every_app_command(tmp_path):
    from tuiparts.commands import COMMANDS, PluralCommands

    app, _ = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        provider = PluralCommands(app.screen)
        hits = [h.text async for h in provider.discover()]
        assert hits == [name for name, _, _ in COMMANDS]
        for _, action, _ in COMMANDS:
            assert hasattr(app, "action_" + action.split("(")[0]), action


def test_forgot_text_counts_by_kind():
    counts = {"statements": 3, "summary versions": 2, "profiles": 1, "conversations": 2}
    assert (
        forgot_text("alice", counts)
        == "forgot alice: 3 statements, 2 summary versions, 1 profile, 2 conversations"
    )
    assert forgot_text("bob", {}) == "forgot bob: nothing was stored"
    assert "group prior not loaded" in str(standing_text([]))
    assert short_time("2026-11-28T00:58:03.287+00:00") == "2026-11-28 00:58"
    long_cause = SummaryVersionView(1, "2026-11-28 00:58", "x", "From now on " * 8, "directive")
    lines = str(history_text([long_cause])).splitlines()
    assert len(lines) == 2 and len(lines[1]) <= TEXT_WIDTH and lines[1].endswith("…")
    assert short_time("yesterday") == "yesterday"


def test_fifo_gate_serves_in_ticket_order():
    import threading

    gate, order = FifoGate(), []
    tickets = [gate.ticket() for _ in range(5)]

    def run(t: int) -> None:
        with gate.turn(t):
            order.append(t)

    threads = [threading.Thread(target=run, args=(t,)) for t in reversed(tickets)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(timeout=5)
    assert order == tickets
