"""The Textual app: chat with streamed Markdown answers, feedback, preference panel, α slider, users."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events, on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.widgets import (
    Footer,
    Header,
    Input,
    Label,
    LoadingIndicator,
    Markdown,
    ProgressBar,
    TextArea,
)

from app.session import Session, TurnResult
from tuiparts.chat import MessageBox, NoteLine, PromptInput, Transcript, UnderstoodCard
from tuiparts.commands import PluralCommands
from tuiparts.gate import FifoGate, error_text
from tuiparts.panel import NO_PRIOR, PanelState, PreferencePanel
from tuiparts.screens import ConfirmScreen, OnboardingScreen, UserScreen, WhyScreen
from tuiparts.style import CSS as APP_CSS

if TYPE_CHECKING:
    from assistant.config import Settings

ALPHA_STEP = 0.1
Done = Callable[[Any], Any]
Failed = Callable[[BaseException], Any]


class PluralApp(App[None]):
    """The chat UI. Talks only to the Session facade; every session call runs in a thread worker."""

    TITLE = "plural"
    CSS = APP_CSS
    COMMANDS = App.COMMANDS | {PluralCommands}
    BINDINGS = [
        Binding("ctrl+f", "toggle_feedback", "Feedback mode", priority=True),
        Binding("ctrl+g", "thumbs(True)", "👍", priority=True),
        Binding("ctrl+b", "thumbs(False)", "👎", priority=True),
        Binding("left_square_bracket", "alpha(-1)", "α−", key_display="["),
        Binding("right_square_bracket", "alpha(1)", "α+", key_display="]"),
        Binding("alt+left", "alpha(-1)", "α−", key_display="alt+←", priority=True),
        Binding("alt+right", "alpha(1)", "α+", key_display="alt+→", priority=True),
        Binding("ctrl+r", "why", "Why", priority=True),
        Binding("f2", "toggle_panel", "Panel", priority=True),
        Binding("ctrl+o", "onboarding", "Onboarding", priority=True),
        Binding("ctrl+n", "new_conversation", "New chat", show=False, priority=True),
        Binding("f8", "switch_user", "User", show=False, priority=True),
        Binding("ctrl+s", "save_summary", "Save summary", show=False, priority=True),
        Binding("ctrl+t", "toggle_dark", "Theme", show=False, priority=True),
        Binding("escape", "leave_prompt", "Leave prompt", show=False),
    ]

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
        settings: Settings | None = None,
        export_dir: Path | None = None,
        pick_user: bool = False,
    ) -> None:
        super().__init__()
        self.session = session
        self.settings = settings
        self.export_dir = export_dir
        self.pick_user = pick_user
        self.last_result: TurnResult | None = None
        self.load_error: str | None = None
        self.timings: dict[str, float] = {}
        self._gate = FifoGate()
        self._alpha_target = 0.5

    # layout ------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            with Vertical(id="chat"):
                yield Transcript(id="transcript")
                with Horizontal(id="status"):
                    yield LoadingIndicator(id="thinking")
                    yield Label("starting…", id="state")
                    yield ProgressBar(total=1.0, show_eta=False, id="load-progress")
                    yield Label("", id="alpha-status")
                yield PromptInput()
            yield PreferencePanel(id="panel")
        yield Footer()

    def on_mount(self) -> None:
        self.timings["mounted"] = time.perf_counter()
        self.sub_title = f"{self.session.user_id} · loading model…"
        self.query_one(PromptInput).focus()
        self._show_alpha()
        self.call_after_refresh(self._painted)
        self.run_session(self._load, done=self._loaded, failed=self._load_failed)

    def _painted(self) -> None:
        self.timings["first_paint"] = time.perf_counter()

    # session calls -----------------------------------------------------------------------
    def run_session(
        self, fn: Callable[[], Any], *, done: Done | None = None, failed: Failed | None = None
    ) -> None:
        """Run fn in a thread worker, in FIFO order with other session calls; report back on the
        UI thread. Any exception becomes a notification (or `failed`), never a traceback."""
        ticket = self._gate.ticket()

        def job() -> None:
            with self._gate.turn(ticket):
                try:
                    result = fn()
                except Exception as exc:  # the boundary: everything the session raises is shown
                    self._back(failed or self.notify_error, exc)
                    return
            if done is not None:
                self._back(done, result)

        self.run_worker(job, thread=True, group="session", exit_on_error=False)

    def _back(self, callback: Callable[[Any], Any], value: Any) -> None:
        with suppress(RuntimeError):  # the app closed while the call ran
            self.call_from_thread(callback, value)

    def notify_error(self, exc: BaseException) -> None:
        self.notify(error_text(exc), title="Error", severity="error", timeout=8)

    # loading -----------------------------------------------------------------------------
    def _load(self) -> list[dict]:
        def progress(label: str, fraction: float) -> None:
            self._back(lambda _: self._progress(label, fraction), None)

        self.session.load(progress)
        return self.session.transcript()

    def _progress(self, label: str, fraction: float) -> None:
        queued = " · your message is sent when the model is ready" if self.busy else ""
        self.query_one("#state", Label).update(label + queued)
        self.query_one("#load-progress", ProgressBar).update(progress=max(0.0, min(1.0, fraction)))

    async def _loaded(self, transcript: list[dict]) -> None:
        self.timings["model_ready"] = time.perf_counter()
        self.ready = True
        await self.query_one(Transcript).restore(transcript, keep_current=True)
        self.refresh_all()
        if self.pick_user:
            self.run_session(self.session.users, done=self._offer_users)

    def _load_failed(self, exc: BaseException) -> None:
        self.load_error = error_text(exc)
        self.query_one("#state", Label).update(f"model failed to load: {self.load_error}")
        self.query_one("#load-progress").display = False
        self.notify_error(exc)

    def watch_ready(self, ready: bool) -> None:
        self.query_one("#load-progress").display = not ready and not self.load_error
        if ready:
            self.sub_title = f"{self.session.user_id} · {self.session.model_name}"
            self._show_state()

    def watch_busy(self, busy: bool) -> None:
        self.set_class(busy, "-busy")
        self.query_one(PromptInput).disabled = busy
        self._show_state()
        if not busy:
            self.query_one(PromptInput).focus()

    def _show_state(self) -> None:
        if self.busy:
            text = "thinking…" if self.ready else "your message is sent when the model is ready"
        elif self.ready:
            text = (
                "feedback mode: your next message corrects the last answer"
                if self.feedback_mode
                else "ready"
            )
        else:
            return
        self.query_one("#state", Label).update(text)

    # refresh -----------------------------------------------------------------------------
    def refresh_all(self) -> None:
        """Re-read α, summary, history and standing from the session (after any change)."""
        s = self.session

        def read() -> PanelState:
            return PanelState(
                s.alpha, s.prior_loaded, s.summary(), s.summary_history(), s.standing()
            )

        self.run_session(read, done=self._show_panel)

    def _show_panel(self, state: PanelState) -> None:
        self._alpha_target = state.alpha
        self.alpha = state.alpha
        self.query_one(PreferencePanel).show(state)
        self._show_alpha()
        self.sub_title = f"{self.session.user_id} · {self.session.model_name}"

    def watch_alpha(self) -> None:
        self._show_alpha()

    def _show_alpha(self) -> None:
        if not self.is_mounted:
            return
        prior = self.session.prior_loaded or not self.ready
        note = "" if prior else f"  ({NO_PRIOR})"
        self.query_one("#alpha-status", Label).update(f"α {self.alpha:.1f}{note}")
        self.query_one(PreferencePanel).show_alpha(self.alpha, prior)

    # chat --------------------------------------------------------------------------------
    @on(Input.Submitted, "#prompt")
    async def send_prompt(self, event: Input.Submitted) -> None:
        text = event.value
        if not text.strip():
            self.notify("type a message first", severity="warning")
            return
        if self.busy:
            return
        if self.load_error:
            self.notify(
                f"the model is not loaded ({self.load_error}); fix that and restart",
                severity="error",
            )
            return
        await self.start_turn(text, "feedback" if self.feedback_mode else "auto")

    async def start_turn(self, text: str, mode: str) -> None:
        self.busy = True
        transcript = self.query_one(Transcript)
        question = MessageBox("user", text)
        answer = MessageBox("revision" if mode == "feedback" else "assistant")
        await transcript.add(question, answer)
        stream = Markdown.get_stream(answer)
        self.timings["turn_start"] = time.perf_counter()
        self.timings.pop("first_token", None)

        async def show_token(token: str) -> None:
            self.timings.setdefault("first_token", time.perf_counter())
            await stream.write(token)

        def on_token(token: str) -> None:
            self.call_from_thread(show_token, token)

        async def done(result: TurnResult) -> None:
            await stream.stop()
            await self._finish_turn(result, answer)

        async def failed(exc: BaseException) -> None:
            await stream.stop()
            await question.remove()
            await answer.remove()
            self.busy = False
            self.notify_error(exc)

        self.run_session(
            lambda: self.session.send(text, mode=mode, on_token=on_token), done=done, failed=failed
        )

    async def _finish_turn(self, result: TurnResult, answer: MessageBox) -> None:
        transcript = self.query_one(Transcript)
        if result.kind == "feedback":
            answer.role = "revision"
            answer.set_classes("message revision")
            answer.border_title = "assistant · revised"
            await transcript.mount(UnderstoodCard(result), before=answer)
        if result.answer is None:
            await answer.remove()
        elif answer.source != result.answer:
            await answer.update(result.answer)
        if result.candidates:
            self.last_result = result
        if result.notes or len(result.candidates) > 1:
            await transcript.add(NoteLine(result.notes, len(result.candidates) > 1))
        transcript.scroll_end(animate=False)
        self.query_one(PromptInput).value = ""
        self.feedback_mode = False
        self.busy = False
        self.refresh_all()

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
        def done(version: Any) -> None:
            self.notify(f"summary saved as version {version.version}")
            self.refresh_all()

        self.run_session(lambda: self.session.edit_summary(event.text), done=done)

    def action_save_summary(self) -> None:
        panel = self.query_one(PreferencePanel)
        if panel.display:
            panel.query_one("#save").press()

    @on(PreferencePanel.UndoRequested)
    def undo_summary(self) -> None:
        def done(version: Any) -> None:
            self.notify(
                "nothing to undo" if version is None else f"restored as version {version.version}"
            )
            self.refresh_all()

        self.run_session(self.session.undo_summary, done=done)

    def action_alpha(self, direction: int) -> None:
        target = round(min(1.0, max(0.0, self._alpha_target + direction * ALPHA_STEP)), 1)
        self._alpha_target = target
        self.alpha = target

        def done(stored: float) -> None:
            if stored == self._alpha_target:
                self.alpha = stored

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
        """Typing while the prompt is not focused (e.g. after escape) goes back to the prompt."""
        prompt = self.query_one(PromptInput)
        if event.key in self.screen.active_bindings or not event.is_printable:
            return
        on_main = self.screen is self.screen_stack[0]
        typing = isinstance(self.focused, Input | TextArea)
        if event.character and on_main and not typing and not prompt.disabled:
            prompt.focus()
            prompt.insert_text_at_cursor(event.character)
            event.stop()

    def action_toggle_dark(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    # onboarding --------------------------------------------------------------------------
    def action_onboarding(self) -> None:
        self.run_session(self.session.onboarding_question, done=self._ask)

    def _ask(self, question: Any) -> None:
        if question is None:
            note = (
                "onboarding done"
                if self.session.prior_loaded
                else "group prior not loaded: no questions"
            )
            self.notify(note)
            return

        def chosen(choice: str | None) -> None:
            if choice is None:
                return

            def answer() -> Any:
                self.session.answer_onboarding(question.id, choice)
                return self.session.onboarding_question()

            self.run_session(answer, done=self._ask)
            self.refresh_all()

        self.push_screen(OnboardingScreen(question), chosen)

    # users and data ----------------------------------------------------------------------
    def _offer_users(self, users: list[str]) -> None:
        if [u for u in users if u != self.session.user_id]:
            self.push_screen(UserScreen(users, self.session.user_id), self._switch_to)

    def action_switch_user(self) -> None:
        self.run_session(
            self.session.users,
            done=lambda users: self.push_screen(
                UserScreen(users, self.session.user_id), self._switch_to
            ),
        )

    def _switch_to(self, user_id: str | None) -> None:
        if not user_id or user_id == self.session.user_id:
            return

        def switch() -> list[dict]:
            self.session.switch_user(user_id)
            return self.session.transcript()

        async def done(transcript: list[dict]) -> None:
            self.last_result = None
            await self.query_one(Transcript).restore(transcript)
            self.notify(f"now talking with {user_id}")
            self.refresh_all()

        self.run_session(switch, done=done)

    def action_new_conversation(self) -> None:
        async def done(_: Any) -> None:
            self.last_result = None
            await self.query_one(Transcript).restore([])
            self.notify("new conversation")

        self.run_session(self.session.new_conversation, done=done)

    def _export_path(self) -> Path:
        if self.export_dir is not None:
            return self.export_dir
        if self.settings is not None:
            return self.settings.data_dir / "exports"
        from assistant.config import default_data_dir

        return default_data_dir() / "exports"

    def action_export(self) -> None:
        folder, user = self._export_path(), self.session.user_id

        def export() -> Path:
            data = self.session.export()
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"{user}-{time.strftime('%Y%m%d-%H%M%S')}.json"
            path.write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str))
            return path

        self.run_session(
            export, done=lambda path: self.notify(f"memory exported to {path}", timeout=12)
        )

    def action_forget(self) -> None:
        user = self.session.user_id

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return

            async def done(_: Any) -> None:
                self.last_result = None
                await self.query_one(Transcript).restore([])
                self.notify(f"everything about {user} was forgotten")
                self.refresh_all()

            self.run_session(self.session.forget, done=done)

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
    if session is None:
        from app.local_session import open_session

        session = open_session(settings)
    PluralApp(session, settings=settings, pick_user=settings.user == "default").run()


def main(argv: list[str] | None = None) -> int:
    """The `plural` console script: the CLI lives in app.cli; the Textual app is handed to it."""
    from app.cli import main as cli_main

    return cli_main(argv, run_tui=run_tui)


if __name__ == "__main__":
    raise SystemExit(main())
