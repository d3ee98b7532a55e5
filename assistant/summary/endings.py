"""A line that only says something ended is not kept once the summary no longer holds what ended:
'gwendolyn left, my new manager is Tomasz' ends "My manager Gwendolyn wants one-line updates.",
and 'Gwendolyn left.' would otherwise stay, naming her. The same for 'Maria's moved away sadly.',
"I've left Vietnam." (after "I live in Da Nang.") and 'I quit.'. The line stays when the message
ended no stored line (the merge kept it: the line is then the only record that it is over) or
when a line still in the summary names it. A death is no such ending: 'My dad passed away.' stays.
graph.retire applies it after the stale-line reader; the history keeps the message."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.summary.lines import sentence
from assistant.summary.stale import stems

_WHEN = r"sadly|unfortunately|lol|now|btw|too|as well|last week|yesterday|this week|today"
_WHEN_MORE = r"|(?:last|this) (?:weekend|month|night|morning|year)|for good|on \w+day"


def ended_pattern(more: bool = True) -> re.Pattern[str]:
    """The lines that only say something ended; `more` adds "I sold X", 'X broke up with me' and
    'X is over / off / gone / cancelled' to leaving, quitting and moving away ("Zoe's vegetarian
    phase is over" is not one: she stays)."""
    sold = "|sold|broke up with|had to rehome|rehomed|gave away" if more else ""
    home = (
        r"|fell through|went (?:back )?home|went to live with [\w' -]{1,30}?|(?:got |was )?rehomed"
    )
    tail = rf"(?:,? (?:{_WHEN}{_WHEN_MORE if more else ''}))*"
    over = (
        r"|(?!(?:nothing|none|it|that|this)\b)(?:my |our |the )?"
        r"(?!.*?\w's (?!(?:now |officially )?(?:over|off|gone|cancell?ed)\b)\w)[\w' -]{1,40}?"
        r"(?:'s| is| are|'re| has been| was) (?:now |officially )?(?:over|off|gone|cancell?ed)"
    )
    return re.compile(
        r"(?i)^(?:(?:i|we|he|she|they)(?:'ve| have| has)? (?:just |finally |actually )?"
        rf"(?:left|quit|moved (?:away )?from|moved out of{sold})"
        r"(?: (?:the |my |our |his |her |that |this )?[\w' -]{1,40}?)?"
        r"|(?!(?:nothing|none|no one|nobody|there)\b)(?:my |our |the )?[\w' -]{1,40}?"
        r"(?:'s| has| have| is)? (?:just |finally |actually )?(?:left|moved away|moved out|quit"
        rf"{home if more else ''}){over if more else ''})"
        rf"{tail}\W*$"
    )


_ENDED = ended_pattern()
# 'I don't use tts anymore', 'the doctor took me off metformin', "I've gone off horror": what
# ended goes only when a line this turn removed named it ('I don't eat meat anymore' stays).
_NO_LONGER = re.compile(
    r"(?i)^(?:(?:i|we|he|she|they)(?: (?:don't|dont|do not|doesn't|no longer) "
    r"(?:use|have|own|play|take|drink|do|need|go to)\b.*|(?:'ve| have)? gone off\b.*)|[\w']+(?: has)? gone off\b.*"
    r"|(?:my |the |our )?(?:doctor|gp|dr\.? \w+)? ?(?:took|has taken) (?:me|him|her|us) off\b.*)$"
)
_COMPLAINT = re.compile(
    r"(?i)\b(?:(?:is|was|were|are|'s|'re|gets?|getting|got)\s+(?:(?:really|just|a bit|kinda|too)\s+)*"
    r"(?:slowing me down|getting me down|annoying|confusing|(?:a bit |way )?too much|a bit much|"
    r"a pain|driving me (?:crazy|nuts|mad)|eating my life|too hard|overwhelming|exhausting|"
    r"distracting|stressing me out)|feels? (?:odd|weird|wrong|strange|off)\b)"
)
"""'Turkish is slowing me down', 'the brutal thing was getting me down': why a removed line
ended, said of what it named; not kept beside the change (assistant.summary.endings)."""
_ANYMORE = re.compile(r"(?i)\b(?:any ?more|no longer|gone off|took \w+ off|taken \w+ off)\b")
_CLAUSE = re.compile(
    r"(,?\s+(?:and|but|so|because)\s+|,\s+(?!(?:sadly|unfortunately|lol|btw|too)\b)|\s+[—–-]+\s+)"
)
_MORE = re.compile(r"(?i)\b(?:and|but|so|then|instead|because)\b|[,;:] (?!sadly|unfortunately)")
_FILLER = frozenset(
    re.findall(
        r"\S+",
        "i i've we we've he she they have has the my our his her that this just finally actually "
        "left quit moved away out from of sadly unfortunately lol now btw too as well last week "
        "yesterday today went home back live rehome rehomed weekend month night morning year "
        "good",
    )
)


def only_ended(line: str) -> bool:
    """'Gwendolyn left.', "I've left Vietnam.", 'My roommate moved out.', 'I quit.'; not 'I left
    nursing and teach yoga now.', which says what holds too."""
    return bool(_ENDED.match(line.strip())) and not _MORE.search(line)


def _names(line: str) -> set[str]:
    return {w.removesuffix("'s").rstrip("'") for w in stems(line, _FILLER)}


def without_endings(before: Sequence[str], lines: Sequence[str]) -> tuple[list[str], list[str]]:
    """(lines, dropped): `lines` without the lines this turn added that only say something ended,
    when the turn ended a stored line and no other line left names what ended."""
    stored = set(before)
    removed = [x for x in before if x not in lines]
    if not removed:  # the message ended nothing stored
        return list(lines), []
    added = [x for x in lines if x not in stored and only_ended(x)]
    others = [x for x in lines if x not in added]
    dropped = [x for x in added if not any(_names(x) & _names(y) for y in others)]
    out, cut = [], []
    for x in (x for x in lines if x not in dropped):
        kept = x if x in stored or x in added else _without_ended_clauses(x, removed)
        out += [kept] if kept else []
        cut += [x] if kept != x else []
    return out, dropped + cut


def _ended_clause(clause: str, removed: Sequence[str]) -> bool:
    """'trello is gone' when a removed line named Trello; "I don't use tts anymore" when one
    named tts."""
    if not (
        only_ended(clause)
        or _NO_LONGER.match(clause)
        and _ANYMORE.search(clause)
        or _COMPLAINT.search(clause)
    ):
        return False
    return any(_names(clause) & _names(y) for y in removed)


def _without_ended_clauses(line: str, removed: Sequence[str]) -> str:
    """An added line without its clauses that only say what a removed line held ended: 'Moved
    everything over to notion yesterday, trello is gone.' -> 'Moved everything over to notion
    yesterday.'; '' when nothing else is left."""
    parts = _CLAUSE.split(line.strip().rstrip(".!"))  # clause, separator, clause, ...
    ended = [_ended_clause(p.strip(), removed) for p in parts[::2]]
    if not any(ended):
        return line
    rest = ""
    for i, (clause, gone) in enumerate(zip(parts[::2], ended, strict=True)):
        if not gone and clause.lower() not in _ASIDE:  # 'update, the trial's over and ...'
            rest += (parts[2 * i - 1] if rest else "") + clause
    return sentence(rest) if stems(rest, _FILLER) and len(rest.split()) > 1 else ""


_ASIDE = frozenset(
    ("update", "ok", "okay", "so", "oh", "well", "anyway", "fyi", "btw", "also", "lol", "jk",
     "lol jk", "haha", "sorry")
)  # fmt: skip
