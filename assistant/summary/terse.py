"""Facts typed as labels ('name Tomek, city Gdańsk', 'wife Mei, anniversary 14 feb', 'cat Luna
3yo'), said as sentences so the rest of the pipeline reads them like any other fact."""

from __future__ import annotations

import re

_START = r"(?:^|(?<=[,:;.]\s)|(?<=[,:;]))"
_END = r"(?=\s*(?:[,.;!]|$|\band\b))"
_FACTS = (
    (re.compile(rf"(?i){_START}name(?: is|:)? (?!same\b|is\b)([A-Za-zÀ-ÿ][\w'-]+){_END}"), r"call me \1"),
    (re.compile(rf"(?i){_START}(?:city|town|location|based)(?: is|:| in| out of)? (?!in\b)([A-Za-zÀ-ÿ][\w'-]+(?: [A-Z][\w'-]+)?){_END}"),
     r"I live in \1"),
    (re.compile(rf"(?i){_START}(?:now )?(?:live|living) (?!(?:in|with|alone|music|streams?|chat|demos?|shows?|events?|sports?|football|here|there|near|close|far|together|nearby|abroad|downtown|local|longer|well|happily|on|off|at|like|for|by|and|a|the)\b)([A-Za-zÀ-ÿ][\w'-]+){_END}"), r"I live in \1"),
    (re.compile(rf"(?i){_START}(wife|husband|partner|boyfriend|girlfriend|son|daughter|mum|mom|dad) "
                rf"(?!(?:too|also|is|was|has|says|said|wants|can|will|does|likes|hates|loves|here|there|now|only|though|included|and|as)\b)"
                rf"([A-Z][\w'-]+|[a-z]{{3,}}){_END}"), r"my \1 is \2"),
    (re.compile(rf"(?i){_START}(?:and )?(cat|dog|kitten|puppy|rabbit|parrot|horse) ([A-Za-z][\w'-]+),? "
                r"(\d{1,2}) ?(?:yo|y/o|yrs?|years?(?: old)?)?(?=\s*(?:[,.;!]|$|\band\b|both))"), r"my \1 \2 is \3"),
    (re.compile(rf"(?i){_START}(?:(?:just|also|and) )?(?:got|have) an? (dog|cat|puppy|kitten|rabbit|parrot|hamster|horse),? (?:called |named )?([A-Z][a-z]+){_END}"),
     r"I have a \1 called \2"),
    (re.compile(rf"(?i){_START}(gluten|dairy|nut|lactose|sugar)[- ]free(?=\s*(?:[,.;!]|$))"), r"I'm \1-free"),
    (re.compile(rf"(?i){_START}(?:kids|children)(?:\s*:\s*|\s+(?-i:(?=[A-Z])))"), "my kids are "),
)  # fmt: skip
_STYLE = (
    (re.compile(rf"(?i){_START}(?:lang|language)\s*:\s*([A-Za-zÀ-ÿ]{{4,}}){_END}"), r"answer in \1"),
    (re.compile(rf"(?i){_START}emojis?\s*:\s*(?:yes|yep|ok|sure|on|please|pls|lots){_END}"), "use emojis"),
    (re.compile(rf"(?i){_START}emojis?\s*:\s*(?:no|none|off|never|nope){_END}"), "no emojis"),
    (re.compile(rf"(?i){_START}(?:length|answers?)\s*:\s*(short|brief|long|detailed|concise){_END}"), r"keep answers \1"),
    (re.compile(rf"(?i){_START}tone\s*:\s*(casual|formal|friendly|professional|blunt|warm|playful){_END}"), r"use a \1 tone"),
)  # fmt: skip
_LABELS = (
    *_FACTS,
    *_STYLE,
    (re.compile(rf"(?i){_START}allerg(?:y|ies)\s*:\s*([a-z][\w' -]{{2,40}}?){_END}"), r"I'm allergic to \1"),
    (re.compile(rf"(?i){_START}(?:our )?anniversary(?: is|:)? (\d{{1,2}} [a-z]{{3,9}}|[a-z]{{3,9}} \d{{1,2}}){_END}"),
     r"our anniversary is \1"),
)  # fmt: skip


def spelled_out_labels(text: str) -> str:
    """'name Tomek, city Gdańsk, answer in polish' → 'call me Tomek, I live in Gdańsk, answer in
    polish'; text without such labels unchanged."""
    for rx, said in _LABELS:
        text = rx.sub(said, text)
    return text


def style_labels(text: str) -> str:
    """'emojis: yes', 'length: short', 'lang: Swedish' → 'use emojis', 'keep answers short',
    'answer in Swedish' (read as rules before a message is routed)."""
    for rx, said in _STYLE:
        text = rx.sub(said, text)
    return text
