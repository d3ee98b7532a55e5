"""Memory at scale: summary load and recall latency, insert rate and disk size with many users."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from benchmarks import write_result
from memory.recall import nearest_hnsw
from memory.store import MemoryStore, Statement, SummaryVersion

DIM = 384
SUMMARY = "Prefers concise answers with one example. Uses Python 3.12. Metric units. " * 3


class QueuedEmbedder:
    """Returns precomputed vectors (so timings measure the store, not the encoder)."""

    def __init__(self):
        self.queue: list[np.ndarray] = []

    def encode(self, texts):
        out, self.queue = self.queue[: len(texts)], self.queue[len(texts) :]
        return np.stack(out)


def unit_vectors(rng: np.random.Generator, n: int) -> np.ndarray:
    v = rng.standard_normal((n, DIM), dtype=np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def percentiles(samples_s: list[float]) -> tuple[float, float]:
    ms = np.asarray(samples_s) * 1000.0
    return round(float(np.percentile(ms, 50)), 3), round(float(np.percentile(ms, 95)), 3)


def load(store, rng, n_users, n_statements, budget_s, chunk=5000):
    """Bulk-load users (summary version + record) and statements; stop early past budget_s."""
    owners = np.sort(rng.integers(0, n_users, n_statements))
    vectors = np.zeros((0, DIM), np.float32)
    t0 = time.perf_counter()
    for start in range(0, n_users, chunk):
        users = [f"user{u:07d}" for u in range(start, min(start + chunk, n_users))]
        version = SummaryVersion(1, "2025-01-01T00:00:00+00:00", SUMMARY, "bench", "edit")
        store._store_versions([(u, version) for u in users])
        store._write_user_records([(u, SUMMARY, 1, {"alpha": 0.5}) for u in users])
    user_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    loaded = 0
    for start in range(0, n_statements, chunk):
        end = min(start + chunk, n_statements)
        vecs = unit_vectors(rng, end - start)
        rows = [
            Statement(
                f"s{i}",
                f"user{owners[i]:07d}",
                f"preference statement {i}",
                "statement",
                0,
                None,
                None,
                "t",
                {},
            )
            for i in range(start, end)
        ]
        store._write_statements(rows, vecs)
        vectors = np.concatenate([vectors, vecs])
        loaded = end
        if time.perf_counter() - t0 > budget_s:
            break
    return owners[:loaded], vectors, user_s, time.perf_counter() - t0


def time_summary(store, rng, n_users, n):
    picks = [f"user{u:07d}" for u in rng.integers(0, n_users, n)]
    fast, slow = [], []
    for u in picks:
        t = time.perf_counter()
        assert store.summary(u) == SUMMARY
        fast.append(time.perf_counter() - t)
        t = time.perf_counter()
        assert store.summary_history(u)[-1].text == SUMMARY  # baseline: rebuild from history
        slow.append(time.perf_counter() - t)
    return fast, slow


def time_recall(store, embedder, rng, owners, vectors, n, k=4, hnsw=False):
    """Recall latency plus agreement with exact (brute-force) top-k over that user's statements;
    hnsw=True times Chroma's own filtered HNSW query instead (the baseline)."""
    users = rng.choice(np.unique(owners), n)
    samples, agree = [], []
    for u in users:
        q = unit_vectors(rng, 1)[0]
        embedder.queue = [q]
        t = time.perf_counter()
        if hnsw:
            hits = nearest_hnsw(store._statements, f"user{u:07d}", q, k)
        else:
            hits = store.recall(f"user{u:07d}", "query", k=k)
        samples.append(time.perf_counter() - t)
        idx = np.flatnonzero(owners == u)
        exact = idx[np.argsort(-(vectors[idx] @ q))[:k]]
        agree.append(len({f"s{i}" for i in exact} & {h.id for h in hits}) / max(len(exact), 1))
    return samples, float(np.mean(agree))


def time_single_inserts(store, embedder, rng, n):
    embedder.queue = list(unit_vectors(rng, n))
    t = time.perf_counter()
    for i in range(n):
        store.add_statement(f"user{i % 50:07d}", f"live statement {i}", kind="directive")
    return n / (time.perf_counter() - t)


def disk_mb(path: Path) -> float:
    return round(sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20, 1)


def run(n_users, n_statements, budget_s, samples, workdir: Path) -> dict:
    rng = np.random.default_rng(0)
    embedder = QueuedEmbedder()
    baseline_store = MemoryStore(workdir / "small", embedder=embedder)
    b_owners, b_vecs, _, _ = load(baseline_store, rng, 10, 100, budget_s)
    b_recall, _ = time_recall(baseline_store, embedder, rng, b_owners, b_vecs, samples)
    store = MemoryStore(workdir / "big", embedder=embedder)
    owners, vectors, user_s, stmt_s = load(store, rng, n_users, n_statements, budget_s)
    fast, slow = time_summary(store, rng, n_users, samples)
    recall_s, agreement = time_recall(store, embedder, rng, owners, vectors, samples)
    hnsw_s, hnsw_agreement = time_recall(store, embedder, rng, owners, vectors, samples, hnsw=True)
    single = time_single_inserts(store, embedder, rng, min(samples, 500))
    s50, s95 = percentiles(fast)
    h50, _ = percentiles(slow)
    r50, r95 = percentiles(recall_s)
    b50, _ = percentiles(b_recall)
    n50, n95 = percentiles(hnsw_s)
    return {
        "n_users": n_users,
        "n_statements": len(owners),
        "n_statements_target": n_statements,
        "summary_load_ms_p50": s50,
        "summary_load_ms_p95": s95,
        "summary_via_history_ms_p50": h50,
        "summary_speedup_vs_history": round(h50 / s50, 2),
        "recall_ms_p50": r50,
        "recall_ms_p95": r95,
        "recall_hnsw_filtered_ms_p50": n50,
        "recall_hnsw_filtered_ms_p95": n95,
        "recall_speedup_vs_hnsw_filtered": round(n50 / r50, 2),
        "recall_hnsw_agreement_with_exact_top4": round(hnsw_agreement, 4),
        "recall_small_store_ms_p50": b50,
        "recall_slowdown_vs_small_store": round(r50 / b50, 2),
        "recall_agreement_with_exact_top4": round(agreement, 4),
        "insert_per_s": round(len(owners) / stmt_s, 1),
        "insert_single_per_s": round(single, 1),
        "user_load_per_s": round(n_users / user_s, 1),
        "disk_mb": disk_mb(workdir / "big"),
        "samples": samples,
        "chromadb": __import__("chromadb").__version__,
    }


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="1k users / 10k statements")
    parser.add_argument("--data", help="unused (synthetic data)")
    parser.add_argument("--users", type=int, default=100_000)
    parser.add_argument("--statements", type=int, default=1_000_000)
    parser.add_argument("--budget-s", type=float, default=420.0, help="stop loading after this")
    parser.add_argument("--samples", type=int, default=300)
    parser.add_argument("--workdir", help="keep the store here instead of a temp dir")
    args = parser.parse_args(argv)
    users, statements = (1000, 10_000) if args.quick else (args.users, args.statements)
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="plural-memscale-"))
    try:
        result = run(users, statements, args.budget_s, args.samples, workdir)
    finally:
        if not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    result["quick"] = args.quick
    write_result("memory_scale", result, args.quick)
    sys.stdout.flush()
    return result


if __name__ == "__main__":
    main()
