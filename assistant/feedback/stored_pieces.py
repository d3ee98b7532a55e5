"""Is a piece of a request worth remembering? A head on the feedback features (MiniLM + lexical
cues) trained on written rows: 'bedtime: Kai 7pm, Lu 8pm' or 'it's 14 guests now' is a lasting
fact said in passing; 'anyway what's a good lunch', 'the recipe needs 3 eggs' or 'I'm on the bus
rn' only serve the request. stated_in_request asks it about a piece the lasting head kept but the
'said of themself' cues did not."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import cache, cached_property
from pathlib import Path

import numpy as np

from assistant.feedback.data import DATA_DIR, json_lines
from assistant.heads import Head, fit_head, read_heads, write_heads

ROWS_PATH = DATA_DIR / "summary" / "request_pieces.jsonl"
PACKAGED_DIR = DATA_DIR / "feedback_heads"
THRESHOLD = 0.8
"""p(worth storing) a piece needs: a wrongly stored one-off costs more than a missed fact (the
user can say it again), so the bar is above the even split."""
L2 = 0.1
"""Chosen by 5-fold cross-validation on the rows (scratch run; see the README's table)."""
ENGLISH_SHARE = 0.75
"""Share of a piece's words that are whole words of the encoder's (English) vocabulary below
which the head is not asked: MiniLM reads 'mach diese Antwort bitte kurz' as noise, and the
head scored such one-offs high."""
_ONE_OFF = re.compile(r"(?i)\bthis \w+ only\b|\bonly (?:this|today|tonight)\b")
"""'this flight only, I need an aisle seat': for one occasion, whatever the head says."""


def load_piece_rows(path: Path = ROWS_PATH) -> list[dict]:
    """{"text", "store"} rows; a row without both raises ValueError naming its line."""
    rows = []
    for where, row in json_lines(path):
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            raise ValueError(f"{where}: each row needs a 'text' string")
        if not isinstance(row.get("store"), bool):
            raise ValueError(f"{where}: each row needs 'store' true or false")
        rows.append(row)
    return rows


def piece_features(encoder, texts: list[str]) -> np.ndarray:
    """The feedback classifier's features of each piece said on its own (no previous answer)."""
    from assistant.feedback.classifier import featurize

    return featurize(encoder, texts, [None] * len(texts))


def fit_piece_head(encoder, rows: list[dict], *, l2: float = L2) -> Head:
    from assistant.feedback.classifier import feature_weights

    x = piece_features(encoder, [r["text"] for r in rows])
    y = np.array([r["store"] for r in rows], dtype=np.int64)
    return fit_head(x, y, 2, l2=l2, feature_weight=feature_weights(x.shape[1], 2.0))


class StoredPieces:
    """p(a request's piece is worth remembering); calling it says whether it clears THRESHOLD."""

    def __init__(self, encoder, head: Head, threshold: float = THRESHOLD):
        self.encoder, self.head, self.threshold = encoder, head, threshold

    def proba(self, texts: list[str]) -> np.ndarray:
        return self.head.proba(piece_features(self.encoder, texts))[:, 1]

    def __call__(self, piece: str) -> bool:
        if _ONE_OFF.search(piece) or self.english_share(piece) < ENGLISH_SHARE:
            return False
        return bool(self.proba([piece])[0] >= self.threshold)

    def english_share(self, piece: str) -> float:
        """Share of the words (accents stripped) that the encoder's vocabulary has whole."""
        vocab = self._vocab
        words = [unicodedata.normalize("NFKD", w).encode("ascii", "ignore").decode() for w in
                 re.findall(r"[^\W\d_]+", piece.lower())]  # fmt: skip
        return sum(w in vocab for w in words) / len(words) if words else 1.0

    @cached_property
    def _vocab(self) -> dict:
        return self.encoder.tokenizer.get_vocab()  # built anew by each call: once per head

    @classmethod
    def load(cls, encoder, rows_path: Path = ROWS_PATH, cache_dir: Path | None = None):
        """The packaged head for these rows, else a cached one, else trained now (seconds)."""
        from assistant.feedback.classifier import FEATURE_VERSION

        digest = hashlib.sha256(Path(rows_path).read_bytes() + FEATURE_VERSION.encode())
        name = f"request-pieces-{digest.hexdigest()[:16]}.npz"
        for path in (PACKAGED_DIR / name, Path(cache_dir) / name if cache_dir else None):
            found = read_heads(path, ["store"]) if path is not None and path.exists() else None
            if found is not None:
                return cls(encoder, found["store"])
        head = fit_piece_head(encoder, load_piece_rows(rows_path))
        if cache_dir is not None:
            write_heads(Path(cache_dir) / name, {"store": head})
        return cls(encoder, head)


@cache
def shipped(classifier) -> StoredPieces | None:
    """The shipped head on the classifier's encoder, loaded once; None for a classifier without
    an encoder (the tests' fakes) or when the rows are not there."""
    encoder = getattr(classifier, "encoder", None)
    if encoder is None or not ROWS_PATH.exists():
        return None
    return StoredPieces.load(encoder)


def build_packaged() -> Path:
    """Retrain on the shipped rows and store the head in the package (after editing the rows)."""
    from assistant.encoder import get_encoder

    for old in PACKAGED_DIR.glob("request-pieces-*.npz"):
        old.unlink()
    StoredPieces.load(get_encoder(), cache_dir=PACKAGED_DIR)
    return next(PACKAGED_DIR.glob("request-pieces-*.npz"))


if __name__ == "__main__":  # python -m assistant.feedback.stored_pieces
    print(build_packaged())
