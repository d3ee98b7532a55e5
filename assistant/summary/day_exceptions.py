"""A rule for some days beside a rule for every day: 'pickup is 1:30 on weds only' after 'School
pickup for my twins is 3:15 every day.', or 'fridays i now finish at 1pm' after 'My working hours
are 9-5 mon to fri.', is an exception to the stored line, not its replacement: both stay. The new
line names days the stored line covers with a span ('every day', 'weekdays', 'mon to fri',
'tuesday and thursday') and not all of them; a day the stored line names on its own ('and take
the train on fridays') is no exception to it."""

from __future__ import annotations

import re

_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY = r"(?:mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|rsday|urday)?s?"
_A_DAY = re.compile(rf"(?i)(?<![\w-]){_DAY}(?![\w-])")
_RANGE = re.compile(rf"(?i)\b({_DAY})\s*(?:-|–|to|through|thru|till|until)\s*({_DAY})\b")
_EVERY = re.compile(
    r"(?i)\b(?:every ?day|daily|each day|all week|seven days a week|7 days a week)\b"
)
_WEEKDAYS = re.compile(r"(?i)\b(?:weekdays|every weekday|week days|workdays|every workday)\b")


def _day(word: str) -> int:
    return _DAYS.index(word.lower()[:3])


def _spanned(line: str) -> set[int]:
    """The days a line covers with a span: every day, weekdays, 'mon to fri', or a list of two or
    more days ('tuesday and thursday', 'mon/wed/fri')."""
    if _EVERY.search(line):
        return set(range(7))
    days = set(range(5)) if _WEEKDAYS.search(line) else set()
    for m in _RANGE.finditer(line):
        a, b = _day(m.group(1)), _day(m.group(2))
        days |= set(range(a, b + 1)) if a <= b else set(range(a, 7)) | set(range(b + 1))
    listed = _alone(line)
    return days | listed if len(listed) >= 2 or days else days


def _alone(line: str) -> set[int]:
    """The days a line names outside any span ('sat' and 'sun' only beside '/' or '-')."""
    rest = _RANGE.sub(" ", line)
    return {_day(m.group(0)) for m in _A_DAY.finditer(rest) if _a_day(rest, m)}


def _a_day(line: str, m: re.Match) -> bool:
    near = line[max(m.start() - 1, 0) : m.start()] + line[m.end() : m.end() + 1]
    return m.group(0).lower() not in ("sat", "sun") or "/" in near or "-" in near


_FILLER = re.compile(
    r"(?i)\b(?:just|only|now|on|the|a|an|is|are|and|or|for|from|next|week|this|"
    r"these|days?|nights?|every|each|all|also|too|anymore|thing|stuff|stopped)\b"
)


def _says_more(old: str, new: str) -> bool:
    """The new line gives something for its days: a number or a word the old line lacks ('1:30',
    'bus'); 'Just Tuesdays now.' only takes days away."""

    def words(x: str) -> set[str]:
        return set(
            re.findall(r"\d[\d:]*|[a-z][a-z0-9:]+", _FILLER.sub(" ", _A_DAY.sub(" ", x.lower())))
        )

    return bool(words(new) - words(old))


_ONSET = re.compile(
    rf"(?i)\b(?:starts?|starting|started|from|as of|beginning|begins|next|this|last|until|till|"
    rf"since|by|after|before)\s+(?:on\s+)?{_DAY}"
)
"""'new job starts monday': when a change begins, not the days it is for."""


def day_exception(old: str, new: str) -> bool:
    """The new line is about some of the days the old one covers with a span, not all of them,
    and the old line names none of those days on its own beside another ('mon-thu and the train
    on fridays')."""
    covered, named = _spanned(old), _alone(_ONSET.sub(" ", new))
    if len(covered) < 2 or not named or _spanned(new) >= covered or not _says_more(old, new):
        return False
    alone_old = _alone(old)
    separate = alone_old and len(alone_old) == 1 and (_RANGE.search(old) or _EVERY.search(old))
    return named < covered and not (separate and named & alone_old)


_DAYS_STAY = re.compile(
    rf"(?i)^\W*(?:(?:and|but|the|on)\s+)*{_DAY}(?:\s*(?:,|and|&|/)\s*{_DAY})*\s+(?:is |are )?"
    r"(?:still )?(?:unchanged|the same|same|as before|as is|stays?|remains?|fine)\W*$"
)
"""'tuesday unchanged': a clause that keeps days as they are and says nothing else ('tue and wed
are still nights' says what they are: the message restates the line)."""


def for_some_days(line: str, text: str) -> bool:
    """A message gives a new value for some of the days the line covers, its clauses that only
    keep days as they are left out ('thursday practice is now 6:15, tuesday unchanged')."""
    said = [c for c in re.split(r"[.,;!?]|\bbut\b", text) if not _DAYS_STAY.match(c)]
    return day_exception(line, ", ".join(said))
