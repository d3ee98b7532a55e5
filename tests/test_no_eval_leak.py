"""PrefEval is evaluation-only: no shipped file may hold its preferences, questions or chat turns."""

from __future__ import annotations

import gzip
import json
import re
from functools import cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PREFEVAL = REPO.parent / "shared" / "data" / "prefeval"
SHIPPED_DIRS = ("assistant", "graph", "app", "memory", "tuiparts")
SHIPPED_FILES = ("tui.py",)
BINARY_SUFFIXES = {
    ".npz",
    ".npy",
    ".pt",
    ".gguf",
    ".bin",
    ".sqlite",
    ".png",
    ".pyc",
    ".safetensors",
}
MIN_PREFERENCE_CHARS = 30
TURN_CHARS = (15, 400)
KNOWN_LEAKS = (
    "I have a severe peanut and tree nut allergy",
    "I avoid products tested on animals",
    "less space themed",
    "CONVERT THIS TO RUST",
)
"""Phrases that once leaked into shipped data; checked even where the PrefEval folder is absent."""


def normalise(text: str) -> str:
    """Lower case, curly apostrophes straight, every run of whitespace one space."""
    return re.sub(r"\s+", " ", text.replace("\u2019", "'").lower()).strip()


def shipped_texts() -> dict[str, str]:
    """Every shipped text file (gzip files opened), normalised, by path relative to the repo."""
    paths = [REPO / name for name in SHIPPED_FILES]
    for folder in SHIPPED_DIRS:
        paths += sorted((REPO / folder).rglob("*"))
    texts = {}
    for path in paths:
        if not path.is_file() or "__pycache__" in path.parts or path.suffix in BINARY_SUFFIXES:
            continue
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        if b"\0" in data:
            continue
        texts[str(path.relative_to(REPO))] = normalise(data.decode("utf-8", errors="ignore"))
    return texts


def find(phrases: set[str], texts: dict[str, str]) -> list[tuple[str, str]]:
    """(file, phrase) for every phrase found in a text. Phrases are indexed by their first
    `key` characters so each text is scanned once rather than once per phrase."""
    if not phrases:
        return []
    key = min(len(p) for p in phrases)
    by_prefix: dict[str, list[str]] = {}
    for phrase in phrases:
        by_prefix.setdefault(phrase[:key], []).append(phrase)
    hits = []
    for name, text in texts.items():
        found = set()
        for i in range(len(text) - key + 1):
            for phrase in by_prefix.get(text[i : i + key], ()):
                if text.startswith(phrase, i):
                    found.add(phrase)
        hits += [(name, phrase) for phrase in sorted(found)]
    return hits


@cache
def prefeval_phrases() -> frozenset[str]:
    """Explicit preferences and questions over 30 characters, and the distractor chats' user
    turns of 15-400 characters, normalised."""
    phrases = set()
    for folder in ("explicit_preference", "mcq_options"):
        for path in sorted((PREFEVAL / folder).glob("*.json")):
            for row in json.loads(path.read_text(encoding="utf-8")):
                for field in ("preference", "question"):
                    text = normalise(str(row.get(field) or ""))
                    if len(text) > MIN_PREFERENCE_CHARS:
                        phrases.add(text)
    turns = PREFEVAL / "filtered_inter_turns.json"
    if turns.exists():
        for chat in json.loads(turns.read_text(encoding="utf-8")):
            for message in chat.get("conversation", []):
                text = normalise(str(message.get("content") or ""))
                if message.get("role") == "user" and TURN_CHARS[0] <= len(text) <= TURN_CHARS[1]:
                    phrases.add(text)
    return frozenset(phrases)


def report(hits: list[tuple[str, str]]) -> str:
    return "\n".join(f"{name}: {phrase[:100]!r}" for name, phrase in hits[:40])


def test_find_sees_a_phrase_across_case_and_line_breaks():
    texts = {"a.txt": normalise("Some data\nI HAVE a severe\n  peanut allergy, it says.")}
    phrases = {normalise("I have a severe peanut allergy"), normalise("not there at all")}
    assert find(phrases, texts) == [("a.txt", "i have a severe peanut allergy")]


def test_no_known_leaked_phrase_is_shipped():
    hits = find({normalise(p) for p in KNOWN_LEAKS}, shipped_texts())
    assert not hits, "PrefEval text in shipped files:\n" + report(hits)


def test_no_prefeval_text_is_shipped():
    if not (PREFEVAL / "explicit_preference").is_dir():
        pytest.skip(f"PrefEval not present at {PREFEVAL}")
    phrases = prefeval_phrases()
    assert len(phrases) > 100, "PrefEval folder read but few phrases found: layout changed?"
    hits = find(set(phrases), shipped_texts())
    assert not hits, f"{len(hits)} PrefEval phrase(s) in shipped files:\n" + report(hits)
