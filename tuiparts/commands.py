"""The command palette provider: the app's own commands, searchable by name."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

COMMANDS = (
    ("New conversation", "new_conversation", "Start a fresh conversation (memory is kept)"),
    ("Switch user", "switch_user", "Change who is talking: memory, α and conversation follow"),
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
