"""Safety filters for what users store: lines that try to change plural's rules or reach other
users' data (kept out of prompts and scoring), and requests for flattery or agreement (kept in the
user's summary, marked as held: the guard never personalizes them)."""

from __future__ import annotations

import re

_SYCOPHANCY = re.compile(
    r"\b(agree with (me|everything|whatever|all)|(always|just) agree|"
    r"tell me (that )?(i'?m|i am|my \w+ (is|are)) (always )?(right|smart|brilliant|a genius|perfect|great)|"
    r"say (that )?(my \w+ (is|are)|i'?m|i am) (always )?(perfect|great|brilliant|flawless|right|correct)|"
    r"(praise|compliment|flatter|validate) (me|my)|call me (a genius|brilliant|smart)|"
    r"(never|don'?t|do not|stop) (disagree|contradict|criticis\w+|criticiz\w+|correct|challeng\w+|"
    r"push back on) (with )?(me|my)|side with me|support my (views?|opinions?)|"
    r"more (compliments|praise|flattery)|(i'?m|i am) always right|confirm (that )?i'?m right|"
    r"(only )?tell me what i want to hear)",
    re.I,
)
HELD_MARK = "[requested flattery/agreement — held at group level by the guard]"


def requests_sycophancy(line: str) -> bool:
    """True for a line asking to be flattered or agreed with (the guard never personalizes that)."""
    return bool(_SYCOPHANCY.search(line.replace("\u2019", "'")))


def mark_sycophancy(line: str) -> str:
    return line if not requests_sycophancy(line) or HELD_MARK in line else f"{line} {HELD_MARK}"


_INJECTION = re.compile(
    r"ignore (all |any |the |your )*(previous|prior|above|earlier|other)|disregard|system prompt|"
    r"\breveal\b|jailbreak|you are now|pretend (to be|you are)|developer mode|override|"
    r"forget (all|your|everything|previous)|new instructions|\bdan\b|do anything now|bypass|"
    r"password|api[ _-]?key|secret|</?\s*user_preferences",
    re.I,
)


_OTHER_USERS = re.compile(
    r"\b(other|another|previous|last|every|all|different|someone else'?s?)\s+(users?|persons?|"
    r"people|customers?|accounts?)\b|\b(memory|memories|data|history|summary|summaries|"
    r"preferences) of (user|users|someone)\b|\buser \w+'s\b|\bother people'?s\b|"
    r"\b\w+'s (preferences|summary|data|password|secrets?|history|memory|messages|chats?|profile)\b",
    re.I,
)


def looks_like_injection(line: str) -> bool:
    """True for a line that tries to change the assistant's rules or reach other users' data,
    rather than state a preference."""
    return bool(_INJECTION.search(line) or _OTHER_USERS.search(line))
