"""Training data: hand-written preference facets, and the (line, prompt, chosen, rejected) pairs
made from them."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

DATA_DIR = Path(__file__).resolve().parents[2] / "data" / "text_scorer"
FACETS_PATH = DATA_DIR / "facets.txt"
WEIGHTS_PATH = DATA_DIR / "weights.npz"


class TextScorerError(ValueError):
    """Bad input, bad training data or a missing/corrupt weights file; the message says what to do."""


@dataclass(frozen=True)
class Facet:
    """One preference, stated several ways, with prompts where it matters and answers that
    violate it (bad) or respect it (good)."""

    domain: str
    against: tuple[str, ...]
    toward: tuple[str, ...]
    prompts: tuple[str, ...]
    bad: tuple[str, ...]
    good: tuple[str, ...]

    @property
    def statements(self) -> tuple[str, ...]:
        return self.against + self.toward


def parse_facets(text: str) -> list[Facet]:
    """Parse the facets file (blocks of `D:/N:/P:/Q:/B:/G:` lines separated by blank lines)."""
    facets = []
    for block in re.split(r"\n\s*\n", text):
        fields: dict[str, tuple[str, ...]] = {}
        for raw in block.splitlines():
            line = raw.strip()
            if not line or line.startswith("#") or ":" not in line[:3]:
                continue
            key, _, rest = line.partition(":")
            fields[key] = tuple(p.strip() for p in rest.split("|") if p.strip())
        if not fields:
            continue
        if not (fields.get("B") and fields.get("G") and fields.get("Q")):
            raise TextScorerError(f"facet block lacks B/G/Q lines: {block[:80]!r}")
        facets.append(
            Facet(
                domain=(fields.get("D") or ("misc",))[0],
                against=fields.get("N", ()),
                toward=fields.get("P", ()),
                prompts=fields["Q"],
                bad=fields["B"],
                good=fields["G"],
            )
        )
    return facets


def load_facets(path: Path = FACETS_PATH) -> list[Facet]:
    return parse_facets(Path(path).read_text(encoding="utf-8"))


def heldout_facets(n_facets: int, share: float = 0.2, seed: int = 0) -> set[int]:
    """Indices of the facets held out from training to measure generalisation (whole facets: a
    seeded share); every model trained on facets holds out the same ones."""
    n_held = max(1, int(share * n_facets))
    return set(np.random.default_rng(seed).permutation(n_facets)[:n_held].tolist())


ANSWER_TEMPLATES = (
    "{Item}.",
    "I'd recommend {item}.",
    "Try {item} - it's a favorite for a reason.",
    "You'll love {item}!",
    "How about {item}? It's a great choice.",
    "{Item} would be perfect for this.",
    "Here's an idea: {item}. Many people swear by it.",
    "Definitely go for {item}; it's highly rated.",
    "My top pick: {item}.",
    "Consider {item}.",
    "{Item} is hard to beat, honestly.",
    "A great option is {item}, which people rave about.",
)
PAIR_TEMPLATES = (
    "A couple of ideas: {a}, or {b}.",
    "You could try {a}. Another option is {b}.",
    "Top picks: {a} and {b}.",
)


def render(item: str, rng: random.Random, second: str | None = None) -> str:
    """One assistant-style answer built around `item` (and optionally a second item)."""
    if second is not None:
        return rng.choice(PAIR_TEMPLATES).format(a=item, b=second)
    template = rng.choice(ANSWER_TEMPLATES)
    return template.format(item=item, Item=item[:1].upper() + item[1:])


def make_pairs(
    facets: list[Facet], seed: int = 0, per_prompt: int = 3, ties: float = 0.0
) -> list[dict]:
    """(line, prompt, chosen, rejected, facet, outcome) rows: every statement x prompt, a few answer
    pairs (a fifth of them naming two items, so answers are not always one dish or one place).

    With `ties` > 0, that share of rows is added again with the line swapped for a statement from
    a facet of another topic and outcome 0.5: a line that says nothing about the items must not
    separate them. Without these rows the scorer can learn that an item is good in itself and
    prefer it whatever the user said."""
    rng = random.Random(seed)
    rows = _preferred_rows(facets, rng, per_prompt)
    if ties > 0:
        rows += _tie_rows(facets, rows, rng, ties)
    return rows


_DOMAIN_GROUPS = {
    "food": "food", "restaurants": "food", "drink": "food", "travel": "places", "cars": "places",
    "outdoor": "places", "tv": "media", "entertainment": "media", "books": "media",
    "music": "media", "games": "media", "sport": "body", "fitness": "body", "beauty": "body",
    "apps": "tech", "technology": "tech", "programming": "tech", "home": "home",
    "shopping": "home", "gifts": "home", "courses": "learning", "learning": "learning",
    "work": "learning", "parenting": "family", "pets": "family", "events": "family",
    "fashion": "fashion", "clothing": "fashion",
}  # fmt: skip
_REACHING = ("ethics", "environment", "health", "money", "hobbies")
"""Topics whose lines reach into every other ("no animal testing", "my knees are bad", a budget):
never used as the unrelated line of a tie."""


def domain_group(domain: str) -> str:
    """A coarse topic for a facet's free-text domain ("food & drink" and "food & diet" are one)."""
    words = re.findall(r"[a-z]+", domain.lower())
    if any(w in _REACHING for w in words):
        return "reaching"
    return next((_DOMAIN_GROUPS[w] for w in words if w in _DOMAIN_GROUPS), domain.lower())


def _tie_rows(
    facets: list[Facet], rows: list[dict], rng: random.Random, share: float
) -> list[dict]:
    groups = [domain_group(f.domain) for f in facets]
    out = []
    for row in rng.sample(rows, int(share * len(rows))):
        own = groups[row["facet"]]
        pool = [
            f
            for f, g in zip(facets, groups, strict=True)
            if g not in (own, "reaching") and f.statements
        ]
        if own == "reaching" or not pool:
            continue
        out.append({**row, "line": rng.choice(rng.choice(pool).statements), "outcome": 0.5})
    return out


def _preferred_rows(facets: list[Facet], rng: random.Random, per_prompt: int) -> list[dict]:
    rows = []
    for index, facet in enumerate(facets):
        for line in facet.statements:
            for prompt in facet.prompts:
                for _ in range(per_prompt):
                    two = rng.random() < 0.2 and min(len(facet.good), len(facet.bad)) > 1
                    good = rng.sample(facet.good, 2) if two else [rng.choice(facet.good)]
                    bad = rng.sample(facet.bad, 2) if two else [rng.choice(facet.bad)]
                    rows.append(
                        {
                            "line": line,
                            "prompt": prompt,
                            "chosen": render(good[0], rng, good[1] if two else None),
                            "rejected": render(bad[0], rng, bad[1] if two else None),
                            "facet": index,
                            "outcome": 1.0,
                        }
                    )
    return rows
