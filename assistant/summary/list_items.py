"""One item of a stored list changes, the rest stays: 'she quit chess, just tennis from now on' of
'My daughter does chess and tennis on fridays.' leaves 'My daughter does tennis on fridays.';
'just dollars' of 'Quote prices in dollars and pounds.' leaves 'Quote prices in dollars.'; 'Omar
turned 10' of 'My nephews are Idris (5) and Omar (9).' gives Omar 10. The merge relates whole
lines, so without this the line goes and only the message's fragment ('Just tennis.') is left,
or nothing changes.

An item is a word run joined to its neighbours by 'and', 'or' or '&' (a comma alone makes no
list); the message names it with a drop cue (drop, quit, off, over, not ... anymore, X passed away,
X left; 'X is fine / normal now' only of a restriction such as an allergy), keeps one item alone
(just X, only X, X only) of a rule or a taste, or gives one named item of a list whose items each
have a time, a weekday or an age its new value. Nothing changes when the named words are not an
item of a list, or when the message is a one-off. graph.retire applies it after the merge."""

from __future__ import annotations

import re
from collections.abc import Sequence

_W = r"\b(?!(?:is|are|was|were|am|be|been|totally|really|so|very|just|now|and)\b)[a-z0-9][\w'/+-]*"
_PHRASE = rf"({_W}(?: {_W}){{0,2}})"
_DROP_BEFORE = re.compile(
    r"\b(?:drop|dropping|dropped|quit|quitting|stop|stopped|stopping|ditch|ditching|cut|no more|"
    r"no longer (?:do|doing|have|need|eat|take|taking|play|playing)|gone off|went off|i'?m over|"
    r"off|outgrew|outgrown|cancel+ed|not (?:actually |really )?allergic to|not|forget|forget about|"
    r"never mind|nvm|skip|lose|sold)"
    rf"(?: (?:the|my|his|her|their|our|doing|eating|taking|any|about|with|his|her))?\s+{_PHRASE}"
)
_ENDED_AFTER = re.compile(
    rf"{_PHRASE}(?:'s| is| are| was| were)? (?:healed|gone|over|cured|resolved)(?: now| again)?\b|"
    rf"\b(?:take|taking|took) ({_W}) off\b|"  # 'take kiwi off the list'
    rf"\b({_W})(?:'s)? (?:passed away|died|left|moved out|quit)\b"
)
_FINE_AFTER = re.compile(
    rf"{_PHRASE}(?:'s| is| are| was| were|'ve| have)? (?:fine|ok|okay|normal|better|growing on me|"
    rf"grown on me)(?: now| again)?\b"
)
"""'oats are fine now' drops oats from an allergy; 'km is fine' keeps km in 'Use celsius and km'."""
_RESTRICTION = re.compile(
    r"(?i)allerg|intoleran|\bavoid|\bno\b|\bnot\b|n't\b|\bnever\b|\bwithout\b|\bbad\b|"
    r"\bhates?\b|-free\b|\bdiet\b|\bhigh\b|\blow\b|\bpain|\binjur|\bsore\b"
)
_RULE = re.compile(
    r"(?i)^(?:use|show|give|quote|answer|reply|respond|write|list|include|add)\b|allerg|\bprefer|\blike\b|\blove\b|\bwant\b"
)
"""Keep-one-item ('just euros') edits a rule or a taste, not a list of people ('it's just Esme
now' of 'My twins Esme and Otto are 3.' is about potty training, not the twins)."""
_KEEP = re.compile(
    rf"\b(?:just|only) (?!not\b|for\b|this\b|that\b|me\b|the rest\b){_PHRASE}|\b({_W}) only\b(?=\W*(?:pls|please|now|from now on)?\W*$)"
)
_ADDED = re.compile(
    rf"\b(?:but|and|,|so)\s+(?:(?:he|she|they|i|we)(?:'s|'re| is| are| has| have)? )?(?:now )?"
    rf"(?:picked up|took up|taken up|started|starting|switched to|doing|added|joined)\s+"
    rf"(?:the |a |an )?((?![\w ]*\b(?:it|that|this|them|myself|yourself)\b){_W}"
    rf"(?: (?!(?:instead|now|too|on|at|in|for)\b){_W}){{0,2}})"
)
"""'he dropped swim team but picked up drama': the one item dropped gives its place to this."""
_ONE_OFF = re.compile(r"\b(?:for now|tonight|today|this time|this once|for this|right now)\b")
_STOP = frozenset(
    re.findall(
        r"\S+",
        "the a an my his her their our to of for is are was it its now again anymore actually really "
        "allergic allergy thing stuff part one any tho though please pls from on in at",
    )
)
_JOIN = r"(?:,? (?:and|or|&) |, )"
_GOES_ON = re.compile(r"(?:, (?:[\w'/()+-]+ ){0,2}[\w'/()+-]+)*,? (?:and|or|&) \w")
"""After an item: more items, the last joined by 'and', 'or' or '&'."""
_NUMBER = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|more|less|so)"
_BOUNDARY = frozenset(
    re.findall(
        r"\S+",
        "in on at for of to with from by so but which when because since every each is are was does "
        "do has have like likes love loves both either a an the my our his her their and or",
    )
)
_FILLER = frozenset(
    re.findall(
        r"\S+",
        "still just only keep same now fine ok okay tho though other two three the a an is are from "
        "on pls please anymore again stays stay unchanged apply applies rest no it's its that those "
        "these them it and but use",
    )
)


def _stem(word: str) -> str:
    w = word.lower().strip("'")
    return w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w


def _content(phrase: str) -> list[str]:
    words = re.findall(r"[a-z0-9]+", phrase.lower().replace("-", " "))
    return [_stem(w) for w in words if w not in _STOP and len(w) > 1]


def named_items(text: str, line: str = "") -> tuple[list[list[str]], list[list[str]]]:
    """(dropped, kept): the content words of each item the message drops or keeps alone (of
    `line`: 'X is fine now' drops X only from a restriction)."""
    from assistant.feedback.cues import IMPERATIVES

    low = text.lower().replace("\u2019", "'")
    dropped: list[list[str]] = []
    kept: list[list[str]] = []
    for part in re.split(r"[,.;!?()]+|\s+-\s+|\bbut\b|\bso\b", low):
        if not part.strip() or _ONE_OFF.search(part):
            continue
        for m in _KEEP.finditer(part):
            words = _content(m.group(1) or m.group(2))
            kept += [words[:1]] if words else []
        fine = (_FINE_AFTER,) if _RESTRICTION.search(line) else ()
        for pattern in (_DROP_BEFORE, _ENDED_AFTER, *fine):
            for m in pattern.finditer(part):
                if re.search(r"\b(?:just|only)\s*$", part[: m.start()]):
                    continue  # 'just euros is fine' keeps euros
                said = next(g for g in m.groups() if g)
                first, *more = re.split(r" (?:and|or|&) ", part[m.start(m.lastindex or 1) :])
                more = [
                    x
                    for x in more[:2]
                    if 0 < len(x.split()) <= 2 and x.split()[0] not in IMPERATIVES
                ]
                for item in [said, *more]:  # 'drop tofu and tempeh': two items
                    words = _content(item)  # 'drop the jokes and keep it short': one
                    dropped += [words] if words else []
    return dropped, kept


def _tokens(line: str) -> list[tuple[int, int, str]]:
    return [
        (m.start(), m.end(), m.group(0))
        for m in re.finditer(r"[\w'/+-]+(?:\([^)]*\))?|\([^)]*\)|[^\w\s]", line)
    ]


def _item_span(line: str, words: list[str]) -> tuple[int, int] | None:
    """Where the item naming `words` sits in the line, if it is an item of a list."""
    if not words:
        return None
    toks = _tokens(line)
    hits = [
        i
        for i, (_, _, t) in enumerate(toks)
        if any(_stem(p) == words[0] for p in re.split(r"[-/]", t.lower()))
    ]
    for i in hits:
        j = i
        while (
            j + 1 < len(toks)
            and toks[j + 1][2].lower() not in _BOUNDARY
            and re.match(r"[\w(]", toks[j + 1][2])
            and j - i < 3
        ):
            j += 1
        k = i
        while (
            k - 1 >= 0
            and re.match(r"[\w(]", toks[k - 1][2])
            and toks[k - 1][2].lower() not in _BOUNDARY
            and i - k < 3
        ):
            k -= 1
        start, end = toks[k][0], toks[j][1]
        before, after = line[:start], line[end:]
        if re.search(rf"\b{_NUMBER}{_JOIN}$", before) or re.match(rf"{_JOIN}{_NUMBER}\b", after):
            continue  # 'a joke or two' is no list
        goes_on = _GOES_ON.match(after) is not None  # 'X, side by side' is not a list
        joined_left = re.search(r",? (?:and|or|&) $", before) is not None or (
            before.endswith(", ") and goes_on
        )
        joined_right = goes_on
        if joined_left or joined_right:
            return start, end
    return None


def _without(line: str, span: tuple[int, int]) -> str:
    start, end = span
    before, after = line[:start], line[end:]
    left = re.search(rf"{_JOIN}$", before)
    if left and re.search(rf"\b{_NUMBER} [\w'-]+, $", before) and re.match(_JOIN, after):
        left = None  # 'We have two cats, Tam and Bo.' less Tam: 'We have two cats, Bo.'
    if left:  # 'A, B and X' → 'A, B' → 'A and B'
        head = before[: left.start()]
        last_comma = head.rfind(", ")
        if (
            left.group(0).strip(", ")
            and last_comma >= 0
            and not re.search(r"\b(?:and|or)\b|[.;:]", head[last_comma:])
        ):
            head = head[:last_comma] + " and " + head[last_comma + 2 :]
        out = head + after
    else:  # 'X and A' → 'A'; 'on a kidney diet and allergic to chicken' → 'allergic to chicken'
        right = re.match(_JOIN, after)
        det = re.search(r"(?:\b(?:on|in|at|with) )?\b(?:a|an|the) $", before)
        before = before[: det.start()] if det else before
        out = before + after[right.end() :] if right else before + after
    out = re.sub(
        r"\b(?:both|either) (?=\w+(?:[.,;]|$)|\w+ (?:in|on|at|for)\b)", "", out, flags=re.I
    )
    out = re.sub(r"\s+([.,;!?])", r"\1", re.sub(r"\s{2,}", " ", out)).strip()
    return out[:1].upper() + out[1:]


def edited_line(line: str, text: str) -> str | None:
    """The stored line with the items the message drops taken out (or all but the one it keeps),
    or None when the message names no item of a list in it."""
    dropped, kept = named_items(text, line)
    kept = kept if _RULE.search(line) else []
    out = line
    added = _ADDED.search(text.lower()) if len(dropped) == 1 else None
    for words in dropped:
        span = _item_span(out, words)
        if span and added and not _item_span(out, _content(added.group(1))):
            out = out[: span[0]] + added.group(1) + out[span[1] :]  # 'but picked up drama'
        elif span and len(_content(out)) > len(words) + 1:
            out = _without(out, span)
        elif words[0] in _content(out):
            return None  # it ends more than an item of a list: the merge and the reader decide
    for words in kept if out == line else []:  # 'just Bo now' beside 'Tam passed away'
        span = _item_span(out, words)
        if span is None:
            continue
        for _ in range(4):  # the other items of its list go
            start, end = span
            left = re.search(rf"{_JOIN}$", out[:start])
            right = re.match(rf"{_JOIN}", out[end:])
            if right:
                nxt = (
                    _item_span(out, _content(out[end + right.end() :].split()[0]))
                    if out[end + right.end() :].split()
                    else None
                )
                if not nxt or nxt[0] != end + right.end():
                    break
                out = _without(out, nxt)
            elif left:
                prev_words = _content(out[: start - len(left.group(0))].split()[-1])
                prev = _item_span(out, prev_words) if prev_words else None
                if not prev:
                    break
                out = _without(out, prev)
            else:
                break
            span = _item_span(out, words)
            if span is None:
                break
    if out == line:
        out = _new_value(line, text) or line
    return out if out != line and len(out.split()) >= 2 else None


_TIME = r"\d{1,2}(?::\d{2})?\s?(?:am|pm)\b|\b\d{1,2}:\d{2}\b"
_DAY = r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)days?\b"
_AGE = r"(?<![\d:.])\b\d{1,2}\b(?![:.]\d|\s?(?:am|pm)\b)"
_ASKS = re.compile(
    r"\W*(?:what|how|why|when|where|who|which|is|are|can|could|should|would|do|does|will)\b"
)
_AGE_CUE = re.compile(r"(?i)\b(?:turned|turns|turning|birthday|'s|is|now)\b")


def _new_value(line: str, text: str) -> str | None:
    """'Zoe turned 8' of 'My daughters are Maya (4) and Zoe (7).': the one value of the same
    kind (a time, a weekday, an age) said beside the named item takes the new one."""
    for clause in re.split(r"[.;!?]+|,\s*(?=[a-z]+ (?:is|are|was)\b)", text):
        low = clause.lower().replace("\u2019", "'")
        if _ASKS.match(low):
            continue  # 'is Mia ok at 9?' changes nothing
        names = [w for w in re.findall(r"[a-z][a-z'-]{2,}", low) if w not in _STOP]
        for kind in (_TIME, _DAY, _AGE):
            said = re.findall(kind, low, re.I)
            if len(set(said)) != 1 or (kind == _AGE and not _AGE_CUE.search(low)):
                continue
            for name in names:
                name = name.removesuffix("'s")
                parts = re.split(rf"({_JOIN})", line)
                at = [
                    i
                    for i, x in enumerate(parts[::2])
                    if re.search(rf"\b{re.escape(name[:1].upper() + name[1:])}\b", x)
                    and not re.match(rf"\W*{re.escape(name)}\b", line, re.I)
                ]  # a name, as the line writes it: 'Zoe', not 'take' or the 'Budget' it opens with'
                valued = [x for x in parts[::2] if re.search(kind, x, re.I)]
                if len(parts) < 3 or len(at) != 1 or len(valued) < 2:
                    continue  # one item of a list whose items each have a value of this kind
                item = parts[2 * at[0]]
                old = list(re.finditer(kind, item, re.I))
                if len(old) != 1 or old[0].group(0).lower() == said[0]:
                    continue
                parts[2 * at[0]] = item[: old[0].start()] + said[0] + item[old[0].end() :]
                return "".join(parts)
    return None


def restates(line: str, kept: str, dropped: Sequence[list[str]]) -> bool:
    """An added line that only repeats what the edited line still says ('Just tennis.', 'Keep the
    other two.') or that names a dropped item ('Drop the yen.', 'The knee has healed.')."""
    words = _content(line)
    if any(w[0] in words for w in dropped if w):
        return True
    have = set(_content(kept))
    return all(w in have or w in _FILLER for w in words)


def edit_lists(
    before: Sequence[str], after: Sequence[str], text: str
) -> tuple[list[str], list[tuple[str, str]]]:
    """(lines, edits): `after` with each line of `before` whose list the message edits put back
    in its edited form, and the lines this message added that only restate it dropped."""
    from assistant.feedback.cues import THIS_ANSWER

    if THIS_ANSWER.search(text):
        return list(after), []
    edits = [(x, e) for x in before for e in [edited_line(x, text)] if e]
    if not edits:
        return list(after), []
    dropped = [w for old, _ in edits for w in named_items(text, old)[0]]
    return put_back(
        before, after, edits, lambda x: any(restates(x, e, dropped) for _, e in edits)
    ), edits


def put_back(
    before: Sequence[str], after: Sequence[str], edits: Sequence[tuple[str, str]], restated
) -> list[str]:
    """`after` with each edited stored line in its new form, in the old line's place also when
    the merge took it, and without the lines the message added that `restated` says only repeat
    an edit. Shared by the list edits and the level edits (assistant.summary.levels)."""
    new_of = dict(edits)
    out = [new_of.get(x, x) for x in after if x in before or not restated(x)]
    for old, new in edits:  # the merge took the whole line: its edited form comes back
        if old not in after and new not in out:
            out.insert(min(before.index(old), len(out)), new)
    return out
