"""The onboarding question: which of two answers would you rather get?"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Markdown

from app.session import OnboardingQuestion


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


def ask_next(app: Any, question: OnboardingQuestion | None) -> None:
    """Show `question`; each answer is stored and the next question follows until done."""
    if question is None:
        no_prior = not app.session.prior_loaded
        app.notify("group prior not loaded: no questions" if no_prior else "onboarding done")
        return

    def chosen(choice: str | None) -> None:
        if choice is None:
            return

        def answer() -> OnboardingQuestion | None:
            app.session.answer_onboarding(question.id, choice)
            return app.session.onboarding_question()

        app.run_session(answer, done=lambda q: ask_next(app, q))
        app.refresh_all()

    app.push_screen(OnboardingScreen(question), chosen)
