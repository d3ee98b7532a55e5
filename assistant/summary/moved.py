"""One day, month or time of a stored line moved: 'lily's piano moved to tuesdays, same time' after
'Lily has piano mondays at 4 and Sam has soccer wednesdays at 5.' is that line with tuesdays for
mondays (soccer stays); 'the friday session moved to saturday' after 'I lift mon/wed/fri at 7am.'
is 'I lift mon/wed/sat at 7am.'; 'race got moved to november' after 'I'm training for a half
marathon in october.' keeps the half marathon. The stored line with the new value is the update
(the merge then replaces the old line). assistant.summary.dates covers the lines with one day or
one full date; this covers the lines that name several, and bare months and times of day."""

from __future__ import annotations

import re
from collections.abc import Sequence

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")  # fmt: skip
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|march|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"  # fmt: skip
_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|rsday|urday)?s?"
_CLOCK = r"\d{1,2}(?::\d\d)?\s?(?:am|pm)|\d{1,2}:\d\d"
_MOVED = re.compile(
    r"(?i)\b(?:moved|moving|switched|switching|changed|changing|shifted|shifting|pushed|"
    r"postponed|rescheduled|bumped)\b[^.;,!?]{0,40}?\bto (?:the )?"
    rf"(?P<d>(?:{_MONTH}|{_WEEKDAY}|{_CLOCK}))(?![\w:])(?!\s*(?:\d|-|–|to\b))"
)
_VALUE = {
    "month": re.compile(rf"(?i)\b{_MONTH}\b(?!\s*\d)"),
    "day": re.compile(rf"(?i)\b{_WEEKDAY}\b"),
    "clock": re.compile(rf"(?i)(?<![\w:]){_CLOCK}(?![\w:])"),
}
_AFTER_MONTH = re.compile(r"(?i)\b(?:in|by|on|of|until|till|since|from|due|before|after)\s+$")
_BESIDE = re.compile(r"^[/-]|[/-]$")
_WORD = re.compile(r"[a-z][a-z']{3,}")
_FILLER = frozenset(
    re.findall(
        r"\S+",
        "moved moving switched switching changed changing shifted shifting pushed postponed "
        "rescheduled bumped same time still from next week month this that they them their have "
        "with just been back also update actually",
    )
)


def _kind(value: str) -> str:
    return next(k for k, p in _VALUE.items() if p.fullmatch(value.strip()))


def _norm(value: str, kind: str) -> str:
    low = value.lower().replace(" ", "")
    if kind == "clock":
        return low
    names = _MONTHS if kind == "month" else _DAYS
    return next(n for n in names if low.startswith(n[:3]))


def _values(line: str, kind: str) -> list[re.Match]:
    """The values of one kind a line says; a month only after 'in', 'by', 'on'... ('I may')."""
    found = list(_VALUE[kind].finditer(line))
    if kind == "day":  # 'sat', 'sun', 'wed' count only in 'mon/wed/fri', 'mon-fri'
        found = [m for m in found if len(m.group(0)) > 4 or _BESIDE.search(_around(line, m))]
    if kind == "month":
        found = [m for m in found if _AFTER_MONTH.search(line[: m.start()])]
    return found


def _around(line: str, m: re.Match) -> str:
    return line[m.start() - 1 : m.start()].strip() + "|" + line[m.end() : m.end() + 1].strip()


def _stems(text: str) -> set[str]:
    return {w.rstrip("s").removesuffix("'") for w in _WORD.findall(text.lower())} - _FILLER


def names_a_word_of(line: str, stored: str) -> bool:
    """The line names a word of the stored line ('ines's ballet' of 'My daughter Ines has ballet
    mondays at 5.'), leaving out the words any move says."""
    return bool(_stems(line) & _stems(stored))


def _as_old(new: str, old: str, kind: str) -> str:
    """The new value written the way the old one is ('fri' → 'sat', 'Mondays' → 'Tuesdays')."""
    if kind == "clock":
        return new
    name = _norm(new, kind)
    if len(old.rstrip("s")) <= 4 and kind == "day":  # 'mon/wed/fri'
        name = name[:3]
    elif kind == "day":
        name += "s" if old.lower().endswith("s") else ""
    return name.capitalize() if old[:1].isupper() else name


def _meridiem(value: str) -> str:
    return value.lower()[-2:] if value.lower().endswith(("am", "pm")) else ""


def moved_value(line: str, stored: Sequence[str]) -> str | None:
    """The stored line with the day, month or time the new line moves ('X moved to tuesdays'),
    or None. The line is the one that names a word of the new line (or, for a day or a month,
    the only line that says one); the value replaced is the one the new line names ('the friday
    session'), the one of the same half of the day ('evening dose moved to 10pm' of '8am and
    8pm'), or the one nearest a word the new line names ('piano' of 'piano mondays')."""
    m = _MOVED.search(line)
    if m is None or len(_VALUE["clock"].findall(line)) > 1:
        return None
    new, kind = m.group("d"), _kind(m.group("d"))
    if len(_values(line[m.start("d") :], kind)) > 1:  # 'moved him to Tuesdays and Thursdays'
        return None
    named = _stems(line) - _stems(new)
    candidates = [x for x in stored if _values(x, kind)]
    sharing = [x for x in candidates if _stems(x) & named]
    lines = sharing or (candidates if kind != "clock" else [])
    if len(lines) != 1:
        return None
    old = lines[0]
    values = _values(old, kind)
    said = {_norm(v.group(0), kind) for v in _values(line, kind)} - {_norm(new, kind)}
    pick = [v for v in values if _norm(v.group(0), kind) in said]
    if len(pick) != 1 and kind == "clock" and _meridiem(new):
        pick = [v for v in values if _meridiem(v.group(0)) == _meridiem(new)]
    if len(pick) != 1 and len(values) > 1:
        at = [w.start() for w in _WORD.finditer(old.lower()) if w.group(0).rstrip("s") in named]
        far = [min((abs(v.start() - a) for a in at), default=10**6) for v in values]
        pick = [v for v, d in zip(values, far, strict=True) if d == min(far) < 10**6]
    pick = pick if len(pick) == 1 else values if len(values) == 1 else []
    if not pick or _norm(pick[0].group(0), kind) == _norm(new, kind):
        return None
    v = pick[0]
    return old[: v.start()] + _as_old(new, v.group(0), kind) + old[v.end() :]
