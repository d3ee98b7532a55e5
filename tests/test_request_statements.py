"""What a request states on its way to its question is judged like feedback (stated_in_request):
the judge here is a deterministic fake that calls every piece it sees a lasting directive, so
these tests pin which pieces reach it and which of its answers are kept."""

from __future__ import annotations

import re
from unittest import mock

import pytest

from assistant.feedback import cues
from assistant.feedback.request_facts import said_for_good, stated_in_request


class Judge:
    def __init__(self, lasting: bool = True) -> None:
        self.seen: list[str] = []
        self.lasting = lasting

    def __call__(self, piece: str) -> tuple[str, bool]:
        self.seen.append(piece)
        return piece[0].upper() + piece[1:] + ".", self.lasting


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "got a day job in the pharmacy now!! whats a good workout before work?",
            [],  # no subject: the piece is judged but says nothing of the user by itself
        ),
        (
            "I switched schools, now teaching physics. make me a quiz on momentum",
            ["I switched schools, now teaching physics."],
        ),
        ("context: I'm a chemistry teacher in Manitoba", ["I'm a chemistry teacher in Manitoba."]),
        (
            "we got married last saturday!! so she's my wife now :)",
            ["We got married last saturday."],
        ),
    ],
)
def test_a_stated_piece_about_the_user_is_kept(text, expected):
    assert stated_in_request(text, Judge()) == expected


@pytest.mark.parametrize(
    "text",
    [
        "ok real question: best way to store fresh herbs",
        "my friend wants tips for learning Spanish, what should she start with?",
        "He says I should learn knife skills first, is he right?",
        "I'm in a rush, just give me the one-line answer this time: how do I undo a commit",
        "Right now I need this one in English: a short note saying I'll be late tomorrow",
        "write this one formally, its for my landlord: the heater is broken since 2 weeks",
        "what's the weather usually like in Tbilisi in May",
        "if I were a vegan, what would I eat?",
    ],
)
def test_questions_content_one_offs_and_other_peoples_words_are_not_kept(text):
    assert stated_in_request(text, Judge()) == []


def test_the_content_after_a_colon_never_reaches_the_judge():
    judge = Judge()
    stated_in_request(
        "write this formally, it's for my landlord: I have lived here for 9 years", judge
    )
    assert not any("lived here" in x for x in judge.seen)


def test_a_piece_the_judge_calls_passing_is_not_kept():
    assert stated_in_request("I'm tired today. any quick dinner ideas?", Judge(lasting=False)) == []


def test_a_rule_said_as_an_imperative_is_kept_without_a_subject():
    said = stated_in_request("use metric units. how far is the moon?", Judge())
    assert said == ["Use metric units."]


def test_everything_said_for_good_is_one_directive_without_repeats():
    said = said_for_good("I'm vegan. I'm vegan, what's a good high-protein breakfast?", "", Judge())
    assert said is not None and said.lower().count("vegan") == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hello, I am from Brazil. can you write simpler words?", ["I am from Brazil."]),
        (
            "whats the weather in oslo? btw you keep writing in fahrenheit, i need celsius",
            ["You keep writing in fahrenheit, i need celsius."],
        ),
        ("pls: 1) no emojis in any answer", ["No emojis in any answer."]),
        (
            "3) answer in english even if i write polish",
            ["Answer in english even if i write polish."],
        ),
    ],
)
def test_greetings_numbering_habits_and_even_if_do_not_hide_a_rule(text, expected):
    assert stated_in_request(text, Judge()) == expected


def test_a_short_exclamation_leads_into_the_piece_after_it():
    judge = Judge()
    said = stated_in_request("switched jobs! now at Bolt, same role. how do I prep?", judge)
    assert "switched jobs, now at Bolt, same role" in judge.seen
    assert (
        said == []
    )  # no subject and nothing stored to change: the fake judge alone decides nothing
    told = stated_in_request("ok thanks! I'm vegan now. any breakfast ideas?", Judge())
    assert told == ["Thanks, I'm vegan now."]  # the piece said alone still tells of the user


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "planning a trip to Kyoto in April, can you suggest a 3 day itinerary?",
            ["I'm planning a trip to Kyoto in April."],
        ),
        (
            "training for my first half marathon in october. what should I eat?",
            ["I'm training for my first half marathon in october."],
        ),
        ("planning a dinner for her birthday, ideas?", []),  # no place, no time: an errand
        ("looking for a laptop in Berlin. which one?", []),  # looking for: an ask
    ],
)
def test_a_plan_said_without_its_subject_is_kept_when_it_names_a_place_or_time(text, expected):
    assert stated_in_request(text, Judge()) == expected


def test_a_fact_inside_a_longer_stated_line_is_not_repeated():
    said = said_for_good("planning a trip to Oaxaca in March, budget 2000 dollars", "", Judge())
    assert said is not None and said.lower().count("2000") == 1 and "oaxaca" in said.lower()


def test_a_rule_with_its_scope_in_front_is_a_rule():
    said = stated_in_request("For code questions, use Rust. how do I read a file?", Judge())
    assert said == ["For code questions, use Rust."]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("When I ask Python questions just give me the code, no explanation.", True),
        ("whenever I send a stack trace, first tell me which line broke", True),
        ("any time I ask for a workout, just keep it short", True),
        ("if I ask for a workout, just keep it short", False),  # "if ..." reads as a what-if,
        ("when I ask for help with my cover letter, what do you need from me", False),
        ("When I ask you for a meal plan, can you make it 5 days?", False),
        (
            "when I ask about taxes give me the rules for Ontario",
            False,
        ),  # no cue where a rule starts
    ],
)
def test_a_rule_for_later_asks_without_a_comma_is_no_question(text, expected):
    assert bool(stated_in_request(text, Judge())) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("explain things like I'm new to this, I only started in March", True),
        ("Write all my shell snippets in fish syntax.", True),
        ("give everything in metric please", True),
        ("explain photosynthesis like I'm five", False),  # one topic: an ask
        ("write all the tests for this module", False),  # no way of answering named
        ("explain everything simply?", False),
    ],
)
def test_a_way_of_answering_every_ask_of_a_kind_is_a_rule(text, expected):
    assert bool(stated_in_request(text, Judge())) is expected
    with mock.patch.object(cues, "WHEN_I_ASK", re.compile(r"(?!)")):
        assert not stated_in_request(text, Judge())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("one thing though — can you stop using the em dash so much?", "Stop using the em dash"),
        ("can you forget the summary tables? quick q: how many ml in a cup?", "Forget the summary"),
    ],
)
def test_a_question_that_asks_for_a_standing_rule_is_judged_as_one(text, expected):
    assert any(x.startswith(expected) for x in stated_in_request(text, Judge()))


@pytest.mark.parametrize(
    "text",
    [
        "can you explain how mortgages work?",
        "could you stop the timer example and do this one with a clock?",
    ],
)
def test_a_question_for_content_is_no_rule(text):
    assert stated_in_request(text, Judge()) == []


def test_a_new_fact_about_someone_the_summary_names_is_kept_from_a_request():
    summary = "- My dad Wiesław uses a wheelchair."
    text = "correction - he uses a walker now, he is improving 🙂 which museums are accessible?"
    assert stated_in_request(text, Judge(), summary) == ["He uses a walker now."]
    assert stated_in_request(text, Judge(), "- I live in Rome.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Give me detailed, thorough answers.", "Give me detailed, thorough answers."),
        ("Could you format everything as tables where possible?", "Format everything as tables"),
        ("I want short replies from now on. what is RAM?", "I want short replies."),
        ("give me answers to these 3 questions", None),
        ("write replies to these emails: hi bob", None),
    ],
)
def test_a_rule_about_answers_in_general_is_kept_from_a_request(text, expected):
    from assistant.feedback.request_facts import facts_in_request

    found = facts_in_request(text)
    assert (found or "").startswith(expected) if expected else found is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Harry is in Year 2.", True),
        ("Swim lessons for Poppy are Tuesdays at 4.", True),
        ("hockey practice for Grace is 5:30 tuesday and thursday", True),
        ("Dinner is at 7 on Sundays", False),  # a capital at the start is no name by itself
        ("Tomorrow is the big day for the whole family", False),
        ("She is in Year 2.", False),  # a pronoun is no name: left to what came before it
    ],
)
def test_a_person_named_by_first_name_alone_is_told_of(text, expected):
    from assistant.feedback import request_facts

    assert bool(stated_in_request(text, Judge())) is expected
    with mock.patch.object(request_facts, "names_someone", lambda piece: False):
        assert not stated_in_request(text, Judge())  # told of through the name alone


def test_a_named_person_is_kept_only_where_the_judge_says_it_lasts():
    assert not stated_in_request("Harry is in Year 2.", Judge(lasting=False))


def test_he_or_she_after_someone_named_in_the_request_is_that_person_not_a_stored_one():
    text, stored = (
        "what's a good birthday gift for my sister Anna? she loves pottery",
        "- My mom is 71.",
    )
    assert stated_in_request(text, Judge(), stored) == ["My sister Anna loves pottery."]
    with mock.patch("assistant.feedback.request_facts.resolve_person", lambda line, stored: line):
        assert stated_in_request(text, Judge(), stored) == ["She loves pottery."]  # later: mom
