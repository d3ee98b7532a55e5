"""The transcript: Markdown messages, the "what I understood" card, notes; how a turn is shown."""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Markdown, Static

from app.session import TurnResult

ROLE_TITLES = {"user": "you", "assistant": "assistant", "revision": "assistant · revised"}


class MessageBox(Markdown):
    """One message, rendered as Markdown; an assistant answer grows while it streams."""

    def __init__(self, role: str, text: str = "") -> None:
        super().__init__(text)
        self.set_role(role)

    def set_role(self, role: str) -> None:
        self.role = role
        self.set_classes(f"message {role}")
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

    async def begin_turn(self, text: str, *, feedback: bool) -> Turn:
        """Show the user's message and an empty answer box that the stream fills."""
        question = MessageBox("user", text)
        answer = MessageBox("revision" if feedback else "assistant")
        await self.add(question, answer)
        return Turn(self, question, answer)


class Turn:
    """One exchange while it runs: the question, the answer box and the Markdown stream into it."""

    def __init__(self, transcript: Transcript, question: MessageBox, answer: MessageBox) -> None:
        self.transcript = transcript
        self.question = question
        self.answer = answer
        self.stream = Markdown.get_stream(answer)

    async def write(self, token: str) -> None:
        await self.stream.write(token)

    async def finish(self, result: TurnResult) -> None:
        """Settle the turn: a correction gets its card and the revised answer; remarks go below."""
        await self.stream.stop()
        answer = self.answer
        if result.kind == "feedback":
            answer.set_role("revision")
            await self.transcript.mount(UnderstoodCard(result), before=answer)
        if result.answer is None:
            await answer.remove()
        elif answer.source != result.answer:
            await answer.update(result.answer)
        ranked = len(result.candidates) > 1
        if result.notes or ranked:
            await self.transcript.add(NoteLine(result.notes, ranked))
        self.transcript.scroll_end(animate=False)

    async def drop(self) -> None:
        """The turn failed: take both messages off the screen (the text stays in the prompt)."""
        await self.stream.stop()
        await self.question.remove()
        await self.answer.remove()
