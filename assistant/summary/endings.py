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

from assistant.summary.stale import stems

_TAIL = (
    r"(?:,? (?:sadly|unfortunately|lol|now|btw|too|as well|last week|yesterday|this week|today))*"
)
_ENDED = re.compile(
    r"(?i)^(?:(?:i|we|he|she|they)(?:'ve| have| has)? (?:just |finally |actually )?"
    r"(?:left|quit|moved (?:away )?from|moved out of)"
    r"(?: (?:the |my |our |his |her |that |this )?[\w' -]{1,40}?)?"
    r"|(?!(?:nothing|none|no one|nobody|there)\b)(?:my |our |the )?[\w' -]{1,40}?(?:'s| has| have| is)? (?:just |finally |actually )?"
    r"(?:left|moved away|moved out|quit))"
    rf"{_TAIL}\W*$"
)
_MORE = re.compile(r"(?i)\b(?:and|but|so|then|instead|because)\b|[,;:] (?!sadly|unfortunately)")
_FILLER = frozenset(
    re.findall(
        r"\S+",
        "i i've we we've he she they have has the my our his her that this just finally actually "
        "left quit moved away out from of sadly unfortunately lol now btw too as well last week "
        "yesterday today",
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
    if not any(x not in lines for x in before):  # the message ended nothing stored
        return list(lines), []
    added = [x for x in lines if x not in stored and only_ended(x)]
    others = [x for x in lines if x not in added]
    dropped = [x for x in added if not any(_names(x) & _names(y) for y in others)]
    return [x for x in lines if x not in dropped], dropped
