"""Which neighbouring clauses of a message stay one preference line: an adjective whose noun
comes after the comma ('keep a formal, professional tone'), and a rule said to follow from a
state that will end ('my leg is in a cast, so only seated exercises')."""

from __future__ import annotations

import re

from assistant.summary.slots import slots

ADJECTIVES = {
    "formal", "casual", "concise", "detailed", "specific", "polite", "direct", "friendly", "technical",
    "serious", "playful", "decisive", "confident", "enthusiastic", "vivid", "professional", "precise",
    "thorough", "careful", "relaxed", "natural", "honest", "brief", "patient", "creative", "blunt",
}  # fmt: skip


_OPEN_ADJECTIVE = re.compile(
    rf"\b(?:a|an|the|very|more|less)\s+(?:{'|'.join(sorted(ADJECTIVES | {'warm', 'short'}))})$",
    re.I,
)


def glued(before: str, sep: str, clause: str) -> str | None:
    """The clause joined to the one before when they are one line: ', always' belongs to the
    rule before it ('use celsius, always'); 'keep a formal, professional tone' (the adjective's
    noun is in the next clause). None when they stay apart."""
    if re.fullmatch(r"(?i)always|from now on|going forward", clause):
        first = before if re.match(r"^I(\b|')", before) else before[:1].lower() + before[1:]
        return f"{clause} {first}"
    if sep.strip() == "," and _OPEN_ADJECTIVE.search(before):
        return f"{before}, {clause}"
    return None


_PRESENT = {
    "gave": "give", "used": "use", "broke": "break", "added": "add", "included": "include",
    "put": "put", "kept": "keep", "wrote": "write", "made": "make", "split": "split",
    "listed": "list", "showed": "show", "started": "start", "ended": "end", "numbered": "number",
    "explained": "explain", "summarised": "summarise", "summarized": "summarize", "bolded": "bold",
}  # fmt: skip
_YOU_DID = re.compile(rf"\byou ({'|'.join(_PRESENT)})\s+(?:me\s+)?(.{{3,80}}?)\W*$", re.I)
_DO_THAT = re.compile(r"\b(?:keep )?do(?:ing)? (?:that|this|it)(?: again)?\b", re.I)


def what_you_did(line: str, seen: list[str]) -> str:
    """'Always do that for how-to stuff' after 'I love that you gave numbered steps' → 'Always
    give numbered steps for how-to stuff'; the line as it is when nothing before says what."""
    if not _DO_THAT.search(line):
        return line
    for clause in reversed(seen[-3:]):
        m = _YOU_DID.search(clause)
        if m:
            did = re.sub(r"(?i)\b(?:that|this|the) (answer|reply|response)\b", r"\1s", m.group(2))
            out = _DO_THAT.sub(f"{_PRESENT[m.group(1).lower()]} {did}", line, count=1)
            return out[:1].upper() + out[1:]
    return line


_THAT_ENDED = re.compile(r"^(?:that|this|it)(?:'s|\s)", re.I)


def because_of(line: str, seen: list[str], last_kept: bool) -> str:
    """'That doesn't apply anymore' after 'I had to pull out of the marathon': the take-back
    says what 'that' is ('I had to pull out of the marathon, so that doesn't apply anymore');
    else the line as it is."""
    from assistant.summary.relation_cues import RETRACT, says_ended

    low, said = line.lower(), [c for c in seen[-2:] if len(c.split()) >= 3]
    if last_kept or not said or not _THAT_ENDED.match(line):
        return line
    if not (RETRACT.search(low) or says_ended(low)):
        return line
    return f"{said[-1][:1].upper()}{said[-1][1:].rstrip('.')}, so {line[:1].lower()}{line[1:]}"


_BECAUSE = re.compile(r"^(?:since|because|as long as|while)\b", re.I)


def follows_from(kept: list[tuple[str, str]], sep: str, kind: str) -> bool:
    """A rule said to follow from the fact just before it ('X, so Y') stays on its line: when
    the fact ends, the rule goes with it."""
    said_so = re.match(r"[\s,]*so\b", sep, re.I) or sep.lstrip().startswith(",")
    because = bool(kept) and bool(_BECAUSE.match(kept[-1][0]))
    return (
        bool(kept and (said_so or because))
        and bool(
            because
            or _FOR_A_WHILE.search(kept[-1][0])
            or any(s.name == "location" for s in slots(kept[-1][0]))
        )
        and (kept[-1][1] == "fact" or because)
        and kind != "fact"
    )


def join_reason(reason: str, rule: str) -> str:
    """'Since it's Ramadan, suggest ...'; 'My leg is in a cast, so only suggest ...'."""
    return f"{reason.rstrip('.')}, {'' if _BECAUSE.match(reason) else 'so '}{rule}"


_FOR_A_WHILE = re.compile(
    r"\b(?:for now|right now|currently|at the moment|this (?:week|month|year|term|semester|season)|"
    r"for (?:the next|a few|a couple of) \w+|next \d+ \w+|trip|until|temporar\w*|still|just got|"
    r"pregnant|recovering|cast|broke|injur\w*|training for|visiting|staying|doing|trying|on a)\b",
    re.I,
)
"""A state that will end (a trip, a cast, a pregnancy, a training plan): what follows from it
goes with it."""
