"""The Textual app: chat with streamed Markdown answers, feedback, preference panel, α slider, users."""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events, on
from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.widgets import Button, Footer, Header, Input

from app.session import Session, SummaryVersionView, TurnResult
from tuiparts.chat import Transcript, UnderstoodCard
from tuiparts.commands import KEYS, PluralCommands
from tuiparts.confirm import ConfirmScreen
from tuiparts.gate import Done, Failed, SessionCalls, error_text
from tuiparts.models import ModelSwitch, Reopen
from tuiparts.onboarding import ask_next
from tuiparts.panel import NO_PRIOR, PanelState, PreferencePanel
from tuiparts.prompt import PromptInput, redirect_typing
from tuiparts.status import StatusBar
from tuiparts.style import CSS as APP_CSS
from tuiparts.userdata import export_file, forgot_text
from tuiparts.users import UserScreen
from tuiparts.why import WhyScreen

if TYPE_CHECKING:
    from assistant.config import Settings

ALPHA_STEP = 0.1


class PluralApp(App[None]):
    """The chat UI. Talks only to the Session facade; every session call runs in a thread worker."""

    TITLE = "plural"
    CSS = APP_CSS
    COMMANDS = App.COMMANDS | {PluralCommands}
    BINDINGS = KEYS

    busy: reactive[bool] = reactive(False)
    """A turn is in flight: input locked, thinking indicator shown."""
    ready: reactive[bool] = reactive(False)
    """The model finished loading."""
    feedback_mode: reactive[bool] = reactive(False)
    """The next message is feedback on the last answer (mode="feedback")."""
    alpha: reactive[float] = reactive(0.5)
    """The slider, 0 = group … 1 = personal; mirrors session.alpha."""

    def __init__(
        self,
        session: Session,
        *,
        export_dir: Path,
        pick_user: bool = False,
        settings: Settings | None = None,
        reopen: Reopen | None = None,
    ) -> None:
        """`settings` and `reopen` (open a session for them) enable switching model servers."""
        super().__init__()
        self.session = session
        self.export_dir = export_dir
        self.pick_user = pick_user
        self.last_result: TurnResult | None = None
        self.load_error: str | None = None
        self.timings: dict[str, float] = {}
        self._calls = SessionCalls(self)
        self._models = ModelSwitch(self, settings, reopen)
        self._alpha_target = 0.5

    # layout ------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            with Vertical(id="chat"):
                yield Transcript(id="transcript")
                yield StatusBar(id="status")
                yield PromptInput()
            yield PreferencePanel(id="panel")
        yield Footer()

    def on_mount(self) -> None:
        self.timings["mounted"] = time.perf_counter()
        self._show_who()
        self.query_one(PromptInput).focus()
        self._show_alpha()
        self.call_after_refresh(lambda: self.timings.setdefault("first_paint", time.perf_counter()))
        self.run_session(self._load, done=self._loaded, failed=self._load_failed)
        self._models.probe()

    # session calls ---------------------------------------------------------------------
    def run_session(
        self, fn: Callable[[], Any], *, done: Done | None = None, failed: Failed | None = None
    ) -> None:
        """fn in a worker, after earlier calls; the outcome to `done`/`failed` on the UI thread."""
        self._calls.run(fn, done=done, failed=failed or self.notify_error)

    def notify_error(self, exc: BaseException) -> None:
        self.notify(error_text(exc), title="Error", severity="error", timeout=8)

    # loading -----------------------------------------------------------------------------
    def _load(self) -> list[dict]:
        self.session.load(self.progress_from_worker)
        return self.session.transcript()

    def progress_from_worker(self, label: str, fraction: float) -> None:
        """A load step, reported from a worker thread."""
        self._calls.back(lambda _: self._progress(label, fraction), None)

    def _progress(self, label: str, fraction: float) -> None:
        self.query_one(StatusBar).show_loading(label, fraction, queued=self.busy)

    async def _loaded(self, transcript: list[dict]) -> None:
        self.timings["model_ready"] = time.perf_counter()
        self.ready = True
        await self.query_one(Transcript).restore(transcript, keep_current=True)
        self.refresh_all()
        if self.pick_user:
            self.run_session(
                self.session.users, done=lambda users: self._offer_users(users, unless_alone=True)
            )

    def _load_failed(self, exc: BaseException) -> None:
        self.load_error = error_text(exc)
        self.query_one(StatusBar).show_load_failed(self.load_error)
        self.notify_error(exc)

    def watch_ready(self, ready: bool) -> None:
        self.query_one(StatusBar).show_progress_bar(not ready and not self.load_error)
        if ready:
            self._show_who()
            self._show_state()

    def _show_who(self) -> None:
        """Who is talking and to which model, in the title bar: a wrong user shows at a glance."""
        model = self.session.model_name if self.ready else "loading…"
        self.sub_title = f"user: {self.session.user_id} · model: {model}"

    def watch_busy(self, busy: bool) -> None:
        self.set_class(busy, "-busy")
        self.remove_class("-streaming")
        self.query_one(PromptInput).disabled = busy
        self._show_state()
        if not busy:
            self.query_one(PromptInput).focus()

    def _show_state(self) -> None:
        status = self.query_one(StatusBar)
        status.show_phase(busy=self.busy, ready=self.ready, feedback=self.feedback_mode)

    # refresh -----------------------------------------------------------------------------
    def refresh_all(self) -> None:
        """Re-read α, summary, history and standing from the session (after any change)."""
        self.run_session(lambda: PanelState.read(self.session), done=self._show_panel)

    def _show_panel(self, state: PanelState) -> None:
        self._alpha_target = state.alpha
        self.alpha = state.alpha
        self.query_one(PreferencePanel).show(state)
        self._show_alpha()
        self._show_who()

    def watch_alpha(self) -> None:
        self._show_alpha()

    def _show_alpha(self) -> None:
        if not self.is_mounted:
            return
        prior = self.session.prior_loaded or not self.ready
        self.query_one(StatusBar).show_alpha(self.alpha, "" if prior else NO_PRIOR)
        self.query_one(PreferencePanel).show_alpha(self.alpha, prior)

    # chat --------------------------------------------------------------------------------
    @on(Input.Submitted, "#prompt")
    async def send_prompt(self, event: Input.Submitted) -> None:
        text = event.value
        if not text.strip():
            self.notify("type a message first", severity="warning")
        elif self.load_error:
            error = f"the model is not loaded ({self.load_error}); fix that and restart"
            self.notify(error, severity="error")
        elif not self.busy:
            await self.start_turn(text, "feedback" if self.feedback_mode else "auto")

    def _answer_visible(self) -> None:
        """Text is growing on screen: it shows the work, so the spinner (redrawn 16 times a
        second, which the model's decoding loop pays for) stops."""
        self.timings.setdefault("first_token", time.perf_counter())
        self.add_class("-streaming")

    async def start_turn(self, text: str, mode: str) -> None:
        self.busy = True
        stamp = self.timings
        for key in ("first_token", "answer"):
            stamp.pop(key, None)
        turn = await self.query_one(Transcript).begin_turn(
            text,
            feedback=mode == "feedback",
            seen=self._answer_visible,
        )
        stamp["turn_start"] = time.perf_counter()

        async def done(result: TurnResult) -> None:
            await turn.finish(result)
            stamp["answer"] = time.perf_counter()
            if result.candidates:
                self.last_result = result
            self.query_one(PromptInput).value = ""
            self.feedback_mode = False
            self.busy = False
            self.refresh_all()

        async def failed(exc: BaseException) -> None:
            await turn.drop()
            self.busy = False
            self.notify_error(exc)

        def send() -> TurnResult:
            feed = {"on_token": turn.feed_token, "on_draft": turn.feed_draft}
            return self.session.send(text, mode=mode, **feed)

        self.run_session(send, done=done, failed=failed)

    # feedback ----------------------------------------------------------------------------
    def action_toggle_feedback(self) -> None:
        self.feedback_mode = not self.feedback_mode

    def watch_feedback_mode(self, on: bool) -> None:
        self.query_one(PromptInput).set_feedback_mode(on)
        self._show_state()

    def action_thumbs(self, up: bool) -> None:
        async def done(result: TurnResult) -> None:
            await self.query_one(Transcript).add(UnderstoodCard(result))
            self.notify("noted: 👍" if up else "noted: 👎")
            self.refresh_all()

        self.run_session(lambda: self.session.thumbs(up), done=done)

    # panel -------------------------------------------------------------------------------
    def action_toggle_panel(self) -> None:
        panel = self.query_one(PreferencePanel)
        panel.display = not panel.display

    @on(PreferencePanel.SaveRequested)
    def save_summary(self, event: PreferencePanel.SaveRequested) -> None:
        self.run_session(lambda: self.session.edit_summary(event.text), done=self._summary_saved)

    def action_save_summary(self) -> None:
        if self.query_one(PreferencePanel).display:
            self.query_one("#save", Button).press()

    @on(PreferencePanel.UndoRequested)
    def undo_summary(self) -> None:
        self.run_session(
            self.session.undo_summary, done=lambda v: self._summary_saved(v, "restored")
        )

    def _summary_saved(
        self, version: SummaryVersionView | None, what: str = "summary saved"
    ) -> None:
        self.notify(
            "nothing to undo" if version is None else f"{what} as version {version.version}"
        )
        self.refresh_all()

    def action_alpha(self, direction: int) -> None:
        target = round(min(1.0, max(0.0, self._alpha_target + direction * ALPHA_STEP)), 1)
        self._alpha_target = target
        self.alpha = target

        def done(stored: float) -> None:
            if stored == self._alpha_target:
                self.alpha = stored
                self.run_session(self.session.rerank, done=reranked)  # the kept answers, at once

        def reranked(r: Any) -> None:
            if r.alpha == self._alpha_target:  # not overtaken by a newer move of the slider
                self.query_one(StatusBar).show_alpha(r.alpha, r.note)
                self.query_one(Transcript).show_repick(r)

        self.run_session(lambda: self.session.set_alpha(target), done=done)

    def action_why(self) -> None:
        if self.last_result is None or not self.last_result.candidates:
            self.notify("no ranked answer yet: ask something first", severity="warning")
            return
        self.push_screen(WhyScreen(self.last_result, self.alpha))

    def action_leave_prompt(self) -> None:
        if self.focused is self.query_one(PromptInput):
            self.query_one(Transcript).focus()

    def on_key(self, event: events.Key) -> None:
        redirect_typing(self, self.query_one(PromptInput), event)

    def action_switch_model(self) -> None:
        self._models.choose()

    def action_toggle_dark(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    # onboarding --------------------------------------------------------------------------
    def action_onboarding(self) -> None:
        self.run_session(self.session.onboarding_question, done=lambda q: ask_next(self, q))

    # users and data ----------------------------------------------------------------------
    def action_switch_user(self) -> None:
        self.run_session(self.session.users, done=self._offer_users)

    def _offer_users(self, users: list[str], *, unless_alone: bool = False) -> None:
        """The user picker; `unless_alone` (at start): only when someone else has memory here."""
        if not unless_alone or [u for u in users if u != self.session.user_id]:
            self.push_screen(UserScreen(users, self.session.user_id), self._switch_to)

    def _switch_to(self, user_id: str | None) -> None:
        if not user_id or user_id == self.session.user_id:
            return

        def switch() -> list[dict]:
            self.session.switch_user(user_id)
            return self.session.transcript()

        self.run_session(
            switch, done=lambda messages: self._restart(messages, f"now talking with {user_id}")
        )

    async def _restart(self, transcript: list[dict], note: str) -> None:
        """Show another (or an emptied) conversation after a switch, new chat or forget."""
        self.last_result = None
        self._show_who()
        await self.query_one(Transcript).restore(transcript)
        self.notify(note, timeout=12)
        self.refresh_all()

    def action_new_conversation(self) -> None:
        self.run_session(
            self.session.new_conversation, done=lambda _: self._restart([], "new conversation")
        )

    def action_export(self) -> None:
        user = self.session.user_id

        def export() -> Path:
            return export_file(self.export_dir, user, self.session.export())

        self.run_session(
            export, done=lambda path: self.notify(f"memory exported to {path}", timeout=12)
        )

    def action_forget(self) -> None:
        user = self.session.user_id

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return

            self.run_session(
                self.session.forget,
                done=lambda counts: self._restart([], forgot_text(user, counts)),
            )

        self.push_screen(
            ConfirmScreen(f"Forget everything remembered about {user}? This cannot be undone."),
            confirmed,
        )

    def on_unmount(self) -> None:
        close = getattr(self.session, "close", None)
        if callable(close):
            with suppress(Exception):  # closing is best effort at exit
                close()


def run_tui(settings: Settings, session: Session | None = None) -> None:
    """Start the app; without a session, open the real one (heavy parts load in a worker)."""
    from app.local_session import open_session

    exports, pick = settings.data_dir / "exports", settings.user == "default"
    session = session or open_session(settings)
    PluralApp(
        session, export_dir=exports, pick_user=pick, settings=settings, reopen=open_session
    ).run()


def main(argv: list[str] | None = None) -> int:
    """The `plural` console script: the CLI lives in app.cli; the Textual app is handed to it."""
    from app.cli import main as cli_main

    return cli_main(argv, run_tui=run_tui)


if __name__ == "__main__":
    raise SystemExit(main())
