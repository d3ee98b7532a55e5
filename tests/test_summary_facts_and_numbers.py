"""Facts said in passing and the numbers in them: an injury or a goal beside a rule, the role a
question is asked in, a relative's condition, a new field of work, a rule said again 'after all',
a habit back with a condition, and a new number for the right one of several stored lines."""

from __future__ import annotations

import pytest

from assistant.feedback import find_directive
from assistant.summary import classify, merge_lines
from assistant.summary.quantities import new_amount
from assistant.summary.slots import slots


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "also I tore my left ACL last year so no heavy squats",
            "I tore my left ACL last year; no heavy squats.",
        ),
        (
            "I weigh 82 kg and I'm trying to get down to 75",
            "I weigh 82 kg; I'm trying to get down to 75.",
        ),
        (
            "no wait, use the Oxford comma after all, my editor wants it",
            "Use the Oxford comma after all.",
        ),
        ("update we moved the trip to September", "We moved the trip to September."),
    ],
)
def test_what_a_message_says_for_good(text, expected):
    assert find_directive(text) == expected


def test_trying_to_understand_is_still_no_fact():
    assert find_directive("I'm trying to understand recursion") is None


@pytest.mark.parametrize(
    ("stored", "text", "expected"),
    [
        (["I'm 82kg trying to get to 75."], "down to 79 now :)", "I'm 79kg trying to get to 75."),
        (
            ["I'm 79kg trying to get to 75."],
            "actually changed my goal to 72",
            "I'm 79kg trying to get to 72.",
        ),
        (["I'm trying to get down to 75.", "I weigh 79 kg."], "down to 78 now!", "I weigh 78 kg."),
    ],
)
def test_a_new_number_goes_to_the_weight_or_the_goal_it_is_about(stored, text, expected):
    assert new_amount(stored, text) == expected


def test_a_raise_goes_to_the_line_that_counts_it():
    stored = ["My rent is $1450/mo.", "I make about 3800 after tax."]
    merged = merge_lines(stored, ["Landlord just raised my rent to 1575 ugh."])
    assert "I make about 3800 after tax." in merged.lines
    assert any("1575" in x and "rent" in x.lower() for x in merged.lines)
    assert not any("1450" in x for x in merged.lines)


def test_a_rule_said_again_after_all_replaces_its_ban(session):
    session.send("don't use the Oxford comma", mode="feedback")
    session.send("no wait, use the Oxford comma after all, my editor wants it", mode="feedback")
    summary = session.summary().lower()
    assert "use the oxford comma" in summary and "don't" not in summary and "wait" not in summary


def test_a_habit_back_with_a_condition_keeps_the_condition(session):
    session.send("I don't drink coffee, only tea, so skip coffee in any recs", mode="feedback")
    session.send("oh wait I've started drinking coffee again, decaf only though", mode="feedback")
    summary = session.summary().lower()
    assert "decaf" in summary and "skip coffee" not in summary


def test_the_role_a_question_is_asked_in_is_remembered(session):
    session.send("as a vet tech, what's the normal heart rate for a cat?")
    session.send("as a rule, what's the best way to store onions?")
    assert session.summary() == "- I'm a vet tech."


def test_what_a_relative_cant_have_lasts(session):
    session.send("My daughter Noor has a sesame allergy.", mode="feedback")
    session.send("how about lunch ideas for school?")
    session.send("Also her little brother Idris can't have eggs.")
    assert "idris can't have eggs" in session.summary().lower()


def test_a_condition_of_a_stepparent_said_in_a_request(session):
    session.send("my stepmom Marisol is visiting for 2 weeks", mode="feedback")
    session.send("she's diabetic, meal ideas for when she's here?")
    assert "- My stepmom Marisol is diabetic." in session.summary()


def test_a_gentler_tone_replaces_the_drill_sergeant(session):
    assert classify("Supportive coach vibe instead.") == [("warmth", "+")]
    session.send("talk to me like a drill sergeant, I need motivation", mode="feedback")
    session.send("too much lol. supportive coach vibe instead", mode="feedback")
    assert "drill" not in session.summary().lower()


def test_a_new_field_is_a_new_job():
    assert [s.value for s in slots("I switched to urban planning.") if s.name == "job"] == [
        "urban planning"
    ]
    merged = merge_lines(["I work as an architect."], ["I switched to urban planning."])
    assert merged.lines == ["I switched to urban planning."]


def test_the_new_total_of_several_numbers():
    stored = ["I'm saving for a house.", "Goal is 40k deposit.", "I have 12k so far."]
    assert new_amount(stored, "put another 3k in this month! so 15k now") == "I have 15k so far."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("wait she's turning 65 not 60, I'm a terrible son", "She's turning 65 not 60."),
        ("I'm a bad cook, so keep recipes simple", "I'm a bad cook; keep recipes simple."),
        ("go back to English, Turkish is slowing me down", "Go back to English."),
        ("my doctor switched me to apixaban", "My doctor switched me to apixaban."),
    ],
)
def test_facts_kept_and_complaints_left(text, expected):
    assert find_directive(text) == expected


def test_the_reason_for_a_take_back_is_no_line(session):
    session.send("keep it under 3 sentences from now on", mode="feedback")
    session.send(
        "ok you can go back to normal length, the short answers were missing stuff",
        mode="feedback",
    )
    assert session.summary() == ""


def test_a_bad_knee_said_before_a_question_is_remembered(session):
    session.send("bad knee here so no running suggestions plz. good cardio for weight loss?")
    assert "knee" in session.summary().lower()


def test_a_length_with_a_number_replaces_a_bare_one(session):
    session.send("your answers are way too long", mode="feedback")
    session.send("like half as long please", mode="feedback")
    session.send("better. still a bit long honestly—aim for 3-4 sentences", mode="feedback")
    summary = session.summary().lower()
    assert "3-4 sentences" in summary and "half" not in summary


def test_what_someone_said_to_do_is_the_rule(session):
    session.send("my daily calorie target is 2200", mode="feedback")
    session.send("doctor said bump it to 2500 while I'm training for the marathon")
    assert "2500" in session.summary() and "2200" not in session.summary()


def test_what_the_advisor_wants_lasts(session):
    session.send("cite everything in MLA", mode="feedback")
    session.send("my advisor wants Chicago style now ugh", mode="feedback")
    summary = session.summary()
    assert "Chicago" in summary and "ugh" not in summary


def test_a_rule_that_starts_with_when_is_no_question(session):
    session.send("Answer in Hungarian.", mode="feedback")
    session.send("When you use technical terms, put the English term in parentheses.")
    assert "parentheses" in session.summary()


@pytest.mark.parametrize("mode", ["auto", "feedback"])
def test_what_is_true_only_this_week_is_not_kept(session, mode):
    session.send(
        "I'm in Tokyo this week for work, what's a good ramen spot near Shinjuku?", mode=mode
    )
    session.send(
        "my flight leaves at 6am tomorrow, when should I leave for the airport?", mode=mode
    )
    session.send("she just started 5th grade this week! my daughter Yuki, I mean", mode="feedback")
    summary = session.summary().lower()
    assert "tokyo" not in summary and "flight" not in summary and "5th grade" in summary
