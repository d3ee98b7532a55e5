"""Stated style preferences act at once on the ranking; the slider at 0 gives the group's choice back."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant.reward.style_terms import style_preferences, style_scores

BULLETS = "Boil an egg:\n1. Boil the water.\n2. Add the egg.\n3. Wait nine minutes.\n4. Cool it."
SHORT = "Simmer the egg for nine minutes, then cool it in cold water."
LONG = (
    "Sorry for the wait! Boiling an egg is easy once you know the steps, and there are many "
    "schools of thought about timing, water temperature, salt and peeling. " * 4
)


def test_reads_only_measurable_style_lines():
    summary = "- Keep answers under three sentences.\n- Skip the bullet points.\n- I'm vegetarian."
    assert dict(style_preferences(summary)) == {"length": -1, "lists": -1}
    assert style_preferences("- I'm vegetarian.") == []


def test_short_prose_wins_for_a_user_who_asked_for_it_and_loses_for_the_opposite():
    cands = [BULLETS, SHORT, LONG]
    wants_short = style_scores("- Keep answers short.\n- Skip the bullet points.", cands)
    assert int(np.argmax(wants_short)) == 1
    wants_long = style_scores("- Give longer, detailed answers.\n- Use bullet points.", cands)
    assert int(np.argmax(wants_long)) != 1
    assert np.all(np.abs(wants_short) <= 1)


def test_no_style_lines_or_one_candidate_gives_zeros():
    assert np.all(style_scores("- I'm vegan.", [SHORT, LONG]) == 0)
    assert np.all(style_scores("- Keep answers short.", [SHORT]) == 0)


@pytest.fixture(scope="module")
def personalizer(tmp_path_factory):
    from assistant.config import load_settings
    from assistant.personalize import load_personalizer

    tmp = tmp_path_factory.mktemp("p")
    p = load_personalizer(load_settings({"data_dir": tmp}, env={}, config_path=Path(tmp / "x")))
    if p is None:
        pytest.skip("the packaged group prior is missing")
    return p


def test_a_stated_preference_changes_the_winner_and_alpha_zero_restores_the_group(personalizer):
    cands = [LONG, BULLETS, SHORT]
    summary = "- Keep answers under three sentences.\n- Skip the bullet points."
    group = personalizer.score({}, "", "How do I boil an egg?", cands, alpha=0.0)
    personal = personalizer.score({}, summary, "How do I boil an egg?", cands, alpha=1.0)
    slider_at_zero = personalizer.score({}, summary, "How do I boil an egg?", cands, alpha=0.0)
    winner = [c.text for c in personal if c.chosen][0]
    assert winner == SHORT
    group_winner = [c.text for c in group if c.chosen][0]
    assert [c.text for c in slider_at_zero if c.chosen][0] == group_winner


def test_style_lines_and_content_lines_go_to_their_own_scorers():
    from assistant.reward.style_terms import split_summary

    style, content = split_summary("- Keep answers short.\n- I'm vegetarian.\n- No emojis.")
    assert style == "- Keep answers short.\n- No emojis."
    assert content == "- I'm vegetarian."


def test_a_taste_in_things_is_content_not_tone():
    from assistant.reward.style_terms import split_summary

    style, content = split_summary("- I love funny films.\n- Be less enthusiastic.")
    assert style == "- Be less enthusiastic."
    assert content == "- I love funny films."
