"""Who someone is outlives a fact about them: when the lines a turn removed were the only ones that
named someone close ('My husband Teodor is allergic to shellfish.' after 'he got retested, he's
not actually allergic'), a line keeps the name ('My husband is Teodor.'), unless the message ends
the person (moved out, passed away, broke up, 'forget about her', 'drop him from your notes') or
takes back what was said as a mistake ('wrong chat', 'my brother grabbed my phone')."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.summary.references import _PERSON, _PET
from assistant.summary.transitions import TRANSITIONS

_ENDS_PERSON = tuple(e for _, e, _ in TRANSITIONS if e.search("moved out") or e.search("broke up"))
"""The events that end someone close: moved out, passed away, left the company; broke up."""
_GONE_WORDS = re.compile(
    r"(?i)\b(?:forget|drop|remove|delete|ignore|erase|scratch)\b(?:\s+(?:about|all about))?\s+"
    r"(?:him|her|them|(?:my|our|the) \w+)\b|\bfrom (?:your|the|my) (?:notes|memory|list|summary)|"
    r"\b(?:no longer|not) (?:my|our|with (?:me|us)|(?:a )?part of)|\bex[- ]|\bdivorc|\bdied\b|"
    r"\bwrong (?:chat|person|window|tab|thread)|\bgrabbed my phone|\bnot me\b|\btypo\b|"
    r"\bmoved (?:in)?to (?:his|her|their) own\b|\bjust kidding|\bjk\b|\bdon'?t (?:have|own) an?\b|\bnever had\b"
)
_NOT_A_NAME = re.compile(
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|The|And|But|Is|Has)$"
)


def _named(line: str) -> dict[str, str]:
    """{name: who they are} of the people and pets a line names with their role: 'my sister Maren'
    is {'Maren': 'My sister is Maren.'}."""
    out = {}
    for m in _PERSON.finditer(line):
        tail = line[m.end(3) : m.end(2)].split()
        if tail and not _NOT_A_NAME.match(tail[-1]):
            out[tail[-1]] = (
                f"{m.group(1).capitalize()} {line[m.start(2) : m.end(3)]} is {' '.join(tail)}."
            )
    for m in _PET.finditer(line):
        name = m.group(2) or m.group(3)
        if name and not _NOT_A_NAME.match(name) and m.group(0)[:1] in "MmOo":
            out[name] = f"{m.group(0).split()[0].capitalize()} {m.group(1)} is {name}."
    return out


def _roles(line: str) -> set[str]:
    """The roles a line speaks of, named or not: 'My new manager is Rahim.' is {'manager'}."""
    found = {m.group(3).lower() for m in _PERSON.finditer(line)}
    return found | {m.group(1).split()[-1].lower() for m in _PET.finditer(line)}


def _mentions(lines: Sequence[str], name: str) -> bool:
    return any(re.search(rf"\b{re.escape(name)}\b", x) for x in lines)


def names_said(after: Sequence[str], text: str) -> list[str]:
    """Who the message names by role and name where no line of `after` names them: 'sorry my dog
    Biscuit keeps barking lol' is 'My dog is Biscuit.'."""
    if _GONE_WORDS.search(text) or any(p.search(text) for p in _ENDS_PERSON):
        return []
    roles = {r for x in after for r in _roles(x)}
    said = _named(text[:1].upper() + text[1:])
    return [x for name, x in said.items() if not _mentions(after, name) and not _roles(x) & roles]


def names_left(before: Sequence[str], after: Sequence[str], text: str) -> list[str]:
    """The lines that keep who someone is, for the names only lines of `before` that `after` lost
    held, where the message `text` does not end the person or take the line back as a mistake."""
    if any(p.search(text) for p in _ENDS_PERSON) or _GONE_WORDS.search(text):
        return []
    roles = {r for x in after for r in _roles(x)}
    out = []
    for line in before:
        if line in after:
            continue
        for name, kept in _named(line).items():
            if (
                not _roles(kept) & roles  # 'my new manager is Rahim', 'My niece Anneke ...'
                and not _mentions([*after, *out], name)
                and not re.search(
                    rf"(?i)\b(?:not|forget|drop|remove|delete|scratch)\b[^.!?]{{0,25}}\b{re.escape(name)}\b",
                    text,
                )
                and not re.search(
                    rf"\b{re.escape(name)}\b\W+(?:is|'s) (?:gone|out|no longer)", text
                )
            ):
                out.append(kept)
    return out
