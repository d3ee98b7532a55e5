"""The job slot: what the user works as ('I'm a paralegal', 'now working as a night nurse'), or
the field they moved into ('I switched to urban planning')."""

from __future__ import annotations

import re

_WORKS_AS = re.compile(
    r"\b(?:i'm an?|i am an?|(?:now )?work(?:ing)? as an?|i'm now an?|job is|career as an?|"
    r"starting as an?|became an?|promoted to(?: an?)?)\s+"
    r"((?:[a-z-]+\s+){0,3}(?:[a-z-]+(?:er|or|ist|ian|ant|ent)|nurse|doctor|chef|student|"
    r"intern|vet|barista|lawyer|teacher|designer|engineer|analyst|dentist|paramedic|paralegal|"
    r"clerk|pilot|surgeon|mechanic|cook|midwife|technician|secretary|coach|physio|sysadmin|"
    r"nanny|carer|architect|medic|postdoc|tech))\b"
)
_NEW_FIELD = re.compile(
    r"\bi(?:'ve)? (?:switched|moved|changed|went) (?:careers? |jobs? |fields? )?(?:to|into) "
    r"((?:[a-z-]+ )?(?:planning|nursing|teaching|law|medicine|engineering|marketing|accounting|"
    r"consulting|journalism|design|finance|sales|research|software|data science|real estate|"
    r"management|education|healthcare|it|hr|ux|product))\b"
)


def job_of(low: str, diets: str) -> str | None:
    """The job a lowercased line names, or None ('I'm a vegan' is a diet, 'a beginner' no job)."""
    m = _WORKS_AS.search(low)
    if m and not re.fullmatch(diets, m.group(1)) and not re.search(r"beginner|novice", m[1]):
        return m.group(1)
    m = _NEW_FIELD.search(low)
    return m.group(1) if m else None


_EMPLOYER = re.compile(
    r"\b(?i:i (?:now |still )?work (?:at|for)|i(?:'ve| have)? (?:just )?(?:started|joined|got a job)"
    r"(?: a new job| working| work)? (?:at|with)|my (?:company|employer) is|i'm starting at|"
    r"new job at|now (?:working )?at) (?P<org>(?-i:[A-Z])[\w&'-]*(?: (?-i:[A-Z])[\w&'-]*){0,2})"
)


def employer_of(line: str) -> str | None:
    """Where the user works ('I work at Brightline Analytics', 'I started at Northwind this
    week'), or None; a new employer replaces the old."""
    m = _EMPLOYER.search(line)
    return m.group("org").lower() if m else None
