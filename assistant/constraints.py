"""Countable style lines of a summary as generation constraints, enforced while a draft is written.

"two sentences at most" → stop after the 2nd sentence; "under 100 words" → a token budget and a
stop at the word limit; "no bullet points" / "no emoji" → such tokens banned where the backend can
(llama.cpp), and stripped from the text everywhere; "answer in Spanish" → the expected language
(drafts in another one are degenerate) and a Spanish opening for the model to continue. Every draft
also stops where it starts looping. Lines are read with the summary's own axis classifier
(assistant.summary.classify); only the counts are parsed here."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from assistant.quality import finished_sentences, loop_cut, sentence_spans
from assistant.summary import classify, parse

_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "a single": 1,
            "ten": 10, "twenty": 20, "fifty": 50, "a hundred": 100, "hundred": 100}  # fmt: skip
_COUNT = re.compile(
    r"\b(\d+|" + "|".join(_NUMBERS) + r")\s+(sentences?|words?|lines?|paragraphs?)\b", re.I
)
_BULLET_LINE = re.compile(r"^[ \t]*(?:[-*•+]|\d+[.)])[ \t]+", re.MULTILINE)
_INLINE_NUMBER = re.compile(r"(?<=[.!?:*])[ \t]+\d{1,2}[.)][ \t]+(?=\S)")
"""A list number run into the prose after a sentence ("…in your local shop. 2. You can…")."""
_EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ufe0f\u200d]")
SHORT_SENTENCES = 3
"""'Keep it short' with no number: at most this many sentences."""
TOKENS_PER_WORD = 1.6
TOKENS_PER_SENTENCE = 40
OPENINGS = {"spanish": "Claro, ", "french": "Bien sûr, ", "german": "Also, ",
            "italian": "Certo, ", "portuguese": "Claro, ", "dutch": "Nou, "}  # fmt: skip
"""A first word in the asked language: a small model continues in the language it has begun in."""


@dataclass(frozen=True)
class Rules:
    """What a draft must respect while it is written, whatever the backend."""

    max_sentences: int | None = None
    max_words: int | None = None
    no_lists: bool = False
    no_emoji: bool = False
    language: str | None = None
    """The language answers must be in ('spanish'); None = the request's own."""
    stop_loops: bool = True

    def max_tokens(self, default: int) -> int:
        """The token budget: the configured one, lowered to what the counted limits need."""
        budget = default
        if self.max_words:
            budget = min(budget, math.ceil(self.max_words * TOKENS_PER_WORD) + 8)
        if self.max_sentences:
            budget = min(budget, self.max_sentences * TOKENS_PER_SENTENCE + 16)
        return max(budget, 16)

    @property
    def opening(self) -> str:
        return OPENINGS.get(self.language or "", "")

    def watch(self) -> Watch:
        return Watch(self)

    def describe(self) -> list[str]:
        out = [f"at most {self.max_sentences} sentences"] if self.max_sentences else []
        out += [f"at most {self.max_words} words"] if self.max_words else []
        out += ["no lists"] * self.no_lists + ["no emoji"] * self.no_emoji
        return out + ([f"in {self.language}"] if self.language else [])


def _count(line: str, unit: str) -> int | None:
    for m in _COUNT.finditer(line):
        if m.group(2).lower().startswith(unit):
            raw = m.group(1).lower()
            return int(raw) if raw.isdigit() else _NUMBERS[raw]
    return None


def rules_for(summary: str) -> Rules:
    """The constraints a summary's countable style lines ask for (later lines win)."""
    found: dict = {}
    for line in parse(summary):
        for axis, polarity in classify(line):
            if axis == "length" and polarity == "short":
                words = _count(line, "word")
                sentences = _count(line, "sentence") or _count(line, "line")
                if words:
                    found.update(max_words=words, max_sentences=None)
                elif sentences:
                    found.update(max_sentences=sentences, max_words=None)
                else:
                    found.setdefault("max_sentences", SHORT_SENTENCES)
            elif axis == "length":
                found.update(max_sentences=None, max_words=None)
            elif axis in ("lists", "emoji"):
                found["no_" + axis] = polarity == "-"
            elif axis == "language":
                found["language"] = None if polarity.endswith("english") else polarity
    if found.get("max_sentences") and "no_lists" not in found:
        found["no_lists"] = (
            True  # "two sentences" means prose: a numbered list is not two sentences
        )
    return Rules(**found)


def strip_lists(text: str) -> str:
    """List items as plain sentences: the markers go, each item ends with a full stop."""
    text = _INLINE_NUMBER.sub(" ", text)
    if not _BULLET_LINE.search(text):
        return text
    out: list[str] = []
    for line in text.splitlines():
        item = _BULLET_LINE.sub("", line).strip()
        if line.strip() and item != line.strip():  # a list item: a sentence of the paragraph
            item = item if item[-1:] in (".", "!", "?") else item + "."
            out[-1:] = [f"{out[-1]} {item}".strip()] if out else [item]
        else:
            out.append(item)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip()


def strip_emoji(text: str) -> str:
    return re.sub(r"[ \t]{2,}", " ", _EMOJI.sub("", text))


def _words_cut(text: str, limit: int) -> int | None:
    """The offset after the `limit`-th word (None when there are fewer)."""
    words = list(re.finditer(r"\S+", text))
    return words[limit - 1].end() if len(words) >= limit else None


def _close(text: str) -> str:
    """A cut draft ends at its last full sentence, or with a full stop where it was cut."""
    body = text.rstrip()
    spans = sentence_spans(body)
    if len(spans) > 1 and not body.endswith((".", "!", "?")):
        body = body[: spans[-2][1]].rstrip()
    body = body.rstrip(",;:-–— ")
    return body + "." if body and body[-1].isalnum() else body


class Watch:
    """Follows one draft as it is written: `feed` returns the text to show now and whether to stop;
    `finish` the draft as it stands (cut at the sentence or word limit, at a loop, lists and emoji
    stripped). Backends without token bans get the same result, by cutting and stripping."""

    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        self.text = ""
        self.stopped: str | None = None
        """Why decoding stopped early: 'sentences', 'words', 'loop', or None."""

    @property
    def at_line_start(self) -> bool:
        return not self.text.strip() or self.text.endswith("\n")

    def feed(self, piece: str) -> tuple[str, bool]:
        if self.stopped:
            return "", True
        before = len(self.text)
        self.text += strip_emoji(piece) if self.rules.no_emoji else piece
        cut, why = self._limit()
        if cut is not None:
            self.text, self.stopped = self.text[:cut], why
        return self.text[before:], self.stopped is not None

    def _limit(self) -> tuple[int | None, str | None]:
        r = self.rules
        done = finished_sentences(self.text)
        if r.stop_loops:
            cut = loop_cut(self.text)
            if cut is not None:
                return cut, "loop"
        if r.max_sentences and done >= r.max_sentences:
            return sentence_spans(self.text)[r.max_sentences - 1][1], "sentences"
        if r.max_words:
            cut = _words_cut(self.text, r.max_words)
            if cut is not None:
                return cut, "words"
        return None, None

    def finish(self) -> str:
        text = self.text
        cut = loop_cut(text) if self.rules.stop_loops else None
        if cut:
            text, self.stopped = text[:cut], self.stopped or "loop"
        if self.rules.no_lists:
            text = strip_lists(text)
        if self.rules.no_emoji:
            text = strip_emoji(text)
        if self.rules.max_sentences:
            spans = sentence_spans(text)
            if len(spans) > self.rules.max_sentences:
                text = text[: spans[self.rules.max_sentences - 1][1]]
        if self.rules.max_words:
            cut = _words_cut(text, self.rules.max_words)
            text = text[:cut] if cut else text
        return _close(text) if self.stopped or text != self.text else text.strip()


def apply(rules: Rules, text: str) -> str:
    """A whole draft through the same rules (a backend that could not stop it early)."""
    watch = rules.watch()
    watch.feed(text)
    return watch.finish()
