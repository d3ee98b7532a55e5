"""The slider on answers already written: re-ranking the kept candidates at another α, and the
slider benchmark's measurements."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import numpy as np
import pytest

from app.slider import rerank
from assistant.candidate import Candidate
from benchmarks import slider as bench
from tests.fake_session import FakeSession

TEXTS = ["short one", "a somewhat longer answer", "the longest answer of them all, by far"]


def scripted(prompt: str, texts: list[str], alpha: float) -> list[Candidate]:
    """The group prefers shorter answers, the user longer ones (centred parts, like the blend)."""
    group = np.array([-len(t) for t in texts], float)
    personal = -group
    group, personal = group - group.mean(), personal - personal.mean()
    total = (1 - alpha) * group + alpha * personal
    return [
        Candidate(
            text=t, group=float(g), personal=float(p), total=float(x), chosen=x == total.max()
        )
        for t, g, p, x in zip(texts, group, personal, total, strict=True)
    ]


def kept(chosen: int = 2, degenerate: int | None = None) -> list[Candidate]:
    return [
        Candidate(
            text=t, chosen=i == chosen, draft=i, degenerate="loops" if i == degenerate else None
        )
        for i, t in enumerate(TEXTS)
    ]


def test_moving_the_slider_says_whose_pick_it_is():
    to_group = rerank(scripted, "q", kept(), 0.2)
    assert to_group.changed
    assert to_group.note == "at α 0.2 the group's pick: answer 1 (answer 3 is shown)"
    assert [c.chosen for c in to_group.candidates] == [True, False, False]
    assert [c.draft for c in to_group.candidates] == [0, 1, 2]
    mine = rerank(scripted, "q", kept(), 0.8)
    assert not mine.changed and mine.note == "at α 0.8 your pick: answer 3, the one shown"


def test_a_degenerate_draft_never_becomes_the_pick():
    result = rerank(scripted, "q", kept(chosen=1, degenerate=0), 0.0)
    assert result.candidates[1].chosen and not result.candidates[0].chosen
    assert not result.changed


def test_nothing_to_rerank():
    assert rerank(scripted, "q", [], 0.5).note == ""
    one = rerank(scripted, "q", kept()[:1], 0.5)
    assert "only one answer" in one.note and not one.changed


def test_fake_session_reranks_its_last_answer(tmp_path: Path):
    s = FakeSession(tmp_path / "s.json")
    s.load()
    assert s.rerank(0.3).note == ""
    s.send("hello")
    assert s.rerank(0.0).note == "at α 0.0 the group's pick: answer 2 (answer 1 is shown)"
    assert s.rerank(1.0).note.endswith("answer 1, the one shown")
    assert s.alpha == 0.5  # re-ranking never moves the stored slider
    assert s.group_info().startswith("group = the shipped prior")


class LengthPersonalizer:
    """Group: shorter is better; the user: longer is better."""

    def score(self, profile, summary, prompt, candidates, *, alpha):
        return scripted(prompt, candidates, alpha)

    def notes(self, scored):
        return []

    def views(self, summary):
        return []


def test_local_session_reranks_the_kept_candidates_without_regenerating(tmp_path, classifier):
    from app.local_session import open_session
    from assistant.config import load_settings
    from tests.fakes import FakeLLM

    settings = load_settings(
        {"data_dir": tmp_path / "data", "user": "alice"}, env={}, config_path=tmp_path / "x.toml"
    )
    llm = FakeLLM()
    s = open_session(settings, llm=llm, classifier=classifier, personalizer=LengthPersonalizer())
    s.load()
    assert (
        s.rerank(0.5).note == "only one answer was kept: nothing to re-rank"
        or not s.rerank(0.5).candidates
    )
    s.set_alpha(1.0)
    answer = s.send("How do I boil an egg?").answer
    calls, transcript = len(llm.calls), s.transcript()
    group = s.rerank(0.0)
    assert group.changed and "the group's pick" in group.note
    shortest = min(group.candidates, key=lambda c: len(c.text))
    assert shortest.chosen
    back = s.rerank()  # the user's own slider (1.0): the answer shown
    assert not back.changed and next(c for c in back.candidates if c.chosen).text == answer
    assert len(llm.calls) == calls and s.transcript() == transcript  # nothing regenerated
    assert s.alpha == 1.0
    s.close()


# --- the benchmark's measurements -----------------------------------------------------------


def write_pandalm(folder: Path, rows: list[dict]) -> Path:
    (folder / "pandalm").mkdir(parents=True)
    with gzip.open(folder / "pandalm" / "testset-v1.json.gz", "wt") as fh:
        json.dump(rows, fh)
    return folder


def row(instruction, r1, r2, votes, inp=""):
    a1, a2, a3 = votes
    return {"instruction": instruction, "input": inp, "response1": r1, "response2": r2,
            "annotator1": a1, "annotator2": a2, "annotator3": a3}  # fmt: skip


def test_pandalm_is_grouped_by_instruction_with_majority_votes(tmp_path):
    data = write_pandalm(tmp_path, [
        row("Sum 2+2.", "4", "Four.", (1, 1, 2)),
        row("Sum 2+2.", "4", "5", (1, 0, 0)),
        row("Sum 2+2.", "Four.", "5", (1, 2, 0)),  # one vote each way: undecided
        row("Sum 2+2.", True, "4", (2, 2, 2)),  # a JSON boolean read as text
        row("Say hi.", "hi", "hello", (1, 1, 1)),  # two answers only: dropped
    ])  # fmt: skip
    prompts = bench.load_pandalm(data)
    assert len(prompts) == 1
    p = prompts[0]
    assert p.answers == ["4", "Four.", "5", "True"]
    assert sorted(p.crowd) == [(0, 1), (0, 2), (0, 3)]


def test_agreement_and_monotone():
    crowd = [(0, 1), (2, 0)]
    assert bench.crowd_agreement(0, crowd) == 0.5
    assert bench.crowd_agreement(1, crowd) == 0.0
    assert bench.crowd_agreement(3, crowd) is None
    assert bench.personal_agreement(2, np.array([0.0, 1.0, 2.0, 2.0])) == pytest.approx(2.5 / 3)
    assert bench.is_monotone([0.7, 0.6, 0.6], [0.5, 0.55, 0.6])
    assert not bench.is_monotone([0.7, 0.6, 0.65], [0.5, 0.55, 0.6])
    assert not bench.is_monotone([0.7, 0.6, 0.5], [0.5, 0.45, 0.6])
    drift = [0.7 - 0.004 * i for i in range(6)]  # small steps, a real fall overall
    assert bench.is_monotone(drift, [0.5] * 6)
    assert not bench.is_monotone([0.5] * 6, drift)


def test_the_pick_moves_with_alpha_only_when_the_group_has_a_say():
    from tests.test_reward_helpers import two_base_prior

    phi = np.array([[1.0, 0.0], [0.0, 0.0], [-1.0, 0.0]])
    answers = ["a", "b", "c"]
    user = {"w_hat": np.array([-1.0, 0.0])}
    strong = bench.picks(two_base_prior(w_bar=(0.5, 0.0)), user, phi, answers)
    assert strong[0] == 0 and strong[-1] == 2 and strong[2] == 0  # changes inside [0.1, 1)
    flat = bench.picks(two_base_prior(w_bar=(0.0, 0.0)), user, phi, answers)
    assert set(flat[1:]) == {2}  # a group of near-zero weight: the slider only matters at 0


def test_the_benchmark_skips_cleanly_without_shared_data(tmp_path):
    assert "skipped" in bench.run(tmp_path / "absent", quick=True)


async def test_moving_the_slider_in_the_app_says_what_changed(tmp_path):
    from tests.test_tui import SIZE, make_app, say, settle

    app, session = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await say(app, pilot, "hello")  # α 0.5: the fake's personal pick, answer 1, is shown
        sent = len(session.sent)
        await pilot.press("escape", *["left_square_bracket"] * 3)
        await settle(app, pilot)
        status = str(app.query_one("#alpha-status").render())
        assert "α 0.2" in status and "the group's pick: answer 2 (answer 1 is shown)" in status
        assert session.reranked[-1] == pytest.approx(0.2)
        assert len(session.sent) == sent  # nothing was asked again
        await pilot.press("right_square_bracket", "right_square_bracket")
        await settle(app, pilot)
        assert "answer 1, the one shown" in str(app.query_one("#alpha-status").render())
