"""Deterministic test doubles shared by the suite (conftest.py hands them out as fixtures)."""

from __future__ import annotations

import hashlib
import re

import numpy as np

from assistant.llm.echo import EchoLLM

FakeLLM = EchoLLM
"""The product's deterministic echo backend: answers depend only on the input."""


class FakeEncoder:
    """The one fake sentence encoder: a hashed bag of words, L2-normalised, so texts that share
    words are close (recall and relevance still mean something) and nothing loads a model."""

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
