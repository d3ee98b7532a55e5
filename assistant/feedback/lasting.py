"""What of a message taken as feedback lasts: of a question or a request for content, only the
facts and rules said inside it; and whether a message the router took as a request updates a
remembered line."""

from __future__ import annotations

import re

from assistant.feedback.cues import ONCE_SAID
from assistant.feedback.request_facts import (
    _ASKED_AFTER,
    ASK_RULE,
    FOR_GOOD,
    facts_in_request,
    names_a_rule,
)

_ASKS_CONTENT = re.compile(
    r"^\W*(?:(?:ok|okay|so|and|hmm|also|next)\W+)*(?:what|whats|what's|how|why|where|which|who|when|"
    r"is|are|does|do(?! more\b)|can i|could i|should i|any|explain|tell me|translate|"
    r"(?:can|could|would|will) (?:you|u) (?:please |pls )?(?:do|write|plan|find|recommend|draft)\b)\b",
    re.I,
)


_CONTENT_ASK = re.compile(
    r"(?:^|[.!?]\s+)\W*(?:(?:ok|okay|so|and|also|now|then|please|pls|great|thanks|better)\W+)*"
    r"(?:(?:can|could|would|will) (?:you|u) (?:please )?)?(?:compare|find me|explain (?:how|what|why|"
    r"the)|calculate|proofread|do the same for|double[- ]?check [^.?!]{2,40} for me)\b",
    re.I,
)
"""'compare AeroPress and Chemex', 'also can you explain how compound interest works': a piece
that asks for an answer, said after the feedback or alone."""


_WH = re.compile(
    r"^\W*(?:(?:and|ok|okay|so|also|but|one more)\W*)*(why|how|what|what's|whats|when|where|"
    r"which|who|any)\b",
    re.I,
)
"""'and why does pasta take longer up there?': a question, whatever style words it has."""


_ASKED_LINE = re.compile(
    r"(?i)^(?:what|whats|what's|how|why|where|which|who|any|(?:can|could) you|"
    r"(?:explain|tell me) (?:what|how|why|who|where|which|whether|if))\b"
)
"""'Any tips for staying focused.', 'Explain what a pivot table is.': a line that asks."""


def asks_a_question(text: str) -> bool:
    """'ok what helps with a stiff neck', 'any under $25?'; not 'when you use terms, put ...'."""
    wh = _WH.match(text)
    return bool(wh) and ("?" in text or wh.group(1).lower() not in ("when", "where", "any"))


def what_lasts(text: str, directive: str | None, lasting: bool) -> tuple[str | None, bool]:
    """Of a message taken as feedback that asks a question or for content ('explain dark
    matter', 'whats a good cake recipe? I'm allergic to peanuts btw'), only the facts and rules
    said inside it last; the rest is for this answer. Unchanged for any other message. A line
    that asks for this answer's content ('Critique my plan to learn the cello.') never lasts
    (assistant.feedback.tasks)."""
    from assistant.feedback.tasks import without_tasks

    directive, lasting = _what_lasts(text, directive, lasting)
    kept = without_tasks(directive) if directive and lasting else directive
    return (kept, lasting) if kept == directive else (kept, kept is not None)


def _what_lasts(text: str, directive: str | None, lasting: bool) -> tuple[str | None, bool]:
    from assistant.feedback.cues import NEW_CONTENT, ONE_OFF_CUE
    from assistant.summary.lines import directive_lines

    if not directive:
        return directive, False
    asked = (
        _ASKS_CONTENT.match(text)
        or NEW_CONTENT.match(text)
        or ("?" in text and not ASK_RULE.match(text))  # 'can you stop ...?' may be a rule
        or _CONTENT_ASK.search(text)
    )
    told = [x for x in directive_lines(directive) if not _ASKED_LINE.match(x)]
    rule = (
        not NEW_CONTENT.match(text) and not asks_a_question(text) and names_a_rule(" ".join(told))
    )
    facts = facts_in_request(text) if asked and not FOR_GOOD.search(text) else None
    if facts and _ASKED_AFTER.search(directive):
        return facts, True  # "I'm 34 weeks pregnant, is it ok to fly?": the fact, not the ask
    if not asked or FOR_GOOD.search(text) or rule:
        return directive, lasting and not (ONE_OFF_CUE.search(text) and asked)
    return (facts, True) if facts else (directive, False)


def updates_stored(summary: str, text: str) -> bool:
    """A message that asks for nothing and replaces or takes back a remembered line ('Update: I
    moved to Seattle' after 'I live in Denver.') is feedback, whatever the router made of it."""
    from assistant.feedback.cues import asks_for_something
    from assistant.feedback.directive import extract_directive, find_directive
    from assistant.summary.merge import about_stored, changes_stored, changes_stored_by_rule

    if not summary.strip() or asks_for_something(text):
        return False
    said = find_directive(text)
    directive = said or extract_directive(text)  # extract_directive would find it again
    return bool(directive) and (
        about_stored(summary, directive)
        or changes_stored_by_rule(summary, directive)
        or bool(said and changes_stored(summary, said))  # 'ok dial the emojis back a bit'
    )


_DOING_NOW = re.compile(r"(?i)^(?:i'?m|i am|we're|we are) (?:just |currently )?\w+ing\b")


def adds_to_rules(text: str, directive: str, summary: str, messages: list[dict]) -> bool:
    """'and estimated prep time too' after 'Always include the calorie count with recipes.': a
    short addition to what the summary keeps lasts as it does (not after a one-off)."""
    from assistant.feedback.cues import only_this_answer

    said = [m["content"] for m in messages if m.get("role") == "user" and m["content"] != text]
    added = re.match(r"(?i)^\W*(?:and|also|plus|oh and)\b", text) or re.search(
        r"(?i)\b(?:too|as well)\W*$", text
    )
    after_once = bool(said) and only_this_answer(said[-1])
    short = "?" not in text and len(directive.split()) <= 8
    return bool(added and summary.strip() and short and not after_once)


def facts_beside_one_off(text: str) -> str | None:
    """'I'm a PhD student in chemistry. for this answer only, use a numbered list': the facts (and
    take-backs) said beside a one-off request last (as '; '-joined lines); None when none are."""
    from assistant.feedback.cues import THIS_ANSWER
    from assistant.feedback.directive import lines_with_kinds
    from assistant.summary.renames import renames

    sentences = re.split(r"(?<=[.!?])\s+|\n+", text)
    if not any(THIS_ANSWER.search(x) for x in sentences):
        return None
    apart = " ".join(x for x in sentences if not THIS_ANSWER.search(x))  # not 'I'm printing it'
    facts = [
        x.rstrip(".")
        for x, k in lines_with_kinds(apart)
        if k in ("fact", "name", "retract") and not _DOING_NOW.match(x)  # not "I'm sending it ..."
    ]
    facts += [x.rstrip(".") for x in re.split(r"(?<=[.!?])\s+", apart) if renames(x)]
    return "; ".join(facts) + "." if facts else None  # 'we renamed him Pepper' too


_ONCE = re.compile(
    rf"(?i)\b(?:(?:just |only )?for this (?:one )?(?:question|answer|reply|response|one)|{ONCE_SAID})\b"
)


def said_once(text: str) -> bool:
    """'for this one question ignore the limit', or a fact beside a one-off: a one-off even where
    it names a stored line (where 'jokes are fine again, that last one got me' is not)."""
    return bool(_ONCE.search(text)) or bool(facts_beside_one_off(text))
