"""The transcript: Markdown messages, the "what I understood" card, notes; how a turn is shown
(streamed, or drafted side by side and settled on the ranked winner)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from rich.text import Text
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Markdown, Static

from app.session import Reranked, TurnResult

ROLE_TITLES = {"user": "you", "assistant": "assistant", "revision": "assistant · revised",
               "repick": "assistant · re-ranked"}  # fmt: skip


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
    """Plain-language remarks from the turn (e.g. the guard changed the winner)."""

    def __init__(self, notes: list[str]) -> None:
        super().__init__("  ".join(f"ⓘ {n}" for n in notes), classes="note")


def ranked_mark(n_candidates: int) -> str:
    """The quiet mark under a ranked answer."""
    return f"best of {n_candidates} for you · ctrl+r why" if n_candidates > 1 else ""


class Transcript(VerticalScroll):
    """The conversation; stays at the bottom while answers grow, unless the user scrolled up."""

    class Grew(Message):
        """Pieces of `turn` arrived from the worker thread (posted once per batch, not per piece)."""

        def __init__(self, turn: Turn) -> None:
            super().__init__()
            self.turn = turn

    def on_mount(self) -> None:
        self.anchor()

    async def on_transcript_grew(self, message: Grew) -> None:
        await message.turn.flush()

    async def add(self, *widgets: Static | Markdown) -> None:
        await self.mount_all(widgets)
        self.scroll_end(animate=False)

    def show_repick(self, reranked: Reranked) -> None:
        """The slider moved: when the pick at the new α is not the answer shown, show it below
        (one box, replaced as the slider moves; gone when the pick is the shown answer again)."""
        last = self.children[-1] if self.children else None
        if isinstance(last, MessageBox) and last.role == "repick":
            last.remove()
        picked = next((c for c in reranked.candidates if c.chosen), None)
        if reranked.changed and picked is not None:
            box = MessageBox("repick", picked.text)
            box.border_title = f"assistant · the pick at α {reranked.alpha:.1f} (same drafts)"
            self.mount(box)
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

    async def begin_turn(
        self, text: str, *, feedback: bool, seen: Callable[[], None] | None = None
    ) -> Turn:
        """Show the user's message and an empty answer box that the stream fills; `seen` is
        called when the first piece of an answer or a draft is put on screen."""
        question = MessageBox("user", text)
        answer = MessageBox("revision" if feedback else "assistant")
        await self.add(question, answer)
        return Turn(self, question, answer, seen=seen)


class Turn:
    """One exchange while it runs. The session's worker thread feeds pieces (feed_token,
    feed_draft) without waiting for the screen; the UI thread shows them in batches (flush).
    One candidate: the answer streams in. Best-of-N: the first draft is written, dimmed, while
    all are generated; the ranked winner then settles in the same box, in one update."""

    SHOWN_DRAFT = 0
    FLUSH_EVERY_S = 0.25
    """At most this often the screen takes new pieces: parsing Markdown on every token would take
    the interpreter away from the model's decoding loop (the first piece is shown at once)."""

    def __init__(
        self,
        transcript: Transcript,
        question: MessageBox,
        answer: MessageBox,
        *,
        seen: Callable[[], None] | None = None,
    ) -> None:
        self.transcript = transcript
        self.question = question
        self.answer = answer
        self.stream = Markdown.get_stream(answer)
        self._seen = seen or (lambda: None)
        self._lock = threading.Lock()
        self._tokens: list[str] = []
        self._draft: list[str] = []
        self.drafts: set[int] = set()
        """Candidate indices seen drafting (written by the worker thread)."""
        self._posted = False
        self._settled = False
        self._flushed = 0.0

    # worker thread -----------------------------------------------------------------------
    def feed_token(self, token: str) -> None:
        """A piece of the answer itself (after drafts: of the ranked winner, shown at settle)."""
        with self._lock:
            self._tokens.append(token)
        self._wake()

    def feed_draft(self, index: int, token: str) -> None:
        with self._lock:
            self.drafts.add(index)
            if index == self.SHOWN_DRAFT:
                self._draft.append(token)
        self._wake()

    def _wake(self) -> None:
        with self._lock:
            post, self._posted = not self._posted, True
        if post:
            self.transcript.post_message(Transcript.Grew(self))

    # UI thread ---------------------------------------------------------------------------
    async def flush(self) -> None:
        """Show what arrived since the last flush (pieces arriving meanwhile wait for the next)."""
        wait = self._flushed + self.FLUSH_EVERY_S - time.monotonic()
        if wait > 0 and not self._settled:
            grew = Transcript.Grew(self)
            self.transcript.set_timer(wait, lambda: self.transcript.post_message(grew))
            return
        self._flushed = time.monotonic()
        with self._lock:
            self._posted = False
            drafting, n = bool(self.drafts), len(self.drafts)
            pending = self._draft if drafting else self._tokens
            text = "".join(pending)
            pending.clear()
        if self._settled:
            return
        if drafting:
            self.answer.add_class("-draft")
            self.answer.border_subtitle = f"writing {n} drafts…" if n > 1 else "writing…"
        if text:
            self._seen()
            await self.stream.write(text)

    async def finish(self, result: TurnResult) -> None:
        """Settle the turn: the answer (the winner) in place, a correction's card above it,
        remarks below; the scroll position is left to the user."""
        self._settled = True
        await self.stream.stop()
        answer = self.answer
        if result.kind == "feedback":
            answer.set_role("revision")
            await self.transcript.mount(UnderstoodCard(result), before=answer)
        shown = answer.source
        if result.answer is None:
            await answer.remove()
        elif shown == result.answer:
            pass
        elif shown and result.answer.startswith(shown):
            await answer.append(result.answer[len(shown) :])  # grows to its end
        else:
            await answer.update(result.answer)  # another draft won: one update, in place
        answer.remove_class("-draft")
        answer.border_subtitle = ranked_mark(len(result.candidates))
        if result.notes:
            await self.transcript.mount(NoteLine(result.notes))

    async def drop(self) -> None:
        """The turn failed: take both messages off the screen (the text stays in the prompt)."""
        self._settled = True
        await self.stream.stop()
        await self.question.remove()
        await self.answer.remove()
