"""Small softmax heads over standardised features (the project's one classifier primitive): fit,
predict, and save several named heads to one .npz file."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

_FIELDS = ("weight", "bias", "mean", "scale")


@dataclass(frozen=True)
class Head:
    """A softmax (multinomial logistic) regression over standardised features."""

    weight: np.ndarray  # (d, k)
    bias: np.ndarray  # (k,)
    mean: np.ndarray  # (d,)
    scale: np.ndarray  # (d,)

    def proba(self, x: np.ndarray) -> np.ndarray:
        z = ((x - self.mean) / self.scale) @ self.weight + self.bias
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)


def fit_head(
    x: np.ndarray,
    y: np.ndarray,
    k: int,
    *,
    l2: float = 1e-2,
    steps: int = 300,
    feature_weight: np.ndarray | None = None,
) -> Head:
    """Full-batch gradient descent on class-balanced cross-entropy + L2; deterministic, < 1 s.
    `feature_weight` > 1 lets a column group (a few lexical cues) escape the L2 penalty."""
    if len(x) == 0 or len(np.unique(y)) < 2:
        raise ValueError("need at least two classes of labelled examples to train a head")
    mean = x.mean(axis=0)
    scale = x.std(axis=0) + 1e-3
    if feature_weight is not None:
        scale = scale / feature_weight
    xs = (x - mean) / scale
    w = np.zeros((x.shape[1], k), dtype=np.float64)
    b = np.zeros(k, dtype=np.float64)
    onehot = np.eye(k)[y]
    # rare classes should not be ignored
    counts = np.bincount(y, minlength=k).astype(np.float64)
    cw = (len(y) / (k * np.maximum(counts, 1)))[y][:, None]
    lr = 0.5
    for _ in range(steps):
        z = xs @ w + b
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        g = cw * (p - onehot) / len(y)
        w -= lr * (xs.T @ g + l2 * w)
        b -= lr * g.sum(axis=0)
    return Head(w.astype(np.float32), b.astype(np.float32), mean, scale)


def write_heads(path: Path, heads: Mapping[str, Head], **extra: float) -> None:
    """Atomically write named heads (and scalar extras, e.g. a threshold) to one .npz file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    arrays = {f"{n}_{f}": getattr(h, f) for n, h in heads.items() for f in _FIELDS}
    arrays.update({k: np.float64(v) for k, v in extra.items()})
    tmp = path.with_suffix(".tmp.npz")
    np.savez(tmp, **arrays)
    tmp.replace(path)


def read_heads(
    path: Path, names: Sequence[str], extras: Sequence[str] = ()
) -> dict[str, Head | float] | None:
    """The named heads (and extras) in a file, or None when it is missing, corrupt or from an
    older version (then rebuild)."""
    try:
        with np.load(path) as z:
            out: dict[str, Head | float] = {
                n: Head(*(z[f"{n}_{f}"] for f in _FIELDS)) for n in names
            }
            out.update({k: float(z[k]) for k in extras})
            return out
    except (OSError, KeyError, ValueError, EOFError):
        return None
