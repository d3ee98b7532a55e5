"""What of a replaced line stays: the age or the place said at its start, when the line that
replaces it changes something else ('My son is 9 and obsessed with dinosaurs.' less the
dinosaurs is 'My son is 9.'; "I'm in Cape Town so rand please." less the currency is "I'm in
Cape Town.")."""

from __future__ import annotations

import re
from functools import cache

from assistant.summary.slots import slots

_AGE_PART = re.compile(
    r"^((?:I'm|I am|(?:My|Our) (?:[\w'-]+ ){0,2}?[\w'-]+ (?:is|'s))\s+\d{1,2}(?: years old)?)"
    r"\s*(?:,|and\b)\s*\S",
    re.I,
)
_NEW_AGE = re.compile(
    r"\b(?:turned|turning|is now|now)\s+(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen)\b",
    re.I,
)
_PLACE_PART = re.compile(
    r"^((?:I'm|I am|I live|We're|We are|We live)(?: based)? in (?:the )?[A-Z][\w'-]*"
    r"(?: [A-Z][\w'-]*)*)\s*(?:,|\bso\b|\band\b)\s*\S"
)


def age_part(line: str) -> str | None:
    """The age said at the start of a line that also says something else, kept when the rest
    is taken back."""
    m = _AGE_PART.match(line.strip())
    return m.group(1) + "." if m else None


def said_age(line: str) -> bool:
    return any(s.name.startswith("age") for s in slots(line)) or bool(_NEW_AGE.search(line))


def place_part(old: str, new: str) -> str | None:
    """The place said at the start of a replaced line, kept when the new line names no place."""
    m = _PLACE_PART.match(old.strip())
    if m is None or any(s.name == "location" for s in slots(new)):
        return None
    return m.group(1) + "."


_BOTH = re.compile(
    r"^((?:I'm|I am|We're|We are|(?:My|Our) [\w' -]{1,30}? (?:is|are|'s))) ([^,;]+?) and "
    r"(?:also )?([^,;]+?)\W*$",
    re.I,
)


def other_half(old: str, new: str) -> str | None:
    """ "I'm allergic to peanuts and lactose intolerant." less what the new line names ('not
    lactose intolerant after all'): "I'm allergic to peanuts."; None unless the new line names
    one half only."""
    from assistant.summary.relation_cues import stems

    m = _BOTH.match(old.strip())
    if m is None or " and " in m.group(3):
        return None
    said = stems(new)
    named = [bool(stems(m.group(i)) & said) for i in (2, 3)]
    if named.count(True) != 1 or not all(stems(m.group(i)) for i in (2, 3)):
        return None
    return f"{m.group(1)} {m.group(3) if named[0] else m.group(2)}."


def unplaced(old: str, new: str) -> str | None:
    """ "I'm a freelance copywriter in Nairobi." less its place, when the take-back names only
    where the user lives ('forget where I live'): "I'm a freelance copywriter."."""
    from assistant.summary.relation_cues import SLOT_NAMED

    place = [s.value for s in slots(old) if s.name == "location"]
    if not place or not SLOT_NAMED["location"].search(new.lower()):
        return None
    rest = re.sub(rf"(?i),?\s*\b(?:in|from|based in) (?:the )?{re.escape(place[0])}\b", "", old)
    return rest if rest != old and len(rest.split()) >= 3 else None


_WORD = re.compile(r"[a-z][\w'-]{2,}")
_NOT_ITEMS = frozenset(
    _WORD.findall("the that this one thing things stuff bit part list all any too")
)


def without_item(old: str, new: str) -> str | None:
    """'My kids are Leo 6, Emma 9.' less the one item a take-back names ('forget about emma'),
    "I'm allergic to shellfish, latex and ibuprofen." less 'not latex, scrap that one': "I'm
    allergic to shellfish and ibuprofen."; None unless one short later item of a list is named
    (and not the word that opens the list)."""
    if not re.match(r"(?i)(?:i|i'm|i am|my|our|we|we're|both)\b", old.strip()):
        return None  # a rule's list ('Give really detailed, long answers') is no list of things
    items = re.split(r",\s*(?:and\s+)?|\s+and\s+", old.strip().rstrip("."))
    said = set(_WORD.findall(new.lower())) - _NOT_ITEMS
    hit = [
        i for i, x in enumerate(items)
        if i and len(x.split()) <= 3 and set(_WORD.findall(x.lower())) & said
    ]  # fmt: skip
    if len(items) < 2 or len(hit) != 1 or set(_WORD.findall(items[0].lower())[-1:]) & said:
        return None
    rest = [x for i, x in enumerate(items) if i != hit[0]]
    if len(rest) > 1 and " and " in old:
        return ", ".join(rest[:-1]) + " and " + rest[-1] + "."
    return ", ".join(rest) + "."


@cache
def _job_said() -> tuple[re.Pattern, re.Pattern]:
    from assistant.summary.transitions import _JOBS

    return re.compile(
        rf"(?i)^(I|(?:My|Our) (?:[\w'-]+ ){{0,2}}?[\w'-]+)(?:'m| am| is|'s| works? (?:nights |days |"
        rf"shifts |full[- ]time |part[- ]time )?as)\s+(an? (?:[\w-]+ ){{0,2}}?(?:{_JOBS}))\b"
    ), re.compile(
        rf"(?i)\b(?:{_JOBS}|jobs?|career|retir\w*|quit|laid off|fired|unemployed)\b|"
        r"(?:'m|\bam|\bis|'s|\bworks? as) (?:now |actually )?an? [\w-]+|\b(?:is|'s|'m|am|are) now\b|"
        r"\b(?:switched|switching|changed|transferred|pivoted|went|moving|moved) (?:over )?(?:to|into)"
        r" (?!(?:the |a )?(?:day|night|early|late|morning|evening|weekend|split)s?\b|part|full|"
        r"remote|fewer|more|shorter|longer|(?-i:[A-Z]))|\b(?:practice|firm|company|hospital|clinic|"
        r"agency|startup|role|position|promoted|promotion|lead|head of|department)\b"
    )  # 'I'm a baker now', 'switched to urban planning': what they do now


_WRONG = re.compile(r"(?i)\b(?:wrong|mistake|typo|not true|made (?:that|it) up|kidding|jk)\b")


def job_part(old: str, new: str) -> str | None:
    """What someone is, said in a replaced line, kept when the new line says nothing of work
    ('My wife works nights as a paramedic.' replaced by 'She switched to day shifts.': 'My wife
    is a paramedic.')."""
    from assistant.summary.relation_cues import RETRACT

    said, work = _job_said()
    m = said.match(old.strip())
    if m is None or work.search(new) or RETRACT.search(new.lower()) or _WRONG.search(new):
        return None  # 'forget all that', 'wrong chat': nothing of the line stays
    return f"I'm {m.group(2)}." if m.group(1) == "I" else f"{m.group(1)} is {m.group(2)}."


def kept_parts(gone: list[tuple[str, str]], new: str) -> list[str]:
    """Of the lines the new one took away (line, relation), the ages it does not say anew, the
    half of a two-part line it does not name, and the places of those it superseded (a
    take-back takes its place with it)."""
    ages = [a for o, _ in gone for a in [age_part(o)] if a and not said_age(new)]
    halves = [h for o, r in gone if r == "retracts" for h in [other_half(o, new)] if h]
    halves += [
        h
        for o, r in gone
        if r == "retracts"
        for h in [unplaced(o, new) or without_item(o, new)]
        if h
    ]
    places = [place_part(o, new) for o, r in gone if r == "supersedes"]
    jobs = [job_part(o, new) for o, r in gone if r == "supersedes"]
    kept = ages + halves + [p for p in places if p and p not in ages + halves]
    return kept + [j for j in jobs if j and j not in kept]
