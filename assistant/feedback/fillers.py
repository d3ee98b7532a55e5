"""Words around a clause that say nothing about how to answer: lead-ins ('ok so', 'btw',
'from now on', 'update:') and trailing courtesies ('please', 'tho', 'thanks')."""

from __future__ import annotations

import re

LEAD_FILLERS = re.compile(
    r"^(?:(?:(?:and|but|also|so|then|ok|okay|well|oh|hmm+|actually|honestly|just so you know|fyi|whatever(?!')|cool|thanks!?|thank you!?|(?:the )?(?:big )?(?:change|news) is(?: that)?|for (?:some )?context|(?:a )?bit about me|"
    r"btw|by the way|note:?|remember that|remember|keep in mind that|keep in mind|please|pls|plz|"
    r"kindly|can you|could you|would you|will you|can u|could u|maybe|i'?d like you to|"
    r"i want you to|i need you to|next time|from now on|in future|in the future|for the future|"
    r"nope|nah|no no|no,? wait|wait|eh+|update,?(?= (?:we|i|i'm|she|he|they|so)\b)|yes|yeah|ugh|way|wow|tbh|haha|lol|now|turns out|change of plans|"
    r"let'?s just|let'?s|you can|you may|feel free to|go ahead and|just so you know|hey|hi|"
    r"hello|oh|nvm|ha+|sorry|oops|my bad|i mean|i meant|anyway|anyways|correction|(?:good|great|bad|big) news|long story(?: short)?|one more(?: thing)?|mate|g'day|cheers|plot twist|big changes?|you know what|on second thoughts?|on reflection|come to think of it|(?:my |our )?[\w-]+(?:'s| has| have)? decided(?: that)?(?= (?:we|we're|i|i'm)\b)|(?:my |the |our )?\w+ (?:says|said)(?: that| to)?)\b|"
    r"update(?: from [\w ]{1,20}?)?\s*:|(?:quick |small |little |big )update\b(?! on| to| from|\s*:)|update,|general thing\s*:|(?:a |some |a few |few |quick |two |"
    r"three |couple of |couple )?(?:updates|changes?|things|corrections)\s*:|"
    r"(?:quick |small |little |one |another |an? )?(?:update|change of plans?|correction)"
    r"(?: (?:on|to|from) [\w ]{1,25}?)?\s*:|"
    r"for (?:future|later) (?:questions|reference|chats|answers)\s*:|"
    r"(?:quick |some |a bit of |(?:a )?bit )?(?:set ?up|new info|context|background|heads up(?: for [\w ]{1,30}?)?|about me|intro|introduction|"
    r"for the record|reminder|p\.?s\.?)\s*:|"
    r"(?:updates?|changes?) on [\w ]{1,25}?\s*:|(?:two|three|a few|some|new) rules(?: for you)?\s*:)"
    r"[\s,:]*)+",
    re.I,
)
TRAIL_FILLERS = re.compile(
    r"(?:[\s,]*(?<!\bis )(?<!\bare )(?<!'s )(?<!'re )\b(?:please|pls|plz|thanks|thank you|next time|tho|"
    r"from now on|in future|"
    r"in the future|though|by the way|tbh|already|ok|actually|haha|lol|fyi|btw|going forward|ugh|"
    r"wish me luck|fingers crossed|yay|woo+|sorry|(?:pls|please|plz) remember)\b)+"
    r"[\s.!?]*$",
    re.I,
)


def strip_fillers(clause: str) -> str:
    """The clause without its lead-ins and trailing courtesies (up to three rounds)."""
    clause = clause.strip(" \t`*-–—")
    for _ in range(3):
        new = TRAIL_FILLERS.sub("", LEAD_FILLERS.sub("", clause)).strip(" \t,.:;!?")
        if new == clause:
            break
        clause = new
    return clause
