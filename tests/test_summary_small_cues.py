"""Small cues met this round: 'for this next answer only' is a one-off, someone who 'went home'
is gone, a number said of someone else is no new amount, and a time of day ('9:30') is not split
at its colon inside a request."""

from __future__ import annotations

from unittest import mock

from assistant.feedback import only_this_answer
from assistant.feedback.request_facts import stated_in_request
from assistant.summary.relation_cues import says_ended


def test_this_next_answer_is_a_one_off():
    assert only_this_answer("For this next answer only, write it as a haiku: what is autumn?")
    assert not only_this_answer("Write the next chapter outline as bullet points.")


def test_someone_who_went_home_is_gone():
    assert says_ended("wren went home yesterday, back to just the two of us")
    assert not says_ended("i went home early and made soup")


def test_a_time_of_day_stays_whole_in_a_request():
    def judge(piece: str) -> tuple[str | None, bool]:
        return piece, True

    said = stated_in_request("my standup is at 9:30 every morning, what's a good lunch?", judge)
    assert said and "9:30" in said[0]


def test_a_question_about_the_world_leaves_no_line_even_marked_as_feedback():
    from assistant.feedback.directive import find_directive

    assert find_directive("is a pescatarian diet healthier than a vegetarian one?") is None
    assert (
        find_directive(
            "what's the difference between bullet points and numbered lists in markdown?"
        )
        is None
    )
    # what is said before the question, and rules asked as questions, stay
    assert find_directive("I'm vegan, what should I cook tonight?") == "I'm vegan."
    assert find_directive("can you use bullet points from now on?") == "Use bullet points."
    assert find_directive("is it ok if you use emojis?") == "Is it ok if you use emojis."
    said = "Two things going forward: call me Ines and use British spelling. Quick q: how long do I boil an egg?"
    assert find_directive(said) == "Call me Ines; use British spelling."


def test_a_new_amount_keeps_the_rule_said_beside_it():
    from assistant.feedback import amount_and_rules

    stored = ["My budget for the new bike is $1,200."]
    said = amount_and_rules(stored, "make that 1500 — and I'm in Canada so CAD")
    assert said == "My budget for the new bike is $1500. I'm in Canada, so CAD."
    # nothing beside it: only the amount
    assert amount_and_rules(["Keep my thermostat around 21 C."], "ok 20, compromise") == (
        "Keep my thermostat around 20 C."
    )
    assert amount_and_rules(stored, "what about helmets?") is None


def test_what_stays_as_it_is_is_no_line():
    from assistant.feedback.directive import find_directive

    assert find_directive("switch the code ones to rust, math stays as is") == (
        "Switch the code ones to rust."
    )


def test_a_number_said_of_someone_else_is_no_new_amount_for_a_line():
    from assistant.feedback import amount_and_rules, amounts

    stored = ["Harry is in Year 2."]
    assert amount_and_rules(stored, "Swim lessons for Poppy are Tuesdays at 4.") is None
    assert amount_and_rules(stored, "Harry is in Year 3 now") == "Harry is in Year 3."
    with mock.patch.object(amounts, "named", lambda piece: None):  # without the guard
        assert amount_and_rules(stored, "Swim lessons for Poppy are Tuesdays at 4.")
