"""A level the user reached changes that level inside its stored line: 'passed my japanese A2
exam!' after "I'm B2 in German and A1 in Japanese." leaves "I'm B2 in German and A2 in Japanese."
(German stays); 'passed N3 yesterday, drop the furigana' after "I'm learning japanese, around N4
level." leaves that line at N3. The merge relates whole lines, so without this the line went and
only the fragment ('I passed my japanese A2 exam.') was left, or nothing at all.

A level is one of a scale: CEFR (A1 to C2), JLPT (N5 to N1), HSK, TOPIK, a grade. The message
says it with a cue that it is reached ('passed', 'got', 'reached', 'I'm at', 'now'); 'studying for
N3', 'my B2 exam is in june' or 'aiming for C1' change nothing. The line changed is the stored one
with a level of that scale that names a word of the message ('japanese'), or the only one; in it,
the level changed is its only one of the scale or the one nearest that word. A message that says
more than the level ('she started 6th grade at Roosevelt Middle') changes nothing here: the old
line's school would stay beside the new grade. graph.retire applies
it after the merge, like the list edits."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.summary.stale import stems

_NTH = (
    r"(?:1[0-2]th|1st|2nd|3rd|[4-9]th|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
    r"tenth|eleventh|twelfth)"
)
_SCALES = {
    "cefr": r"\b[abc][12]\b",
    "jlpt": r"\bn[1-5]\b",
    "hsk": r"\bhsk ?[1-9]\b",
    "topik": r"\btopik (?:level )?[1-6]\b",
    "grade": rf"\bgrade (?:1[0-2]|[1-9])\b|\b{_NTH}[- ]grade\b",
    "year": rf"\byear (?:1[0-3]|[1-9])\b|\b{_NTH}[- ]year\b(?! of| in a row| anniversary)",
}
_LEVEL = {k: re.compile(p, re.I) for k, p in _SCALES.items()}
_REACHED_BEFORE = re.compile(
    r"(?i)\b(?:passed|pass|got|get|reached|hit|made it to|cleared|aced|earned|achieved|"
    r"certified|promoted to|moved up to|up to|started|into|now(?: at| on| in)?|i'?m(?: now)?(?: at| on| in)?|"
    r"i am(?: now)?(?: at| on| in)?)\b(?:\W+\w+){0,3}?\W+$"
)
_REACHED_AFTER = re.compile(r"(?i)^\W*(?:\w+\W+){0,2}?(?:now|already|officially)\b")
_NOT_YET = re.compile(
    r"(?i)\b(?:for|towards?|aiming|aim|next|studying|study|preparing|prep|cramming|want|wanna|"
    r"hope|hoping|trying|try|goal|until|before|taking|take|sit|sitting|failed|fail|didn't|not)\b"
    r"(?:\W+\w+){0,2}?\W+$"
)
_CLAUSES = re.compile(r"[.;!?]+|,|\b(?:but|so|and)\b")
_FILLER = frozenset(
    re.findall(
        r"\S+",
        "the a an and but or so to of in on at for with is are was be it its this that my me i "
        "i'm im you your now just yesterday today finally exam test passed pass got level grade "
        "reached officially already please pls can could drop use lol yay yes she he they her his "
        "him their he's she's they're we're it's started start into week last month term semester "
        "certificate cert exams",
    )
)


def _stems(text: str) -> set[str]:
    return stems(text, _FILLER, shortest=3)


def reached(text: str) -> list[tuple[str, str, str]]:
    """(scale, level, clause) for each level the message says the user has reached."""
    found = []
    for clause in _CLAUSES.split(text):
        for scale, pattern in _LEVEL.items():
            said = list(pattern.finditer(clause))
            if len(said) != 1:
                continue
            m = said[0]
            head, tail = clause[: m.start()], clause[m.end() :]
            if _NOT_YET.search(head):
                continue
            if _REACHED_BEFORE.search(head) or _REACHED_AFTER.match(tail):
                found.append((scale, m.group(0), clause))
    return found


def _written_like(new: str, old: str) -> str:
    """The new level written the way the stored one is: 'a2' for 'A1' is 'A2', 'grade 4' for
    'Grade 3' is 'Grade 4', 'third year' for 'second-year' is 'third-year'."""
    if re.fullmatch(r"[a-z]\d", new, re.I):
        return new.upper() if old[:1].isupper() else new.lower()
    value = re.compile(rf"(?i){_NTH}|\d+")
    n, o = value.search(new), value.search(old)
    if n is None or o is None:
        return new
    if n.group(0).isdigit() != o.group(0).isdigit():  # 'grade 5' for 'fourth grade': as said
        return new
    return old[: o.start()] + n.group(0) + old[o.end() :]


def _norm(level: str) -> str:
    return level.lower().replace(" ", "")


def leveled(line: str, scale: str, level: str, clause: str) -> str | None:
    """The stored line with its level of `scale` changed to `level`, or None: when it has none,
    when the level is already that, or when it has several and the clause names none's word."""
    values = list(_LEVEL[scale].finditer(line))
    if not values:
        return None
    if len(values) > 1:
        named = _stems(clause) - _stems(level)
        at = [
            m.start()
            for m in re.finditer(r"[a-z0-9']+", line.lower())
            if _stems(m.group(0)) & named
        ]
        far = [min((abs(v.start() - a) for a in at), default=10**6) for v in values]
        values = [v for v, d in zip(values, far, strict=True) if d == min(far) < 10**6]
        if len(values) != 1:
            return None
    v = values[0]
    if _norm(v.group(0)) == _norm(level):
        return None
    return line[: v.start()] + _written_like(level, v.group(0)) + line[v.end() :]


def edit_levels(
    before: Sequence[str], after: Sequence[str], text: str
) -> tuple[list[str], list[tuple[str, str]]]:
    """(lines, edits): `after` with each stored line whose level the message says was reached
    in its new form, in the old line's place, and without the added lines that only report it
    ('I passed my japanese A2 exam.')."""
    from assistant.feedback.cues import THIS_ANSWER

    if THIS_ANSWER.search(text):
        return list(after), []
    edits, said = [], []
    for scale, level, clause in reached(text):
        lines = [x for x in before if _LEVEL[scale].search(x)]
        named = _stems(clause) - _stems(level)
        sharing = [x for x in lines if _stems(x) & named]
        lines = sharing or lines
        if len(lines) != 1 or named - _stems(lines[0]):  # 'started 6th grade at Roosevelt Middle'
            continue  # says more than the level: the merge's new line stands
        new = leveled(lines[0], scale, level, clause)
        if new and lines[0] not in (o for o, _ in edits):
            edits.append((lines[0], new))
            said.append((scale, _norm(level)))
    if not edits:
        return list(after), []
    from assistant.summary.list_items import put_back

    def reports(x: str) -> bool:  # an added line that only says a level reached, as the edit does
        return any((s, _norm(lv)) in said for s, lv, _ in reached(x))

    return put_back(before, after, edits, reports), edits
