"""Style and content axes of a preference line ("keep it short" → length: short), shared by the
summary merge and the measured style terms of the reward."""

from __future__ import annotations

import re
from dataclasses import dataclass

_NEGATORS = {
    "no", "not", "don't", "dont", "do not", "never", "less", "fewer", "stop", "avoid", "without",
    "skip", "drop", "cut", "hate", "dislike", "lose", "ditch", "remove", "quit", "didn't", "doesn't",
    "nor", "zero", "tone down", "toned down", "tone it", "minus", "can't", "cannot", "instead of", "rather than", "over",
}  # fmt: skip
_NEGATING_AFTER = re.compile(
    r"^\W*(\w+\W+){0,3}?(out of it|down|are annoying|is annoying|too much|please stop|be gone)\b",
    re.I,
)


LIKE_A_CHILD = (
    r"(?:like|as if) (?:i'?m|i am|i was|i were|im) (?:a |an |in )?(?:[3-9]|1[0-4]|six|seven|eight|"
    r"nine|ten|eleven|twelve|(?:little )?kid|child|(?:\w+ )?grader|(?:\w+ )?grade|(?:an? )?"
    r"(?:elementary|primary|middle) schooler)"
)
"""'explain things like I'm 12', 'as if I were a kid': a level below the adult one (technical -)."""


@dataclass(frozen=True)
class Axis:
    name: str
    terms: tuple[tuple[str, str], ...]
    """(regex, base polarity) pairs; a negator just before a match flips + and -."""
    content: bool = False
    fixed: tuple[tuple[str, str], ...] = ()
    """(regex, polarity) pairs checked first and never flipped ('under three sentences' = short)."""


def _flip(polarity: str) -> str:
    return {"+": "-", "-": "+", "short": "long", "long": "short", "formal": "casual",
            "casual": "formal", "metric": "imperial", "imperial": "metric"}.get(polarity, polarity)  # fmt: skip


_LANGS = (
    r"english|british english|american english|spanish|french|german|italian|portuguese|dutch|"
    r"japanese|chinese|mandarin|korean|russian|arabic|hindi|polish|swedish|greek|turkish"
)
_PROG = (
    r"python|javascript|typescript|rust|golang|java|c\+\+|c#|ruby|kotlin|swift|php|haskell|scala"
)

AXES: tuple[Axis, ...] = (
    Axis(
        "length",
        (
            (
                r"short|shorter|brief|briefer|concise|succinct|terse|to the point|trim|fluff|tl;?dr",
                "short",
            ),
            (r"long|longer|lengthy|verbose|wordy|fuller|rambl\w*|wall of text|elaborate", "long"),
        ),
        fixed=(
            (
                r"\bmedium[- ](?:length|sized?|amount|long)|\bmid-?length\b|\bmoderate length\b|"
                r"\bsomewhere in (?:the )?(?:middle|between)\b|^(?:go )?medium\W*$",
                "medium",
            ),
            (
                r"\b(under|at most|max(imum)?|no more than|up to|within)\b[^.;]*\b(sentences?|words?|lines?|paragraphs?)\b",
                "short",
            ),
            (r"\b(one|two|three|1|2|3) (sentences?|lines?|paragraph)\b", "short"),
            (
                r"\bhalf (?:as long|the length)\b|\b(?:still )?(?:a bit|a little|way|too) long\b",
                "short",
            ),
            (r"\baim for \d+(?:-\d+)? (?:sentences?|lines?|words?|paragraphs?)\b", "short"),
            (
                r"\b(sentences?|words?|lines?) max\b|\bjust the highlights\b|\bcut it down\b",
                "short",
            ),
        ),
    ),
    Axis(
        "lists",
        ((r"bullets?|bullet points?|lists?|numbered|list formatting|number the steps", "+"),),
        fixed=((r"\b(prose|paragraphs|write it normally|plain sentences|write sentences)\b", "-"),),
    ),
    Axis("tables", ((r"tables?", "+"),)),
    Axis(
        "markdown",
        ((r"markdown|headings|headers|bold", "+"),),
        fixed=((r"\bplain text\b|\bno (?:markdown|formatting)\b", "-"),),
    ),
    Axis("code_blocks", ((r"code blocks?", "+"),)),
    Axis(
        "formality",
        (
            (
                r"formal|formally|professional|polished|neutral|stiff|stuffy|like an adult|"
                r"matter[- ]of[- ]fact|businesslike|no[- ]nonsense",
                "formal",
            ),
            (
                r"casual|informal|relaxed|chatty|conversational|slang|laid-back|friendly|friendlier|"
                r"natural|chill|playful|cheeky|goofy|like (?:a|my) (?:mate|friend|buddy|pal)",
                "casual",
            ),
        ),
    ),
    Axis(
        "warmth",
        (
            (
                r"warm|warmer|warmly|warmth|gentle|gentler|gently|supportive|encouraging|empathetic",
                "+",
            ),
            (r"harsh|harsher|cold|colder|drill sergeant|tough love", "-"),
        ),
    ),
    Axis("apologies", ((r"apolog\w*|sorry", "+"),)),
    Axis("humour", ((r"jokes?|humou?r|funny|funnier|witty|puns?|playful", "+"), (r"serious", "-"))),
    Axis("emoji", ((r"emojis?|emoticons?|smileys?", "+"),)),
    Axis("enthusiasm", ((r"exclamation( marks?)?|enthusias\w*|hype|cheerful|excited", "+"),)),
    Axis(
        "filler",
        (
            (
                r"great question|compliments?|flattery|flatter\w*|openers?|preamble|greetings?|"
                r"let me know if|small talk",
                "+",
            ),
        ),
    ),
    Axis(
        "hedging",
        (
            (r"hedg\w*|disclaimers?|caveats?|maybe|wishy-washy", "+"),
            (r"decisive|confident|straight answer|direct|blunt|what you think", "-"),
        ),
    ),
    Axis(
        "technical",
        (
            (r"technical|jargon|medical terms|complex|complicated|advanced", "+"),
            (
                r"simple|simpler|simply|plain (language|english|words)|beginner|like i'?m five|eli5|simplify",
                "-",
            ),
            (LIKE_A_CHILD, "-"),
        ),
    ),
    Axis(
        "detail",
        (
            (
                r"detail|detailed|step[- ]by[- ]step|in[- ]depth|depth|deeper|thorough|exhaustive|context|"
                r"background|explain\w*",
                "+",
            ),
        ),
        fixed=((r"\bjust (the|give me the) (answer|code|facts|key|dates|highlights|result)", "-"),),
    ),
    Axis("examples", ((r"examples?", "+"),)),
    Axis("sources", ((r"cite|citations?|sources?|references", "+"),)),
    Axis("clarify", ((r"clarifying questions?|ask me", "+"),)),
    Axis(
        "units",
        (
            (
                r"metric|celsius|kilomet\w*|km|grams?|kilograms?|kg|kilos?|centimet\w*|litres?|"
                r"liters?|millilit\w*|ml|metres?|meters?",
                "metric",
            ),
            (
                r"imperial|fahrenheit|miles?|pounds|lbs|cups|ounces|oz|feet|inches|gallons?",
                "imperial",
            ),
        ),
    ),
    Axis("type_hints", ((r"type hints?|typing|annotations?", "+"),)),
    Axis("code_comments", ((r"comments?|docstrings?", "+"),)),
)
_CONTENT_AXES = ("language", "prog_lang", "os", "editor", "diet", "currency")
_TOPIC = re.compile(
    r"\b(?:i\s+)?(?:really\s+|strongly\s+|absolutely\s+)?(?P<verb>like|love|enjoy|adore|prefer|"
    r"(?:am|'m) (?:a )?(?:big |huge )?fan of|(?:am|'m) into|dislike|hate|can'?t stand|cannot stand|"
    r"don'?t like|do not like|(?:am|'m) not (?:a )?(?:big )?fan of|(?:am|'m) not into|"
    r"(?:have )?a (?:strong )?dislike (?:of|for)|don'?t eat|do not eat|don'?t drink|do not drink)\s+"
    r"(?P<obj>[^.;,!?]+)",
    re.I,
)
_NEG_VERB = re.compile(r"dislike|hate|stand|don'?t|do not|not", re.I)
_TRAILING = re.compile(r"\s+(now|these days|anymore|any more|actually|either|too|a lot|at all)$")


def _votes(low: str, axis: Axis) -> list[str]:
    for pattern, polarity in axis.fixed:
        if re.search(pattern, low):
            return [polarity]
    votes = []
    for pattern, base in axis.terms:
        for m in re.finditer(rf"\b(?:{pattern})\b", low):
            before = re.findall(r"[a-z']+", low[max(0, m.start() - 30) : m.start()])[-3:]
            pairs = {" ".join(before[i : i + 2]) for i in range(len(before))}
            negated = bool((set(before) | pairs) & _NEGATORS)
            negated = negated or bool(_NEGATING_AFTER.match(low[m.end() :]))
            votes.append(_flip(base) if negated else base)
    return votes


def _special_axes(low: str) -> list[tuple[str, str]]:
    """Content-like axes whose polarity is a value: language, programming language, OS, diet..."""
    found = []
    m = re.search(rf"\b(?:in|into)\s+({_LANGS})\b", low)
    if m:
        found.append(("language", m.group(1)))
    m = re.search(rf"\b({_PROG})\b", low)
    if m and not re.search(rf"\b(not|no)\s+{re.escape(m.group(1))}", low):
        found.append(("prog_lang", m.group(1)))
    m = re.search(r"\b(mac|macos|windows|linux|ubuntu|android|iphone|ios)\b", low)
    if m:
        found.append(("os", m.group(1)))
    m = re.search(r"\b(vim|neovim|emacs|vscode|vs code|pycharm|intellij)\b", low)
    if m:
        found.append(("editor", m.group(1)))
    m = re.search(r"\b(vegetarian|vegan|pescatarian|carnivore|meat[- ]eater|eat meat)\b", low)
    if m:
        negated = re.search(
            r"\b(no longer|not|n't|stopped being)\b[^.;]*" + re.escape(m.group(1)), low
        )
        found.append(("diet", ("not " if negated else "") + m.group(1)))
    m = re.search(r"\b(euros?|dollars|usd|eur|gbp|yen|rupees?)\b", low)
    if m:
        found.append(("currency", m.group(1).rstrip("s")))
    m = re.search(
        r"\b(allergic to|intolerant to) ([a-z ]+?)\b(?:$|[.;,])|\b(\w+) intolerant\b", low
    )
    if m:
        what = (m.group(2) or m.group(3)).strip()
        found.append((f"allergy:{what}", "-" if re.search(r"no longer|not", low) else "+"))
    return found


_IDIOMS = re.compile(
    r"\b(?:off|on|at) the table\b|\b(?:dinner|kitchen|coffee|picnic|periodic|times|bedside|"
    r"changing) tables?\b|\b(?:shopping|to-?do|reading|wish|bucket|guest|waiting|grocery|packing|"
    r"play|watch|gift) ?lists?\b|\b(?:family|kid|child|pet|dog|budget|eco|beginner|wheelchair|"
    r"vegan|allergy)-friendly\b",
)
"""Phrases that name things, not answer formats: 'off the table for me', 'my shopping list',
'family-friendly'. Removed before the style axes are read."""


def classify(line: str) -> list[tuple[str, str]]:
    """(axis, polarity) pairs for a summary line, e.g. [('length', 'short'), ('lists', '-')]."""
    low = _IDIOMS.sub(" ", line.lower().replace("\u2019", "'"))
    found = []
    for axis in AXES:
        votes = _votes(low, axis)
        if votes:
            found.append(
                (axis.name, max(set(votes), key=lambda v: (votes.count(v), -votes.index(v))))
            )
    found += _special_axes(low)
    if not found:
        m = _TOPIC.search(low)
        if m:
            obj = _TRAILING.sub("", re.sub(r"^(the|a|an|some|any)\s+", "", m.group("obj").strip()))
            polarity = "-" if _NEG_VERB.search(m.group("verb")) else "+"
            found.append((f"topic:{' '.join(obj.split()[:4])}", polarity))
    return found


def is_content(line: str) -> bool:
    """A fact about the person (diet, likes, tools) rather than a style rule: dropped last."""
    axes = [a for a, _ in classify(line)]
    if any(a.startswith(("topic:", "allergy:")) or a in _CONTENT_AXES for a in axes):
        return True
    return bool(re.match(r"^(i|i'm|i am|my|i've|i'd)\b", line.strip().lower()))
