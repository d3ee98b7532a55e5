"""A quality floor under any model: is a draft degenerate (empty, looping, echoing the request, in
another language than asked)? Such drafts never win when a sane one exists, and never count as
evidence about the user. `loop_cut` finds where a draft starts repeating, so decoding can stop there."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

_WORD = re.compile(r"\w+", re.UNICODE)
_ABBREV = re.compile(r"(\b(e\.g|i\.e|etc|vs|mr|mrs|ms|dr|st|no|approx|fig)|\b\w|\d)\.$", re.I)
_SENTENCE_END = re.compile(r"[.!?]+[\"'’”)\]*_`]*(?=\s)|\n+|\s+(?=\d{1,2}[.)]\s+[A-Z])")
"""A sentence ends at . ! or ? followed by closing quotes, brackets or Markdown emphasis ("**"), then
a space; at a line break; or before a numbered item written inline ("have it ready) 2. Pour")."""
LOOP_GRAM = 5
"""A word 5-gram said three times, or a sentence of LOOP_SENTENCE_WORDS+ words said twice, is a loop."""
LOOP_SENTENCE_WORDS = 5
# The most frequent short words of each language: a draft's language is the profile it hits most.
_PROFILES = {
    "english": "the and is are you to of it that for with this your can be on not have",
    "spanish": "el la los las de que y en un una es por para con no se su al lo como más",
    "french": "le la les de des et est une un que pour pas vous dans sur avec ce qui au du",
    "german": "der die das und ist nicht ein eine zu mit sie es den von auf für sich dem auch",
    "italian": "il la di che e è un una per non con sono gli le del della si lo ma anche",
    "portuguese": "o a os as de que e é um uma para com não em do da no na se mais por",
    "dutch": "de het een en van is dat niet je op te met voor zijn er die maar ook",
}
_PROFILE_SETS = {lang: set(words.split()) for lang, words in _PROFILES.items()}


def _script(text: str) -> str | None:
    """The dominant writing system of the letters in a text ('LATIN', 'CYRILLIC', 'CJK', ...)."""
    counts: Counter[str] = Counter()
    for ch in text:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            script = (
                "CJK" if name.startswith(("CJK", "HIRAGANA", "KATAKANA")) else name.split(" ")[0]
            )
            counts[script] += 1
    return counts.most_common(1)[0][0] if counts else None


def _spans(text: str) -> tuple[list[tuple[int, int]], bool]:
    """Sentence spans, and whether the last one is an unfinished tail (no end seen yet)."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if m.group().startswith(".") and _ABBREV.search(text[start : m.start() + 1]):
            continue
        if not _WORD.search(text[start : m.end()]):
            continue  # "!!" or an emoji alone is no sentence: it joins the next one
        spans.append((start, m.end()))
        start = m.end()
    tail = bool(_WORD.search(text[start:]))
    if tail:
        spans.append((start, len(text)))
    return spans, tail


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence or non-empty line; the last may still be unfinished.
    A full stop after an abbreviation, an initial or a digit ("e.g.", "J.", "1.") ends nothing."""
    return _spans(text)[0]


def finished_sentences(text: str) -> int:
    """How many sentences (or lines) of `text` are complete: an end mark counts once text follows."""
    spans, tail = _spans(text)
    return len(spans) - tail


def repeated_share(words: list[str], n: int = 4) -> float:
    """Share of word n-grams that are repeats of an earlier one: 0 for fresh text, → 1 for a loop."""
    grams = [tuple(words[i : i + n]) for i in range(len(words) - n + 1)]
    if len(grams) < 4:
        return 0.0
    return 1.0 - len(set(grams)) / len(grams)


def _norm(sentence: str) -> str:
    return " ".join(w.lower() for w in _WORD.findall(sentence))


def loop_cut(text: str) -> int | None:
    """Where a draft starts repeating itself (a character offset: keep text[:offset]), or None.
    A sentence of 5+ words said again, or a word 5-gram said a third time, starts a loop."""
    seen: set[str] = set()
    for start, end in sentence_spans(text):
        norm = _norm(text[start:end])
        if norm in seen and len(norm.split()) >= LOOP_SENTENCE_WORDS:
            return start
        seen.add(norm)
    words = list(_WORD.finditer(text))
    grams: dict[tuple[str, ...], list[int]] = {}
    for i in range(len(words) - LOOP_GRAM + 1):
        gram = tuple(w.group().lower() for w in words[i : i + LOOP_GRAM])
        where = grams.setdefault(gram, [])
        if where and i - where[-1] < LOOP_GRAM:
            continue  # overlapping ("a a a a a a") counts once per non-overlapping step
        where.append(i)
        if len(where) >= 3:
            return words[where[1]].start()
    return None


def loops(text: str) -> bool:
    """A looping draft: many repeated 4-grams, a sentence said twice, or a phrase said 3 times."""
    words = [w.lower() for w in _WORD.findall(text)]
    return repeated_share(words) > 0.35 or loop_cut(text) is not None


def language_of(text: str) -> str | None:
    """The language whose most frequent words a text uses most (None when too short to tell)."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < 4:
        return None
    hits = {lang: sum(w in common for w in words) for lang, common in _PROFILE_SETS.items()}
    best = max(hits, key=hits.__getitem__)
    return best if hits[best] >= max(2, 0.1 * len(words)) else None


def _wrong_language(body: str, prompt: str, language: str | None) -> bool:
    if language:
        said = language_of(body)
        return said is not None and said != language.split()[-1].lower()
    asked, said = _script(prompt or ""), _script(body)
    return bool(
        asked
        and said
        and asked != said
        and not re.search(r"\b(translat|in \w+ish|in \w+ese)", prompt, re.I)
    )


def degenerate_reason(text: str, prompt: str = "", language: str | None = None) -> str | None:
    """Why a draft is not worth showing, or None when it is sane. `language` ("spanish") is the
    language the user asked answers in; without it, a draft in another script than the request
    is in the wrong language."""
    body = (text or "").strip()
    words = _WORD.findall(body)
    if len(words) < 2:
        return "empty"
    if loops(body):
        return "loops"
    p_words = [w.lower() for w in _WORD.findall(prompt or "")]
    if p_words and len(words) <= len(p_words) + 3:
        shared = Counter(w.lower() for w in words) & Counter(p_words)
        if sum(shared.values()) >= 0.8 * len(words):
            return "echoes the request"
    if _wrong_language(body, prompt, language):
        return "another language"
    return None


def is_degenerate(text: str, prompt: str = "", language: str | None = None) -> bool:
    return degenerate_reason(text, prompt, language) is not None
