"""One item of a list taken back ('it's not latex, scrap that one'), 'forget that' beside other
words, 'remove that from your notes', a value said again 'after all', a date corrected by its day
('March 13, not 3'), style labels ('emojis: yes', 'lang: Swedish'), a rename beside a one-off, and
a one-off length rule that the revision is written under."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.feedback import find_directive
from assistant.feedback.lasting import facts_beside_one_off
from assistant.feedback.shorthand import spelled_out
from assistant.summary import merge_lines
from assistant.summary.contrast import corrected_lines
from assistant.summary.kept_parts import without_item
from assistant.summary.retraction import is_retraction, takes_back_last

ALLERGIES = "I'm allergic to shellfish, latex and ibuprofen."


@pytest.mark.parametrize(
    "said",
    ["it's not latex, scrap that one.", "scrap the latex one", "I double-checked, scrap latex"],
)
def test_one_item_of_a_list_goes_and_the_rest_stays(said):
    assert without_item(ALLERGIES, said) == "I'm allergic to shellfish and ibuprofen."


def test_no_item_named_or_the_opening_item_named_keeps_nothing_apart():
    assert without_item(ALLERGIES, "forget the allergies") is None
    assert without_item(ALLERGIES, "not shellfish after all") is None
    assert without_item("My kids are Leo 6, Emma 9.", "forget about emma") == "My kids are Leo 6."


def test_the_take_back_of_one_item_through_the_merge():
    found = find_directive("I double-checked my records - it's not latex, scrap that one.")
    assert found is not None and "scrap my records" not in found.lower()
    merged = merge_lines([ALLERGIES], ["It's not latex, scrap that one."]).lines
    assert merged == ["I'm allergic to shellfish and ibuprofen."]


def test_forget_that_beside_other_words_still_takes_back_the_newest_line():
    stored = ["I'm pregnant, due in March."]
    new = ["Forget that.", "I'd rather not have it saved."]
    assert merge_lines(stored, new).lines == ["I'd rather not have it saved."]
    # beside a new value on a stored axis it replaces that line instead (unchanged)
    assert merge_lines(["Use cups in recipes."], ["Scratch that.", "Use grams."]).lines == [
        "Use grams."
    ]


def test_remove_that_from_your_notes_is_a_take_back():
    assert takes_back_last("Remove that from your notes.")
    assert takes_back_last("please delete it from the summary")
    assert not takes_back_last("Remove the intro from answers.")


def test_a_value_said_again_after_all_is_kept():
    assert not is_retraction("German after all.")
    assert is_retraction("Not lactose intolerant after all.")
    assert merge_lines(["Use Dutch."], ["German after all."]).lines == ["German after all."]


def test_a_date_corrected_by_its_day_is_not_said_twice():
    stored = ["My mom's birthday is March 3."]
    assert corrected_lines(stored, "oops it's March 13, not 3") == [
        "My mom's birthday is March 13."
    ]


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("emojis: yes", "use emojis"),
        ("emojis: none", "no emojis"),
        ("length: short", "keep answers short"),
        ("lang: Swedish", "answer in Swedish"),
        ("tone: casual", "use a casual tone"),
    ],
)
def test_style_labels_are_read_as_rules(typed, said):
    assert spelled_out(typed) == said


def test_a_city_label_after_a_full_stop_is_a_place():
    from assistant.summary.terse import spelled_out_labels

    assert "I live in Leeds" in spelled_out_labels("name: Priya. city: Leeds. vegetarian.")


def test_a_rename_beside_a_one_off_lasts():
    text = "the kids voted and we renamed him Pepper lol. also this once, answer in one line"
    beside = facts_beside_one_off(text)
    assert beside is not None and "Pepper" in beside
    assert merge_lines(["We have a dog called Rex."], [beside]).lines == [
        "We have a dog called Pepper."
    ]


def test_a_one_off_length_rule_shapes_the_revision(tmp_path: Path, classifier):
    from app.local_session import open_session
    from assistant.config import load_settings
    from tests.fakes import FakeLLM

    reply = "Tea is easy to make. Boil the water first. Then steep the leaves for three minutes."
    settings = load_settings(
        {"data_dir": tmp_path / "data", "user": "bo"}, env={}, config_path=tmp_path / "none.toml"
    )
    s = open_session(
        settings, llm=FakeLLM(reply=reply), classifier=classifier, load_personalizer=False
    )
    s.load()
    try:
        first = s.send("How do I make a cup of tea?", mode="request")
        assert first.answer.count(".") == 3
        revised = s.send("just this once, answer in one sentence", mode="feedback")
        assert "one sentence" not in s.summary().lower()
        assert revised.answer.strip() == "Tea is easy to make."
    finally:
        s.close()


def test_too_many_said_alone_is_a_verdict_not_a_rule():
    from assistant.feedback.too import rewrite_too

    assert rewrite_too("ok that's too many") == ""
    assert find_directive("ok that's too many. keep emojis to one per message max") == (
        "Keep emojis to one per message max."
    )


def test_forget_that_after_another_take_back_in_the_same_message_takes_nothing_more():
    stored = ["My dad's on a low salt diet for his heart.", "My dad eats with us on sundays."]
    new = ["His cardiologist says he can come off the low salt diet now.", "Ignore that."]
    assert merge_lines(stored, new).lines == ["My dad eats with us on sundays."]


def test_a_budget_inside_a_question_is_not_kept_but_a_fact_beside_one_is():
    from assistant.feedback.request_facts import facts_in_request

    assert facts_in_request("gift ideas under $50?") is None
    assert "2000" in (facts_in_request("my budget is 2000 euros, is Iceland doable?") or "")
    assert "diabetic" in (facts_in_request("she's diabetic, meal ideas for when she's here?") or "")


def test_an_age_said_again_with_actually_replaces_the_number():
    stored = ["My cat Pepper is 12 and has kidney issues."]
    assert merge_lines(stored, ["Pepper is actually 14."]).lines == [
        "My cat Pepper is 14 and has kidney issues."
    ]


def test_i_always_forget_is_no_take_back():
    from assistant.summary.relation_cues import RETRACT

    assert RETRACT.search("i always forget she's older than i think") is None
    assert RETRACT.search("forget she's vegan, she eats meat now") is not None
    assert RETRACT.search("forget that") is not None


def test_a_name_set_off_by_commas_stays_with_its_person():
    from assistant.summary.references import resolve_person
    from assistant.summary.resolve import said_in_order

    said = said_in_order("Our family is vegetarian and my youngest, Priya, is also dairy-free.")
    assert "my youngest Priya is also dairy-free" in said
    stored = ["My neighbour Mrs Patel watches my kids on Thursdays."]
    assert resolve_person("She's moving to Birmingham.", stored) == (
        "My neighbour Mrs Patel is moving to Birmingham."
    )


def test_a_second_childs_age_after_and_is_kept():
    from assistant.summary.clauses import clause_kind

    assert clause_kind("Ava is 3") == "fact"
    assert clause_kind("Paris is 3 hours away") is None


def test_a_bare_diet_with_a_space_and_a_pet_said_in_passing_are_facts():
    from assistant.summary.terse import spelled_out_labels

    assert (
        "gluten-free" in (find_directive("gluten free. also allergic to shellfish") or "").lower()
    )
    said = spelled_out_labels("got a dog, Rex, golden retriever")
    assert said.startswith("I have a dog called Rex")


def test_more_with_an_adjective_is_how_to_be():
    found = find_directive("Can you be gentler and more supportive from now on?") or ""
    assert "be more supportive" in found.lower() and "use more" not in found.lower()


@pytest.mark.parametrize(
    "said",
    ["lol it's raining AGAIN here", "that felt a bit harsh when I was talking about my daughter"],
)
def test_weather_and_a_feeling_about_the_answer_are_no_lines(said):
    assert find_directive(said) is None


def test_use_that_after_a_name_someone_is_called_uses_the_name():
    from assistant.feedback.directive import lines_with_kinds

    said = "my nephew is Maximilian but we all call him max, use that"
    assert [x for x, _ in lines_with_kinds(said)][-1] == "Use max."
    said = "my boss started spelling it Katrin and I like that more, use that"
    assert [x for x, _ in lines_with_kinds(said)][-1] == "Use Katrin."
    # no one-word name at the end of the clause: nothing to point at
    said = "we call them the twins, use that"
    assert [x for x, _ in lines_with_kinds(said)] == ["Use that."]
