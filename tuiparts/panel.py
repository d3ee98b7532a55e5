"""The preference side panel: α slider, editable summary with history and undo, where you stand."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Label, Static, TextArea

from app.session import Dimension, Session, SummaryVersionView

NO_PRIOR = "group prior not loaded — ranking is not personalised yet"
BAR_WIDTH = 21
TEXT_WIDTH = 36
"""Columns a panel line may use: 46 less border, padding and a scrollbar."""


@dataclass(frozen=True)
class PanelState:
    """Everything the panel shows, read from the session in one go."""

    alpha: float
    prior_loaded: bool
    summary: str = ""
    history: list[SummaryVersionView] = field(default_factory=list)
    standing: list[Dimension] = field(default_factory=list)
    group: str = ""
    """Who the group is (Session.group_info): this installation's users, or the shipped prior."""
    views: list[str] = field(default_factory=list)
    """Summary lines that are views about the world (Session.views): shown apart, never scored."""

    @classmethod
    def read(cls, s: Session) -> PanelState:
        """Read it all (slow: the caller runs this in a worker, not the widget)."""
        return cls(s.alpha, s.prior_loaded, s.summary(), s.summary_history(), s.standing(),
                   s.group_info(), s.views())  # fmt: skip


def alpha_text(alpha: float, width: int = BAR_WIDTH) -> Text:
    """`group ───●─── personal` with the knob at α."""
    pos = round(alpha * (width - 1))
    out = Text()
    out.append("group ", style="bold")
    out.append("━" * pos, style="cyan")
    out.append("●", style="bold yellow")
    out.append("─" * (width - 1 - pos), style="dim")
    out.append(" personal", style="bold")
    out.append(f"\nα = {alpha:.1f}", style="bold")
    out.append("   keys: alt+← alt+→ or [ ]", style="dim")
    return out


def _scale(dims: list[Dimension]) -> float:
    ends = [abs(d.user_mean) + d.user_sd for d in dims] + [abs(d.group_mean) for d in dims]
    return max([1.0, *ends])


def poles(label: str) -> tuple[str, str]:
    """`longer ↔ shorter` names the positive end first; the bar runs negative → positive, so the
    ends swap: ("shorter", "longer"). A label without ends gets − and +."""
    positive, sep, negative = label.partition(" ↔ ")
    return (negative, positive) if sep else (f"− {label}", "+")


def standing_bar(dim: Dimension, scale: float, width: int = TEXT_WIDTH) -> Text:
    """One dimension in three lines: its two ends, the user's mean ± sd as a thick span with a dot
    and the group mean as a tick, then the numbers."""

    def col(v: float) -> int:
        return max(0, min(width - 1, round((v / scale + 1) / 2 * (width - 1))))

    left, right = poles(dim.label)
    right += "*" if dim.protected else ""
    gap = max(1, width - len(left) - len(right))
    out = Text()
    out.append(f"{left}{' ' * gap}{right}\n", style="bold")
    cells = ["─"] * width
    lo, hi = col(dim.user_mean - dim.user_sd), col(dim.user_mean + dim.user_sd)
    for i in range(lo, hi + 1):
        cells[i] = "━"
    cells[col(dim.group_mean)] = "┃"
    cells[col(dim.user_mean)] = "●"
    for c in cells:
        out.append(c, style={"━": "cyan", "●": "bold yellow", "┃": "magenta"}.get(c, "dim"))
    out.append(
        f"\nyou {dim.user_mean:+.2f} ± {dim.user_sd:.2f}   group {dim.group_mean:+.2f}", style="dim"
    )
    return out


def standing_text(dims: list[Dimension], group: str = "") -> Text:
    if not dims:
        return Text("group prior not loaded", style="italic")
    scale = _scale(dims)
    out = Text()
    for i, d in enumerate(dims):
        if i:
            out.append("\n")
        out.append_text(standing_bar(d, scale))
    out.append("\n● you  ━ ±1 sd  ┃ group", style="dim")
    for line in group.replace(" (", "\n(").splitlines():  # who the group is, in lines that fit
        out.append(f"\n{clip(line, TEXT_WIDTH)}", style="dim")
    if any(d.protected for d in dims):
        out.append("\n* guarded: never weighted above the group", style="dim")
    return out


def short_time(stamp: str) -> str:
    """`2026-11-28T00:58:03.287+00:00` → `2026-11-28 00:58`; anything else unchanged."""
    return stamp.replace("T", " ")[:16] if len(stamp) >= 16 and stamp[10:11] in "T " else stamp


def clip(text: str, width: int) -> str:
    """One line of at most `width` characters (a wrapped line would break the panel's columns)."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


_GONE = re.compile(r"^(?:replaced|removed) '(.+)' \((superseded|retracted) by: (.+)\)$")
"""A line the summary merge wrote under the user's words in a version's cause."""


def history_text(history: list[SummaryVersionView], limit: int = 8) -> Text:
    """Newest first: version, time, kind, what caused it, and each line it replaced and by what."""
    if not history:
        return Text("no versions yet", style="italic")
    out = Text()
    for i, v in enumerate(reversed(history[-limit:])):
        if i:
            out.append("\n")
        out.append(f"v{v.version} ", style="bold")
        out.append(f"{short_time(v.time)} {v.kind}", style="dim")
        said, *notes = v.cause.split("\n")
        out.append(f"\n   {clip(said, TEXT_WIDTH - 3)}")
        for m in filter(None, map(_GONE.match, notes)):
            how = "replaced by" if m.group(2) == "superseded" else "withdrawn by"
            out.append(f"\n   − {clip(m.group(1), TEXT_WIDTH - 5)}", style="strike dim")
            out.append(f"\n     {clip(f'{how}: {m.group(3)}', TEXT_WIDTH - 5)}", style="dim")
    return out


def views_text(views: list[str]) -> Text:
    """The user's stated views, apart from the preferences: the guard keeps them from buying
    agreement, so the panel says so."""
    out = Text("Read as your views, not preferences: kept in mind, never rewarded with agreement.",
               style="dim")  # fmt: skip
    for view in views:
        out.append(f"\n• {clip(view, TEXT_WIDTH - 2)}")
    return out


class PreferencePanel(VerticalScroll):
    """Attributes down (`show`), messages up (`SaveRequested`, `UndoRequested`)."""

    _group = ""
    """The last group_info shown (show_standing keeps it)."""

    class SaveRequested(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class UndoRequested(Message):
        pass

    def compose(self) -> ComposeResult:
        yield Label("Group ↔ personal", classes="heading")
        yield Static(alpha_text(0.5), id="alpha")
        yield Static(NO_PRIOR, id="prior-note")
        yield Label("What I know about how you like answers", classes="heading")
        yield TextArea(id="summary-edit", soft_wrap=True, show_line_numbers=False)
        with Horizontal(id="summary-buttons"):
            yield Button("Save", id="save", variant="primary", compact=True)
            yield Button("Undo", id="undo", compact=True)
        yield Static(id="views")
        yield Label("History", classes="heading")
        yield Static(id="history")
        yield Label("Where you stand", classes="heading")
        yield Static(id="standing")

    def show_alpha(self, alpha: float, prior_loaded: bool) -> None:
        self.query_one("#alpha", Static).update(alpha_text(alpha))
        self.query_one("#prior-note", Static).display = not prior_loaded

    def show(self, state: PanelState) -> None:
        self.show_alpha(state.alpha, state.prior_loaded)
        editor = self.query_one("#summary-edit", TextArea)
        if editor.text != state.summary:
            editor.load_text(state.summary)
        views = self.query_one("#views", Static)
        views.update(views_text(state.views))
        views.display = bool(state.views)
        self.query_one("#history", Static).update(history_text(state.history))
        self._group = state.group
        self.query_one("#standing", Static).update(standing_text(state.standing, state.group))

    def show_standing(self, dims: list[Dimension]) -> None:
        self.query_one("#standing", Static).update(standing_text(dims, self._group))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.post_message(self.SaveRequested(self.query_one("#summary-edit", TextArea).text))
        elif event.button.id == "undo":
            self.post_message(self.UndoRequested())
