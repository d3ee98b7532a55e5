"""A new line says what holds now, not the way there: 'I moved to Bristol and switched from
triathlon to just cycling.' is stored as '... switched to just cycling.'; 'My husband Dario quit
the restaurant and teaches high school now.' as 'My husband Dario teaches high school now.';
'Dropped stats, took linear algebra instead.' as 'Took linear algebra.'. What was before stays in
the history (the message that said it). graph.retire applies it to the lines a turn adds.

Only a change said in the past tense is cut ('I'm moving from Leeds to York in May' still lives
in Leeds), and a stop only when the rest of the line says what holds instead ('now', 'instead'):
'He quit smoking and feels great' keeps the quitting, which is what holds."""

from __future__ import annotations

import re

_FROM_TO = re.compile(
    r"(?i)\b(?P<verb>(?:moved|switched|changed|transferred|relocated|migrated|shifted|upgraded|"
    r"downgraded|converted)(?:\s+(?:it|him|her|them|us|me|over|back))?)"
    r"\s+from\s+(?:the\s+)?[^,.;:!?()]{1,40}?\s+(?=(?:to|into|onto)\s)"
)
_STOPPED = r"(?:quit|dropped|ditched|gave up(?: on)?|stopped|left|retired from)"
_NOW = re.compile(r"(?i)\b(?:now|instead|these days|nowadays)\b")
_LEAD = re.compile(
    rf"(?i)^(?P<who>(?:i|we|he|she|they|my|our|his|her|their)\b[^,.;:!?]{{0,40}}?\s+|)"
    rf"(?:(?:'ve|have|has|just|finally)\s+)*(?P<verb>{_STOPPED})\s+[^,.;:!?]{{1,40}}?"
    r"(?:\s+for good)?\s*(?:,\s*(?:and\s+)?|\s+and\s+|;\s*)(?P<rest>[^;]+)$"
)
_REASON = re.compile(r"(?i)^(?:so|because|since|as|but|which|that|cause|cos)\b")
_GERUND = re.compile(r"(?i)^(?:just\s+|mostly\s+|only\s+)?\w+ing\b")
_INSTEAD = re.compile(r"(?i),?\s+instead(?=\s*[.!]?$)")
_AUX = re.compile(r"(?i)(?:'ve|'s|\s+have|\s+has)$")
_PRONOUN = re.compile(r"(?i)^(?:i|we|he|she|they)(?:'m|'re|'s|'ve)?\s+(?=\w)")
_BARE = frozenset({"quit", "left"})  # 'Quit apologizing and ...' is an order, not news
_BE = {"i": "I'm", "we": "we're", "they": "they're"}


def _says_now(rest: str) -> bool:
    """The rest of the line says what holds now: 'teaches high school now', not 'so no desserts
    now' (a reason) or 'now feel fine'."""
    bare = _NOW.sub("", rest).strip(" ,.!")
    return bool(_NOW.search(rest) and bare) and not _REASON.match(rest) and not _NOW.match(rest)


def as_now(line: str) -> str:
    """The line without the value it moved away from or the thing it stopped, when it also says
    what holds now; otherwise the line as it is."""
    out = _FROM_TO.sub(lambda m: m.group("verb") + " ", line)
    m = _LEAD.match(out)
    if (
        m
        and _says_now(m.group("rest"))
        and (m.group("who") or m.group("verb").lower() not in _BARE)
    ):
        who, rest = _AUX.sub("", m.group("who").strip()), _INSTEAD.sub("", m.group("rest").strip())
        rest = _PRONOUN.sub("", rest) if who else rest  # 'my daughter quit piano, she does ...'
        if who and _GERUND.match(rest):  # 'My son Jonah quit baseball, doing cross country now'
            head = who.split()[0].lower()
            who = _BE[head] if head in _BE and len(who.split()) == 1 else f"{who} is"
        out = f"{who} {rest}".strip() if who else rest
    out = out[:1].upper() + out[1:]
    return out if len(out.split()) >= 2 else line
