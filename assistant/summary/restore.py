"""Going back to an earlier value ('ok things are better, back to the original number', 'no
wait, go back to the first one'): the words name no value, so the value comes from the summary's
history. The line the user changed most recently is put back to what it said before (one step),
or to what it said first ('original', 'first', 'initial')."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.summary.changes import SummaryChange, describe
from assistant.summary.lines import parse, render
from assistant.summary.merge import LineChange
from assistant.summary.relation_cues import stems
from assistant.summary.slots import slots

RESTORE = re.compile(
    r"\b(?:(?:go|going|switch|change|put (?:it|that|them)|set (?:it|that)|revert|return|"
    r"bring (?:it|that)|back)\s+(?:back\s+)?to\s+(?:the\s+|my\s+|your\s+|what\s+(?:it|i)\s+)?"
    r"(?:original|first|initial|previous|old|earlier|former|usual)\b(?!\s+(?:version|draft|"
    r"answer|reply|response|paragraph|sentence|example))|"
    r"\b(?:revert|undo)\s+(?:that|the|my)\s+(?:last\s+)?change\b|"
    r"\b(?:make it|use|want)\s+the\s+(?:original|first|previous|old|earlier)\s+(?:one|number|"
    r"value|amount|setting|limit|budget|language)\s+again\b|"
    r"\b(?:as|like|what)\s+(?:it\s+was\s+|i\s+had\s+(?:it\s+)?)?(?:before|originally)\s*[.!]*$)",
    re.IGNORECASE,
)
"""A way back that names no value; 'back to the first draft' is about the last answer."""
_FIRST = re.compile(r"\b(?:original|originally|first|initial)\b", re.IGNORECASE)


_BRING_BACK = re.compile(
    r"\b(?:bring|put|add|have) (?:it|them|that|those|these|the [\w' -]{2,25}?) back\b|"
    r"\bi (?:actually )?miss(?:ed)? (?:it|them|those|these|the [\w' -]{2,20}?)\b",
    re.IGNORECASE,
)
"""A line taken back and now wanted again ('actually I miss them, bring them back')."""
_UNDO_NEW = re.compile(
    r"\bback to (?:how|the way) you (?:wrote|answered|talked|did it|did things|had it|were)"
    r"(?: it| them)? (?:before|earlier|at first)\b",
    re.IGNORECASE,
)
"""'back to how you wrote before': the newest rule goes (there was nothing before it)."""


_FINE_AGAIN = re.compile(
    r"\b(?:is|are|'s|'re) (?:fine|ok|okay|allowed|welcome|good|cool|back on) again\b|"
    r"\b(?:you can|feel free to|go ahead and) (?:use|add|include|put in|give me|do) (?:[\w'-]+ ){1,3}"
    r"again\b",
    re.IGNORECASE,
)
"""'ok links are fine again, IT unblocked them': what was taken back and is named comes back, and
a ban that names it goes."""


def restores(text: str) -> bool:
    """Does the message ask to go back to an earlier value without naming it?"""
    text = text or ""
    return bool(
        RESTORE.search(text)
        or _BRING_BACK.search(text)
        or _UNDO_NEW.search(text)
        or _FINE_AGAIN.search(text)
    )


def _allowed_again(
    text: str, steps: list[tuple[list[str], list[str]]], current: list[str]
) -> tuple[str, str] | None:
    """(the ban that goes or '', the line that comes back) for 'X is fine again' said alone in
    one sentence: only when the message names a line taken back; None otherwise (the merge
    reads the message: 'headers are fine again for long answers. but never tables')."""
    if re.search(r"[.;!?]\s*\S|\bbut\b", text.strip()):
        return None
    said = stems(text)
    gone = [x for _, removed in reversed(steps) for x in removed if x not in current]
    back = next((x for x in gone if stems(x) & said and not _BAN.match(x)), "")
    ban = next((x for x in reversed(current) if _BAN.match(x) and stems(x) & said), "")
    return (ban, back) if back else None


def _taken_back(text: str, steps: list[tuple[list[str], list[str]]], current: list[str]) -> str:
    """The line removed most recently and not put back (the one the message names, if any)."""
    gone = [x for _, removed in reversed(steps) for x in removed if x not in current]
    said = stems(text)
    named = [x for x in gone if stems(x) & said]
    return (named or gone or [""])[0]


def _newest_rule(steps: list[tuple[list[str], list[str]]], current: list[str]) -> str:
    """The newest line still in the summary that replaced nothing."""
    for added, removed in reversed(steps):
        kept = [x for x in added if x in current]
        if kept:
            return kept[-1] if not removed else ""
    return ""


_BAN = re.compile(
    r"^(?:stop|no|don'?t|do not|never|avoid|skip|drop|cut|lose|ditch|less|fewer|enough)\b", re.I
)


def _lifted_ban(text: str, current: list[str]) -> str:
    """'ok I miss them, bring them back' after 'Stop with the emojis.': the ban goes (the one the
    message names, else the newest)."""
    bans = [x for x in current if _BAN.match(x)]
    named = [x for x in bans if stems(x) & stems(text)]
    return (named or bans or [""])[-1]


def _steps(history: Sequence[str]) -> list[tuple[list[str], list[str]]]:
    """(added, removed) lines of each change, oldest first."""
    versions = [[]] + [parse(x) for x in history]  # the first version was added to nothing
    return [
        ([x for x in b if x not in a], [x for x in a if x not in b])
        for a, b in zip(versions, versions[1:], strict=False)
    ]


def _kin(a: str, b: str) -> int:
    """How much two lines are about the same thing: shared slot names, then shared stems."""
    return 2 * len({s.name for s in slots(a)} & {s.name for s in slots(b)}) + len(
        stems(a) & stems(b)
    )


def _slot_words(line: str) -> set[str]:
    """'language', 'budget', 'word': what the line's slots are called."""
    return {w for s in slots(line) for w in re.findall(r"[a-z]{4,}", s.name)}


def _before(line: str, steps: list[tuple[list[str], list[str]]], upto: int) -> tuple[str, int]:
    """The line that `line` replaced (the closest of those its change removed) and that change's
    index, or ('', -1)."""
    for i in range(upto - 1, -1, -1):
        added, removed = steps[i]
        if line in added:
            if not removed:
                return "", -1
            best = max(removed, key=lambda x: _kin(x, line))
            alone = len(removed) == 1 and len(added) == 1  # 'make it 300' replaced one line
            return (best, i) if _kin(best, line) > 0 or alone else ("", -1)
    return "", -1


def earlier_value(text: str, summary: str, history: Sequence[str]) -> tuple[str, str] | None:
    """(current line, the earlier line it goes back to) for a message that restores, or None.
    Of the current lines that replaced something, the one the message names (shared stems), else
    the one changed most recently."""
    if not restores(text):
        return None
    steps, current = _steps(history), parse(summary)
    changed = []
    for i in range(len(steps) - 1, -1, -1):
        changed += [(x, i) for x in steps[i][0] if x in current and steps[i][1]]
    if _FINE_AGAIN.search(text) and not (RESTORE.search(text) or _BRING_BACK.search(text)):
        return _allowed_again(text, steps, current)
    said = stems(text) | set(re.findall(r"[a-z]+", text.lower()))
    named = [c for c in changed if stems(c[0]) & said or _slot_words(c[0]) & said]
    for line, i in named or changed if not _BRING_BACK.search(text) or RESTORE.search(text) else []:
        earlier, at = _before(line, steps, i + 1)
        while earlier and _FIRST.search(text):
            older, older_at = _before(earlier, steps, at)
            if not older:
                break
            earlier, at = older, older_at
        if earlier and earlier not in current:
            return line, earlier
    if _BRING_BACK.search(text) and (back := _taken_back(text, steps, current)):
        return "", back  # put back as it was
    if _BRING_BACK.search(text) and (ban := _lifted_ban(text, current)):
        return ban, ""  # taken out
    if _UNDO_NEW.search(text) and (newest := _newest_rule(steps, current)):
        return newest, ""  # taken out
    return None


def restore_summary(
    before: str, text: str, history: Sequence[str], *, max_chars: int
) -> SummaryChange | None:
    """The summary with the restored line in place of the current one, or None."""
    found = earlier_value(text, before, history)
    if found is None:
        return None
    line, earlier = found
    lines = [earlier if x == line else x for x in parse(before) if x != line or earlier]
    lines += [earlier] if not line else []
    after = render(lines)
    if len(after) > max_chars:
        return None
    gone = [LineChange(line, earlier or text.strip(), "supersedes" if earlier else "retracts")]
    gone = gone if line else []
    return SummaryChange(before, after, "directive", describe(text, gone), "merge", gone)
