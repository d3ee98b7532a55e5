"""Doubles the reliability runs need (and the tests share): a hashed bag-of-words encoder that loads
no model, and a store that leaks across users, to prove the isolation check can fail."""

from __future__ import annotations

import hashlib
import re

import numpy as np


class HashEncoder:
    """The project's one fake sentence encoder: a hashed bag of words, L2-normalised, so texts
    that share words are close (recall and relevance still mean something)."""

    def __init__(self, dim: int = 384):
        self.dim = dim
        self.calls = 0

    def _vector(self, text: str) -> np.ndarray:
        v = np.zeros(self.dim, dtype=np.float32)
        for word in re.findall(r"\w+", str(text).lower()):
            v[int(hashlib.md5(word.encode("utf-8", "replace")).hexdigest(), 16) % self.dim] += 1.0
        return v / max(float(np.linalg.norm(v)), 1e-9)

    def encode(self, texts, batch_size: int = 32) -> np.ndarray:
        self.calls += 1
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._vector(t) for t in texts])


class LeakyStore:
    """A broken store whose statements() ignores the user: the isolation check must catch it."""

    def __init__(self, store):
        self._store = store

    def __getattr__(self, name):
        return getattr(self._store, name)

    def statements(self, user_id, limit=None):
        return [s for u in self._store.users() for s in self._store.statements(u, limit)]
