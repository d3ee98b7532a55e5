"""The one input line: a new request, or (in feedback mode) a correction of the last answer."""

from __future__ import annotations

from textual import events
from textual.app import App
from textual.widgets import Input, TextArea


class PromptInput(Input):
    """The one input: a new request, or (in feedback mode) a correction of the last answer."""

    REQUEST_HINT = "Ask anything, or correct the last answer in your own words (enter to send)"
    FEEDBACK_HINT = "Feedback on the last answer, e.g. 'shorter, and no jargon' (ctrl+f: leave)"

    def __init__(self) -> None:
        super().__init__(placeholder=self.REQUEST_HINT, id="prompt")

    def set_feedback_mode(self, on: bool) -> None:
        self.set_class(on, "-feedback")
        self.placeholder = self.FEEDBACK_HINT if on else self.REQUEST_HINT
        self.border_title = "feedback mode" if on else None


def redirect_typing(app: App, prompt: PromptInput, event: events.Key) -> None:
    """Typing while the prompt is not focused (e.g. after escape) goes back to the prompt."""
    if event.key in app.screen.active_bindings or not event.is_printable:
        return
    on_main = app.screen is app.screen_stack[0]
    typing = isinstance(app.focused, Input | TextArea)
    if event.character and on_main and not typing and not prompt.disabled:
        prompt.focus()
        prompt.insert_text_at_cursor(event.character)
        event.stop()
