"""The status line under the transcript: thinking indicator, what the app is doing, load progress, α."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, LoadingIndicator, ProgressBar

FEEDBACK_STATE = "feedback mode: your next message corrects the last answer"
QUEUED_STATE = "your message is sent when the model is ready"


def state_text(*, busy: bool, ready: bool, feedback: bool) -> str | None:
    """What to say about the app's phase; None while loading (the loader's own label stays)."""
    if busy:
        return "thinking…" if ready else QUEUED_STATE
    if ready:
        return FEEDBACK_STATE if feedback else "ready"
    return None


class StatusBar(Horizontal):
    """Attributes down only: the app tells it what to show; it posts nothing."""

    def compose(self) -> ComposeResult:
        yield LoadingIndicator(id="thinking")
        yield Label("starting…", id="state")
        yield ProgressBar(total=1.0, show_eta=False, id="load-progress")
        yield Label("", id="alpha-status")

    def show_phase(self, *, busy: bool, ready: bool, feedback: bool) -> None:
        text = state_text(busy=busy, ready=ready, feedback=feedback)
        if text is not None:
            self.query_one("#state", Label).update(text)

    def show_loading(self, label: str, fraction: float, *, queued: bool) -> None:
        """A load step; `queued`: the user already sent a message that waits for the model."""
        self.query_one("#state", Label).update(label + (f" · {QUEUED_STATE}" if queued else ""))
        bar = self.query_one("#load-progress", ProgressBar)
        bar.update(progress=max(0.0, min(1.0, fraction)))

    def show_load_failed(self, error: str) -> None:
        self.query_one("#state", Label).update(f"model failed to load: {error}")
        self.show_progress_bar(False)

    def show_progress_bar(self, shown: bool) -> None:
        self.query_one("#load-progress").display = shown

    def show_alpha(self, alpha: float, note: str = "") -> None:
        self.query_one("#alpha-status", Label).update(
            f"α {alpha:.1f}" + (f"  ({note})" if note else "")
        )
