"""Switch model: servers found on this machine are offered (never switched to silently); the one
picked answers at once and is saved in the config file."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList

from app.models import (
    KNOWN_PORTS,
    ModelChoice,
    Server,
    applied,
    choices,
    current,
    same,
    save_choice,
    settings_probe,
)
from app.session import Session

if TYPE_CHECKING:
    from assistant.config import Settings

Reopen = Callable[["Settings"], Session]
"""Opens a session for settings (the app's own: app.local_session.open_session)."""
NONE_FOUND = (
    "No model server answered on this machine ("
    + ", ".join(f"{name} :{port}" for port, name in KNOWN_PORTS)
    + ")."
)


def found_text(servers: list[Server], using: ModelChoice) -> str | None:
    """The start-up notice: what runs here that is not already answering; None if nothing new."""
    new = [c for c in choices(servers)[1:] if not same(c, using)]
    if not new:
        return None
    names = " and ".join(dict.fromkeys(s.name for s in servers))
    models = f"{len(new)} model{'s' if len(new) != 1 else ''}"
    return f"{names} runs on this machine ({models}). To answer with it: ctrl+p → Switch model"


class ModelScreen(ModalScreen[ModelChoice | None]):
    """Pick the model that answers: the embedded one or one a local server lists."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, options: list[ModelChoice], using: ModelChoice, config: Path) -> None:
        super().__init__()
        self.options = options
        self.using = using
        self.config = config

    def compose(self) -> ComposeResult:
        labels = [("✔ " if same(c, self.using) else "  ") + c.label for c in self.options]
        with Vertical(id="dialog", classes="models"):
            yield Label(f"Which model answers? (now: {self.using.label})", classes="heading")
            yield OptionList(*labels, id="model-list")
            if len(self.options) < 2:
                yield Label(NONE_FOUND, classes="hint")
            yield Label(
                f"Your choice answers at once and is saved in {self.config}", classes="hint"
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.options[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)


class ModelSwitch:
    """The app's model choice: a background probe at start, the picker, the switch. Without
    settings and a way to reopen the session (tests with a fake session) it stays quiet."""

    def __init__(self, app: Any, settings: Settings | None, reopen: Reopen | None) -> None:
        self.app = app
        self.settings = settings
        self.reopen = reopen
        self.servers: list[Server] | None = None

    def probe(self, then: Callable[[list[Server]], None] | None = None) -> None:
        """Probe loopback in a thread worker (it touches no session, so it does not queue)."""
        if self.settings is None or self.reopen is None:
            return
        settings, then = self.settings, then or self._announce

        def run() -> None:
            servers = settings_probe(settings)
            with suppress(RuntimeError):  # the app closed meanwhile
                self.app.call_from_thread(then, servers)

        self.app.run_worker(run, thread=True, group="probe", exit_on_error=False)

    def _announce(self, servers: list[Server]) -> None:
        self.servers = servers
        assert self.settings is not None
        text = found_text(servers, current(self.settings))
        if text:
            self.app.notify(text, title="Model server found", timeout=20)

    def choose(self) -> None:
        """Look again (a server may have started since) and offer what is there."""
        if self.settings is None or self.reopen is None:
            self.app.notify("switching models needs plural's own session", severity="warning")
            return
        self.probe(then=self._offer)

    def _offer(self, servers: list[Server]) -> None:
        assert self.settings is not None
        self.servers = servers
        screen = ModelScreen(choices(servers), current(self.settings), self.settings.config_path)
        self.app.push_screen(screen, self._chosen)

    def _chosen(self, choice: ModelChoice | None) -> None:
        assert self.settings is not None and self.reopen is not None
        if choice is None:
            return
        if same(choice, current(self.settings)):
            self.app.notify(f"{choice.label} already answers")
            return
        app, reopen, before = self.app, self.reopen, self.settings
        user = app.session.user_id
        after = dataclasses.replace(applied(before, choice), user=user)

        def open_loaded(settings: Settings) -> Session:
            session = reopen(settings)
            session.load(app.progress_from_worker)
            app.session = session  # before the next queued call runs
            return session

        def switch() -> str:
            close = getattr(app.session, "close", None)
            if callable(close):
                close()
            try:
                open_loaded(after)
            except Exception:
                open_loaded(dataclasses.replace(before, user=user))  # back to what worked
                raise
            try:
                return f"saved in {save_choice(after.config_path, choice)}"
            except (OSError, ValueError) as exc:
                return f"not saved: {exc}"

        def done(saved: str) -> None:
            self.settings = after
            app.ready = True
            app.refresh_all()
            app.notify(f"now answering: {choice.label} ({saved})", timeout=12)

        def failed(exc: BaseException) -> None:
            app.ready = True
            app.notify_error(exc)

        app.ready = False
        app.run_session(switch, done=done, failed=failed)
