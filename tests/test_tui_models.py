"""Model servers in the app: found at start and offered, switched to only when the user picks one."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from textual.widgets import OptionList

from app.models import Server
from assistant.config import Settings
from tests.fake_session import FakeSession
from tests.pilot import SIZE, settle
from tui import PluralApp
from tuiparts import models as tui_models
from tuiparts.commands import COMMANDS
from tuiparts.models import ModelScreen

OLLAMA = Server("Ollama", "http://127.0.0.1:11434/v1", ("llama3.1", "qwen2.5"))


def notes(app: PluralApp) -> list[str]:
    return [n.message for n in app._notifications]


class Opened:
    """The app's `reopen`: a fake session per settings, recorded; `fail` makes the next one fail."""

    def __init__(self, store: Path) -> None:
        self.store = store
        self.settings: list[Settings] = []
        self.fail = False

    def __call__(self, settings: Settings) -> FakeSession:
        self.settings.append(settings)
        llm = settings.llm
        name = f"openai: {llm.model} at {llm.base_url}" if llm.backend == "openai" else "local"
        error = ConnectionError("cannot reach it") if self.fail else None
        self.fail = False
        return FakeSession(self.store, user_id=settings.user, model_name=name, load_error=error)


@pytest.fixture
def found(monkeypatch):
    servers = [OLLAMA]
    monkeypatch.setattr(tui_models, "settings_probe", lambda settings: list(servers))
    return servers


def make_app(tmp_path: Path) -> tuple[PluralApp, Opened, Path]:
    config = tmp_path / "config.toml"
    config.write_text("n_candidates = 2\n[llm]\nmax_tokens = 80\n")
    settings = Settings(user="alice", data_dir=tmp_path, config_path=config)
    opened = Opened(tmp_path / "store.json")
    session = opened(settings)
    app = PluralApp(session, export_dir=tmp_path, settings=settings, reopen=opened)
    return app, opened, config


async def test_a_server_found_at_start_is_offered_and_nothing_switches(tmp_path, found):
    app, opened, config = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        offer = [n for n in notes(app) if "Ollama runs on this machine (2 models)" in n]
        assert offer and "ctrl+p → Switch model" in offer[0]
        assert app.session.model_name == "local" and len(opened.settings) == 1
        assert config.read_text() == "n_candidates = 2\n[llm]\nmax_tokens = 80\n"


async def test_nothing_found_says_nothing(tmp_path, found):
    found.clear()
    app, _, _ = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert not [n for n in notes(app) if "runs on this machine" in n]


def test_the_palette_has_the_switch():
    assert any(action == "switch_model" for _, action, _ in COMMANDS)


async def pick(app: PluralApp, pilot, label_part: str) -> None:
    await app.run_action("switch_model")
    await settle(app, pilot)
    assert isinstance(app.screen, ModelScreen)
    options = app.screen.query_one(OptionList)
    labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
    assert labels[0] == "✔ embedded SmolLM2-135M (llama.cpp, in-process)"
    options.highlighted = next(i for i, text in enumerate(labels) if label_part in text)
    options.action_select()
    await settle(app, pilot)


async def test_picking_a_model_switches_at_once_and_saves_it(tmp_path, found):
    app, opened, config = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pick(app, pilot, "qwen2.5 · Ollama")
        llm = opened.settings[-1].llm
        assert (llm.backend, llm.base_url, llm.model) == ("openai", OLLAMA.base_url, "qwen2.5")
        assert opened.settings[-1].user == "alice"
        assert app.session.model_name.startswith("openai: qwen2.5") and app.ready
        assert "model: openai: qwen2.5" in app.sub_title
        assert any(n.startswith("now answering: qwen2.5") and str(config) in n for n in notes(app))
        saved = tomllib.loads(config.read_text())
        assert saved["n_candidates"] == 2 and saved["llm"]["max_tokens"] == 80
        assert saved["llm"]["model"] == "qwen2.5" and saved["llm"]["backend"] == "openai"
        app.query_one("#prompt").value = "hello"
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.session.sent == [("auto", "hello")], "the next turn goes to the new model"


async def test_a_switch_that_fails_keeps_the_old_model_and_saves_nothing(tmp_path, found):
    app, opened, config = make_app(tmp_path)
    before = config.read_text()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        opened.fail = True
        await pick(app, pilot, "llama3.1")
        assert opened.settings[-1].llm.backend == "local", "reopened what worked"
        assert app.session.model_name == "local" and app.ready
        assert any("cannot reach it" in n for n in notes(app))
        assert config.read_text() == before


async def test_without_settings_the_app_never_probes(tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(tui_models, "settings_probe", lambda s: calls.append(s) or [])
    app = PluralApp(FakeSession(tmp_path / "s.json"), export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await app.run_action("switch_model")
        await settle(app, pilot)
        assert calls == [] and not isinstance(app.screen, ModelScreen)
