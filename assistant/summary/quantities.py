"""A new amount of something already stored, said with the same unit: 'budget got bumped to
2200 dollars' after 'Budget is around 1500 dollars total.', 'it's 5 people now' after 'I meal
prep on Sundays for 4 people.', '12.5 kg!!' after 'Pickle is 14 kg right now.' The stored line
with the new amount is the update (it then replaces the old line by the usual merge)."""

from __future__ import annotations

import re
from collections.abc import Sequence

_AMOUNT = re.compile(
    r"(?P<pre>[$€£])?\s?(?P<n>\d+(?:,\d{3})*(?:\.\d+)?)(?P<k>k\b)?\s?"
    r"(?P<unit>[$€£]|[a-z]+(?:/[a-z]+)?)?",
    re.I,
)
_UNITS = {
    "$": "dollar", "usd": "dollar", "buck": "dollar", "€": "euro", "eur": "euro", "£": "pound",
    "gbp": "pound", "hr": "hour", "hrs": "hour", "h": "hour", "min": "minute", "mins": "minute",
    "kgs": "kg", "kilo": "kg", "kilos": "kg", "lbs": "lb", "pound": "lb", "kms": "km",
    "kilometre": "km", "kilometer": "km", "mile": "mi", "miles": "mi", "gram": "g", "grams": "g",
    "guest": "people", "person": "people", "persons": "people", "staff": "people",
    "employee": "people", "worker": "people", "word": "word", "cal": "calorie",
    "kcal": "calorie",
}  # fmt: skip
_NOT_UNITS = frozenset(
    re.findall(
        r"\S+",
        "a an the and or to for of in on at is am are was now a.m p.m am pm years year yrs yo old "
        "times time x th st nd rd",
    )
)
_CHANGE = re.compile(
    r"\b(?:now|new|bumped|raised|dropped|lowered|changed|instead|got|extended|updated?|"
    r"these days|anymore|today|this week|weighed|moved|went|gone|up to|down to|more like|hit)\b",
    re.I,
)


_NEW_STATE = re.compile(
    r"^\W*(?:i'?m|i am)\s+(?:now\s+)?(?!(?:at|on|up|down|back|still|only|just|about|around|"
    r"over|under|in)\b)([a-z]{3,})\b(?<!ing)",
    re.I,
)
""""I'm postpartum now": a new state, where 'I'm doing 55km/week now' is a new amount."""


def _amounts(line: str) -> list[tuple[str, str, re.Match]]:
    """(unit, amount, match) for each amount said with a unit."""
    out = []
    for m in _AMOUNT.finditer(line):
        unit = (m.group("pre") or m.group("unit") or "").lower().split("/")[0]
        if m.group("pre") and m.group("unit") and m.group("unit").lower() in _UNITS:
            unit = m.group("unit").lower()
        unit = unit.rstrip("s") if len(unit) > 3 and unit not in _UNITS else unit
        unit = _UNITS.get(unit, unit)
        if unit and unit not in _NOT_UNITS and (len(unit) > 1 or unit in _UNITS.values()):
            out.append((unit, m.group("n") + (m.group("k") or ""), m))
    return out


def same_quantity(line: str, stored: Sequence[str]) -> str | None:
    """The one stored line that says one amount in the unit the new line uses for its one
    amount, with the new amount in its place; None when no stored line, or more than one, says
    that unit, the amounts are equal, or the new line says no change ('now', 'new', 'got',
    'bumped' ...)."""
    said = _amounts(line)
    if len(said) != 1 or not _CHANGE.search(line) and len(line.split()) > 4:
        return None
    state = _NEW_STATE.match(line)
    if state and not any(state.group(1).lower() in x.lower() for x in stored):
        return None  # "I'm postpartum now, 3 weeks in" is not 'I'm pregnant, 20 weeks' updated
    unit, amount, _ = said[0]
    hits = [(x, a) for x in stored for a in _amounts(x) if a[0] == unit]
    if len(hits) != 1 or len(_amounts(hits[0][0])) != 1 or hits[0][1][1] == amount:
        return None
    old, (_, was, m) = hits[0]
    start = m.start("n")
    return old[:start] + amount + old[start + len(was) :]


_NAME = re.compile(
    r"(?<![.!?] )(?<!^)\b[A-Z][a-z]{2,}\b|^[A-Z][a-z]{2,}(?=(?:'s| is| has| turned| just))"
)
_NEW_NUMBER = re.compile(r"\b(?:now|turned|turns|actually)\b", re.I)


def same_subject_number(old: str, new: str) -> str | None:
    """'My dog Biscuit is a 3 year old beagle.' + 'Biscuit is 4 now.' → 'My dog Biscuit is a 4
    year old beagle.': a short update of the one number a stored line gives someone it names;
    None unless both lines name the same someone and say one number each."""
    from assistant.summary.references import NUMBER

    names = set(_NAME.findall(old)) & set(_NAME.findall(new))
    said, was = NUMBER.findall(new), NUMBER.findall(old)
    if not names or len(said) != 1 or not was or said == was or len(new.split()) > 8:
        return None  # not one number of the same someone, or too long for a short update
    if not _NEW_NUMBER.search(new):
        return None
    if {u for u, _, _ in _amounts(new)} - {u for u, _, _ in _amounts(old)}:
        return None  # 'Pickle is 14 kg now' is no new age for 'Pickle, 3 years old'
    if len(was) == 1:
        m = re.search(rf"(?<![\w.]){re.escape(was[0])}(?![\w.])", old)
        return old[: m.start()] + said[0] + old[m.end() :] if m else None
    # 'My kids are Nils (9) and Frida (5).' + 'Frida just turned 6!': the number by the name
    beside = [
        m
        for n in names
        for m in re.finditer(rf"\b{n}\b{_BESIDE}(\d+)(?!\w|\.\d|,? (?:and|&) \d)", old)
    ]
    if len(beside) != 1:
        return None
    return old[: beside[0].start(1)] + said[0] + old[beside[0].end(1) :]


_BESIDE = r"\s*(?:\(|,\s*|\s+(?:is|who'?s|aged?)\s+)?"
"""Between a name and its number: 'Frida (5)', 'Frida, 5', 'Frida is 5', 'Frida aged 5'."""


_BARE = re.compile(
    r"(?<![\w.:,$€£])[$€£]?(?P<n>\d+(?:,\d{3})*(?:\.\d+)?(?::\d\d)?k?)(?!\d|[.,:]\d)(?:st|nd|rd|th)?"
    r"(?:\s?(?:am|pm)\b)?(?=\s*(?:$|[,.!;)]|\s[—–-]\s)|\s*(?:(?:now|instead|then|max|tops|as|"
    r"is|a|per|this|today|these|please|pls|was|works|sounds|it|i|we|and|but|so|ok|lol|haha|"
    r"before|after|until|starting|every|each)\b))",
    re.I,
)
"""A number said without a unit or a noun after it: '80.5 now', 'ok 20, compromise', '10:00'."""
_DIGITS = re.compile(
    r"(?<![\w.:,])\d+(?:,\d{3})*(?:\.\d+)?(?::\d\d)?(?:k\b)?(?:\s?(?:am|pm)\b)?", re.I
)


_SO_NOW = re.compile(
    r"(?<![\w.:,$€£])[$€£]?(?P<n>\d+(?:,\d{3})*(?:\.\d+)?(?:k\b)?)\s*(?:now|total|in total|so far)\b",
    re.I,
)
"""The one number of several that is the new total: '... so 15k now'."""

_GOAL = re.compile(
    r"\b(?:to|under|below|over|above|than|goal(?: of| is)?|target(?: of| is)?)\s+"
    r"(?:about |around |roughly |~)?[$€£]?$",
    re.I,
)


def current_numbers(line: str, *, percent: bool = False) -> list[str]:
    """The numbers a line says; of two or more, those that are not a goal ('trying to get to
    80', 'under 28') or a rate ('at 24%'): 'I'm 92 kg trying to get to 80.' → ['92']."""
    found = list(_DIGITS.finditer(line))
    if len(found) < 2:
        return [m.group(0) for m in found]
    return [
        m.group(0)
        for m in found
        if not _GOAL.search(line[max(0, m.start() - 20) : m.start()])
        and (percent or not line[m.end() : m.end() + 2].lstrip().startswith("%"))
    ]


_TOKEN = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?(?::\d\d)?(?:k\b)?")
_AGE = re.compile(r"\b(?:years? old|yo|turn(?:ed|s|ing)|aged?)\b", re.I)
"""'Pickle, 3 years old': an age is changed by the age slot, not by a bare number."""


def _aged(line: str) -> bool:
    from assistant.summary.slots import slots

    return bool(_AGE.search(line)) or any(x.name.startswith("age") for x in slots(line))


def _is_time(token: str) -> bool:
    return ":" in token or bool(re.search(r"(?:am|pm)$", token, re.I))


def _value(token: str) -> float:
    """'57.2k' → 57200, '1,100' → 1100; a time of day is never compared by size."""
    low = token.lower().replace(",", "")
    return float(low[:-1]) * 1000 if low.endswith("k") else float(low)


def new_amount(summary_lines: Sequence[str], text: str) -> str | None:
    """'ok 20, compromise' after 'Keep my thermostat suggestions around 21 C.', 'tight month,
    300' after 'My monthly grocery budget is 400 dollars.': a short message whose one number has
    no unit of its own is a new value for the one stored line with one number of the same kind
    (a time of day, or an amount within a factor of four); that line with the number replaced,
    or None. A question, a longer message or two candidate lines (unless the message shares a
    word with one) give None."""
    from assistant.summary.dates import FULL_DATE  # 'due april 30': a date, not an amount
    from assistant.summary.day_exceptions import for_some_days
    from assistant.summary.relation_cues import stems

    if FULL_DATE.search(text) or _OFFSET.search(text):  # 'I'm in UTC+9': a time zone
        return None
    said = _DIGITS.findall(text)
    m = _BARE.search(text)
    now = list(_SO_NOW.finditer(text))
    if len(said) > 1 and len(now) == 1:  # 'put another 3k in this month! so 15k now'
        said, m = [now[0].group("n")], now[0]
    if len(said) != 1 or m is None or "?" in text or len(text.split()) > 12:
        return None
    new, kind = m.group("n"), _is_time(said[0])
    found = []
    for line in summary_lines:
        goals = _goal_numbers(line) if _AIM.search(text) else []
        numbers = goals or current_numbers(line, percent="%" in text)  # 'changed my goal to 72'
        if len(numbers) != 1 or _is_time(numbers[0]) != kind or _aged(line):
            continue
        if for_some_days(line, text):  # 'thursday is now 6:15, tuesday unchanged'
            continue
        old = _TOKEN.match(numbers[0]).group(0)
        if old == new or not kind and not 0.25 <= _value(new) / max(_value(old), 1e-9) <= 4:
            continue
        found.append((line, old))
    # 'new goal: 70' is for the line with a goal; 'down to 79 now!' is for the other one
    aimed = [x for x in found if _aimed_at(*x) or _AIM.search(text) and _goal_numbers(x[0])]
    found = (aimed if _AIM.search(text) else [x for x in found if x not in aimed]) or found
    named = [x for x in found if stems(x[0]) & stems(text)]
    chosen = named if len(named) == 1 else found if len(found) == 1 and not named else []
    if not chosen:
        return None
    line, old = chosen[0]
    at = re.search(rf"(?<![\w.]){re.escape(old)}(?P<th>st|nd|rd|th)?(?![\d])", line)
    if not at:
        return None
    return line[: at.start()] + new + (_ordinal(new) if at.group("th") else "") + line[at.end() :]


_AIM = re.compile(r"\b(?:goal|target|aim(?:ing)?|trying|want)\b", re.I)
_OFFSET = re.compile(r"(?i)\b(?:utc|gmt)\s*[+\-−]\s*\d")


def _goal_numbers(line: str) -> list[str]:
    """'I'm 82kg trying to get to 75.' → ['75']."""
    return [
        m.group(0)
        for m in _DIGITS.finditer(line)
        if _GOAL.search(line[max(0, m.start() - 20) : m.start()])
    ]


def _aimed_at(line: str, number: str) -> bool:
    at = line.find(number)
    return at >= 0 and bool(_GOAL.search(line[max(0, at - 20) : at]))


def _ordinal(number: str) -> str:
    """'4' → 'th', '2' → 'nd', '12' → 'th': the suffix the new number takes where the old had one
    ('in 2nd grade' → 'in 4th grade', not '4nd')."""
    n = int(number) if number.isdigit() else 0
    return "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def new_time(line: str, stored: Sequence[str]) -> str | None:
    """'Anything from 8:30 is fine now.' after "Don't suggest meetings before 10am.": the one
    stored line with one time of day, at the new time (new_amount); None unless the line says one
    time and that it is new ('now', 'instead')."""
    said = _DIGITS.findall(line)
    if len(said) != 1 or not _is_time(said[0]) or not re.search(r"(?i)\b(?:now|instead)\b", line):
        return None
    return new_amount(stored, line)
