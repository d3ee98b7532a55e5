"""Why this answer: each best-of-N candidate with its group / personal / text / total score."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label, Static

from app.session import TurnResult

LEGEND = (
    "total = (1−α)·group + α·(personal + text) · ✔ shown · ⛨ the guard held a protected direction"
)


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
            yield Label(f"Why this answer (α = {self.alpha:.1f})", classes="heading")
            yield Static(LEGEND, classes="hint", id="why-legend")
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
