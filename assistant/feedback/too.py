"""Complaints of excess as instructions: 'too long' → 'Keep answers shorter.', 'too many emojis'
→ 'Use fewer emojis.', 'your intros are too long' → 'Keep intros shorter.'"""

from __future__ import annotations

import re

_TOO = {
    ("long", "lengthy", "wordy", "verbose", "much"): "Keep answers shorter.",
    ("short", "brief", "terse"): "Give longer, fuller answers.",
    ("formal", "stiff", "stuffy"): "Be less formal.",
    ("casual", "informal", "chatty", "childish"): "Be more formal.",
    ("technical", "complicated", "complex", "hard", "advanced", "dense"): "Use simpler language.",
    ("simple", "simplistic", "basic", "shallow"): "Go into more depth.",
    ("vague", "general", "generic", "wishy-washy", "abstract"): "Be more specific.",
}
_NOT_EXCESS = {"so", "and", "but", "as", "i", "we", "because", "lol", "btw", "though", "then",
               "if", "please", "pls", "plz", "when", "while", "where", "now", "for", "with",
               "in", "on", "at", "to", "ok", "okay", "thanks", "haha", "you", "my", "the", "a", "since",
               "after", "cause", "cos", "bc", "tbh", "actually"}  # fmt: skip
_ANSWER_WORDS = {"it", "that", "this", "answer", "answers", "reply", "replies", "response",
                 "responses", "explanation", "explanations", "text", "wording", "tone", "writing",
                 "language", "this one", "that one", "everything"}  # fmt: skip
_SHORTER_NOUNS = {"reading", "text", "words", "info", "information", "writing"}
TOO_OF_SOMETHING = re.compile(
    r"^(?:the |your |those |these )?([a-z][\w -]*?) (?:is|are) (?:way )?too (\w+)"
    r"(?: (?:at|by|after|before|during|when|in the) [\w: -]+| for (?:me|us)\b[\w:' -]*)?$"
)
"""'french is too hard', 'the French is too slow for me when I'm tired': said of something else."""
_VERBISH = {"stress", "stresses", "make", "makes", "is", "are", "feel", "feels", "drive", "get",
            "confuse", "confuses", "look", "looks", "in", "for", "on"}  # fmt: skip


def rewrite_too(clause: str) -> str:
    """'too long' → 'Keep answers shorter.'; 'too many emojis' → 'Use fewer emojis.'; 'your
    intros are too long' → 'Keep intros shorter.'"""
    low = clause.lower()
    if re.search(
        r"\b(?:caus\w*|creat\w*|leads? to|led to|start\w*|meant|means|cut\w*(?: off| out)?|"
        r"los\w+|miss\w*) too (?:many|much)\b|"
        r"\btoo (?:much|many) (?:going on|on my plate|happening|stuff going|things going|to do)\b",
        low,
    ):  # and 'too much going on at work': why
        return ""  # 'the hour was causing too many fights': why, not how to answer
    m = re.search(r"\btoo (many|much) ((?:[a-z][\w'-]*\s?){1,3})", low)
    if m and m.group(2).split()[0] not in ("for", "to", "of"):
        noun = []
        for w in m.group(2).split():
            if w in ("at", "around", "near"):  # 'too many italians at my gym': the world
                return ""
            if w in _VERBISH:
                break
            noun.append(w)
        if noun and noun[0] in _SHORTER_NOUNS:
            return "Keep answers shorter"
        if noun:
            return f"Use {'fewer' if m.group(1) == 'many' else 'less'} {' '.join(noun)}"
    m = re.search(r"^(?:the |your )?([a-z][\w -]*?) (?:is|are) too (much|many)$", low)
    if m:
        return f"Use {'fewer' if m.group(2) == 'many' else 'less'} {m.group(1)}"
    if re.search(r"^\d+(?: [a-z]+)? (?:is|are|was|seems) (?:way |a bit |just )?too \w+\b", low):
        return ""  # '5 is too few': the clause after it ('make it 10') carries the new value
    m = TOO_OF_SOMETHING.search(low)
    if m and m.group(1) not in _ANSWER_WORDS:
        if m.group(2) in ("long", "lengthy", "wordy", "verbose"):
            return f"Keep {m.group(1)} shorter"
        if m.group(2) in ("short", "brief"):
            return f"Make {m.group(1)} longer"
        return ""  # 'french is too hard': a remark about something else, not about answers
    m = re.search(r"\btoo ([\w-]+)", low)
    if re.search(r"\b(?:has|have|had|'s) (?:got(?:ten)?|become|gotten) too\b", low):
        return clause  # 'my arthritis has got too bad for it': a fact about the user
    if m and m.group(1) in _NOT_EXCESS:
        return clause  # 'he's got arthritis too so...': 'too' is 'also'
    if m:
        for keys, line in _TOO.items():
            if m.group(1) in keys:
                return line
        if m.group(1) in ("far", "late", "early", "soon", "bad", "good", "close", "many", "much"):
            return ""  # 'that one was too far': a verdict on one answer, no rule
        return f"Be less {m.group(1)}"
    return clause
