"""Who is this? Pick an existing user or type a new name."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList


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
