"""Deterministic, transparent style rewriters: each moves one attribute of a real response."""

from __future__ import annotations

import random
import re
from collections.abc import Callable

from assistant.reward.attributes import ATTRIBUTES, CONFIDENT, ENTHUSIASM, HEDGES, HUMOUR, POLITE

_EXPAND = {
    "don't": "do not",
    "doesn't": "does not",
    "can't": "cannot",
    "won't": "will not",
    "isn't": "is not",
    "aren't": "are not",
    "wouldn't": "would not",
    "couldn't": "could not",
    "shouldn't": "should not",
    "didn't": "did not",
    "I'm": "I am",
    "it's": "it is",
    "that's": "that is",
    "you're": "you are",
    "they're": "they are",
    "we're": "we are",
    "there's": "there is",
    "let's": "let us",
    "I've": "I have",
    "you'll": "you will",
    "I'll": "I will",
    "I'd": "I would",
    "you'd": "you would",
    "what's": "what is",
}
_CONTRACT = {v: k for k, v in _EXPAND.items()}
_ELABORATIONS = (
    "To put it in a bit more detail, the right choice usually depends on your situation and what you want to achieve.",
    "It can also help to think about the context, since small differences in circumstances often change the best approach.",
    "In practice, many people find it useful to try one option first and then adjust based on how it works out.",
    "There are a few other factors worth weighing as well, such as the time, cost and effort involved.",
)
_JOKES = (
    "Here's a joke to lighten things up: I'd tell you a chemistry joke, but I know I wouldn't get a reaction.",
    "On a lighter note, a pun: I used to hate facial hair, but then it grew on me. Haha.",
    "Just kidding around a little: why don't skeletons fight each other? They don't have the guts.",
    "A quick joke: parallel lines have so much in common. It's a shame they'll never meet. Haha.",
)
_FOLLOW_UPS = (
    "What would you like to focus on first?",
    "Could you tell me a bit more about your situation?",
    "Does that answer your question, or should I go into more detail?",
    "What have you tried so far?",
)
_POLITE_OPEN = (
    "Thank you for asking.",
    "Hello, and thanks for the question.",
    "Thanks for asking.",
)
_POLITE_CLOSE = (
    "I hope this helps, and please let me know if you need anything else.",
    "Thank you, and I appreciate your patience.",
)
_ENTHUSIASTIC_OPEN = ("Great question!", "Oh, I love this one!", "What an exciting thing to ask!")
_CONFIDENT_OPEN = ("Definitely:", "Without a doubt,", "Clearly,")
_HEDGED_OPEN = (
    "I'm not sure, but I think",
    "Maybe, though I might be wrong:",
    "Perhaps, if I understand correctly,",
)
_CASUAL_OPEN = ("Yeah, so", "Ok so", "Hey, so")
_SENTENCES = re.compile(r"[^.!?]+[.!?]+|[^.!?]+$")


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCES.findall(text) if s.strip()]


def _replace_words(text: str, table: dict[str, str]) -> str:
    pattern = re.compile(r"\b(" + "|".join(re.escape(k) for k in table) + r")\b", re.IGNORECASE)
    lower = {k.lower(): v for k, v in table.items()}
    return pattern.sub(lambda m: lower[m.group(0).lower()], text)


def _strip(pattern: re.Pattern[str], text: str) -> str:
    return re.sub(r"\s{2,}", " ", pattern.sub("", text)).strip()


def _prefix(opener: str, text: str) -> str:
    if opener.endswith((".", "!")) or re.match(r"I\b", text):
        return f"{opener} {text}"
    return f"{opener} {text[:1].lower()}{text[1:]}"


def longer(text: str, rng: random.Random) -> str:
    return text + " " + " ".join(rng.sample(_ELABORATIONS, 2))


def shorter(text: str, rng: random.Random) -> str:
    return _sentences(text)[0]


def formal(text: str, rng: random.Random) -> str:
    return _strip(
        re.compile(r"\b(yeah|ok|okay|gonna|kinda)\b,?", re.IGNORECASE),
        _replace_words(text, _EXPAND),
    )


def casual(text: str, rng: random.Random) -> str:
    return _prefix(rng.choice(_CASUAL_OPEN), _replace_words(text, _CONTRACT))


def humorous(text: str, rng: random.Random) -> str:
    return text + " " + rng.choice(_JOKES)


def serious(text: str, rng: random.Random) -> str:
    kept = [s for s in _sentences(text) if not HUMOUR.search(s)]
    return " ".join(kept) or text


def eliciting(text: str, rng: random.Random) -> str:
    return text + " " + rng.choice(_FOLLOW_UPS)


def non_eliciting(text: str, rng: random.Random) -> str:
    kept = [s for s in _sentences(text) if not s.endswith("?")]
    return " ".join(kept) or text.replace("?", ".")


def polite(text: str, rng: random.Random) -> str:
    return f"{rng.choice(_POLITE_OPEN)} {text} {rng.choice(_POLITE_CLOSE)}"


def blunt(text: str, rng: random.Random) -> str:
    return _strip(POLITE, text).lstrip(",. ") or text


def enthusiastic(text: str, rng: random.Random) -> str:
    excited = re.sub(r"\.(\s|$)", r"!\1", text)
    return f"{rng.choice(_ENTHUSIASTIC_OPEN)} {excited}"


def calm(text: str, rng: random.Random) -> str:
    return _strip(ENTHUSIASM, text.replace("!", "."))


def confident(text: str, rng: random.Random) -> str:
    return _prefix(rng.choice(_CONFIDENT_OPEN), _strip(HEDGES, text))


def hedged(text: str, rng: random.Random) -> str:
    return _prefix(rng.choice(_HEDGED_OPEN), _strip(CONFIDENT, text))


Rewriter = Callable[[str, random.Random], str]
REWRITERS: dict[str, tuple[Rewriter, Rewriter]] = {
    "length": (longer, shorter),
    "formality": (formal, casual),
    "humour": (humorous, serious),
    "elicitation": (eliciting, non_eliciting),
    "politeness": (polite, blunt),
    "enthusiasm": (enthusiastic, calm),
    "confidence": (confident, hedged),
}
# Structural edits first, sentence-level openers and closers last, so later edits are not undone.
_ORDER = ("length", "humour", "elicitation", "formality", "confidence", "enthusiasm", "politeness")
assert set(_ORDER) == set(ATTRIBUTES)


def restyle(text: str, style: dict[str, int], seed: int) -> str:
    """Apply +1 / -1 rewriters per attribute (0 or absent = leave as is); same seed, same text."""
    rng = random.Random(seed)
    for attr in _ORDER:
        direction = style.get(attr, 0)
        if direction:
            text = REWRITERS[attr][0 if direction > 0 else 1](text, rng)
    return text


def random_style(rng: random.Random, p_change: float = 0.45) -> dict[str, int]:
    """A random style vector: each attribute pushed up or down with probability p_change."""
    return {a: rng.choice((-1, 1)) if rng.random() < p_change else 0 for a in ATTRIBUTES}
