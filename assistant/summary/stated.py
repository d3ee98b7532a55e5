"""What a message says holds now, when the stale-line reader ended a stored line with it and the
turn stored nothing in its place: 'the office closed for good last month, everyone's fully remote
now' ended "My office is in Canary Wharf ..." but the route found no rule in it, so the summary
kept nothing of the remote work ('make that 5:40/km', 'so 3000 total now' likewise). A statement
of the message that says a value (a number, a time, 'now', 'instead', 'still', a change of
something to something, what helps or is better: 'a one-line explanation after the code helps')
and takes nothing back is kept as said; graph.retire applies it."""

from __future__ import annotations

import re
from functools import cache

_VALUE = re.compile(
    r"(?i)\d|\b(?:now|instead|still|these days|going forward|from now on)\b"
    r"|\b(?:changed|moved|switched|transferred|bumped|pushed|upped|dropped)\b[^.;]*\bto\b"
    r"|\b(?:helps|would help|works better|(?:is|are|'s) (?:better|fine|ok|okay|enough))\b"
)
_NOT_SAID = re.compile(r"(?i)\b(?:any ?more|no longer|forget|ignore|scratch|never ?mind|nvm)\b")


def said_now(text: str) -> list[str]:
    """The message's statements that say what holds now ('The office closed for good last month,
    everyone's fully remote now.'); [] for a question, a request or a take-back."""
    from assistant.feedback.cues import asks_for_something
    from assistant.feedback.directive import extract_directive
    from assistant.summary.lines import directive_lines, sentence
    from assistant.summary.retraction import is_retraction

    if asks_for_something(text):
        return []
    said = directive_lines(extract_directive(text) or "")
    parts = [sentence(y) for x in said for y in re.split(r"(?<=[.!?])\s+", x) if y.strip()]
    return [
        x
        for x in parts
        if _VALUE.search(x) and not _NOT_SAID.search(x) and not is_retraction(x)
        and not asks_for_something(x)
    ]  # fmt: skip


_CLOCK = r"\d{1,2}(?::\d\d)?\s?(?:am|pm)|\d{1,2}:\d\d(?:/\w+)?"
_RANGE = (
    r"(?<![\w:-])\d{1,2}(?::\d\d)?\s?(?:am|pm)?\s?[-–]\s?\d{1,2}(?::\d\d)?\s?(?:am|pm)?(?![\w:-])"
)
_DURATION = r"\b\d+ (?:days?|nights?|weeks?|months?|hours?|hrs?|minutes?|mins?)\b"
_ORDINAL = r"(?<![\w:.,])\d{1,2}(?:st|nd|rd|th)\b"
_NUMBER = r"(?<![\w:.,])\d+(?:[.,]\d+)*k?(?![\w:])"


@cache
def _kinds() -> list[re.Pattern[str]]:
    """A date, a range, a day, a duration, a time of day, a day of the month ('the 16th'), a
    number: in that order, so that 'May 20' is no number and '4-5pm' no time once read."""
    from assistant.summary.moved import _MONTH, _WEEKDAY

    date = rf"\b(?:{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}(?:st|nd|rd|th)? (?:of )?{_MONTH})\b"
    day = rf"\b(?:(?:first|second|third|fourth|last) )?{_WEEKDAY}\b"
    clock = rf"(?<![\w:]){_CLOCK}(?![\w:])"
    return [re.compile(x, re.I) for x in (date, _RANGE, day, _DURATION, clock, _ORDINAL, _NUMBER)]


_PARTS = re.compile(r",(?!\d)|;|\band\b|\bbut\b")  # not the comma of "$12,000"


def _named_part(said: str, line: str, spans: list[tuple[int, int]]) -> int | None:
    """Which of the spans (values of one kind in `line`) `said` is about: the only one whose part
    of the line ('Q3 report due Aug 30' of '..., tax filing due Sep 15') shares a word with it
    beyond the values; a header before a colon ('bedtimes: ...') belongs to every part."""
    from assistant.summary.stale import stems

    head = line.index(":") + 1 if ":" in line[: spans[0][0]] else 0
    cuts = [head, *(m.end() for m in _PARTS.finditer(line, head)), len(line) + 1]
    own = stems(said)
    shared = []
    for start, end in spans:
        part = next(line[a:b] for a, b in zip(cuts, cuts[1:], strict=False) if a <= start < b)
        words = stems(part) - stems(line[start:end])
        if not words:  # 'naps at 9am and 1pm': the words before say both
            return None
        shared.append(len(own & words))
    best = [i for i, n in enumerate(shared) if n and n == max(shared)]
    return best[0] if len(best) == 1 else None


def into_ended(said: str, ended: str) -> str | None:
    """The ended line with the values `said` gives in place of its own, kind by kind ('make that
    5:40/km' and 'My easy run pace is 6:00/km.' → 'My easy run pace is 5:40/km.'); where the line
    has several of a kind, the one in the part `said` names ('the Q3 one moved up to Aug 23' and
    'Q3 report due Aug 30, tax filing due Sep 15.'). None unless some kind is said once."""
    hidden, edits = ended, []
    for kind in _kinds():
        old = [m.span() for m in kind.finditer(hidden)]
        said_before = {ended[a:b].lower() for a, b in old}  # 'actually 60, 50 was too short'
        new = [x for x in kind.findall(said) if x.lower() not in said_before]
        pick = 0 if len(old) == 1 else _named_part(said, ended, old) if old else None
        if (
            len(new) == 1
            and pick is not None
            and new[0].lower() != ended[slice(*old[pick])].lower()
        ):
            edits.append((*old[pick], new[0]))
        said = kind.sub(" ", said)
        hidden = kind.sub(lambda m: "_" * len(m.group(0)), hidden)  # read once, by one kind
    line = ended
    for start, end, value in sorted(edits, reverse=True):
        line = line[:start] + value + line[end:]
    return line if edits else None


_SET_TO = re.compile(
    r"(?i)\b(?:bump|bumped|raise|raised|lower|lowered|increase|increased|decrease|decreased|up|"
    r"upped|push|pushed|move|moved|change|changed|set)(?: up| down)? (?:the |my |our )?"
    r"([a-z][\w' -]{1,30}?) (?:up |down )?to (?:about |around )?[$£€]?\d"
)
"""'bump hotels to $150 a night': the part of a stored line naming hotels takes the new amount."""


def _in_named_part(said: str, line: str, named: set[str]) -> str | None:
    """The line with its one part that names `named` ('120g protein' of '... 2000 calories a day
    and 120g protein') taking the value `said` gives; None unless exactly one part names it."""
    from assistant.summary.stale import stems

    cuts = [0, *(m.end() for m in _PARTS.finditer(line)), len(line)]
    parts = [line[a:b] for a, b in zip(cuts, cuts[1:], strict=False)]
    hits = [(p, y) for p in parts if named and named <= stems(p) and (y := into_ended(said, p))]
    if len(hits) != 1 or sum(named <= stems(p) for p in parts) != 1:
        return None
    return line.replace(*hits[0], 1) if hits[0][1] != hits[0][0] else None


def set_values(
    before: list[str], lines: list[str], text: str
) -> tuple[list[str], list[tuple[str, str]]]:
    """(lines, edits): a clause that sets something named to a new value ('bump hotels to $150
    a night, food budget stays') edits the one stored line whose part names it, in its place; the
    lines this message added that only restate the change or what stays go. Nothing when no
    stored line, or more than one, names it, or the message is a one-off."""
    from assistant.feedback.cues import THIS_ANSWER
    from assistant.summary.list_items import put_back
    from assistant.summary.stale import stems

    if THIS_ANSWER.search(text):
        return lines, []
    edits: list[tuple[str, str]] = []
    for clause in re.split(r"[;!?]+|[.,](?!\d)|\b(?:and|but)\b", text):  # not '$15,500
        m = _SET_TO.search(clause)
        named = stems(m.group(1)) if m else set()
        hits = [(x, y) for x in before for y in [_in_named_part(clause, x, named)] if y]
        if len(hits) == 1 and hits[0][0] not in dict(edits):
            edits.append(hits[0])
    if not edits:
        return lines, []
    new = {y for _, y in edits}

    def restated(x: str) -> bool:  # 'Bump hotels to $150 a night.', 'Still food budget.'
        return bool(_SET_TO.search(x)) or stems(x) <= set().union(*(stems(y) for y in new))

    return put_back(before, lines, edits, restated), edits
