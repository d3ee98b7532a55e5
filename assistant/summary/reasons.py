"""A rule that came with its reason goes with it. "We don't own a car, so suggest public transport"
stores two lines; when a later message ends one of them ("we bought a car last weekend"), the other
loses its reason and goes too, and the history says which line it went with. The link is read from
the message that added both (the summary's history keeps each version's cause): the reason from the
clause before 'so' (after 'because'), the rule from the clause after it (before 'because').
A line that only changed in place ('Biscuit is 12.' -> 'Biscuit is 13.') keeps its partner."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.summary.lines import norm, parse
from assistant.summary.relation_cues import stems

_CONNECTIVE = re.compile(
    r"(?:^\s*|(?<=[\w,)])\s+)(so|because|since|bc|cuz|coz|cause|which means|that's why|therefore)\b"
    r"(?!\s+(?:far|much|many|long|glad|sorry|good|yeah|happy|excited|yes|sure|tired)\b)",
    re.I,
)
_REASON_AFTER = frozenset({"because", "since", "bc", "cuz", "coz", "cause"})
BOTH_WAYS = False
"""Also drop the reason when its rule ends: measured on the dev sets, a rule taken back mostly
leaves its reason true ('forget the tiny steps thing' keeps 'I have ADHD.'), so off."""
_MESSAGE_CHARS = 2000
_SENTENCE = re.compile(r"[.!?;\n]+")
_NOTE = re.compile(r"^(?:replaced|removed|kept) '")


def message_of(cause: str) -> str:
    """The user's words of a history cause (changes.describe adds one note line per removal)."""
    return "\n".join(x for x in cause.split("\n") if not _NOTE.match(x)).strip()


_SHORT_FILLER = frozenset(
    re.findall(
        r"\w+",
        "the and for you are but not can all any our her his him she was has had how its one too "
        "don won isn way get got use",
    )
)


def _words(text: str) -> set[str]:
    """stems' longer words, and the short ones that can name a thing ('car', 'dog', '12')."""
    short = set(re.findall(r"\b(?:[a-z]{3}|\d+)\b", text.lower())) - _SHORT_FILLER
    return stems(text) | short


def _sides(message: str) -> list[tuple[str, str]]:
    """(reason, consequence) clause pairs a causal word joins in the message."""
    pairs = []  # a history cause is at most 1,000 characters (memory.validate.CAUSE_MAX)
    for sentence in _SENTENCE.split(message[:_MESSAGE_CHARS]):
        for m in _CONNECTIVE.finditer(sentence):
            before = sentence[: m.start()].rstrip(" ,").rsplit(",", 1)[-1].strip()
            after = _CONNECTIVE.split(sentence[m.end() :], 1)[0].strip()
            if not before:  # 'since Dana moved out, no more vegan dinners'
                why, _, what = after.partition(",")
            elif m.group(1).lower() in _REASON_AFTER:  # 'use Celsius because I live in Berlin'
                why, what = after, before
            else:
                why, what = before, after
            if why.strip() and what.strip():
                pairs.append((why.strip(), what.strip()))
    return pairs


def _on(line: set[str], side: set[str], other: set[str]) -> bool:
    mine, theirs = len(line & side), len(line & other)
    return mine > 0 and mine > theirs


def linked(reason: str, then: str, message: str) -> bool:
    """`reason` says why and `then` what follows from it, joined by a causal word in `message`."""
    a, b = _words(reason), _words(then)
    for why, what in ((_words(x), _words(y)) for x, y in _sides(message)):
        if (_on(a, why, what) and _on(b, what, why)) or (
            BOTH_WAYS and _on(b, why, what) and _on(a, what, why)
        ):
            return True
    return False


def _changed_in_place(old: str, new: str) -> bool:
    """One word of the line swapped for another ('I live in Berlin.' -> 'I live in Munich.'), or
    the line said with more ('No running.' -> 'No running, swimming's out too.')."""
    a, b = set(norm(old).split()), set(norm(new).split())
    return a <= b or (len(a - b) <= 1 and len(b - a) <= 1)


def _added_with(
    line: str, added: Sequence[list[str]], messages: Sequence[str]
) -> tuple[str, list[str]]:
    """(message, lines) of the turn that last added `line`: `added` holds each version's new
    lines and `messages` its user's words, oldest first; a turn may store more than one version
    (the merge, then the stale-line reader)."""
    at = max((i for i, new in enumerate(added) if line in new), default=None)
    if at is None:
        return "", []
    message = messages[at]
    lines, i = list(added[at]), at - 1
    while i >= 0 and messages[i] == message:
        lines, i = added[i] + lines, i - 1
    i = at + 1
    while i < len(added) and messages[i] == message:
        lines, i = lines + added[i], i + 1
    return message, lines


def gone_with_reasons(
    before: Sequence[str], after: Sequence[str], versions: Sequence[tuple[str, str]]
) -> list[tuple[str, str]]:
    """(line, the line it went with): lines of `before` still in `after` whose reason, added by
    the same message and joined to it by a causal word, the turn removed (not changed in place)."""
    new = [y for y in after if y not in before]
    ended = [x for x in before if x not in after and not any(_changed_in_place(x, y) for y in new)]
    out: dict[str, str] = {}
    texts = [parse(t) for t, _ in versions] if ended else []
    added = [
        [x for x in now if x not in (texts[i - 1] if i else [])] for i, now in enumerate(texts)
    ]
    messages = [message_of(cause) for _, cause in versions] if ended else []
    for x in ended:
        message, lines = _added_with(x, added, messages)
        for y in lines:
            if y != x and y in before and y in after and y not in out and linked(x, y, message):
                out[y] = x
    return list(out.items())
