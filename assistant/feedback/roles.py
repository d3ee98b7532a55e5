"""Who the user says they are on the way to a question: 'As a nurse on night shifts, how should I
sleep?', 'as someone with COPD, is it safe to fly?', 'as someone who teaches piano online, ...';
and who in their life a piece names by first name alone ('Harry is in Year 2.')."""

from __future__ import annotations

import re

_AS_A = re.compile(
    r"^\W*as an? ((?:[a-z-]+ ){0,3}(?:[a-z-]+(?:er|or|ist|ian|ant|ent)|nurse|doctor|chef|"
    r"student|parent|mom|mum|dad|vegan|vegetarian|beginner|coach|vet|nanny|carer|tech|medic|"
    r"surgeon|midwife|pilot|paramedic|barista|farmer|lawyer|athlete|analyst|associate|clerk|intern|admin)"
    r"(?: (?:on|in|at|with|for) [\w -]{2,30}?)?)\s*(?:,|$|(?=i\b))",
    re.I,
)
_WITH_X = re.compile(r"^\W*as (?:someone|somebody|a person|a guy|a woman|a man|an? \w+) (?:with|who has) ([\w'-]+(?: [\w'-]+){0,3}?)\s*(?:,|\s(?=(?:is|are|can|could|should|would|will|do|does|what|how|which|i)\b))", re.I)  # fmt: skip
_WHO_DOES = re.compile(
    r"(?i)^\W*as (?:someone|somebody|a person|an? \w+) who ([a-z]+(?:es|s)) ([\w'-]+(?: [\w'-]+){0,5}?)\s*,"
)


def _base(verb: str) -> str:
    """'teaches' → 'teach', 'has' → 'have', 'studies' → 'study', 'runs' → 'run'."""
    low = verb.lower()
    if low == "has":
        return "have"
    if low.endswith("ies"):
        return low[:-3] + "y"
    return low[:-2] if re.search(r"(?:ch|sh|ss|x|o)es$", low) else low[:-1]


_NOT_ROLES = re.compile(r"\b(?:reminder|matter|result|rule|example|aside|whole|favou?r|bonus)\b")


def said_as(piece: str) -> list[str]:
    """The user's role, condition or work said with 'as ...' at the start of a piece, as lines."""
    out = []
    m = _AS_A.match(piece)
    if m and not _NOT_ROLES.search(m.group(1).lower()):
        out.append(f"I'm a {m.group(1).strip()}.")
    m = _WITH_X.match(piece)
    out += [f"I have {m.group(1).strip()}."] if m else []
    m = _WHO_DOES.match(piece)
    out += [f"I {_base(m.group(1))} {m.group(2).strip()}."] if m else []
    return out


_NOT_A_NAME = frozenset(
    re.findall(
        r"\S+",
        "she he they we you it its and let same the this that these those there here what when where "
        "why how who which today tomorrow "
        "tonight yesterday everyone everything nobody someone dinner lunch breakfast school work class "
        "practice mine ours monday tuesday wednesday thursday friday saturday sunday january february "
        "march april may june july august september october november december",
    )
)
_NAMED = re.compile(
    r"^\W*(?:(?:and|also|oh|btw|so)\s+)?(?P<who>[A-Z][a-z]{2,})(?:'s|\u2019s| is| are| has| does| goes| "
    r"takes| plays| starts| needs| can'?t| won'?t| hates| loves| eats| doesn'?t| isn'?t)\b|"
    r"\b(?:lessons?|practice|class(?:es)?|club|training|pickup|pick-up|drop-?off|bedtime|nap|"
    r"appointments?|therapy|tutoring) (?:for|with) (?P<for>[A-Z][a-z]{2,})\b"
)


def named(piece: str) -> str | None:
    """The person a piece names by first name alone ('Harry is in Year 2.', 'Swim lessons for
    Poppy are Tuesdays at 4' name Harry and Poppy; 'Dinner is at 7' names nobody), or None."""
    m = _NAMED.search(piece)
    who = m and (m["who"] or m["for"])
    return who if who and who.lower() not in _NOT_A_NAME else None


def names_someone(piece: str) -> bool:
    """A piece about someone the user names by first name alone: the people in their life."""
    return named(piece) is not None
