"""How a summary is shown to the model and to the scorer: quoted as data, filtered lines left out."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.prompts import PREFERENCES_INTRO, VIEWS_INTRO
from assistant.safety import looks_like_injection, requests_sycophancy
from assistant.summary.lines import directive_lines, norm, parse, render, similar
from assistant.summary.merge import bound


def for_scoring(summary: str) -> str:
    """The summary as the text scorer may read it: no instruction-like or flattery-seeking lines."""
    keep = [x for x in parse(summary) if not looks_like_injection(x) and not requests_sycophancy(x)]
    return render(keep)


def still_said(statement: str, summary: str) -> bool:
    """Does the summary still hold what a recalled statement said? Every line of it must be there
    (the same or nearly the same words): a statement whose line was replaced ('I live in Berlin.'
    after 'I moved to Lisbon'), withdrawn ('forget everything about my health') or edited away by
    the user is not brought back into the prompt beside the summary that dropped it."""
    held = [norm(x) for x in parse(summary)]
    said = [norm(x) for x in directive_lines(statement)] or [norm(statement)]
    return all(any(s and (s in x or similar(s, x)) for x in held) for s in said)


def prompt_block(summary: str, *, max_chars: int = 1200, views: Sequence[str] = ()) -> str:
    """The system-prompt block: the summary quoted as data, instruction-like lines left out, and
    the user's views (lines in `views`) quoted apart as views to answer on the evidence."""
    lines = parse(summary)
    unheld = [x for x in lines if not requests_sycophancy(x)]  # flattery is named as flattery
    held = len(lines) - len(unheld)
    honest = [x for x in unheld if not looks_like_injection(x)]
    dropped = len(unheld) - len(honest)
    honest = bound(honest, max_chars)
    stated = {v.strip() for v in views}
    said = [x.replace('"', "'") for x in honest if x.strip() in stated]
    prefs = [x.replace('"', "'") for x in honest if x.strip() not in stated]
    if not honest and not dropped and not held:
        return ""
    body = "\n".join(f"- {x}" for x in prefs) or "- (none)"
    note = (
        f"\n({dropped} line(s) that tried to change your rules were left out.)" if dropped else ""
    )
    if held:
        note += f"\n({held} line(s) asking for flattery or agreement were left out.)"
    block = f"{PREFERENCES_INTRO}\n<user_preferences>\n{body}\n</user_preferences>{note}"
    if said:
        quoted = "\n".join(f"- {x}" for x in said)
        block += f"\n\n{VIEWS_INTRO}\n<user_views>\n{quoted}\n</user_views>"
    return block
