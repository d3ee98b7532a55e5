"""Facts typed as labels ('name Tomek, city Gdańsk', 'wife Mei, anniversary 14 feb', 'cat Luna
3yo'), said as sentences so the rest of the pipeline reads them like any other fact."""

from __future__ import annotations

import re

_START = r"(?:^|(?<=[,:;]\s)|(?<=[,:;]))"
_END = r"(?=\s*(?:[,.;!]|$|\band\b))"
_LABELS = (
    (re.compile(rf"(?i){_START}name(?: is|:)? (?!same\b|is\b)([A-Za-zÀ-ÿ][\w'-]+){_END}"), r"call me \1"),
    (re.compile(rf"(?i){_START}(?:city|town|location|based)(?: is|:)? ([A-Za-zÀ-ÿ][\w'-]+(?: [A-Z][\w'-]+)?){_END}"),
     r"I live in \1"),
    (re.compile(rf"(?i){_START}(?:now )?(?:live|living) (?!(?:in|with|alone|music|streams?|chat|demos?|shows?|events?|sports?|football|here|there|near|close|far|together|nearby|abroad|downtown|local|longer|well|happily|on|off|at|like|for|by|and|a|the)\b)([A-Za-zÀ-ÿ][\w'-]+){_END}"), r"I live in \1"),
    (re.compile(rf"(?i){_START}(wife|husband|partner|boyfriend|girlfriend|son|daughter|mum|mom|dad) "
                rf"(?!(?:too|also|is|was|has|says|said|wants|can|will|does|likes|hates|loves|here|there|now|only|though|included|and|as)\b)"
                rf"([A-Z][\w'-]+|[a-z]{{3,}}){_END}"), r"my \1 is \2"),
    (re.compile(rf"(?i){_START}(?:and )?(cat|dog|kitten|puppy|rabbit|parrot|horse) ([A-Za-z][\w'-]+),? "
                r"(\d{1,2}) ?(?:yo|y/o|yrs?|years?(?: old)?)?(?=\s*(?:[,.;!]|$|\band\b|both))"), r"my \1 \2 is \3"),
    (re.compile(rf"(?i){_START}(?:kids|children)(?:\s*:\s*|\s+(?-i:(?=[A-Z])))"), "my kids are "),
    (re.compile(rf"(?i){_START}(?:our )?anniversary(?: is|:)? (\d{{1,2}} [a-z]{{3,9}}|[a-z]{{3,9}} \d{{1,2}}){_END}"),
     r"our anniversary is \1"),
)  # fmt: skip


def spelled_out_labels(text: str) -> str:
    """'name Tomek, city Gdańsk, answer in polish' → 'call me Tomek, I live in Gdańsk, answer in
    polish'; text without such labels unchanged."""
    for rx, said in _LABELS:
        text = rx.sub(said, text)
    return text
