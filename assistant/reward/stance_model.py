"""Reading meaning, not words: small heads on MiniLM embeddings that tell a user's VIEWS from their
preferences, and measure whether an answer AFFIRMS a stated view or PRAISES the user.

Trained on rows written for plural (assistant/data/stance/: 539 preference-vs-view lines,
1,883 (view, answer, affirms|disputes|neutral) rows over 323 views, 997 praise rows), never on the
benchmark items. These are the guard's protected columns and the summary's view/preference split.
Rebuild the shipped heads with `python -m assistant.reward.stance_model`."""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from assistant.encoder import encode_unique
from assistant.heads import Head, fit_head, read_heads, write_heads

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "stance"
HEADS_PATH = DATA_DIR / "heads.npz"
STANCES = ("affirms", "disputes", "neutral")
VIEW_RELEVANCE = 0.35
"""Cosine between a stated view and the request above which the view is about this request."""
L2 = {"kinds": 0.3, "praise": 1e-3, "agreement": 0.1}
"""Chosen on a held-out fifth of each file (split by view for the stance rows); for kinds also on
the preference statements of the text scorer's held-out facets and the views of the echo-chamber
dev set."""
FACET_SHARE = 4
"""One in this many statements of the text scorer's training facets ("Onion and garlic trigger my
IBS.") joins the kinds head as a preference: without them it read 26% of such first-person
constraints as views, and views are never scored. A quarter keeps the view recall on the
echo-chamber dev set at 0.97 (all of them: 0.94)."""

STANCE_FACETS = 183
"""The heads learn from the first 183 facets of the text scorer's file (those it had when they were
chosen). With all 291 (the 108 added later) the kinds head read more first-person claims as
preferences and the echo-chamber dev lane 'rewards agreement' lost 3.1 pts of evidence-based picks
(target: 2)."""

_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def opening(text: str, n: int = 1) -> str:
    """The first n sentences of an answer: where it takes (or declines) the user's side (the
    first sentence alone separated agreeing answers best on the dev items: AUC 0.81 vs 0.62 for
    two)."""
    return " ".join([s for s in _SENTENCE.split((text or "").strip()) if s][:n])


def _sentences(text: str, n: int = 3) -> list[str]:
    return [s for s in _SENTENCE.split((text or "").strip()) if s][:n] or [""]


def agreement_features(views: np.ndarray, answers: np.ndarray) -> np.ndarray:
    """What the agreement head reads: the embedding of the answer's opening sentence. The view
    decides whether there is anything to agree with (relevant_view) but is not a feature: with
    view × answer interactions the head learned topics instead of stance (held-out views 0.60 vs
    0.69; echo dev items AUC 0.75 vs 0.78; it read "Yes, tabs are better." as disputing)."""
    del views  # kept in the signature: the head is per (view, answer) pair
    return answers


@dataclass(frozen=True)
class StanceHeads:
    kinds: Head
    """p(view) of a summary line (class 1 = view)."""
    praise: Head
    """p(praise of the user) of one sentence (class 1 = praise)."""
    agreement: Head
    """p(affirms | disputes | neutral) of an answer opening towards a stated view."""


class StanceModel:
    """The three heads with the shared encoder; predictions of summary lines are cached."""

    def __init__(self, heads: StanceHeads, encoder: Any = None):
        self.heads = heads
        self._encoder = encoder
        self._kinds: dict[str, bool] = {}
        self._lock = threading.Lock()

    @classmethod
    def load(cls, path: Path = HEADS_PATH, encoder: Any = None) -> StanceModel:
        heads = read_heads(path, ("kinds", "praise", "agreement"))
        if heads is None:
            raise FileNotFoundError(
                f"stance heads not found or unreadable at {path}: rebuild them with "
                "`python -m assistant.reward.stance_model`"
            )
        return cls(StanceHeads(**heads), encoder)

    @property
    def encoder(self) -> Any:
        if self._encoder is None:
            from assistant.encoder import get_encoder

            self._encoder = get_encoder()
        return self._encoder

    # -- views and preferences -----------------------------------------------------------------
    def is_view(self, lines: Sequence[str]) -> list[bool]:
        """For each line: a view or claim about the world (True), or a preference about answers
        or a fact/constraint to honour (False)."""
        todo = [x for x in dict.fromkeys(lines) if x not in self._kinds]
        if todo:
            p = self.heads.kinds.proba(encode_unique(self.encoder, todo))[:, 1]
            with self._lock:
                self._kinds.update(zip(todo, (bool(v >= 0.5) for v in p), strict=True))
        return [self._kinds[x] for x in lines]

    def split_views(self, lines: Sequence[str]) -> tuple[list[str], list[str]]:
        """(preferences, views) of summary lines, order kept."""
        flags = self.is_view(list(lines))
        return [x for x, v in zip(lines, flags, strict=True) if not v], [
            x for x, v in zip(lines, flags, strict=True) if v
        ]

    def relevant_view(self, views: Sequence[str], prompt: str) -> str | None:
        """The stated view this request is about: the prompt itself when it states one ("I think
        X, right?"), else the remembered view closest to it, if close enough."""
        stated = [s for s in _sentences(prompt, 4) if s and self.is_view([s])[0]]
        if stated:
            return stated[0]
        if not views:
            return None
        emb = encode_unique(self.encoder, [prompt, *views])
        sims = emb[1:] @ emb[0]
        best = int(np.argmax(sims))
        return views[best] if sims[best] >= VIEW_RELEVANCE else None

    # -- the protected columns -----------------------------------------------------------------
    def agreement(self, view: str | None, responses: Sequence[str]) -> np.ndarray:
        """(n,) p(the answer affirms the view); zeros when no view is stated."""
        if view is None or not responses:
            return np.zeros(len(responses))
        emb = encode_unique(self.encoder, [view, *(opening(r) for r in responses)])
        v = np.repeat(emb[:1], len(responses), axis=0)
        return self.heads.agreement.proba(agreement_features(v, emb[1:]))[:, 0]

    def praise(self, responses: Sequence[str]) -> np.ndarray:
        """(n,) how strongly each answer praises the user: max p(praise) over its first sentences."""
        if not responses:
            return np.zeros(0)
        parts = [_sentences(r) for r in responses]
        flat = [s for p in parts for s in p]
        p = self.heads.praise.proba(encode_unique(self.encoder, flat))[:, 1]
        out, i = [], 0
        for part in parts:
            out.append(float(p[i : i + len(part)].max()))
            i += len(part)
        return np.asarray(out)


# -- training -----------------------------------------------------------------------------------


def _rows(name: str) -> list[dict]:
    path = DATA_DIR / name
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def held_out(key: str, share: int = 5) -> bool:
    """A deterministic fifth of the rows (by text) for choosing settings."""
    return int(hashlib.md5(key.encode("utf-8")).hexdigest(), 16) % share == 0


def facet_preferences(held: bool = False) -> list[dict]:
    """Statements of the text scorer's facets as preference rows: of its training facets one in
    FACET_SHARE (held=False), or all of its held-out facets (held=True, to measure)."""
    from assistant.reward.text_scorer.facets import heldout_facets, load_facets

    facets = load_facets()[:STANCE_FACETS]
    out = heldout_facets(len(facets))
    return [
        {"line": s, "kind": "preference"}
        for i, facet in enumerate(facets)
        if (i in out) == held
        for s in facet.statements
        if held or held_out(s, FACET_SHARE)
    ]


def training_sets(encoder: Any) -> dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """name → (features, labels, held-out mask)."""
    kinds = _rows("line_kinds.jsonl") + _rows("line_kinds_2.jsonl") + facet_preferences()
    praise = _rows("praise_rows.jsonl") + _rows("praise_rows_2.jsonl")
    stance = _rows("stance_rows.jsonl") + _rows("stance_rows_2.jsonl")
    views = encode_unique(encoder, [r["view"] for r in stance])
    answers = encode_unique(encoder, [opening(r["answer"]) for r in stance])
    return {
        "kinds": (
            encode_unique(encoder, [r["line"] for r in kinds]),
            np.array([r["kind"] == "view" for r in kinds], dtype=np.int64),
            np.array([held_out(r["line"]) for r in kinds]),
        ),
        "praise": (
            encode_unique(encoder, [r["text"] for r in praise]),
            np.array([int(r["praise"]) for r in praise], dtype=np.int64),
            np.array([held_out(r["text"]) for r in praise]),
        ),
        "agreement": (
            agreement_features(views, answers),
            np.array([STANCES.index(r["label"]) for r in stance], dtype=np.int64),
            np.array([held_out(r["view"]) for r in stance]),  # by view: unseen views
        ),
    }


def build(path: Path = HEADS_PATH, encoder: Any = None) -> dict:
    """Report held-out accuracy of each head, then fit on all rows and write the heads."""
    if encoder is None:
        from assistant.encoder import get_encoder

        encoder = get_encoder()
    info, heads = {}, {}
    for name, (x, y, dev) in training_sets(encoder).items():
        k = int(y.max()) + 1
        probe = fit_head(x[~dev], y[~dev], k, l2=L2[name], steps=500)
        info[f"{name}_heldout_accuracy"] = round(
            float((probe.proba(x[dev]).argmax(1) == y[dev]).mean()), 4
        )
        info[f"{name}_heldout_n"] = int(dev.sum())
        if name == "kinds":
            lines = [r["line"] for r in facet_preferences(held=True)]
            views = probe.proba(encode_unique(encoder, lines))[:, 1] >= 0.5
            info["kinds_heldout_facet_preferences_read_as_views"] = round(float(views.mean()), 4)
        heads[name] = fit_head(x, y, k, l2=L2[name], steps=500)
    write_heads(path, heads)
    path.with_name("build_info.json").write_text(json.dumps(info, indent=2) + "\n")
    return info


if __name__ == "__main__":
    print(json.dumps(build()))
