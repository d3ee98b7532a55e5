"""What a message says stays keeps its stored line. The merge relates whole lines, so 'changed
my mind on the table thing. recipes same as before' took 'For recipes, numbered steps.' with the
table rule, and 'German is the same.' replaced 'I passed my japanese A2 exam.'. After the merge
(graph.retire), a stored line the message removed comes back when a clause of the message says
something stays ('X stays', 'X is the same', 'X same as before', 'X unchanged', 'X still stands'),
names a word of the line, no line the message added names that word (the new line carries it
already: 'piano moved to tuesdays, soccer stays' rewrote the one line that holds both) and no
added line sets the same axis ('be casual, english stays' does not bring 'Respond in formal
english.' back beside 'Be casual.'). A new line that only says something stays ('German is the
same.') is not kept as a line and replaces nothing (merge.merge_lines).
A bare 'still' or 'same' is no such clause: on the dev sets 'still doing the sunday club runs'
brought back the half marathon it had withdrawn, and 'same portions as me now' the rule it
replaced."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.summary.stale import stems

_SAME_ONLY = re.compile(
    r"(?i)^\W*(?:still (?:the )?same [\w' -]{1,30}|[\w' -]{1,30}? (?:is|are|stays?|remains?)"
    r" (?:still )?(?:the same|unchanged|as before)|[\w' -]{1,30}? (?:same as before|unchanged))"
    r"(?: (?:tho|though|too|btw|please|pls))?\W*$"
)
_SAYS_SAME = re.compile(
    r"(?i)\b(?:stays?|(?:is|are) (?:still )?the same|same as (?:before|always)|unchanged|as is|"
    r"as it is|remains?|still stands|stands|keep (?:the|those) (?:[\w'-]+ ){1,3}?(?:part|bit|rule|one|"
    r"thing)s?)\b"
)
_CLAUSES = re.compile(r"[.,;!?]+|\b(?:but|while|though|and)\b")
_FILLER = frozenset(
    re.findall(
        r"\S+",
        "the a an and but or so to of in on for with is are was be it its it's this that my me i "
        "i'm you your still stays stay same fine ok okay though tho thing stuff too also just now "
        "no not never as before unchanged remains remain stands absolutely obviously please pls "
        "lol haha",
    )
)


def _stems(text: str) -> set[str]:
    return stems(text, _FILLER, shortest=3)


def line_axes(line: str) -> set[str]:
    """The style axes and slots a line sets ('tone', 'language', 'diet'...), topics aside."""
    from assistant.summary.axes import classify
    from assistant.summary.slots import slots

    axes = {a for a, _ in classify(line)} | {s.name.split(":")[0] for s in slots(line)}
    return {a for a in axes if not a.startswith("topic")}


def only_says_same(line: str) -> bool:
    """'German is the same.', 'Still same flat.', 'Recipes same as before.': nothing new."""
    return bool(_SAME_ONLY.match(line.strip()))


def kept_as_said(
    before: Sequence[str], after: Sequence[str], text: str
) -> tuple[list[str], list[str]]:
    """(lines, restored): `after` with the stored lines the message says stay put back where they
    stood, without the new lines that only said so; unchanged when the message says nothing
    stays."""
    stored, now = list(before), list(after)
    removed = [x for x in stored if x not in now]
    added = [x for x in now if x not in stored]
    if not removed and not any(only_says_same(x) for x in added):
        return now, []
    dropped = {x for x in added if only_says_same(x)}
    back: list[str] = []
    clauses = [_stems(c) for c in _CLAUSES.split(text) if _SAYS_SAME.search(c)]
    new = [x for x in added if x not in dropped]
    carried = set().union(*(_stems(x) for x in new))
    ruled = set().union(
        *(line_axes(x) for x in new)
    )  # 'be casual, still english' of 'formal english'
    for line in removed:
        named = any((_stems(line) & c) - carried for c in clauses)
        if named and line not in back and not line_axes(line) & ruled:
            back.append(line)
    if not back and not dropped:
        return now, []
    lines = [x for x in now if x not in dropped]
    for line in back:  # where it stood: after the stored line before it that is still there
        earlier = [x for x in stored[: stored.index(line)] if x in lines]
        lines.insert(lines.index(earlier[-1]) + 1 if earlier else 0, line)
    return lines, back
