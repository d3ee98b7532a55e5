"""Real crowd data: degeneracy features, PandaLM loading and splitting, the quality base and w̄."""

import gzip
import json
from pathlib import Path

import numpy as np
import pytest

from assistant.reward import crowd
from assistant.reward.attributes import (
    CHEAP_FEATURES,
    cheap_features,
    echo_share,
    foreign_script,
    novel_words,
    repeated_share,
)
from assistant.reward.blend import score_candidates
from assistant.reward.model import Featurizer
from assistant.reward.posterior import UserPosterior
from tests.fakes import FakeEncoder
from tests.test_reward_helpers import two_base_prior

PROMPT = "How do I keep basil fresh?"
SANE = "Stand the stems in a glass of water on the counter and keep it out of the fridge."
LOOP = "a kettle, a kettle, a kettle, a kettle, a kettle, a kettle, a kettle, a kettle"


def test_degenerate_answers_show_in_the_measured_shares():
    assert repeated_share(LOOP) > 0.7 and repeated_share(SANE) == 0
    assert echo_share(PROMPT, PROMPT) == 1 and echo_share(SANE, PROMPT) < 0.2
    assert foreign_script("Поставьте стебли в стакан воды.", PROMPT) == 1
    assert foreign_script(SANE, PROMPT) == 0
    assert foreign_script("Поставьте стебли в воду.", "Как сохранить базилик?") == 0
    assert cheap_features("", PROMPT)[CHEAP_FEATURES.index("empty")] == 1


def test_novel_words_count_only_new_readable_content():
    sane = novel_words(SANE, PROMPT)
    assert sane > 2.5
    assert novel_words("", PROMPT) == 0
    assert novel_words(PROMPT, PROMPT) == 0
    assert novel_words("Поставьте стебли в стакан воды.", PROMPT) == 0
    assert novel_words(LOOP, PROMPT) < 0.5 * sane


def test_a_prior_saved_with_fewer_cheap_features_still_reads_text():
    old = Featurizer(np.zeros(13), np.ones(13), FakeEncoder())
    assert old.transform([PROMPT], [SANE]).shape == (1, 384 + 13 + 1)
    new = Featurizer.fitted([SANE, LOOP], FakeEncoder(), [PROMPT, PROMPT])
    assert new.transform([PROMPT], [SANE]).shape == (1, 384 + len(CHEAP_FEATURES) + 1)
    degenerate = CHEAP_FEATURES.index("repeated_share")
    assert new.mean[degenerate] == 0 and new.std[degenerate] == 1  # never blown up by a tiny std


def _write_pandalm(path: Path, rows: list[dict]) -> Path:
    with gzip.open(path / crowd.PANDALM_FILE, "wt", encoding="utf-8") as f:
        json.dump(rows, f)
    return path


def _row(instruction, r1, r2, votes, extra=""):
    return {
        "instruction": instruction,
        "input": extra,
        "response1": r1,
        "response2": r2,
        **{f"annotator{k + 1}": v for k, v in enumerate(votes)},
    }


def test_pandalm_majority_skips_ties_and_non_text(tmp_path):
    rows = [
        _row("Name a fruit.", "Apple.", "", (1, 1, 2)),
        _row("Name a fruit.", "Pear.", "Apple.", (2, 2, 2), extra="red"),
        _row("Name a colour.", "Red.", "Blue.", (0, 0, 1)),
        _row("Name a colour.", "Red.", "Blue.", (1, 2, 0)),
        _row("Name a colour.", True, "Blue.", (1, 1, 1)),
    ]
    pairs, counts = crowd.load_pandalm(_write_pandalm(tmp_path, rows))
    assert [p.outcome for p in pairs] == [1.0, 0.0]
    assert pairs[1].prompt == "Name a fruit.\n\nred"
    assert counts == {"items": 5, "decided": 2, "tie_or_no_majority": 2, "non_text": 1}


def test_missing_crowd_data_says_where_it_should_be(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"\.\./shared/data/pandalm"):
        crowd.load_pandalm(tmp_path)


def test_split_keeps_every_instruction_on_one_side():
    pairs = [crowd.CrowdPair(f"i{k % 20}", f"p{k}", "a", "b", 1.0) for k in range(200)]
    fit, held = crowd.split_by_instruction(pairs, 0.3, seed=1)
    assert {p.instruction for p in fit}.isdisjoint({p.instruction for p in held})
    assert len({p.instruction for p in held}) == 6 and len(fit) + len(held) == 200


def test_ridge_logistic_recovers_the_sign_and_a_penalty_shrinks_it():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 2))
    y = (rng.random(400) < 1 / (1 + np.exp(-(2 * x[:, 0] - x[:, 1])))).astype(float)
    free = crowd.ridge_logistic(x, y, np.array([1e-3, 1e-3]))
    assert free[0] > 1.2 and free[1] < -0.5
    held = crowd.ridge_logistic(x, y, np.array([1e-3, 1e4]))
    assert abs(held[1]) < 0.01 and held[0] > 1.2


def _answers(k: int) -> tuple[str, str]:
    """A sane answer and a worse one (a loop, an echo, nothing, or less said), as a crowd sees."""
    topic = f"topic{k}"
    good = f"For {topic}, start with the basics, practise daily, and ask someone experienced."
    worse = [
        f"{topic} {topic} {topic} {topic} {topic} {topic} {topic} {topic}",
        f"Tell me about {topic}.",
        "",
        f"Practise {topic}.",
    ][k % 4]
    return good, worse


@pytest.fixture(scope="module")
def crowd_prior():
    pairs = []
    for k in range(80):
        good, worse = _answers(k)
        a, b, y = (good, worse, 1.0) if k % 2 else (worse, good, 0.0)
        pairs.append(crowd.CrowdPair(f"i{k % 16}", f"Tell me about topic{k}.", a, b, y))
    prior = two_base_prior()
    report = crowd.add_quality_base(prior, pairs)
    return prior, report


def test_quality_base_is_fitted_on_the_crowd_and_labelled(crowd_prior):
    prior, report = crowd_prior
    assert prior.J == 3 and prior.labels[-1] == crowd.QUALITY_LABEL
    assert prior.w_bar[-1] > 0.5, "the crowd's weight on its own quality direction"
    assert prior.sigma.shape == (3, 3) and np.all(np.linalg.eigvalsh(prior.sigma) > 0)
    assert report["fit_accuracy"] > 0.9
    assert report["quality_inputs"]["novel_words"] > 0


@pytest.mark.parametrize("alpha", [0.0, 0.5, 1.0])
def test_a_degenerate_answer_loses_to_a_sane_one_at_any_alpha(crowd_prior, alpha):
    prior, _ = crowd_prior
    prompt = "How do I keep basil fresh?"
    post = UserPosterior.from_prior(prior)
    for bad in (LOOP, "", prompt, "Поставьте стебли в стакан воды и не ставьте в холодильник."):
        scored = score_candidates(prior, post, alpha, prompt, [bad, SANE])
        assert scored[1].chosen, f"{bad!r} beat the sane answer at α={alpha}"


def test_a_prior_fitted_on_other_data_carries_the_crowds_quality_base():
    from assistant.reward.prior import PACKAGED_PRIOR, GroupPrior

    if not (PACKAGED_PRIOR / "prior.json").is_file():
        pytest.skip("no packaged prior")
    shipped = GroupPrior.load(encoder=FakeEncoder())
    mine = two_base_prior()
    mine.feature_mean, mine.feature_std = shipped.feature_mean + 0.3, shipped.feature_std * 2
    mine = type(mine)(**{k: getattr(mine, k) for k in mine.__dataclass_fields__})  # refit inputs
    crowd.carry_quality_base(mine, shipped)
    assert mine.labels[-1] == crowd.QUALITY_LABEL and mine.w_bar[-1] == shipped.w_bar[-1]
    texts = [SANE, LOOP, "", PROMPT]
    k = shipped.labels.index(crowd.QUALITY_LABEL)
    np.testing.assert_allclose(
        mine.features(PROMPT, texts)[:, -1], shipped.features(PROMPT, texts)[:, k], atol=1e-6
    )


def test_rebuilding_the_shipped_prior_without_the_crowd_data_says_so_at_once(tmp_path):
    from assistant.reward.cli import cli_build_default

    with pytest.raises(FileNotFoundError, match="make prior"):
        cli_build_default(tmp_path / "out", data=tmp_path)
    assert not (tmp_path / "out").exists()
