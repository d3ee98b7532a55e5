"""The text-conditioned reward term: respects stated preferences, cheap, and safe on bad input."""

from __future__ import annotations

import importlib
import json
import re
import time
from pathlib import Path

import numpy as np
import pytest

from assistant.encoder import DIM
from assistant.prompts import PREFERENCE_JUDGE
from assistant.reward import text_scorer as ts
from assistant.reward.text_scorer.__main__ import main as cli_main
from assistant.reward.text_scorer.features import N_LEX
from assistant.reward.text_scorer.lexicon import ANSWER_NEG, NEG_CUES, STOP
from assistant.reward.text_scorer.model import mlp_forward
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

FUNCTION_WORDS_TEXT = """
    a an the this that these those some any all each every no none neither nor not never
    i i'm im i've i'd i'll me my mine you your we our they them their it its it's
    and or but if then than so because since while as of to in on at by for with without from
    into onto out up over about against due minus plus per via
    am is are was were be been being do does did have has had can could will would shall should
    may might must can't cannot won't don't dont doesn't didn't isn't aren't wasn't weren't
    what which who whom whose how when where why there here very too also just only less more"""
FUNCTION_WORDS = frozenset(FUNCTION_WORDS_TEXT.split())
"""General English function and negation words: the only lexicon words that need not come from
our facets."""
PREFEVAL_ONLY = ("aversion", "averse", "scared", "no-go", "nogo")


@pytest.fixture(scope="module")
def scorer() -> ts.TextScorer:
    return ts.TextScorer.load()


def lexical_scorer(encoder: FakeEncoder | None = None) -> ts.TextScorer:
    """A scorer whose only hidden unit reads the lexical agreement cue: raw = agreement + 1."""
    width = 3 * DIM + 1 + N_LEX  # [u, u*v, |u-v|, cos, lexical]
    w1 = np.zeros((width, 1), np.float32)
    w1[width - N_LEX, 0] = 1.0  # the first lexical feature: agreement
    params = {
        "mean": np.zeros(width, np.float32),
        "std": np.ones(width, np.float32),
        "w1": w1,
        "b1": np.ones(1, np.float32),
        "w2": np.ones((1, 1), np.float32),
        "b2": np.zeros(1, np.float32),
    }
    return ts.TextScorer(params, encoder=encoder or FakeEncoder())


def bt(params, xc, xr) -> float:
    margin = mlp_forward(params, xc) - mlp_forward(params, xr)
    return float(np.mean(np.logaddexp(0.0, -margin)))


# -- the shipped weights on cases a user would try -------------------------------------------------


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


def test_irrelevant_lines_do_not_drown_the_relevant_one(scorer):
    summary = "- Prefers metric units.\n- Likes short answers.\n- I'm allergic to eggs."
    _, prompt, good, bad = CASES[1]
    s = scorer.score(summary, prompt, [good, bad])
    assert s[0] > s[1]


def test_shape_range_and_empty_input(scorer):
    out = scorer.score(
        "- Avoids dairy.\n- Prefers metric units.",
        "Dessert?",
        ["Sorbet.", "Cheesecake.", "Ice cream.", "Fruit."],
    )
    assert out.shape == (4,) and out.dtype == np.float32
    assert np.all(np.abs(out) <= 1.0)
    assert scorer.score("- Avoids dairy.", "Dessert?", []).shape == (0,)
    assert np.all(scorer.score("", "Any dinner ideas?", ["Pasta.", "Salad."]) == 0)
    assert np.all(scorer.score("   \n- \n", "x", ["a", "b"]) == 0)


def test_fast_when_warm(scorer):
    args = (CASES[0][0], CASES[0][1], [c[2] for c in CASES[:4]])
    scorer.score(*args)
    t0 = time.perf_counter()
    for _ in range(5):
        scorer.score(*args)
    assert (time.perf_counter() - t0) / 5 < 0.05


# -- the scorer's wiring, on a fake encoder and hand-set weights -----------------------------------


def test_lexical_agreement_ranks_the_negated_answer_first():
    model = lexical_scorer()
    s = model.score(
        "- I avoid gluten.",
        "Where can I buy bread?",
        ["Fresh gluten bread.", "A gluten-free bakery."],
    )
    assert s[1] > s[0]
    assert np.all(model.score("- I avoid gluten.", "Bread?", ["Rye.", "Spelt."]) == 0)


def test_relevance_follows_the_prompt():
    model = lexical_scorer()
    lines = ["I avoid gluten.", "Use metric units."]
    w = model.relevance(lines, "Which bakery sells gluten bread?", ["gluten bread"])
    assert w.shape == (2,) and w[0] > 0.9
    assert w[1] == 0, "a line unrelated to the prompt and the answers counts nothing"
    model.gate = None  # the softmax alone shares all the weight among the lines
    w = model.relevance(lines, "Which bakery sells gluten bread?", ["gluten bread"])
    assert w[0] > 0.9 and abs(float(w.sum()) - 1) < 1e-5


def test_summary_lines_are_read_without_bullets_headings_or_tentative_marks():
    summary = "# Preferences\n- (tentative) I avoid gluten\n* Prefers short answers (tentative)\n1. Metric"
    assert ts.preference_lines(summary) == ["I avoid gluten", "Prefers short answers", "Metric"]
    model = lexical_scorer()
    marked = model.score("- (tentative) I avoid gluten.", "Bread?", ["gluten bread", "gluten-free"])
    plain = model.score("- I avoid gluten.", "Bread?", ["gluten bread", "gluten-free"])
    np.testing.assert_array_equal(marked, plain)


def test_bad_input_is_a_clear_error():
    model = lexical_scorer()
    with pytest.raises(ts.TextScorerError, match="list of strings"):
        model.score("- x", "p", "not a list")
    with pytest.raises(ts.TextScorerError, match="strings"):
        model.score(None, "p", ["a"])


def test_missing_or_corrupt_weights_say_how_to_rebuild(tmp_path: Path):
    with pytest.raises(ts.TextScorerError, match="rebuild"):
        ts.TextScorer.load(tmp_path / "nope.npz")
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"not a zip")
    with pytest.raises(ts.TextScorerError, match="rebuild"):
        ts.TextScorer.load(bad)
    partial = tmp_path / "partial.npz"
    np.savez(partial, mean=np.zeros(3), std=np.ones(3))
    with pytest.raises(ts.TextScorerError, match="lack.*w1"):
        ts.TextScorer.load(partial)


def test_capable_llm_judges_with_the_shared_prompt_and_falls_back_on_failure():
    model = lexical_scorer()
    judge = FakeLLM(capable=True, reply="9")
    out = model.score("- I'm allergic to eggs.", "Bake?", ["a", "b"], llm=judge)
    np.testing.assert_allclose(out, [(9 - 5.5) / 4.5] * 2, rtol=1e-6)
    expected = PREFERENCE_JUDGE.format(prefs="- I'm allergic to eggs.", prompt="Bake?", answer="a")
    assert judge.calls[0][0]["content"] == expected
    summary, prompt, answers = "- I avoid gluten.", "Bread?", ["gluten bread", "gluten-free"]
    no_judge = model.score(summary, prompt, answers)
    for fallback in (FakeLLM(capable=True, fail=True), FakeLLM(capable=True, reply="no idea")):
        np.testing.assert_array_equal(model.score(summary, prompt, answers, llm=fallback), no_judge)
    weak = FakeLLM(capable=False, reply="1")
    model.score(summary, prompt, answers, llm=weak)
    assert weak.calls == []


# -- lexicon -----------------------------------------------------------------------------------


def test_lexical_cues_read_negation():
    assert ts.line_terms("I avoid gluten.")["gluten"] == -1
    assert ts.line_terms("I love gluten bread, but I can't eat dairy.")["dairy"] == -1
    assert ts.answer_terms("A gluten-free bakery.")["gluten"] == -1
    assert ts.answer_terms("Fresh gluten bread.")["gluten"] == 1
    agree_free = ts.lexical_features("I avoid gluten.", "A gluten-free bakery.")[0]
    agree_full = ts.lexical_features("I avoid gluten.", "Fresh gluten bread.")[0]
    assert agree_free > agree_full


def test_lexicon_words_are_function_words_or_come_from_our_facets():
    """No word may enter the lexicon from an evaluation set: each is a general function or
    negation word, or appears in a statement against something in our own facets."""
    ours = set()
    for facet in ts.load_facets():
        for statement in facet.against:
            ours.update(re.findall(r"[a-z][a-z']*", statement.lower().replace("-", " ")))
    for name, words in (("NEG_CUES", NEG_CUES), ("ANSWER_NEG", ANSWER_NEG), ("STOP", STOP)):
        stray = sorted(w for w in words if w not in FUNCTION_WORDS and w not in ours)
        assert not stray, f"{name} words in neither the function words nor our facets: {stray}"
    assert not set(PREFEVAL_ONLY) & (NEG_CUES | ANSWER_NEG | STOP)


# -- data and training -------------------------------------------------------------------------


def test_facets_parse_and_pairs_are_seeded():
    facets = ts.load_facets()
    assert len(facets) >= 150 and len({f.domain for f in facets}) >= 15
    assert all(f.against and len(f.good) > 1 and len(f.bad) > 1 for f in facets)
    a = ts.make_pairs(facets[:3], seed=1)
    assert a == ts.make_pairs(facets[:3], seed=1)
    assert a != ts.make_pairs(facets[:3], seed=2)
    assert {r["facet"] for r in a} == {0, 1, 2}
    with pytest.raises(ts.TextScorerError, match="B/G/Q"):
        ts.parse_facets("D: x\nN: I avoid y\n")


def test_tie_rows_pair_an_unrelated_topic_with_the_same_answers():
    facets = ts.load_facets()
    rows = ts.make_pairs(facets, seed=0, ties=0.1)
    ties = [r for r in rows if r["outcome"] == 0.5]
    assert 0 < len(ties) <= 0.1 * len(rows)
    own = {id(r): ts.domain_group(facets[r["facet"]].domain) for r in ties}
    for row in ties[:200]:
        line_facets = [f for f in facets if row["line"] in f.statements]
        assert line_facets and all(ts.domain_group(f.domain) != own[id(row)] for f in line_facets)
        assert all(ts.domain_group(f.domain) != "reaching" for f in line_facets)
    assert ts.domain_group("food & drink") == ts.domain_group("food & diet") == "food"


def test_a_tie_pulls_the_margin_to_zero():
    rng = np.random.default_rng(0)
    xc = rng.normal(size=(64, 8)).astype(np.float32) + 1.0
    xr = rng.normal(size=(64, 8)).astype(np.float32)
    config = ts.FitConfig(hidden=8, epochs=30, dropout=0.0)
    won = ts.fit(xc, xr, config, seed=0)
    tied = ts.fit(xc, xr, config, seed=0, outcomes=np.full(64, 0.5, np.float32))

    def margin(params: dict) -> float:
        return float(np.mean(mlp_forward(params, xc) - mlp_forward(params, xr)))

    assert margin(won) > 0.3 and abs(margin(tied)) < margin(won) / 3
    with pytest.raises(ts.TextScorerError, match="one outcome per pair"):
        ts.fit(xc, xr, config, outcomes=np.ones(3, np.float32))


def test_the_answer_enters_the_features_only_against_the_line():
    u = np.full((1, 4), 0.5, np.float32)
    v = np.array([[1, 0, 0, 0]], np.float32)
    x = ts.pair_features(u, v, np.zeros((1, N_LEX), np.float32))
    assert x.shape == (1, 3 * 4 + 1 + N_LEX)  # [u, u*v, |u-v|, cos, lexical]: no block of v alone
    assert np.array_equal(x[0, :4], u[0]) and np.array_equal(x[0, 4:8], (u * v)[0])


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("hidden", 0, "hidden must be 1 or more"),
        ("ties", 1.5, "ties in"),
        ("members", 0, "members must be 1 or more"),
        ("lr", 0.0, "lr must be > 0"),
        ("dropout", 1.0, "dropout must be in"),
        ("holdout", 1.0, "holdout in"),
    ],
)
def test_bad_fit_config_is_a_clear_error(field, value, message):
    with pytest.raises(ValueError, match=message):
        ts.FitConfig(**{field: value})


def test_fit_lowers_the_loss_and_moves_every_parameter():
    rng = np.random.default_rng(0)
    xc = rng.normal(size=(64, 8)).astype(np.float32) + 1.0
    xr = rng.normal(size=(64, 8)).astype(np.float32)
    short = ts.fit(xc, xr, ts.FitConfig(hidden=8, epochs=1, dropout=0.0), seed=0)
    long = ts.fit(xc, xr, ts.FitConfig(hidden=8, epochs=30, dropout=0.0), seed=0)
    assert np.isfinite(bt(long, xc, xr)) and bt(long, xc, xr) < bt(short, xc, xr)
    for key in ("w1", "b1", "w2", "b2"):
        assert not np.allclose(short[key], long[key]), f"{key} did not move"
    assert ts.pairwise_accuracy(long, xc, xr) > 0.8
    with pytest.raises(ts.TextScorerError, match="non-empty"):
        ts.fit(xc[:0], xr[:0])


def test_ensemble_scores_as_the_mean_of_its_members():
    rng = np.random.default_rng(1)
    xc, xr = (
        rng.normal(size=(32, 5)).astype(np.float32) + 0.5,
        rng.normal(size=(32, 5)).astype(np.float32),
    )
    config = ts.FitConfig(hidden=4, epochs=3, members=3)
    ensemble = ts.fit_ensemble(xc, xr, config, seed=7)
    members = [ts.fit(xc, xr, config, seed=7 + m) for m in range(3)]
    mean = np.mean([mlp_forward(m, xc) for m in members], axis=0)
    np.testing.assert_allclose(mlp_forward(ensemble, xc), mean, rtol=1e-4, atol=1e-5)
    assert ensemble["w1"].shape == (5, 12)


def test_build_writes_loadable_reproducible_weights(tmp_path):
    facets = tmp_path / "facets.txt"
    blocks = [b for b in ts.FACETS_PATH.read_text().split("\n\n") if b.lstrip().startswith("D:")]
    facets.write_text("\n\n".join(blocks[:5]))
    config = ts.FitConfig(epochs=5, members=2)
    a, b = tmp_path / "a" / "w.npz", tmp_path / "b" / "w.npz"
    info = ts.build(a, facets_path=facets, encoder=FakeEncoder(), seed=3, config=config)
    ts.build(b, facets_path=facets, encoder=FakeEncoder(), seed=3, config=config)
    assert info["facets"] == 5 and info["train_pairwise_accuracy"] > 0.9
    assert info["heldout_facets"] == 1 and 0 <= info["heldout_facets_pairwise_accuracy"] <= 1
    assert "heldout_facets_cosine_accuracy" in info and info["config"]["members"] == 2
    assert json.loads((a.parent / "build_info.json").read_text()) == info
    with np.load(a) as za, np.load(b) as zb:
        for k in za.files:
            np.testing.assert_array_equal(za[k], zb[k])
    scorer = ts.TextScorer.load(a, encoder=FakeEncoder())
    assert scorer.score("- I avoid gluten.", "Dinner?", ["x", "y"]).shape == (2,)


def test_cli_build_writes_weights_and_prints_the_info(tmp_path, monkeypatch, capsys):
    facets = tmp_path / "facets.txt"
    blocks = [b for b in ts.FACETS_PATH.read_text().split("\n\n") if b.lstrip().startswith("D:")]
    facets.write_text("\n\n".join(blocks[:2]))
    fit_module = importlib.import_module("assistant.reward.text_scorer.fit")
    monkeypatch.setattr(fit_module, "default_encoder", FakeEncoder)
    out = tmp_path / "w.npz"
    assert cli_main(["build", "--out", str(out), "--facets", str(facets)]) == 0
    assert json.loads(capsys.readouterr().out)["facets"] == 2
    assert out.exists()
