"""The chat column: transcript of Markdown messages, the "what I understood" card, the prompt."""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Input, Markdown, Static

from app.session import TurnResult

ROLE_TITLES = {"user": "you", "assistant": "assistant", "revision": "assistant · revised"}


class MessageBox(Markdown):
    """One message, rendered as Markdown; an assistant answer grows while it streams."""

    def __init__(self, role: str, text: str = "") -> None:
        super().__init__(text, classes=f"message {role}")
        self.role = role
        self.border_title = ROLE_TITLES.get(role, role)


def sign_words(sign: int) -> str:
    return {1: "👍 positive (+1)", -1: "👎 negative (−1)"}.get(sign, "neutral (0)")


def understood_text(result: TurnResult) -> Text:
    """What the assistant took from a piece of feedback: sign, directive, summary diff, notes."""
    out = Text()
    out.append("Understood: ", style="bold")
    out.append(sign_words(result.sign))
    if result.directive:
        out.append("\nDirective: ", style="bold")
        out.append(result.directive, style="italic")
    if result.summary_diff:
        out.append("\nSummary change:", style="bold")
        for line in result.summary_diff:
            style = "green" if line.startswith("+") else "red" if line.startswith("-") else ""
            out.append(f"\n  {line}", style=style)
    elif result.directive:
        out.append("\nSummary unchanged.", style="dim")
    return out


class UnderstoodCard(Static):
    """Shown above a revision: how a correction was read."""

    def __init__(self, result: TurnResult) -> None:
        super().__init__(understood_text(result), classes="understood")
        self.border_title = "feedback"


class NoteLine(Static):
    """A plain-language remark from the turn (e.g. the guard changed the winner)."""

    def __init__(self, notes: list[str], has_candidates: bool) -> None:
        text = "  ".join(f"ⓘ {n}" for n in notes)
        if has_candidates:
            text += ("  " if text else "") + "ctrl+r: why this answer"
        super().__init__(text, classes="note")


class Transcript(VerticalScroll):
    """The conversation; keeps scrolled to the bottom while answers stream in."""

    def on_mount(self) -> None:
        self.anchor()

    async def add(self, *widgets: Static | Markdown) -> None:
        await self.mount_all(widgets)
        self.scroll_end(animate=False)

    async def restore(self, messages: list[dict], *, keep_current: bool = False) -> None:
        """Show a stored conversation; keep_current puts it above messages already on screen
        (a question typed while the model was loading)."""
        boxes = [MessageBox(m.get("role", "assistant"), m.get("content", "")) for m in messages]
        if keep_current and self.children and boxes:
            await self.mount_all(boxes, before=0)
        else:
            if not keep_current:
                await self.remove_children()
            await self.mount_all(boxes)
        self.scroll_end(animate=False)


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
