"""Turn-speed fixes keep behaviour: one-thread small work, length-bucketed encoding, fast checkpoints."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from app.local_session import open_session
from assistant.config import load_settings
from assistant.encoder import get_encoder, length_chunks, one_thread
from benchmarks.turn import CannedLLM, conversation
from tests.fakes import FakeLLM

MIXED = [
    "ok",
    "How do I boil an egg?",
    "Put the egg in boiling water for nine minutes, then cool it in cold water.",
    "Great question! " + "Eggs are versatile and there are many ways to cook them. " * 12,
    "ok",  # a repeat: encoded once, returned at both positions
    "Sure.",
]


def test_one_thread_limits_torch_and_restores_it_even_when_nested_or_failing():
    import torch

    before = torch.get_num_threads()
    with pytest.raises(RuntimeError), one_thread():
        assert torch.get_num_threads() == 1
        with one_thread():
            assert torch.get_num_threads() == 1
        assert torch.get_num_threads() == 1
        raise RuntimeError("boom")
    assert torch.get_num_threads() == before


def test_one_thread_limits_numpy_blas_when_threadpoolctl_is_there():
    threadpoolctl = pytest.importorskip("threadpoolctl")
    blas = [i for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"]
    if not blas:
        pytest.skip("numpy has no BLAS threadpool here")
    before = [i["num_threads"] for i in blas]
    with one_thread():
        inside = [
            i["num_threads"] for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"
        ]
        assert set(inside) == {1}
    after = [i["num_threads"] for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"]
    assert after == before


def test_length_chunks_keep_every_text_once_and_bound_padding():
    texts = [f"t{i}" + "x" * ((i * 37) % 700) for i in range(90)]
    chunks = length_chunks(texts, batch_size=8)
    assert sorted(t for c in chunks for t in c) == sorted(texts)
    for chunk in chunks:
        assert len(chunk) <= 8
        lengths = [max(min(len(t), 1200), 16) for t in chunk]
        assert max(lengths) <= 1.5 * min(lengths)


def test_encode_matches_one_by_one_in_input_order():
    enc = get_encoder()
    together = enc._embed(MIXED)  # one padded batch: what encode() did before bucketing
    bucketed = type(enc)(cache_size=0).encode(MIXED)
    np.testing.assert_allclose(bucketed, together, atol=1e-5)
    np.testing.assert_array_equal(bucketed[0], bucketed[4])
    assert not np.allclose(bucketed[1], bucketed[2])


def test_text_scorer_scores_are_the_same_inside_and_outside_one_thread():
    from assistant.reward.text_scorer import TextScorer

    scorer = TextScorer.load()
    summary = "- I'm vegetarian\n- use metric units"
    answers = ["Grill the chicken for 20 minutes.", "Roast the tofu at 200 °C.", "Bake it."]
    plain = scorer.line_scores(["I'm vegetarian", "use metric units"], answers)
    with one_thread():
        limited = scorer.line_scores(["I'm vegetarian", "use metric units"], answers)
    np.testing.assert_allclose(limited, plain, atol=1e-5)
    scores = scorer.score(summary, "How should I cook dinner?", answers)
    assert scores.shape == (3,) and np.all(np.abs(scores) <= 1) and np.ptp(scores) > 0.1


@pytest.fixture(scope="module")
def classifier():
    from assistant.feedback import FeedbackClassifier

    return FeedbackClassifier.load()


def test_conversations_survive_a_restart_with_fast_checkpoints(tmp_path: Path, classifier):
    settings = load_settings(
        {"data_dir": tmp_path / "data", "user": "alice"}, env={}, config_path=tmp_path / "n.toml"
    )
    first = open_session(settings, llm=FakeLLM(), classifier=classifier, load_personalizer=False)
    first.load()
    first.send("How do I boil an egg?")
    assert first.checkpoints.conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    first.close()
    again = open_session(settings, llm=FakeLLM(), classifier=classifier, load_personalizer=False)
    again.load()
    assert [m["content"] for m in again.transcript()][0] == "How do I boil an egg?"
    again.close()
    with sqlite3.connect(settings.checkpoint_path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_benchmark_conversation_alternates_and_never_repeats_a_text():
    turns = conversation(120)
    assert [k for k, _ in turns[:4]] == ["request", "feedback", "request", "feedback"]
    assert len({t for _, t in turns}) == len(turns)
    llm = CannedLLM(tag="x")
    answers = llm.sample([{"role": "user", "content": turns[0][1]}], 4)
    assert len(set(answers)) == 4 and all("boiling an egg" in a.lower() for a in answers)
