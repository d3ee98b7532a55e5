"""The measurable part of c(summary, x, y): summary lines on style axes ("Keep answers short",
"Skip the bullet points", "Stop apologising") score candidates directly by what can be counted.

The learned text scorer reads content preferences ("I'm vegetarian"); the posterior learns style
slowly from comparisons. A stated style preference should act at once, so each style line the
summary holds is turned into a transparent measurement of every candidate, compared across them."""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

from assistant.reward.attributes import measure
from assistant.summary import classify, parse, render

_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+", re.MULTILINE)
_APOLOGY = re.compile(r"\b(sorry|apolog\w*|my (bad|mistake))\b", re.IGNORECASE)
_EMOJI = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf]")
_TABLE = re.compile(r"^\s*\|.*\|\s*$", re.MULTILINE)
_ABOUT_ME = re.compile(r"\s*(i|i'm|i've|i'd|my|me|we|our)\b", re.IGNORECASE)

Measure = Callable[[str], float]

_MEASURES: dict[str, Measure] = {
    "length": lambda t: measure(t)["length"],
    "lists": lambda t: float(len(_BULLET.findall(t))),
    "apologies": lambda t: float(len(_APOLOGY.findall(t))),
    "emoji": lambda t: float(len(_EMOJI.findall(t))),
    "tables": lambda t: float(len(_TABLE.findall(t))),
    "humour": lambda t: measure(t)["humour"],
    "enthusiasm": lambda t: measure(t)["enthusiasm"],
    "formality": lambda t: measure(t)["formality"],
}
_MORE = {"long", "+", "formal"}
_LESS = {"short", "-", "casual"}


def _style_axes(line: str) -> list[tuple[str, int]]:
    return [
        (axis, 1 if polarity in _MORE else -1)
        for axis, polarity in classify(line)
        if axis in _MEASURES and (polarity in _MORE or polarity in _LESS)
    ]


def split_summary(summary: str) -> tuple[str, str]:
    """(measurable style lines, everything else): the learned scorer reads only the second, since
    it was trained on content preferences and says nothing reliable about length or bullets."""
    lines = parse(summary)
    # "Keep it short" is about answers; "I love funny films" names a taste in things, not a tone
    style = [line for line in lines if _style_axes(line) and not _ABOUT_ME.match(line)]
    return render(style), render([line for line in lines if line not in style])


def style_preferences(summary: str) -> list[tuple[str, int]]:
    """(axis, +1 more / -1 less) for each measurable style line of the summary."""
    found: dict[str, int] = {}
    for line in parse(summary):
        found.update(_style_axes(line))
    return list(found.items())


def style_scores(summary: str, responses: list[str]) -> np.ndarray:
    """(n,) in [-1, 1]: how well each response follows the summary's measurable style lines,
    relative to the other responses; zeros when the summary states none or all responses agree."""
    out = np.zeros(len(responses))
    prefs = style_preferences(summary)
    if len(responses) < 2 or not prefs:
        return out
    for axis, direction in prefs:
        values = np.array([_MEASURES[axis](r) for r in responses], dtype=np.float64)
        spread = values.std()
        if spread > 1e-9:
            out += direction * (values - values.mean()) / spread
    return np.tanh(out / len(prefs))


def revision_follows(directive: str, original: str, revised: str) -> bool:
    """Does the revision measurably move the way the directive asked, on every countable style
    axis it names ("shorter" → fewer words, "no bullets" → fewer list items)? False when the
    directive names none: a revision is then no evidence about the user until they accept it."""
    prefs = style_preferences(directive)
    if not prefs:
        return False
    return all(
        direction * (_MEASURES[axis](revised) - _MEASURES[axis](original)) > 0
        for axis, direction in prefs
    )
