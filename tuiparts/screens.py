"""Modal screens: onboarding question, why this answer, confirm, pick a user."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Input, Label, Markdown, OptionList, Static

from app.session import OnboardingQuestion, TurnResult


class OnboardingScreen(ModalScreen[str | None]):
    """One question: which answer would you rather get? Dismisses with "a", "b", "tie" or None."""

    BINDINGS = [
        Binding("a", "choose('a')", "A is better"),
        Binding("b", "choose('b')", "B is better"),
        Binding("t", "choose('tie')", "Tie"),
        Binding("escape", "choose(None)", "Stop for now"),
    ]

    def __init__(self, question: OnboardingQuestion) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        q = self.question
        again = " (asked again, order swapped)" if q.reask else ""
        with Vertical(id="dialog", classes="onboarding"):
            yield Label(f"Question {q.number} of {q.total}{again}", classes="heading")
            yield Markdown(f"**Prompt:** {q.prompt}", id="q-prompt")
            with Horizontal(id="answers"):
                with VerticalScroll(classes="answer"):
                    yield Label("A", classes="heading")
                    yield Markdown(q.answer_a, id="answer-a")
                with VerticalScroll(classes="answer"):
                    yield Label("B", classes="heading")
                    yield Markdown(q.answer_b, id="answer-b")
            yield Label("a / b: the better answer · t: tie · escape: stop for now", classes="hint")

    def action_choose(self, choice: str | None) -> None:
        self.dismiss(choice)


def candidates_rows(result: TurnResult) -> list[tuple[str, ...]]:
    rows = []
    for c in sorted(result.candidates, key=lambda c: -c.total):
        mark = ("✔" if c.chosen else "") + ("⛨" if c.guarded else "")
        snippet = " ".join(c.text.split())[:60]
        rows.append(
            (
                mark,
                f"{c.group:+.3f}",
                f"{c.personal:+.3f}",
                f"{c.text_term:+.3f}",
                f"{c.total:+.3f}",
                snippet,
            )
        )
    return rows


class WhyScreen(ModalScreen[None]):
    """Each best-of-N candidate with its group / personal / text / total score, and the notes."""

    BINDINGS = [Binding("escape,q", "dismiss_screen", "Close")]

    def __init__(self, result: TurnResult, alpha: float) -> None:
        super().__init__()
        self.result = result
        self.alpha = alpha

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="why"):
            yield Label(
                f"Why this answer (α = {self.alpha:.1f}: total = (1−α)·group + α·(personal + text); ⛨ = guard held a protected direction)",
                classes="heading",
            )
            yield DataTable(id="why-table", cursor_type="row", zebra_stripes=True)
            notes = self.result.notes or ["no remarks"]
            yield Static(Text("\n".join(f"ⓘ {n}" for n in notes)), id="why-notes")
            yield Label("escape: close", classes="hint")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("", "group", "personal", "text", "total", "answer")
        table.add_rows(candidates_rows(self.result))

    def action_dismiss_screen(self) -> None:
        self.dismiss(None)


class ConfirmScreen(ModalScreen[bool]):
    """Yes / no, defaulting to no."""

    BINDINGS = [Binding("y", "answer(True)", "Yes"), Binding("n,escape", "answer(False)", "No")]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="confirm"):
            yield Label(self.question, id="confirm-question")
            with Horizontal(id="confirm-buttons"):
                yield Button("Yes (y)", id="yes", variant="error")
                yield Button("No (n)", id="no", variant="primary")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class UserScreen(ModalScreen[str | None]):
    """Pick an existing user or type a new name."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, users: list[str], current: str) -> None:
        super().__init__()
        self.users = users
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="users"):
            yield Label(f"Who is this? (now: {self.current})", classes="heading")
            yield OptionList(*self.users, id="user-list")
            yield Input(placeholder="or type a new name and press enter", id="user-name")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(str(event.option.prompt))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        name = event.value.strip()
        if name:
            self.dismiss(name)
        else:
            self.notify("type a name, or pick one from the list", severity="warning")

    def action_cancel(self) -> None:
        self.dismiss(None)
