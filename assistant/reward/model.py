"""Base reward functions φ(x, y): frozen MiniLM embedding + cheap measured features -> linear head."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np
import torch
from torch import nn

from assistant.encoder import encode_unique
from assistant.reward.attributes import CHEAP_FEATURES, DEGENERACY_FEATURES, cheap_features


class TextEncoder(Protocol):
    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


def default_encoder() -> TextEncoder:
    from assistant.encoder import get_encoder

    return get_encoder()


class Featurizer:
    """z(x, y) = [MiniLM(y), standardised cheap features of y given x, cos(MiniLM(x), MiniLM(y))].
    A prior saved with fewer cheap features (an older CHEAP_FEATURES) uses the first len(mean)."""

    def __init__(self, mean: np.ndarray, std: np.ndarray, encoder: TextEncoder | None = None):
        self.mean = np.asarray(mean, dtype=np.float64)
        self.std = np.asarray(std, dtype=np.float64)
        self._encoder = encoder

    @classmethod
    def fitted(
        cls,
        texts: Sequence[str],
        encoder: TextEncoder | None = None,
        prompts: Sequence[str] | None = None,
    ) -> Featurizer:
        """Standardise the style counts over a set of responses; the degeneracy shares stay as
        they are (sane answers barely vary in them, so a corpus std would blow a loop up 1000x)."""
        prompts = prompts if prompts is not None else [""] * len(texts)
        raw = np.stack([cheap_features(t, p) for t, p in zip(texts, prompts, strict=True)])
        mean, std = raw.mean(0), raw.std(0).clip(min=1e-3)
        keep = [CHEAP_FEATURES.index(name) for name in DEGENERACY_FEATURES]
        mean[keep], std[keep] = 0.0, 1.0
        return cls(mean, std, encoder)

    @property
    def encoder(self) -> TextEncoder:
        if self._encoder is None:
            self._encoder = default_encoder()
        return self._encoder

    @property
    def dim(self) -> int:
        return 384 + len(self.mean) + 1

    def transform(self, prompts: Sequence[str], responses: Sequence[str]) -> np.ndarray:
        """(n, dim) float32 inputs for n (prompt, response) pairs."""
        if len(prompts) != len(responses):
            raise ValueError("prompts and responses must have the same length")
        emb = encode_unique(self.encoder, list(responses))
        prompt_emb = encode_unique(self.encoder, list(prompts))
        n_cheap = len(self.mean)
        cheap = (
            np.stack(
                [cheap_features(r, p)[:n_cheap] for p, r in zip(prompts, responses, strict=True)]
            )
            if responses
            else np.zeros((0, n_cheap))
        )
        cheap = (cheap - self.mean) / self.std
        relevance = (emb * prompt_emb).sum(1, keepdims=True)
        return np.hstack([emb, cheap, relevance]).astype(np.float32)


class PreferenceModel(nn.Module):
    """Shared linear head z -> φ ∈ R^J and one coefficient vector per user (PReF factorisation)."""

    def __init__(self, dim: int, n_bases: int, n_users: int):
        super().__init__()
        self.head = nn.Linear(dim, n_bases, bias=False)  # a bias cancels in every comparison
        self.user_coefs = nn.Parameter(torch.zeros(n_users, n_bases))

    def phi(self, z: torch.Tensor) -> torch.Tensor:
        return self.head(z)

    def forward(self, z_diff: torch.Tensor, users: torch.Tensor) -> torch.Tensor:
        """BT logits w_u·(φ(a)-φ(b)) for each comparison (the head is linear, so φ of the difference)."""
        return (self.user_coefs[users] * self.head(z_diff)).sum(-1)


class DiskCachedEncoder:
    """Wraps an encoder with an .npz cache keyed by text hash (benchmarks and rebuilds re-encode
    the same corpus; the vectors are a pure function of the packaged model and the text)."""

    def __init__(self, path, encoder: TextEncoder | None = None):
        import hashlib
        from pathlib import Path

        self._hash = lambda t: hashlib.sha1(t.encode("utf-8")).hexdigest()
        self.path = Path(path)
        self._inner = encoder
        self._store: dict[str, np.ndarray] = {}
        if self.path.is_file():
            with np.load(self.path) as npz:
                self._store = dict(zip(npz["keys"].tolist(), npz["vectors"], strict=True))

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        keys = [self._hash(t) for t in texts]
        todo = [t for t, k in zip(texts, keys, strict=True) if k not in self._store]
        if todo:
            self._inner = self._inner or default_encoder()
            self._store.update(
                zip((self._hash(t) for t in todo), self._inner.encode(todo), strict=True)
            )
            self._flush()
        return np.stack([self._store[k] for k in keys]) if keys else np.zeros((0, 384), np.float32)

    def _flush(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp.npz")
        np.savez(
            tmp, keys=np.array(list(self._store)), vectors=np.stack(list(self._store.values()))
        )
        tmp.replace(self.path)
