"""What the user can do: the app's keys and its command palette entries."""

from __future__ import annotations

from functools import partial

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider

KEYS = [
    Binding("ctrl+f", "toggle_feedback", "Feedback mode", priority=True),
    Binding("ctrl+g", "thumbs(True)", "👍", priority=True),
    Binding("ctrl+b", "thumbs(False)", "👎", priority=True),
    Binding("left_square_bracket", "alpha(-1)", "α−", key_display="["),
    Binding("right_square_bracket", "alpha(1)", "α+", key_display="]"),
    Binding("alt+left", "alpha(-1)", "α−", key_display="alt+←", priority=True),
    Binding("alt+right", "alpha(1)", "α+", key_display="alt+→", priority=True),
    Binding("ctrl+r", "why", "Why", priority=True),
    Binding("f2", "toggle_panel", "Panel", priority=True),
    Binding("ctrl+o", "onboarding", "Onboarding", priority=True),
    Binding("ctrl+n", "new_conversation", "New chat", show=False, priority=True),
    Binding("f8", "switch_user", "User", show=False, priority=True),
    Binding("ctrl+s", "save_summary", "Save summary", show=False, priority=True),
    Binding("ctrl+t", "toggle_dark", "Theme", show=False, priority=True),
    Binding("escape", "leave_prompt", "Leave prompt", show=False),
]

COMMANDS = (
    ("New conversation", "new_conversation", "Start a fresh conversation (memory is kept)"),
    ("Switch user", "switch_user", "Change who is talking: memory, α and conversation follow"),
    ("Switch model", "switch_model", "Answer with the embedded model or a server on this machine"),
    ("Export memory", "export", "Write everything remembered about you to a JSON file"),
    ("Forget me", "forget", "Delete everything remembered about the current user"),
    ("Toggle preference panel", "toggle_panel", "Show or hide the side panel"),
    ("Onboarding questions", "onboarding", "Answer a few questions to place you among others"),
    ("Why this answer", "why", "Scores of each candidate for the last answer"),
    ("Toggle feedback mode", "toggle_feedback", "The next message is feedback on the last answer"),
    ("Thumbs up", "thumbs(True)", "The last answer was good"),
    ("Thumbs down", "thumbs(False)", "The last answer was bad"),
    ("Toggle light/dark", "toggle_dark", "Switch between light and dark themes"),
)


class PluralCommands(Provider):
    """Every entry runs an `action_*` of the app, so keys and palette do the same thing."""

    async def _run(self, action: str) -> None:
        await self.app.run_action(action)

    async def discover(self) -> Hits:
        for name, action, help_text in COMMANDS:
            yield DiscoveryHit(name, partial(self._run, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, action, help_text in COMMANDS:
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(name), partial(self._run, action), help=help_text
                )
