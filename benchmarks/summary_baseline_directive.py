"""Directive extraction as it was before self-contained lines (git 912907f:
assistant/feedback/directive.py, verbatim below), frozen so that
benchmarks.summary_updates can replay the product as it was before this change (old extraction +
old merge) in the same run. Never edit it to follow the product: it is a baseline."""

from __future__ import annotations

import re

from assistant.feedback.cues import (
    COMPARATIVES,
    CUES,
    IMPERATIVES,
    NEGATIVE,
    POSITIVE,
    PREFERENCE,
    words,
)
from assistant.text import clean_text

MAX_DIRECTIVE_CHARS = 400
STRONG_DIRECTIVE = 0.8
"""Above this the directive head is trusted even when no clause carries a directive cue."""

_CLAUSE_SPLIT = re.compile(
    r"([.!?;\n]+(?:\s+|$)|,\s*|\s+-\s+|\s+(?:but|and|also|though|so)\s+)", re.I
)
_EVALUATIVE = (POSITIVE | NEGATIVE | {"realistic", "helpful", "useful"}) - {
    "not", "no", "don't", "doesn't", "doesnt", "isn't"
}  # fmt: skip
_LEAD_FILLERS = re.compile(
    r"^(?:(?:and|but|also|so|then|ok|okay|well|oh|hmm+|actually|honestly|just so you know|fyi|"
    r"btw|by the way|note:?|remember that|remember|keep in mind that|keep in mind|please|pls|plz|"
    r"kindly|can you|could you|would you|will you|can u|could u|maybe|i'?d like you to|"
    r"i want you to|i need you to|next time|from now on|in future|in the future|for the future|"
    r"nope|yes|ugh|way|wow|tbh|haha|lol|now)\b[\s,:]*)+",
    re.I,
)
_TRAIL_FILLERS = re.compile(
    r"(?:[\s,]*\b(?:please|pls|plz|thanks|thank you|next time|from now on|in future|"
    r"in the future|though|by the way|tbh|already|ok)\b)+[\s.!?]*$",
    re.I,
)
_META = re.compile(r"^(keep (that|this) in mind|remember (that|this)|noted|just saying)$", re.I)
_ABOUT_ANSWER = re.compile(
    r"\bi (really )?(don'?t |do not )?(like|love|hate|understand|find) (this|that|it)\b(?! when)",
    re.I,
)
_TOO = {
    ("long", "lengthy", "wordy", "verbose", "much"): "Keep answers shorter.",
    ("short", "brief", "terse"): "Give longer, fuller answers.",
    ("formal", "stiff", "stuffy"): "Be less formal.",
    ("casual", "informal", "chatty", "childish"): "Be more formal.",
    ("technical", "complicated", "complex", "hard", "advanced", "dense"): "Use simpler language.",
    ("simple", "simplistic", "basic", "shallow"): "Go into more depth.",
    ("vague", "general", "generic", "wishy-washy", "abstract"): "Be more specific.",
}
_ADJECTIVES = {
    "formal", "casual", "concise", "detailed", "specific", "polite", "direct", "friendly", "technical",
    "serious", "playful", "decisive", "confident", "enthusiastic", "vivid", "professional", "precise",
    "thorough", "careful", "relaxed", "natural", "honest", "brief", "patient", "creative", "blunt",
}  # fmt: skip


def _has_cue(clause: str) -> bool:
    low = clause.lower()
    tokens = words(low)
    if not tokens or _ABOUT_ANSWER.search(low) or tokens in (["no"], ["just"], ["more"]):
        return False
    if tokens[0] in IMPERATIVES or tokens[0] in COMPARATIVES:
        return True
    if re.search(r"\btoo (much|many|\w+)", low) or PREFERENCE.search(low):
        return True
    return any(c in low for c in CUES) or any(w in COMPARATIVES for w in tokens)


def _strip_fillers(clause: str) -> str:
    clause = clause.strip(" \t`*-–—")
    for _ in range(3):
        new = _TRAIL_FILLERS.sub("", _LEAD_FILLERS.sub("", clause)).strip(" \t,.:;!?")
        if new == clause:
            break
        clause = new
    return clause


def _rewrite_too(clause: str) -> str:
    """'too long' → 'Keep answers shorter.'; 'too many emojis' → 'Use fewer emojis.'"""
    low = clause.lower()
    m = re.search(r"\btoo (many|much) ([a-z][\w' -]*)", low)
    if m and m.group(2).split()[0] not in ("for", "to", "of"):
        return f"Use {'fewer' if m.group(1) == 'many' else 'less'} {m.group(2).strip()}"
    m = re.search(r"^(?:the |your )?([a-z][\w -]*?) (?:is|are) too (much|many)$", low)
    if m:
        return f"Use {'fewer' if m.group(2) == 'many' else 'less'} {m.group(1)}"
    m = re.search(r"\btoo ([\w-]+)", low)
    if m:
        for keys, line in _TOO.items():
            if m.group(1) in keys:
                return line
        return f"Be less {m.group(1)}"
    return clause


def _imperative(clause: str) -> str:
    """Turn a bare comparative ('shorter', 'more formal', 'less jargon') into an instruction."""
    words = clause.split()
    first = words[0].lower()
    lowered = clause[0].lower() + clause[1:]
    if first in ("more", "less", "fewer") and len(words) > 1:
        verb = "Be" if words[1].lower() in _ADJECTIVES else "Use"
        return f"{verb} {lowered}"
    if first in COMPARATIVES - {"more", "less", "fewer", "instead"}:
        return f"Make answers {lowered}" if len(words) == 1 else f"Use {lowered}"
    return clause


def _sentence(clause: str) -> str:
    clause = re.sub(r"\s+", " ", clause).strip()
    clause = re.sub(r"^i'm\b", "I'm", clause)
    clause = re.sub(r"^i\b", "I", clause)
    return clause[0].upper() + clause[1:].rstrip(".!?,;:") + "."


_PLURAL_NOUN = re.compile(
    r"\b(?:the|those|these|all the|your) ([a-z][a-z-]*(?: [a-z-]+)?s)\b", re.I
)


def _resolve_pronoun(clause: str, noun: str | None) -> str:
    """'The emojis are annoying, stop using them' → 'stop using the emojis'."""
    if noun and re.search(r"\b(them|those)\b", clause, re.I):
        return re.sub(r"\b(them|those)\b", f"the {noun}", clause, count=1, flags=re.I)
    return clause


def _lower_first(line: str) -> str:
    if re.match(r"^I(\b|')", line):
        return line
    return line[0].lower() + line[1:]


def _clauses(text: str) -> list[tuple[str, str, str]]:
    """(clause with fillers stripped, separator before it, raw clause); empties dropped."""
    parts = _CLAUSE_SPLIT.split(text)
    out, sep = [], ""
    for i, part in enumerate(parts):
        if i % 2:
            sep = part
            continue
        clause = _strip_fillers(part)
        if clause:
            out.append((clause, sep, part))
    return out


def _keep_clauses(pairs: list[tuple[str, str, str]]) -> list[str]:
    """Clauses with a directive cue; a neutral fragment after a kept one is glued back
    ('use fahrenheit and pounds', 'write it as prose, not a list')."""
    kept: list[str] = []
    last_kept = False
    noun = None
    for clause, sep, raw in pairs:
        neutral = not set(words(clause)) & _EVALUATIVE and "." not in sep
        if _META.match(clause):
            last_kept = False
        elif _has_cue(clause):
            kept.append(_resolve_pronoun(clause, noun))
            last_kept = True
        elif last_kept and neutral:
            kept[-1] = f"{kept[-1]}{sep if sep.strip() else ' '}{clause}".replace("  ", " ")
        elif _has_cue(raw) and not _ABOUT_ANSWER.search(raw):  # 'bullet points please'
            kept.append(clause)
            last_kept = True
        else:
            last_kept = False
        m = _PLURAL_NOUN.search(clause)
        noun = m.group(1).lower() if m else noun
    return kept


def find_directive(text: str) -> str | None:
    """The directive part of a message, or None when no clause says how to change."""
    text = clean_text(text)[:4000]
    pairs = _clauses(text)
    kept = _keep_clauses(pairs)
    if not kept:
        return None
    lines: list[str] = []
    for c in kept:
        line = _sentence(_imperative(_rewrite_too(c)))
        if line.lower() not in (x.lower() for x in lines):
            lines.append(line)
    parts = [lines[0].rstrip(".")] + [_lower_first(x.rstrip(".")) for x in lines[1:]]
    joined = "; ".join(parts) + "."
    if len(joined) > MAX_DIRECTIVE_CHARS:
        joined = joined[:MAX_DIRECTIVE_CHARS].rsplit(" ", 1)[0].rstrip(",;") + "…"
    return joined


def extract_directive(text: str) -> str:
    """Like find_directive, but never empty: falls back to the whole message, cleaned."""
    found = find_directive(text)
    if found:
        return found
    whole = re.sub(r"\s+", " ", clean_text(text)).strip()[:MAX_DIRECTIVE_CHARS] or "(empty)"
    return _sentence(whole)


def directive_for(text: str, p_directive: float) -> str | None:
    """The head decides; a clause-level cue can veto a weak yes (pure praise like 'good, thanks')."""
    if p_directive < 0.5:
        return None
    found = find_directive(text)
    if found is None and p_directive < STRONG_DIRECTIVE:
        return None
    return found or extract_directive(text)
