"""The text-conditioned reward term: respects stated preferences, cheap, and safe on bad input."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest

from assistant.reward import text_scorer as ts
from tests.fakes import FakeEncoder, FakeLLM

# Hand-written cases that are NOT in the training facets (different wording, items and domains).
CASES = [
    (
        "- I keep kosher and never mix meat with dairy.",
        "What should I order at the burger place?",
        "A plain beef burger with pickles and onions, no cheese.",
        "A double cheeseburger with extra cheddar and a milkshake.",
    ),
    (
        "- I'm allergic to eggs.",
        "What should I bake for the school fair?",
        "Egg-free banana oat muffins made with applesauce.",
        "A classic custard tart with lots of eggs and a meringue topping.",
    ),
    (
        "- I avoid horses; I had a bad fall once.",
        "What should we do on our trip to Iceland?",
        "Soak in a geothermal lagoon and walk behind a waterfall.",
        "Go horseback riding on Icelandic horses across the lava fields.",
    ),
    (
        "- I don't want anything with open flames at home, I rent an old wooden flat.",
        "How can I make my bedroom feel cozy?",
        "Warm LED fairy lights and a soft wool-free throw blanket.",
        "Light lots of scented candles and an oil lamp by the bed.",
    ),
    (
        "- I refuse to use Microsoft products.",
        "Which code editor should I install?",
        "Try Neovim or Emacs; both are free and extensible.",
        "Install Visual Studio Code from Microsoft, the most popular choice.",
    ),
    (
        "- I get seasick easily.",
        "How should I spend a day in Sydney?",
        "Walk the coastal path from Bondi to Coogee and visit the botanic garden.",
        "Take a whale-watching boat trip out on the open ocean.",
    ),
]


@pytest.fixture(scope="module")
def scorer() -> ts.TextScorer:
    return ts.TextScorer.load()


def test_prefers_respecting_answer_on_unseen_cases(scorer):
    wins = 0
    for summary, prompt, good, bad in CASES:
        s = scorer.score(summary, prompt, [good, bad])
        wins += s[0] > s[1]
    assert wins >= len(CASES) - 1, f"respecting answer won only {wins}/{len(CASES)}"


@pytest.mark.parametrize(
    ("summary", "prompt", "good", "bad"),
    [
        (
            "- I'm vegetarian.",
            "Any ideas for lunch?",
            "Spinach and ricotta cannelloni.",
            "Seared duck breast with cherries.",
        ),
        (
            "- I don't eat meat.",
            "Where should I eat in Rome?",
            "A pizzeria with great vegetable pizzas.",
            "A trattoria famous for its oxtail stew.",
        ),
    ],
)
def test_meat_free_users_do_not_get_meat(scorer, summary, prompt, good, bad):
    """The first thing a person tries; none of these dishes are in the training facets."""
    for pair in ([good, bad], [bad, good]):
        s = scorer.score(summary, prompt, pair)
        assert s[pair.index(good)] > s[pair.index(bad)]


def test_beats_cosine_where_the_violation_names_the_topic(scorer):
    """Cosine likes the answer that mentions eggs enthusiastically; the scorer must not."""
    summary, prompt, good, bad = CASES[1]
    s = scorer.score(summary, prompt, [good, bad])
    assert s[0] > s[1]


def test_empty_summary_scores_zero(scorer):
    out = scorer.score("", "Any dinner ideas?", ["Pasta.", "Salad.", "Soup."])
    assert out.shape == (3,)
    assert np.all(out == 0)
    assert np.all(scorer.score("   \n- \n", "x", ["a", "b"]) == 0)


def test_shape_range_and_empty_responses(scorer):
    out = scorer.score(
        "- Avoids dairy.\n- Prefers metric units.",
        "Dessert?",
        ["Sorbet.", "Cheesecake.", "Ice cream.", "Fruit."],
    )
    assert out.shape == (4,) and out.dtype == np.float32
    assert np.all(np.abs(out) <= 1.0)
    assert scorer.score("- Avoids dairy.", "Dessert?", []).shape == (0,)


def test_irrelevant_line_does_not_drown_the_relevant_one(scorer):
    summary = "- Prefers metric units.\n- Likes short answers.\n- I'm allergic to eggs."
    _, prompt, good, bad = CASES[1]
    s = scorer.score(summary, prompt, [good, bad])
    assert s[0] > s[1]


def test_fast_when_warm(scorer):
    args = (CASES[0][0], CASES[0][1], [c[2] for c in CASES[:4]])
    scorer.score(*args)
    t0 = time.perf_counter()
    for _ in range(5):
        scorer.score(*args)
    assert (time.perf_counter() - t0) / 5 < 0.05


def test_bad_input_is_a_clear_error(scorer):
    with pytest.raises(ts.TextScorerError, match="list of strings"):
        scorer.score("- x", "p", "not a list")
    with pytest.raises(ts.TextScorerError, match="strings"):
        scorer.score(None, "p", ["a"])


def test_missing_or_corrupt_weights_say_how_to_rebuild(tmp_path: Path):
    with pytest.raises(ts.TextScorerError, match="rebuild"):
        ts.TextScorer.load(tmp_path / "nope.npz")
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"not a zip")
    with pytest.raises(ts.TextScorerError, match="rebuild"):
        ts.TextScorer.load(bad)


def test_capable_llm_judges_and_falls_back_on_failure(scorer):
    judge = FakeLLM(capable=True, reply="9")
    out = scorer.score("- I'm allergic to eggs.", "Bake?", ["a", "b"], llm=judge)
    np.testing.assert_allclose(out, [(9 - 5.5) / 4.5] * 2, rtol=1e-6)
    assert "allergic to eggs" in judge.calls[0][0]["content"]
    failing = FakeLLM(capable=True, fail=True)
    summary, prompt, good, bad = CASES[1]
    s = scorer.score(summary, prompt, [good, bad], llm=failing)
    assert s[0] > s[1]
    weak = FakeLLM(capable=False, reply="1")
    scorer.score(summary, prompt, [good, bad], llm=weak)
    assert weak.calls == []


def test_lexical_cues_read_negation():
    assert ts.line_terms("I avoid gluten.")["gluten"] == -1
    assert ts.answer_terms("A gluten-free bakery.")["gluten"] == -1
    assert ts.answer_terms("Fresh gluten bread.")["gluten"] == 1
    agree_free = ts.lexical_features("I avoid gluten.", "A gluten-free bakery.")[0]
    agree_full = ts.lexical_features("I avoid gluten.", "Fresh gluten bread.")[0]
    assert agree_free > agree_full


def test_facets_parse_and_pairs_are_seeded():
    facets = ts.load_facets()
    assert len(facets) >= 50 and len({f.domain for f in facets}) >= 15
    a = ts.make_pairs(facets[:3], seed=1)
    assert a == ts.make_pairs(facets[:3], seed=1)
    assert a != ts.make_pairs(facets[:3], seed=2)
    with pytest.raises(ts.TextScorerError, match="B/G/Q"):
        ts.parse_facets("D: x\nN: I avoid y\n")


def test_fit_loss_direction_and_parameters_move():
    rng = np.random.default_rng(0)
    xc = rng.normal(size=(64, 8)).astype(np.float32) + 1.0
    xr = rng.normal(size=(64, 8)).astype(np.float32)
    params = ts.fit(xc, xr, hidden=8, epochs=20, seed=0)
    assert ts.pairwise_accuracy(params, xc, xr) > 0.8
    with pytest.raises(ts.TextScorerError, match="non-empty"):
        ts.fit(xc[:0], xr[:0])


def test_build_writes_loadable_reproducible_weights(tmp_path):
    facets = tmp_path / "facets.txt"
    text = ts.FACETS_PATH.read_text().split("\n\n")
    facets.write_text("\n\n".join(text[1:4]))
    a, b = tmp_path / "a" / "w.npz", tmp_path / "b" / "w.npz"
    info = ts.build(a, facets_path=facets, encoder=FakeEncoder(), seed=3)
    ts.build(b, facets_path=facets, encoder=FakeEncoder(), seed=3)
    assert info["facets"] == 3 and info["train_pairwise_accuracy"] > 0.9
    assert (a.parent / "build_info.json").exists()
    with np.load(a) as za, np.load(b) as zb:
        for k in za.files:
            np.testing.assert_array_equal(za[k], zb[k])
    scorer = ts.TextScorer.load(a, encoder=FakeEncoder())
    assert scorer.score("- I avoid gluten.", "Dinner?", ["x", "y"]).shape == (2,)
