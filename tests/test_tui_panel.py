"""Pilot tests of the preference panel: the slider, the editable summary and its history, the
user's views apart, and where the user stands."""

from __future__ import annotations

import pytest
from textual.widgets import TextArea

from app.session import Dimension
from tests.fake_session import FakeSession
from tests.pilot import SIZE, errors, make_app, say, settle
from tuiparts.chat import MessageBox
from tuiparts.onboarding import OnboardingScreen
from tuiparts.panel import NO_PRIOR, alpha_text, poles, standing_bar


async def test_edited_summary_persists_and_undo_restores(tmp_path):
    app, session = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        editor = app.query_one("#summary-edit", TextArea)
        editor.load_text("Answer in German.")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        editor.load_text("Answer in French.")
        await pilot.click("#save")
        await settle(app, pilot)
        assert FakeSession(tmp_path / "store.json").summary() == "Answer in French."
        await pilot.click("#undo")
        await settle(app, pilot)
        assert editor.text == "Answer in German."
        history = str(app.query_one("#history").render())
        assert "v3" in history and "undo of v2" in history


async def test_views_are_shown_apart_from_preferences(tmp_path):
    app, session = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert not app.query_one("#views").display  # no views: no section
        editor = app.query_one("#summary-edit", TextArea)
        editor.load_text("- Answer in German.\n- I think remote work is better.")
        await pilot.click("#save")
        await settle(app, pilot)
        views = app.query_one("#views")
        shown = str(views.render())
        assert views.display and "never rewarded with agreement" in shown
        assert "remote work" in shown and "German" not in shown


async def test_alpha_slider_reaches_session_and_survives_restart(tmp_path):
    app, session = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("escape", "right_square_bracket", "right_square_bracket")
        await pilot.press("alt+left", "alt+right")  # also works while typing
        await settle(app, pilot)
        assert session.alpha == pytest.approx(0.7)
        assert "α 0.7" in str(app.query_one("#alpha-status").render())
        await say(app, pilot, "hi")
        assert session.alpha_calls[-1] == pytest.approx(0.7)
    app2, session2 = make_app(tmp_path)
    async with app2.run_test(size=SIZE) as pilot:
        await settle(app2, pilot)
        assert app2.alpha == pytest.approx(0.7)
        assert "α = 0.7" in str(app2.query_one("#alpha").render())


async def test_moving_the_slider_shows_the_new_pick_from_the_same_drafts(tmp_path):
    app, session = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await say(app, pilot, "tea?")
        shown = [b for b in app.query(MessageBox) if b.role == "assistant"][-1].source
        assert shown.startswith("Short answer") and session.alpha == pytest.approx(0.5)
        await pilot.press("escape", "left_square_bracket", "left_square_bracket")  # α 0.3
        await settle(app, pilot)
        picks = [b for b in app.query(MessageBox) if b.role == "repick"]
        assert len(picks) == 1 and "longer" in picks[0].source
        assert "α 0.3" in str(picks[0].border_title)
        await pilot.press("right_square_bracket", "right_square_bracket")  # back to α 0.5
        await settle(app, pilot)
        assert [b for b in app.query(MessageBox) if b.role == "repick"] == []


async def test_alpha_is_clamped_to_unit_interval(tmp_path):
    app, session = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("escape", *["left_square_bracket"] * 8)
        await settle(app, pilot)
        assert session.alpha == 0.0 and errors(app) == []


async def test_no_prior_is_said_plainly(tmp_path):
    app, _ = make_app(tmp_path, prior_loaded=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert app.query_one("#prior-note").display
        assert NO_PRIOR in str(app.query_one("#alpha-status").render())
        assert "group prior not loaded" in str(app.query_one("#standing").render())
    app, _ = make_app(tmp_path / "with")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert not app.query_one("#prior-note").display


async def test_onboarding_answers_move_standing(tmp_path):
    app, session = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+o")
        await settle(app, pilot)
        assert isinstance(app.screen, OnboardingScreen)
        assert app.screen.question.number == 1
        await pilot.press("a")
        await settle(app, pilot)
        assert isinstance(app.screen, OnboardingScreen) and app.screen.question.number == 2
        await pilot.press("escape")
        await settle(app, pilot)
        assert not isinstance(app.screen, OnboardingScreen)
        assert session.export()["answered"] == {"q1": "a"}
        assert "you -0.30" in str(app.query_one("#standing").render())


def test_render_helpers_place_marks():
    assert str(alpha_text(0.0)).startswith("group ●")
    assert "●personal" not in str(alpha_text(1.0)) and "━● personal" in str(alpha_text(1.0))
    bar = str(standing_bar(Dimension("length", 1.0, 0.0, -1.0, 0.1), scale=1.0)).splitlines()[1]
    assert bar.index("┃") < bar.index("●"), "group tick left, user dot right"


def test_standing_puts_each_label_end_on_its_side_of_the_bar():
    # labels name the positive end first ("longer ↔ shorter"); the bar grows to the right
    assert poles("longer ↔ shorter") == ("shorter", "longer")
    assert poles("mixed style 4") == ("− mixed style 4", "+")
    longer = Dimension("longer ↔ shorter", 0.8, 0.1, 0.0, 0.5)
    ends, bar, numbers = str(standing_bar(longer, scale=1.0)).splitlines()
    assert ends.startswith("shorter") and ends.rstrip().endswith("longer")
    assert bar.index("●") > bar.index("┃"), (
        "a user who likes longer answers sits right, by 'longer'"
    )
    assert "you +0.80" in numbers
    hedged = Dimension("confident ↔ hedged", -0.5, 0.1, 0.0, 0.5, protected=True)
    assert str(standing_bar(hedged, scale=1.0)).splitlines()[0].rstrip().endswith("confident*")
