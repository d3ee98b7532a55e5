"""Recall a user's statements nearest in meaning to a query: exact top-k over their own vectors when
they have few (the common case), Chroma's filtered HNSW search otherwise."""

from __future__ import annotations

import numpy as np

from memory.records import Statement, statement_from


def nearest_exact(collection, user_id: str, vector: np.ndarray, k: int, limit: int):
    """Exact cosine top-k over this user's own vectors; None when they have more than `limit`.
    A user has few statements, and Chroma's HNSW search with a user filter that selects a
    handful of points out of a million walks most of the graph (benchmarks/memory_scale)."""
    got = collection.get(
        where={"user_id": user_id},
        limit=limit + 1,
        include=["embeddings", "documents", "metadatas"],
    )
    if len(got["ids"]) > limit:
        return None
    if not got["ids"]:
        return []
    vectors = np.asarray(got["embeddings"], dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1) * max(float(np.linalg.norm(vector)), 1e-12)
    scores = (vectors @ vector) / np.maximum(norms, 1e-12)
    best = np.argsort(-scores, kind="stable")[:k]
    return [statement_from(got["metadatas"][i], got["documents"][i]) for i in best]


def nearest_hnsw(collection, user_id: str, vector: np.ndarray, k: int) -> list[Statement]:
    got = collection.query(
        query_embeddings=vector[None, :],
        n_results=k,
        where={"user_id": user_id},
        include=["documents", "metadatas"],
    )
    rows = zip(got["metadatas"][0], got["documents"][0], strict=True)
    return [statement_from(m, d) for m, d in rows if m.get("user_id") == user_id]
