"""Changing a summary: merge a directive's lines by how each relates to every existing line
(supersedes, retracts, duplicate, compatible: relations.py), bound the size, and diff."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.safety import HELD_MARK, mark_sycophancy
from assistant.summary.axes import is_content
from assistant.summary.contrast import swapped_modifier
from assistant.summary.instead import instead_after, without_old_value
from assistant.summary.kept_parts import kept_parts
from assistant.summary.lines import MAX_LINES, directive_lines, join_fragments, norm, parse, render
from assistant.summary.quantities import same_subject_number
from assistant.summary.references import resolve_person, resolve_references
from assistant.summary.relation_cues import (
    ALLOWED_AGAIN,
    ELSEWHERE,
    ENDED,
    GONE,
    JUDGED_OFF,
    STOP_DOING,
    allows_a_part,
    stems,
)
from assistant.summary.relations import linked, relate, rule_relation
from assistant.summary.retraction import (
    PLAIN_OK,
    is_retraction,
    no_longer,
    retraction_parts,
    scratched,
    takes_back_last,
)
from assistant.summary.said_same import only_says_same
from assistant.summary.slots import other_person, slots
from assistant.summary.units import unit_word


@dataclass(frozen=True)
class LineChange:
    """One existing line that a new line removed, and why (kept in the summary's history)."""

    old: str
    new: str
    relation: str
    """supersedes | retracts | duplicate | went_with (left with the line it came with: reasons.py)"""

    def describe(self) -> str:
        if self.relation == "supersedes":
            return f"replaced '{self.old}' (superseded by: {self.new})"
        if self.relation == "retracts":
            return f"removed '{self.old}' (retracted by: {self.new})"
        if self.relation == "went_with":
            return f"removed '{self.old}' (it went with: {self.new})"
        return f"kept '{self.old}' (repeated by: {self.new})"


@dataclass(frozen=True)
class Merge:
    lines: list[str]
    changes: list[LineChange]
    added: list[str]


def _encoder(encoder):
    if encoder is not None:
        return encoder
    from assistant.encoder import get_encoder

    return get_encoder()


def merge_lines(old: Sequence[str], new: Sequence[str], *, encoder=None) -> Merge:
    """Each new line against every existing line: a superseded or retracted line goes, a
    duplicate is kept once, compatible lines stay; a retraction is never added itself."""
    lines = [x for x in old if x]
    new = [part for x in new if x and not only_says_same(x) for part in retraction_parts(x)]
    news = join_fragments(lines, [resolve_references(x, lines) for x in new if x])
    news = scratched(lines, news)
    replaced = {o: n for o, n in news if o is not None}
    lines = [x for x in lines if x not in replaced]
    changes = [LineChange(o, n, "supersedes") for o, n in replaced.items()]
    added: list[str] = []
    for _, line in news:
        if takes_back_last(line):  # 'forget the last thing I said': the newest stored line
            done = any(c.relation != "duplicate" for c in changes)  # a repeat changed nothing
            last = None if done else next((x for x in reversed(lines) if x not in added), None)
            lines = [x for x in lines if x != last]
            changes += [LineChange(last, line, "retracts")] if last else []
            continue
        same = [x for x in lines if norm(x) == norm(line)]
        if same:
            changes += [LineChange(same[0], line, "duplicate")] if same[0] != line else []
            continue
        current = [x for x in lines if x not in added]
        bare = [_unmarked(x) for x in current]  # the guard's mark is not part of what was said
        rels = relate(_encoder(encoder), bare, [_unmarked(line)] * len(bare)) if bare else []
        gone = [
            (o, r) for o, r in zip(current, rels, strict=True) if r in ("supersedes", "retracts")
        ]
        repeats = [o for o, r in zip(current, rels, strict=True) if r == "duplicate"]
        gone += instead_after(lines, gone)
        lines = [x for x in lines if x not in {o for o, _ in gone}]
        carried = next(
            (c for o, r in gone if r == "supersedes" for c in [_carried(o, line)] if c), None
        )
        line = carried or without_old_value(line, [o for o, r in gone if r == "supersedes"])
        changes += [LineChange(o, line, r) for o, r in gone]
        if not carried:  # 'I'm 34 and training for a marathon' less the marathon: 'I'm 34.'
            lines += kept_parts(gone, line)
        undone = [c.old for c in changes if c.relation != "duplicate" and linked(c.old, line)]
        low = line.lower().rstrip(".!")
        valued = any(s.value not in ("+", "-") for s in slots(line))
        cue = (
            _only_ends(low)
            or ((STOP_DOING.match(low) or no_longer(low)) and not _new_values(line, undone))
            or (ALLOWED_AGAIN.search(low) and not valued and not _QUALIFIED.search(low))
            or (JUDGED_OFF.search(low) and not _new_values(line, undone))
            or (_NOT_ACTUALLY.search(low) and all(is_content(x) for x in undone))
        )
        # a line that took a stored one back and says only that ('my doctor took me off keto')
        over = ENDED.search(low) and _only_ends(low) and not other_person(line)  # 'Exams are over'
        part = ALLOWED_AGAIN.search(low) and allows_a_part(line, undone)  # 'headers are ok'
        retraction = not part and (is_retraction(line) or bool(undone and cue) or bool(over))
        if retraction or (repeats and not gone):
            changes += [LineChange(o, line, "duplicate") for o in repeats if not retraction]
            continue
        lines.append(line)
        added.append(line)
    follows = _follows(lines, added, changes)
    changes += follows
    lines = [x for x in lines if x not in {c.old for c in follows}]
    stale = _stale(added, changes)  # 'the french experiment isnt working' beside 'Use English'
    lines, added = [x for x in lines if x not in stale], [x for x in added if x not in stale]
    return Merge(lines, changes, added)


_NOT_ACTUALLY = re.compile(r"\b(?:not|isn't|aren't|wasn't|doesn't) (?:actually|really)\b")
"""'He's not actually allergic to shellfish' of a stored fact: it takes the fact back."""


def _only_ends(low: str) -> bool:
    """'Greg left the company' only says what ended; 'she quit soccer and joined the swim team'
    says what came next too, and stays as a line."""
    m = ENDED.search(low) or GONE.search(low)
    rest = re.sub(r"^\s*and \w+ed\W*$", "", low[m.end() :]) if m else ""  # 'done and dusted'
    return bool(m) and not re.search(r"(?:[,;]|\b(?:and|but|now)\b)\s*\w+", rest)


def _unmarked(line: str) -> str:
    return line.replace(HELD_MARK, "").strip()


_QUALIFIED = re.compile(r"\b(?:only|except|but not|as long as)\b")
"""'started drinking coffee again, decaf only': back, with a condition worth keeping."""


def _new_values(line: str, undone: Sequence[str]) -> set:
    """The slot values a line names that the lines it took back did not ('medium' in 'stop
    keeping it short, medium length suits me better'; none in 'stop with the italian now')."""
    old = {(s.name, s.value) for o in undone for s in slots(o)}
    said = STOP_DOING.sub("", line.lower().strip())  # 'drop the tldr' names no 'long'
    named = {(s.name, s.value) for s in slots(said) if not s.name.startswith("order:")}
    return {(n, v) for n, v in named if v not in ("+", "-") and not v.startswith("not ")} - old


def _follows(lines: Sequence[str], added: Sequence[str], changes: Sequence[LineChange]) -> list:
    """Stored lines that only followed from a line just taken back: 'No kiwi in desserts.' goes
    with 'My wife is allergic to kiwi.' when 'she's outgrown the kiwi allergy' (the word that
    ties them, kiwi, is in all three)."""
    out = []
    for c in changes:
        if c.relation != "retracts":
            continue
        tie = stems(c.old) & stems(c.new) - {"aller", "intol", "sensi"}  # the kiwi, not 'allergic'
        out += [
            LineChange(x, c.new, "retracts")
            for x in lines
            if x not in added and x not in {o.old for o in out} and tie & stems(x)
        ]
    return out


def _stale(added: Sequence[str], changes: Sequence[LineChange]) -> set[str]:
    """New lines that only restate a value this merge replaced: the reason given for a change
    ('the french experiment isnt working' when 'Use English.' replaces 'Réponds en français')."""
    if any(ELSEWHERE.search(x) for x in added):  # 'german for recipes only; else english'
        return set()  # the old value holds on one side of an exception
    gone = {(s.name, s.value) for c in changes if c.relation == "supersedes" for s in slots(c.old)}
    given = {s.name for x in added for s in slots(x) if (s.name, s.value) not in gone}
    given &= {n for n, _ in gone}  # 'Switch to Italian' after 'Answer in Portuguese.'
    # a slotless reason the head took for the change ('my portuguese is rustier than i thought')
    replacing = {c.new for c in changes} - {x for x in added if given and not slots(x)}
    said = [re.compile(rf"\b{re.escape(v)}\b", re.I) for _, v in gone if len(v) > 3]
    return {
        x
        for x in added
        if x not in replacing and (_only_gone(x, gone) or any(p.search(x) for p in said))
    }


def _only_gone(line: str, gone: set) -> bool:
    """Every slot value the line names was just replaced ('up to a paragraph' is not stale)."""
    said = {(s.name, s.value) for s in slots(line)}
    return bool(said) and said <= gone


_NUMBER_SLOTS = ("age:", "level:", "limit:", "amount:", "count:")


def _says_more(old: str, value: str, names: set[str]) -> bool:
    """'I teach secondary school maths in Dublin': more than the place, so a move keeps the rest
    ('... in Cork'); not when a time zone or a rule said after it goes with the place."""
    said = set(re.findall(r"[a-z]{4,}", old.lower())) - set(value.lower().split()) - _PLAIN
    one_clause = not re.search(r"[,;]|\bso\b", old)  # not '... Arizona, so desert plants'
    return "timezone" not in names and one_clause and len(said) >= 2


_PLAIN = frozenset(
    re.findall(r"\w+", "based live living here there with from moved just currently about")
)


def _carried(old: str, new: str) -> str | None:
    """A new number, or a new place, job or employer for a line that says more: the old line with
    the value replaced ('My kid Luca is 11 and loves football.' + 'My kid Luca turned 12.' → 'My
    kid Luca is 12 and loves football.'; 'I'm a carpenter in Ohio.' + 'I've moved to Cork.'). Else
    a moved modifier or someone's one number (swapped_modifier, same_subject_number), or None."""
    so, sn = slots(old), slots(new)
    more = {s.name for s in so} - {s.name for s in sn} - {"timezone"}  # moves with the place
    for a in so:
        for b in sn:
            if a.name != b.name or a.value == b.value:
                continue
            was, now = unit_word(old, a.name, a.value), unit_word(new, b.name, b.value)
            if a.name.startswith("units:") and more and was and now:  # 'celsius and km' + 'F'
                return old[: was.start()] + now.group(0) + old[was.end() :]
            numbered = a.name == "age" or a.name.startswith(_NUMBER_SLOTS)
            numbered = numbered and not {s.name for s in sn} - {s.name for s in so}
            said_more = (more or _says_more(old, a.value, {s.name for s in so})) and not (
                a.name == "location" and re.search(r"\bso\b", old)
            )  # 'I fish in Tampa, so warm-water lures' does not move to Duluth
            said_more = said_more and a.name in ("location", "job", "deadline", "employer")
            if not (numbered or said_more):
                continue
            said = list(re.finditer(rf"(?<![\w.]){re.escape(a.value)}(?![\w])", old, re.I))
            said_as = ",?".join(map(re.escape, b.value))  # '1200' as said: '1,200'
            value = re.search(rf"(?<![\w.]){said_as}(?![\w])", new, re.I)
            if len(said) == 1:
                value = value.group(0) if value else b.value
                return old[: said[0].start()] + value + old[said[0].end() :]
    return swapped_modifier(old, new) or same_subject_number(old, new) or _named(old, new)


_MY_NAMED = re.compile(r"^((?i:my|our) \w+) ([A-Z][\w'-]+)\b")


def _named(old: str, new: str) -> str | None:
    """'My dad uses walker now.' in place of 'My dad Wiesław uses a wheelchair.' keeps his name:
    'My dad Wiesław uses walker now.'"""
    m = _MY_NAMED.match(old)
    if not m or not new.lower().startswith(m.group(1).lower() + " ") or m.group(2) in new:
        return None
    if _MY_NAMED.match(new):  # a name in its place: 'My niece Anneke', not 'Annika Anneke'
        return None
    return f"{new[: len(m.group(1))]} {m.group(2)}{new[len(m.group(1)) :]}"


def changes_stored(summary: str, directive: str, *, encoder=None) -> bool:
    """Whether a line of the directive supersedes or takes back a line already in the summary:
    such a correction is about a lasting preference by definition ("Stop doing the summary at the
    end" against "Always end with a summary."), whatever the lasting head made of its wording."""
    old = parse(summary)
    news = directive_lines(directive) if directive and directive.strip() else []
    if not old or not news:
        return False
    if any(takes_back_last(n) for n in news):
        return True
    news = [resolve_references(n, old) for n in news]
    pairs = [(o, n) for n in news for o in old]
    rels = relate(_encoder(encoder), [o for o, _ in pairs], [n for _, n in pairs])
    return any(r in ("supersedes", "retracts") for r in rels)


def _stored_and_new(summary: str, directive: str) -> tuple[list[str], list[str]]:
    stored = parse(summary)
    return stored, directive_lines(directive) if stored and directive and directive.strip() else []


def about_stored(summary: str, directive: str) -> bool:
    """Is the directive only about lines already stored: it takes one back ('I don't mind the
    apologies') or refers to one ('make it 10')? Then 'that one' in it does not mean the answer."""
    stored, news = _stored_and_new(summary, directive)
    return any(
        is_retraction(n) or resolve_references(n, stored) != n or _allows_stored(n, stored)
        for n in news
    )


def _allows_stored(line: str, stored: Sequence[str]) -> bool:
    """'Normal treats are ok' beside 'Don't suggest treats with phosphorus.'."""
    low = line.lower().replace("\u2019", "'").rstrip(".!")
    valued = any(s.value not in ("+", "-") for s in slots(line))
    return bool(PLAIN_OK.match(low)) and not valued and any(linked(o, line) for o in stored)


def changes_stored_by_rule(summary: str, directive: str) -> bool:
    """changes_stored on the slot rules alone (a new age, place, number or diet; something that
    ended): for a message the router took for a request, the relation head's word is not enough."""
    stored, news = _stored_and_new(summary, directive)
    news = [resolve_references(n, stored) for n in news]
    return any(takes_back_last(n) for n in news) or any(
        rule_relation(o, n) in ("supersedes", "retracts") for n in news for o in stored
    )


def about_stored_person(summary: str, directive: str) -> bool:
    """'She also doesn't eat pork' after 'My wife is coeliac.': a fact about someone the user
    told us about, as lasting as what they said of them first."""
    stored, news = _stored_and_new(summary, directive)
    return any(resolve_person(n, stored) != n for n in news)


def bound(lines: list[str], max_chars: int, *, keep: Sequence[str] = ()) -> list[str]:
    """Drop the oldest style lines first, then the oldest content lines, never those in `keep`."""
    lines = list(lines)
    while len(render(lines)) > max_chars:
        droppable = [i for i, x in enumerate(lines) if x not in keep]
        style = [i for i in droppable if not is_content(lines[i])]
        pick = (style or droppable or [None])[0]
        if pick is None:
            break
        del lines[pick]
    while len(render(lines)) > max_chars and lines:
        # only the newest lines remain and they are still too long: shorten the longest
        longest = max(range(len(lines)), key=lambda i: len(lines[i]))
        budget = max(20, len(lines[longest]) - (len(render(lines)) - max_chars) - 1)
        if budget >= len(lines[longest]) or len(lines) > 1 and budget <= 20:
            del lines[0]
            continue
        lines[longest] = lines[longest][:budget].rsplit(" ", 1)[0] + "…"
    return lines


def _checked(directive: str, max_chars: int) -> None:
    if not isinstance(directive, str) or not directive.strip():
        raise ValueError("empty directive: nothing to add to the preference summary")
    if max_chars < 40:
        raise ValueError(f"max_chars={max_chars} is too small for a summary (use at least 40)")


def merge_summary(
    summary: str, directive: str, *, max_chars: int = 1200, encoder=None
) -> tuple[str, list[LineChange]]:
    """merge_directive, plus the lines it removed and why."""
    _checked(directive, max_chars)
    new = [mark_sycophancy(x) for x in directive_lines(directive)]
    merged = merge_lines(parse(summary), new, encoder=encoder)
    kept = merged.lines[-MAX_LINES:]
    return render(bound(kept, max_chars, keep=merged.added)), merged.changes


def merge_directive(summary: str, directive: str, *, max_chars: int = 1200, encoder=None) -> str:
    """Add a directive's lines: a line it supersedes or retracts goes, a repeat is not added,
    unrelated lines stay; the size is bounded. Lines asking for flattery or agreement are kept
    (it is the user's summary) but marked as held."""
    return merge_summary(summary, directive, max_chars=max_chars, encoder=encoder)[0]


def diff(old: str, new: str) -> list[str]:
    """What changed, for the user: ['+ Keep answers short.', '- Give longer answers.']."""
    before, after = parse(old), parse(new)
    added = [f"+ {x}" for x in after if x not in before]
    removed = [f"- {x}" for x in before if x not in after]
    return added + removed
