"""Is a new line only taking something back ('forget what I said about sources', 'bullet points
are fine again', 'I don't keep kosher anymore')? Such a line removes what it is about and is
never a line of its own; a line that also says something new is split first."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.summary.categories import names_kind
from assistant.summary.lines import directive_lines
from assistant.summary.relation_cues import ENDED, NO_LONGER, RETRACT
from assistant.summary.said_same import line_axes
from assistant.summary.slots import slots

_TAKES_BACK = re.compile(
    r"\b(?:fine|ok|okay|allowed|welcome|optional) again\b|\bafter all\b|"
    r"\b(?:is|are|'s|'re) (?:fine|ok|okay|allowed|welcome) now\b|\bcome around (?:on|to)\b|"
    r"\b(?:can|may) (?:have|eat|drink|do) (?:\w+ ){0,3}again\b|"
    r"\b(?:don'?t|do not|no) (?:need|have to|longer need)\b[^.;]*\b(?:anymore|any more)\b|"
    r"\bno need\b|\b(?:aren'?t|isn'?t|not) needed\b|\bno longer (?:applies|needed)\b"
)
_RULE_AFTER_ALL = re.compile(r"^(?:use|include|add|keep|put|give|write|answer)\b.*\bafter all$")
"""'Use the Oxford comma after all': a rule said again in place of its ban, not only a take-back."""
_USE_AGAIN = re.compile(
    r"^(?:you can )?(?:include|mention|use|add|show|bring back)\b[^.;]*\bagain$"
)
"""'Include calorie info again': allowed again, unless it names a value ('Use metric again')."""
PLAIN_OK = re.compile(
    r"^(?!(?:that|this|it|which|all|everything|the answer|your answer)\b)[\w' -]{3,40} "
    r"(?:is|are) (?:fine|ok|okay|allowed|back)(?: on| again| now)?$"
)
"""'Normal treats are ok', 'jumping stuff is back on': allowed again when it names no value
and a stored line is about it ('Casual is fine' names a tone and replaces the old one)."""
_NEGATED_VALUE = re.compile(
    r"^(?:i'?m |i am |we're )?(?:dropped|ditched|quit|gave up|stopped|no longer|not|not in)"
    r"\b(?:\s+\S+){1,4}$"
)


def _valued(low: str) -> bool:
    return any(s.value not in ("+", "-") for s in slots(low))


def is_retraction(line: str) -> bool:
    """'Forget what I said about sources', 'Bullet points are fine again', 'not celiac after
    all', 'Dropped keto': it only takes something back, so it is never a line of its own."""
    low = line.lower().replace("\u2019", "'").rstrip(".!")
    said_again = _RULE_AFTER_ALL.match(low) or (  # 'German after all' after 'Use Dutch.'
        low.endswith("after all") and not re.search(r"\b(?:not|no)\b|n't", low) and _valued(low)
    )
    if RETRACT.search(low) or names_kind(low) or _TAKES_BACK.search(low) and not said_again:
        return True
    if _USE_AGAIN.search(low) and not _valued(low):
        return True
    return bool(_NEGATED_VALUE.match(low) and (slots(low) or re.search(r"anymore|any more", low)))


_REASON = re.compile(
    r"^[,;]?\s*(?:it|that|they|he|she|my|the|i|we|because|since|as|cuz|doc|doctor)\b[^,;]*$"
)
"""', it made me miserable', ', doc said to stop': why, not what instead."""


def no_longer(low: str) -> bool:
    """'I don't keep kosher anymore' (with or without its reason: ', it made me miserable') says
    only that; 'not vegetarian any more, I eat meat' says more."""
    m = NO_LONGER.search(low)
    rest = low[m.end() :] if m else ""
    if m and _REASON.match(rest) and not slots(rest):
        return True
    return bool(m) and not re.search(r"[,;]|\b(?:and|but|so)\b", rest)


_PARTS = re.compile(r",\s*(?:so\s+|and\s+)?|\s+[—–-]\s+")
_THING = r"(?:the|my|that|your) [\w' -]{2,40}?(?:thing|stuff|one|rule|part|bit)s?"
_ALL_THAT_NAMED = re.compile(
    rf"^(forget|scratch|scrap|drop|ignore|disregard) (?:all (?:of )?)?(?:that|this|it)\s*"
    rf"(?:[,:;]|\s[—–-])\s*(?:both |all |so )?({_THING}(?:,? (?:and|&) {_THING})*)\W*$",
    re.I,
)
"""'Forget all that, both the dyslexia thing and the paragraph thing': what 'all that' is."""


def retraction_parts(line: str) -> list[str]:
    """'I'm back home in Denver now, so the JST thing is over.' → the new place and the
    retraction as two lines, so the place is not lost with the retraction; a line that only
    takes something back, or only says something new, stays whole."""
    named = _ALL_THAT_NAMED.match(line.strip())
    if named:
        return [f"{named.group(1).capitalize()} {named.group(2)}."]
    parts = [p.strip(" .!") for p in _PARTS.split(line) if len(p.strip(" .!").split()) >= 2]
    if len(parts) < 2:
        return [line]
    taking = [bool(RETRACT.search(p.lower()) or ENDED.search(p.lower())) for p in parts]
    valued = [any(s.value not in ("+", "-") for s in slots(p)) for p in parts]
    if not any(taking) or not any(v and not t for v, t in zip(valued, taking, strict=True)):
        return [line]
    from assistant.summary.clauses import vetoed  # 'the short answers were missing stuff': why

    return [p[:1].upper() + p[1:] + "." for p in parts if not vetoed(p)]


_LAST_THING = re.compile(
    r"^(?:(?:nah|no|ok|okay|actually|hmm|wait|oh|um|eh|sorry|you can|please|pls|plz|just)[,.]?\s+)*(?:"
    r"i(?:'ve| have)? changed my mind(?: (?:about|on) (?:that|it|the last (?:one|thing)))?|"
    r"(?:forget|scratch|ignore|disregard|scrap|undo|cancel|drop|skip|never ?mind|nvm|take back|"
    r"remove|delete|erase)(?: about)? (?:that(?: bit| part)?|it|the last (?:one|thing|bit|part|"
    r"rule|request)(?: i (?:said|asked(?: for)?|mentioned|added))?|what i (?:just )?said(?: last)?|"
    r"my last (?:request|message|one))(?: from (?:your|the|my) (?:notes|memory|summary|list))?|(?:so |there'?s )?no (?:more )?need for (?:that|it)"
    r"(?: any ?more)?|(?:i )?(?:don'?t|do not|no longer) need (?:that|it)(?: any ?more)?|"
    r"that(?:'s| is) (?:no longer|not) (?:needed|necessary)(?: any ?more)?|"
    r"(?:don'?t|do not|stop) (?:remember|keep|stor|sav)\w* (?:that|it|this)(?: any ?more)?|"
    r"stop doing (?:that|it|this)(?: any ?more)?)\W*$",
    re.I,
)


def takes_back_last(line: str) -> bool:
    """'Forget the last thing I said', 'nah I changed my mind about that', 'scratch that' said
    alone: it takes back the newest stored line, the one 'that' points at."""
    return bool(_LAST_THING.match(line.strip().replace("\u2019", "'")))


def only_takes_back(directive: str | None) -> bool:
    """Every line of the directive only takes back something the user said before ('forget the
    last thing I said', 'bullet points are fine again'): it judges the user's own rule, not the
    answer in front of them."""
    said = directive_lines(directive) if directive else []
    return bool(said) and all(is_retraction(x) or takes_back_last(x) for x in said)


SCRATCH = re.compile(
    r"^(?:(?:oh|ok|okay|no|actually|wait|hmm),?\s+)*(?:scratch|forget|ignore|disregard|scrap|"
    r"never ?mind|nvm|cancel|undo) (?:that|this|it|what i (?:just )?said)\W*$",
    re.I,
)
"""'Scratch that.' said beside a new rule: the new rule replaces what the user just set."""


def scratched(lines: Sequence[str], news: list[tuple]) -> list[tuple]:
    """'Scratch that; grams for everything now' after 'Use cups in recipes.': the 'scratch that'
    goes, and each new line replaces the newest stored line on its axis (units, length,
    language...). Unchanged when no 'scratch that' was said beside a new line."""
    if not any(SCRATCH.match(n) for _, n in news) or all(SCRATCH.match(n) for _, n in news):
        return news
    out = []
    for old, new in news:
        if SCRATCH.match(new):
            continue
        axes = line_axes(new)
        if old is None and axes:
            old = next((o for o in reversed(lines) if axes & line_axes(o)), None)
        out.append((old, new))
    return out if any(old for old, _ in out) else news  # 'forget that, I'd rather not say'
