"""What a lasting correction says beside its directive. The clause rules keep 'Long haul.' of
'new job, driving volvo FH 40t now, long haul' and 'I hate mushrooms.' of 'I hate mushrooms, and
I cook on an induction hob'; the part they left out is a fact said in passing. It is kept when
the stored-pieces head (assistant.feedback.stored_pieces) vouches for it, as it does for a
request's pieces."""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.feedback.cues import asks_for_something, only_this_answer
from assistant.feedback.directive import clauses
from assistant.summary.resolve import agrees_with_name

_WORD = re.compile(r"[a-z0-9][a-z0-9'-]+")
_POINTS_BACK = re.compile(
    r"(?i)^\W*(?:and |but |so )?(?:he|she|they|it|its|it's|that|this|them|those|these)\b"
)
"""'he dont eat pork', 'it's three times a day now': who or what is in another clause."""
_NAMES_BACK = re.compile(
    r"(?i)\b(?:keep|remember|factor|bear|consider|note|account for|past) "
    r"(?:that|those|these|them|this)\b(?! (?:\w+ ){0,3}(?:is|are|was|were|has|have|'s)\b)"
)
"""'keep that in mind for any fitness stuff', 'don't suggest evening activities past those': what
they name is in another clause, so the clause is left out of the part."""
_ASKS = re.compile(
    r"(?i)^(?:anyway|ok|so|oh|and)?\W*(?:what|what's|whats|how|where|which|who|why|when)\b"
)
"""'anyway what's the weather like in march': the request, not a fact."""
_TAKES_BACK = re.compile(r"(?i)\b(?:forget|ignore|scrap|drop|never ?mind|nvm|delete|remove)\b")


def said_of_it(part: str) -> bool:
    """A remark on the way the answers were ('Turkish is slowing me down', 'the tables were
    confusing'): why the directive beside it was said, no fact to keep (clauses.REMARK)."""
    from assistant.summary.clauses import REMARK

    return bool(REMARK.search(part.strip().lower().replace("\u2019", "'")))


def _content(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if len(w) >= 3]


_STILL = re.compile(r"(?i)(?:^|[;,.]\s*)(?:but\s+)?still\b")
_CHANGED = re.compile(
    r"(?i)\b(?:now|again|anymore|any more|these days|from now on|going forward)\b"
)


def beside_still(part: str, directive: str) -> bool:
    """'pronouns are they/them now, still Sam': what the directive says still holds is said
    against what changed, so the change is what the message is for."""
    return bool(_STILL.search(directive) and _CHANGED.search(part))


def left_out_parts(text: str, directive: str) -> list[str]:
    """The runs of clauses of one sentence that the directive does not carry (under half of
    their content words in it), in the message's order."""
    have = set(_content(directive))
    runs, run = [], []
    for clause, sep, raw in clauses(text):
        said = _content(clause)
        carried = not said or sum(w in have for w in said) / len(said) >= 0.5
        if run and (carried or re.search(r"[.!?\n]", sep)):
            runs.append("".join(run))
            run = []
        if not carried:
            run.append(f"{sep if run else ''}{raw}")
    runs += ["".join(run)] if run else []
    return [re.sub(r"(?i)^(?:and|but|so|plus|also)\s+", "", r.strip(" ,;:-—–")) for r in runs]


def left_out_facts(
    text: str, directive: str, worth: Callable[[str], bool] | None, judge=None
) -> list[str]:
    """The left-out parts worth remembering on their own: three words or more, not asked, not a
    one-off, not pointing at another clause, not taking something back, judged a lasting
    directive on their own (`judge`: part → (directive, lasting), as the request path judges a
    piece; 'Keziah moved out' has none) and vouched for by `worth`, or said as what changed
    beside what 'still' holds."""
    if worth is None or not directive or only_this_answer(text):
        return []
    out = []
    for part in left_out_parts(text, directive):
        part = ", ".join(
            c for c in re.split(r",\s*(?:and |so )?", part) if not _NAMES_BACK.search(c)
        )
        if (
            len(part.split()) < 3
            or "?" in part
            or _POINTS_BACK.match(part)
            or _TAKES_BACK.search(part)
            or asks_for_something(part)
            or _ASKS.match(part)
            or agrees_with_name(part)  # 'Bex is what my school friends call me'
            or said_of_it(part)  # 'go back to English, Turkish is slowing me down'
        ):
            continue
        vouched = worth(part) or beside_still(part, directive)
        if vouched and (judge is None or all(judge(part))):  # the head is the cheaper ask
            out.append(part[0].upper() + part[1:] + ("" if part[-1] in ".!" else "."))
    return out


def with_left_out(text: str, directive: str | None, worth, judge=None) -> str | None:
    """The directive with the vouched-for facts it left out, as more lines ('; ')."""
    extra = left_out_facts(text, directive or "", worth, judge)
    if not extra:
        return directive
    return "; ".join([directive.rstrip(". "), *(x.rstrip(".") for x in extra)]) + "."
