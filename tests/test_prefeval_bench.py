"""The PrefEval MCQ benchmark: loader, shuffling, skip-when-absent, and a tiny end-to-end run."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest

from benchmarks import prefeval_mcq as bench

REAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "prefeval"


def _fake_layout(root: Path) -> Path:
    (root / "mcq_options").mkdir(parents=True)
    rows = [
        {
            "preference": "I'm allergic to shellfish.",
            "question": "Where should I eat on the coast?",
            "explanation": "avoid shellfish",
            "classification_task_options": [
                "A farm-to-table vegetable bistro.",
                "A shrimp shack famous for prawns.",
                "An oyster bar with fresh oysters.",
                "A lobster pound by the harbor.",
            ],
        },
        {
            "preference": "I never fly.",
            "question": "How do I get to Madrid from Paris?",
            "classification_task_options": [
                "Take the high-speed train.",
                "Book a cheap flight.",
                "Fly business class.",
                "Take a short hop on a plane.",
            ],
        },
    ]
    (root / "mcq_options" / "food_fake.json").write_text(json.dumps(rows[:1]))
    (root / "mcq_options" / "travel_fake.json").write_text(json.dumps(rows[1:]))
    chats = [
        {
            "conversation": [
                {"role": "user", "content": "Write a haiku."},
                {"role": "assistant", "content": "ok"},
            ]
        }
    ]
    (root / "filtered_inter_turns.json").write_text(json.dumps(chats))
    return root


def test_loader_reads_topics_and_keeps_aligned_option_first(tmp_path):
    items = bench.load_mcq(_fake_layout(tmp_path))
    assert [it.topic for it in items] == ["food_fake", "travel_fake"]
    assert items[0].options[0] == "A farm-to-table vegetable bistro."
    assert bench.load_inter_turns(tmp_path) == ["Write a haiku."]


def test_loader_rejects_a_folder_that_is_not_prefeval(tmp_path):
    with pytest.raises(bench.PrefEvalError, match="mcq_options"):
        bench.load_mcq(tmp_path)
    (tmp_path / "mcq_options").mkdir()
    (tmp_path / "mcq_options" / "x.json").write_text(json.dumps([{"preference": "p"}]))
    with pytest.raises(bench.PrefEvalError, match="classification_task_options"):
        bench.load_mcq(tmp_path)


def test_shuffle_tracks_the_aligned_option_and_is_seeded(tmp_path):
    item = bench.load_mcq(_fake_layout(tmp_path))[0]
    golds = set()
    for s in range(20):
        options, gold = bench.shuffled(item, random.Random(s))
        assert options[gold] == item.options[0]
        assert sorted(options) == sorted(item.options)
        golds.add(gold)
    assert len(golds) > 1
    assert bench.shuffled(item, random.Random(3)) == bench.shuffled(item, random.Random(3))


def test_ties_score_chance_not_first_position():
    rng = random.Random(0)
    picks = [bench.pick(np.zeros(4), rng) for _ in range(400)]
    assert 0.15 < picks.count(0) / 400 < 0.35


def test_absent_data_writes_a_skipped_json(tmp_path, capsys):
    out = tmp_path / "r.json"
    assert bench.main(["--data", str(tmp_path / "missing"), "--out", str(out)]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert "skipped" in json.loads(last)
    assert json.loads(out.read_text())["skipped"]


def test_end_to_end_on_fake_layout(tmp_path, capsys):
    data = _fake_layout(tmp_path / "pe")
    out = tmp_path / "r.json"
    assert bench.main(["--data", str(data), "--out", str(out), "--no-session"]) == 0
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert result == json.loads(out.read_text())
    for key in (
        "accuracy_alpha1",
        "accuracy_alpha0",
        "chance",
        "n",
        "per_topic",
        "baseline_cosine",
        "scorer_build",
    ):
        assert key in result
    assert result["n"] == 2 and result["chance"] == 0.25
    assert set(result["per_topic"]) == {"food_fake", "travel_fake"}
    assert result["accuracy_alpha1"] == 1.0


def test_real_data_loads_when_present():
    if not (REAL / "mcq_options").is_dir():
        pytest.skip("shared PrefEval data not present")
    items = bench.load_mcq(REAL)
    assert len(items) > 100
    assert all(len(it.options) == 4 for it in items)
