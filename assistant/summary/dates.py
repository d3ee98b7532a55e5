"""The deadline slot: the date something is due ('My thesis is due May 15th', 'new deadline is
June 2', 'I pushed the exam to February'); a new date for it replaces the old one."""

from __future__ import annotations

import re

from assistant.summary.moved import names_a_word_of

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE = rf"(?:{_MONTH}(?:\s+{_DAY}\b)?|{_DAY}(?:\s+of)?\s+{_MONTH}|the\s+{_DAY}\b)"
_WHEN = re.compile(
    rf"\b(?:due|deadline(?:'s| is)?|(?:pushed|moved|postponed|rescheduled|shifted|bumped)"
    rf"(?:\s+[\w']+){{0,4}}?\s+(?:back\s+)?(?:to|till|until|for)|in|on|by|is)\s+(?:on\s+)?({_DATE})"
)
_DUE_THING = re.compile(
    r"\b(?:due|deadline|exam|submission|submit|defen[cs]e|interview|presentation|viva|"
    r"pushed|postponed|rescheduled)\b"
)


def deadline_of(low: str) -> str | None:
    """The due date a lowercased line gives, or None: 'may 15th' of 'my thesis is due may 15th'."""
    if not _DUE_THING.search(low):
        return None
    m = _WHEN.search(low)
    return re.sub(r"\s+", " ", m.group(1)) if m else None


_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)days?\b"
_DAYS = rf"{_WEEKDAY}(?:,? {_WEEKDAY})*(?:,? (?:and|&) {_WEEKDAY})?"
_ITS_DATE = re.compile(
    rf"(?i)^(?:it's|its|it is|it was|it(?: has| got)? moved to|it's moved to|it's now on|(?:i'm |we're )?(?:switching|switched|changing|changed|moving) (?:it )?to)"
    rf"(?: actually| now)? (?:on )?(?P<d>{_DATE}|{_DAYS})(?: now| instead| from next (?:week|month)(?: on)?)?\W*$"
)
_DAY_LIST = re.compile(rf"(?i)\b{_DAYS}")
_MOVED_DAYS = re.compile(
    rf"(?i)\b(?:moved|moving|switched|switching|changed|changing|shifted|shifting)\b[^.;,]{{0,40}}?"
    rf"\bto (?P<d>{_DAYS})"
)
_A_DATE = re.compile(rf"(?i)\b(?:{_MONTH}(?:\s+{_DAY}\b)?|{_DAY}(?:\s+of)?\s+{_MONTH}|{_WEEKDAY})")


def redated(line: str, stored: list[str]) -> str | None:
    """'It's March 13th.' after "My friend Anouk's birthday is March 3rd.", 'it moved to Thursdays'
    after 'practice is Tuesdays at 5': the newest stored line that gives one date or day, with the
    new one; None when the line is no bare date or none fits."""
    m = _ITS_DATE.match(line.strip())
    if m is None and len(_DAY_LIST.findall(line)) == 1:  # 'the studio moved her class to thursdays'
        m = _MOVED_DAYS.search(line)
    days = m and _DAY_LIST.fullmatch(m.group("d"))  # 'Tuesdays, Thursdays and Saturdays now'
    found = [(x, list(_DAY_LIST.finditer(x)) if days else _dates(x)) for x in stored] if m else []
    dated = [(x, at[0]) for x, at in found if len(at) == 1]
    named = [(x, at) for x, at in dated if names_a_word_of(line, x)]
    if not dated:
        return None
    old, at = (named if len(named) == 1 else dated)[-1]  # 'ines's ballet', not the newest line
    return old[: at.start()] + m.group("d") + old[at.end() :]


_MOVED = re.compile(r"(?i)\b(?:moved|pushed|postponed|rescheduled|changed|delayed|shifted)\b")
FULL_DATE = re.compile(rf"(?i)\b(?:{_MONTH}\s+{_DAY}\b|{_DAY}(?:\s+of)?\s+{_MONTH})")
_MOVED_TO = re.compile(rf"(?i)\b(?:moved|pushed|postponed|rescheduled|changed|delayed|shifted|deferr(?:ed|ing)|bumped)\b[^.;]{{0,30}}?\b(?:to|till|until) (?:the )?(?P<d>{_DAY}(?:\s+of)?\s+{_MONTH}|{_MONTH}(?:\s+{_DAY}\b)?)")  # fmt: skip
_NOW_DUE = re.compile(
    r"(?i)^(?:(?:now|so|and) )*(?:it'?s|its|it is|it'll be|the deadline'?s?|due|"
    r"(?:the |my )?new (?:deadline|due date)(?: is)?)\b"
)


def due_again(line: str, stored: list[str]) -> str | None:
    """'now its due april 30' after 'My thesis is due march 14.': the stored deadline line with
    the new date (the whole date, not only its day number); None when no one-date deadline line
    is stored or the line says more than the new date."""
    new = FULL_DATE.findall(line)
    due = _NOW_DUE.match(line.strip()) and _DUE_THING.search(line.lower())
    moved = _MOVED.search(line) and re.search(rf"(?i)\b(?:it'?s|its|it is) (?:now |actually )?"
                                              rf"(?:on )?{re.escape(new[0]) if new else '-'}", line)  # fmt: skip
    to = _MOVED_TO.search(line)  # 'HR moved my start date to March 17', 'deferring to February'
    new, moved = ([to.group("d")], True) if to and len(_A_DATE.findall(line)) == 1 else (new, moved)
    if len(new) != 1 or not (due or moved):
        return None
    dated = [
        (x, d[0])
        for x in stored
        if (deadline_of(x.lower()) or moved)
        for d in [_dates(x)]
        if len(d) == 1 and FULL_DATE.search(d[0].group(0))
    ]
    if not dated:
        return None
    old, at = dated[-1]
    return old[: at.start()] + new[0] + old[at.end() :]


def _dates(line: str) -> list[re.Match]:
    """The dates and days a line gives; a bare month only after 'in', 'by', 'on'... ('I may')."""
    return [
        m
        for m in _A_DATE.finditer(line)
        if not re.fullmatch(_MONTH, m.group(0).lower())
        or re.search(r"\b(?:in|by|on|of|until|till|due|since|from)\s+$", line[: m.start()].lower())
    ]


def same_but_dated(old: str, new: str) -> bool:
    """The same line with other days or another date ('I train Mondays and Fridays.' then 'I train
    Tuesdays and Saturdays.')."""

    def bare(x: str) -> str:
        return _A_DATE.sub("", _DAY_LIST.sub("", x)).lower().strip(" .")

    return old.lower() != new.lower() and bool(_A_DATE.search(new)) and bare(old) == bare(new)
