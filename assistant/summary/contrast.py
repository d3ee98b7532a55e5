"""A correction by contrast: 'its Radka not Radek', 'sorry i mean 43 not 34', 'wait not Jos,
Joost', 'teaching physics instead of chemistry', 'switched from Python to Go', 'swap german for
swedish'. When the word the user rejects is in a stored line, that line with the new word is the
correction (it then replaces the old line by the usual merge); when it is not stored ('it's
Canberra, not Sydney' about an answer), there is nothing to correct."""

from __future__ import annotations

import re
from collections.abc import Sequence

_TOKEN = r"[\w'-]*\w(?:[.,]\d+)?(?![.,]\d)"
_X_NOT_Y = re.compile(rf"(?<![\w'-])({_TOKEN}),?\s+(?:and\s+)?not\s+({_TOKEN})(?![\w'-])", re.I)
_NOT_Y_X = re.compile(
    rf"(?<![\w'-])not\s+({_TOKEN})(?:\s+at all(?=\W+it'?s\s))?\s*[,.;:!-]+\s*(?:(?:it'?s|its|it is|but|i mean|rather)\s+)?"
    rf"({_TOKEN})(?![\w'-])(?!\s+(?:said|says|say|thinks|told|reckons|confirmed|agreed|that|it|this|them)\b)",
    re.I,
)
_FUNCTION = frozenset(
    re.findall(
        r"\S+",
        "a an the is it its it's i im i'm me my you your to of in on at for and or but so do does "
        "did be been was were are this that these those just really very too also yet still now "
        "then than if as with by from up down out over about all any some no yes ok okay sure "
        "please pls thanks thank sorry typo actually wait well like he she they we them him her his "
        "hers their us one she's he's they're we're you're i've that's there's isn't aren't "
        "wasn't doesn't don't can't won't rather why whether maybe probably definitely certainly "
        "absolutely hopefully course have has had",
    )
)
_FUNCTION_WORD = rf"(?i:(?:{'|'.join(map(re.escape, sorted(_FUNCTION, key=len, reverse=True)))})\b)"


_A_NOT_A = re.compile(
    rf"\b(?:a|an|the)\s+((?:{_TOKEN}\s+){{0,2}}{_TOKEN}),?\s+not\s+(?:a|an|the)\s+({_TOKEN})(?![\w'-])",
    re.I,
)
"""'Clementine is a guinea pig not a rabbit': the whole new kind, for the rejected one."""
_ITS_X_NOT_Y = re.compile(
    rf"\b(?:it'?s|its|it is)\s+(?:((?:{_TOKEN}\s+){{1,2}}{_TOKEN}),|({_TOKEN})\s[^.;!?]{{0,40}}?,?)"
    rf"\s+not\s+({_TOKEN})(?![\w'-])",
    re.I,
)
"""'it's tree nuts, not peanuts'; 'it's walnuts Odalys is allergic to, not sesame'."""

_PHRASE = rf"((?:{_TOKEN}\s+){{0,2}}?{_TOKEN})"
_ENDS = r"(?=\s*(?:[.,;:!?]|$|(?:she|he|they|i|that|which|btw)\b))"
_ITS = r"(?:it'?s|its|it is)\s+(?:actually\s+|really\s+|just\s+)?(?!some|any|no)"
_ISNT_Y_ITS_X = re.compile(
    rf"(?i)\b(?:isn'?t|aren'?t|wasn'?t|not)\s+(?:actually\s+|really\s+)?allergic to\s+({_TOKEN})"
    rf"(?:\s+at all|\s+after all)*\s*[,.;:!-]*\s*(?:but\s+)?{_ITS}{_PHRASE}{_ENDS}"
)
"""'jess isnt allergic to peanuts at all, its tree nuts'."""
_FALSE_ALARM = re.compile(
    rf"(?i)\b({_TOKEN})\s+(?:thing|one|allergy)\s+(?:was|is)\s+(?:a\s+)?(?:false alarm|mistake|"
    rf"misdiagnosis)\s*[,.;:!-]*\s*(?:and\s+)?{_ITS}{_PHRASE}{_ENDS}"
)
"""'the sesame thing was a false alarm. it's actually mustard she reacts to'."""
_ALLERGY = re.compile(r"(?i)\b(?:allerg\w*|intoleran\w*|anaphyla\w*)")

_INSTEAD = re.compile(
    rf"(?<![\w'-])({_TOKEN})\s+(?:instead of|rather than)\s+({_TOKEN})(?![\w'-])", re.I
)
_FROM_TO = re.compile(
    rf"\b(?:switch(?:ed|ing)?|chang(?:ed|ing)|mov(?:ed|ing)(?:\s+on)?|went|go(?:ing)?)(?:\s+(?:me|him|her|them|us))?\s+"
    rf"(?:from|off)\s+({_TOKEN})\s+(?:to|onto|on to)\s+"
    rf"((?!{_FUNCTION_WORD}){_TOKEN}\s+(?!{_FUNCTION_WORD}){_TOKEN}(?=\s*(?:[.,;:!?]|$))|{_TOKEN})(?![\w'-])",
    re.I,
)

_SWAP = re.compile(
    rf"\b(?:swap|switch|replace|trade|change)\s+(?:the\s+)?({_TOKEN})\s+(?:for|with)\s+"
    rf"({_TOKEN})(?![\w'-])",
    re.I,
)


_WORD_BEFORE = re.compile(rf"(?<![\w'-])({_TOKEN})\s+$")
_WORD_AFTER = re.compile(rf"\s+({_TOKEN})")


def _modifiers(text: str, m: re.Match) -> tuple[str, str]:
    """'gravel bikes instead of road bikes' contrasts gravel with road, not bikes with road. (The
    word before is looked for in the 80 characters before the match, so a long message with many
    contrasts stays linear.)"""
    before = _WORD_BEFORE.search(text, max(0, m.start(1) - 80), m.start(1))
    after = _WORD_AFTER.match(text, m.end(2))
    if before and after and after.group(1).lower() == m.group(1).lower():
        return before.group(1), m.group(2)
    return m.group(1), m.group(2)


def _pairs(text: str) -> list[tuple[str, str]]:
    """(new word, rejected word) for each contrast in the text ('X not Y', 'not Y, X', 'X
    instead of Y', 'switched from Y to X')."""
    found = [_modifiers(text, m) for m in _X_NOT_Y.finditer(text)]
    found += [_modifiers(text, m) for m in _INSTEAD.finditer(text)]
    found += [(m.group(2), m.group(1)) for m in [*_FROM_TO.finditer(text), *_SWAP.finditer(text)]]
    found += [(m[1], m[2]) for m in _A_NOT_A.finditer(text)]
    found += [(m[1] or m[2], m[3]) for m in _ITS_X_NOT_Y.finditer(text)]
    found += [(m[2], m[1]) for m in [*_ISNT_Y_ITS_X.finditer(text), *_FALSE_ALARM.finditer(text)]]
    # 'tree nuts' for peanuts, not also 'nuts' (a longer new word that ends with this one)
    ends = {n.count(" ") + 1 for n, _ in found}
    ends = {
        k: {(" ".join(x.rsplit(" ", k)[1:]), y) for x, y in found if x.count(" ") >= k}
        for k in ends
    }
    found = [(n, o) for n, o in found if (n, o) not in ends[n.count(" ") + 1]]
    found = [(n, o) for n, o in found if n.lower() not in _FUNCTION]
    first = {o.lower(): (n, o) for n, o in reversed(found)}  # one new word per 'not Y'
    found = list(first.values())[::-1]
    # 'it's Anneke, not Annika, autocorrect...': Annika is rejected for Anneke, once
    rejected = {old.lower() for new, old in found if new.lower() not in _FUNCTION}
    found += [(m[2], m[1]) for m in _NOT_Y_X.finditer(text) if m[1].lower() not in rejected]
    return [
        (new, old)
        for new, old in found
        if new.lower() != old.lower() and not {new.lower(), old.lower()} & _FUNCTION
    ]


_RESPELL = re.compile(r"\b(?:typo|spell(?:ed|s|ing)?|with an? [a-z]\b|autocorrect)", re.I)
_NAME = re.compile(r"(?<![\w'-])[A-Z][a-zà-ÿ]{2,}(?![\w'-])")


def _near(a: str, b: str) -> bool:
    """One letter changed, added or dropped ('Marco' and 'Marko', 'Katia' and 'Katja')."""
    if a[0].lower() != b[0].lower() or abs(len(a) - len(b)) > 1 or a.lower() == b.lower():
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a.lower(), b.lower(), strict=True)) == 1
    short, long_ = sorted((a.lower(), b.lower()), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _respelled(stored: Sequence[str], text: str) -> list[tuple[str, str]]:
    """'sorry typo, Marko with a k' after 'My bf's name is Marco.': (Marko, Marco)."""
    if not _RESPELL.search(text):
        return []
    names = {m.group(0) for x in stored for m in _NAME.finditer(x)}
    names |= {m.group(1) for x in stored for m in _NAMED_AS.finditer(x)}  # 'is called ana'
    said = set(_NAME.findall(text)) | {m.group(1) for m in _NAMED_AS.finditer(text)}
    return [(w, v) for w in said for v in names if _near(w, v)]


_NAMED_AS = re.compile(r"(?i)\b(?:called|named|name is|name's|call me|it's|its)\s+([a-zà-ÿ]{3,})\b")


def stored_with(stored: Sequence[str], old: str, new: str) -> tuple[re.Pattern, str, list[str]]:
    """(the rejected word's pattern, the new word, the stored lines that say it); 'tree nuts, not
    peanuts' of 'a peanut allergy' reads the one ('tree nut'); of two lines that say it, the one
    allergy line ('sesame' of 'allergic to sesame', not of 'no tahini or sesame oil')."""
    said = re.compile(rf"(?<![\w'-]){re.escape(old)}(?![\w'-])", re.I)
    lines = [x for x in stored if said.search(x)]
    one = old[:-1] if old.lower().endswith("s") and not old[:1].isupper() else None
    if not lines and one and new.endswith("s"):  # of an allergy only: not 'Use bullet points.'
        said, new = re.compile(rf"(?<![\w'-]){re.escape(one)}(?![\w'-])", re.I), new[:-1]
        lines = [x for x in stored if said.search(x) and _ALLERGY.search(x)]
    allergy = [x for x in lines if _ALLERGY.search(x)]
    return said, new, allergy if len(lines) > 1 and len(allergy) == 1 else lines


def corrections(stored: Sequence[str], text: str) -> list[tuple[str, str]]:
    """(stored line, the line with the new word in its place) for each stored line that says
    exactly one rejected word once ('Call me Radek.' + 'sry typo, its Radka not Radek' → 'Call me
    Radka.'; a name respelled: 'typo, Marko with a k'); [] when no rejected word is stored, or it
    is stored in more than one line (unless it is a name: then each line that names it)."""
    out: list[tuple[str, str]] = []
    for new, old in _pairs(text) + _respelled(stored, text):
        said, new, lines = stored_with(stored, old, new)
        called = rf"(?i)\b(?:name(?:'s| is)|named|called|call me|my [\w-]+)\s+{re.escape(old)}\b"
        named = old[:1].isupper() and any(re.search(called, x) for x in lines)  # 'Mario, not Marco'
        which = len(lines) == 1 or (lines and named)  # which line is meant
        if not which or any(len(said.findall(x)) != 1 for x in lines):
            continue
        for stored_line in lines:
            done = dict(out)  # "it's Jez, not Jess. And I'm a dad, not a mum": both in one line
            line = done.get(stored_line, stored_line)
            at = said.search(line)
            if at is None:
                continue
            lead, _, last = new.rpartition(" ")  # 'March 13, not 3' of '... March 3.': '13'
            said_before = lead and line[: at.start()].rstrip().lower().endswith(lead.lower())
            fixed = line[: at.start()] + (last if said_before else new) + line[at.end() :]
            if fixed not in done.values():
                out = [(o, f) for o, f in out if o != stored_line] + [(stored_line, fixed)]
    return out


def corrected_lines(stored: Sequence[str], text: str) -> list[str]:
    """The corrected lines of `corrections`, in order."""
    return [fixed for _, fixed in corrections(stored, text)]


def with_corrections(stored: Sequence[str], text: str, directive: str | None) -> str | None:
    """The directive with each corrected stored line put first, less its own lines that name a
    rejected word ('Sorry i mean 43 not 34, typo.'); the directive unchanged when nothing
    stored is corrected."""
    fixed = corrected_lines(stored, text)
    if not fixed:
        return directive
    rejected = [
        re.compile(rf"(?<![\w'-]){re.escape(old)}(?![\w'-])", re.I) for _, old in _pairs(text)
    ]
    rest = [x for x in (directive or "").split("; ") if x.strip(" .")]
    from assistant.summary.slots import slots

    said = {s.name for x in fixed for s in slots(x)}  # a rule beside it stays ('so Italian')
    more = ("language", "code_language", "currency", "date_format", "spelling", "units:")
    rest = [
        x
        for x in rest
        if not any(r.search(x) for r in rejected)
        or any(s.name.startswith(more) and s.name not in said for s in slots(x))
    ]
    rest = [re.sub(rf"(?i)\s+(?:instead of|rather than)\s+{o}\b", "", x) for x in rest for o in [_pairs(text)[0][1]]] if _pairs(text) else rest  # fmt: skip
    return "; ".join(x.rstrip(".") for x in [*fixed, *rest]) + "."


_BEFORE_NOT = "[,;]?"
"""'use grams; not cups' loses '; not cups' whole (the card read 'use grams;.')."""


def without_rejected(directive: str | None, text: str) -> str | None:
    """'His name is Ruairí, not Rory.' → 'His name is Ruairí.': the rejected word, said last in a
    line, is no part of what the user asks for (the new word says it)."""
    if not directive:
        return directive
    for new, old in _pairs(text):
        if re.search(rf"(?<![\w'-]){re.escape(new)}(?![\w'-])", directive, re.I):
            tail = (
                rf"{_BEFORE_NOT}\s+(?:and\s+)?not\s+(?:the\s+)?{re.escape(old)}(?=\s*(?:[.;!]|$))"
            )
            directive = re.sub(tail, "", directive, flags=re.I)
    return directive


_TO_NEW = re.compile(
    r"\b(?:switched|changed|moved|gone|went|over)\s+(?:\w+\s+)?to\s+([a-z][\w'-]*)\s+([a-z][\w'-]{2,})"
    r"|\b([a-z][\w'-]*)\s+([a-z][\w'-]{2,})\s+(?:now|instead)\b"
)


def swapped_modifier(old: str, new: str) -> str | None:
    """'My husband works night shifts as a nurse.' + 'He switched to day shifts.' → 'My husband
    works day shifts as a nurse.': the word before a noun both lines say, changed in the old
    line; None unless the new line moves to the new word ('switched to day shifts', 'day
    shifts now') and the old line says that noun once, after another word."""
    m = _TO_NEW.search(new)
    if m is None:
        return None
    x, noun = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
    said = list(re.finditer(rf"(?<=[a-z] )([a-z][\w'-]*)\s+{re.escape(noun)}(?![\w'-])", old))
    if noun in _FUNCTION or x in _FUNCTION or len(said) != 1:
        return None
    y = said[0].group(1)
    before = old[: said[0].start(1)].split()[-1].lower()  # 'you draft emails': a verb
    if y == x or y in _FUNCTION or before in ("you", "i", "we", "they", "to", "u"):
        return None
    out = old[: said[0].start(1)] + x + old[said[0].end(1) :]
    hours = r"\s+(\d{1,2}(?::\d\d)?\s*-\s*\d{1,2}(?::\d\d)?)\b"  # 'day shift 7-15' for '22-06'
    now, was = re.search(re.escape(noun) + hours, new), re.search(re.escape(noun) + hours, out)
    return out[: was.start(1)] + now.group(1) + out[was.end(1) :] if now and was else out
