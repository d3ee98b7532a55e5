"""Text typed the way people type on a phone ('im', 'dont', 'u'), a take-back with its reason
beside it, and a new number for a line that also names a goal or a rate."""

from __future__ import annotations

import pytest

from assistant.feedback import spelled_out
from assistant.summary.quantities import current_numbers, new_amount
from assistant.summary.retraction import no_longer


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("im not doing keto anymore", "I'm not doing keto anymore"),
        ("Im 92 kg, dont forget", "I'm 92 kg, don't forget"),
        (
            "ur answers r too long b/c i read on my phone",
            "your answers are too long because I read on my phone",
        ),  # fmt: skip
        ("ideas w/ what's in the pantry", "ideas with what's in the pantry"),
    ],
)
def test_phone_shorthand_is_spelled_out(typed, expected):
    assert spelled_out(typed) == expected


def test_words_of_their_own_and_capitals_are_kept():
    # 'its' and 'were' are words; 'R' is a language; 'IM' is an acronym
    text = "its fine, we were told to IM them; I code in R"
    assert spelled_out(text) == text


def test_a_take_back_with_its_reason_only_takes_back():
    assert no_longer("i'm not doing keto anymore, doc said to stop")
    assert no_longer("i'm not doing keto any more, it made me miserable")
    assert not no_longer("i'm not vegetarian anymore, i eat meat now")  # says what instead
    assert not no_longer("i'm not doing keto anymore, so suggest pasta")


@pytest.mark.parametrize(
    ("stored", "text", "expected"),
    [
        (
            ["I'm 92 kg trying to get to 80."],
            "down to 88 now!! 🎉",
            "I'm 88 kg trying to get to 80.",
        ),
        (
            ["I have 8k in credit card debt at 24%."],
            "paid it down to 5k!",
            "I have 5k in credit card debt at 24%.",
        ),
        (
            ["I'm flying to Osaka on the 14th, first time in japan."],
            "flight got moved to the 18th",
            "I'm flying to Osaka on the 18th, first time in japan.",
        ),
    ],
)
def test_a_new_number_leaves_the_goal_and_the_rate_alone(stored, text, expected):
    assert new_amount(stored, text) == expected


def test_which_numbers_are_current():
    assert current_numbers("I'm 92 kg trying to get to 80.") == ["92"]
    assert current_numbers("Keep answers to 100 words.") == ["100"]  # one number: it is the value
    assert current_numbers("My 5k time is 31 min, help me get under 28.") == ["5k", "31"]
    assert new_amount(["My 5k time is 31 min, help me get under 28."], "29 now") is None


def test_a_typed_take_back_with_a_reason_leaves_nothing_behind(session):
    session.send("im doing keto so keep recipes low carb", mode="feedback")
    assert "keto" in session.summary().lower()
    session.send("update im not doing keto anymore, doc said to stop", mode="feedback")
    assert "keto" not in session.summary().lower()


def test_a_new_weight_said_in_passing_keeps_the_goal(session):
    session.send("im 92 kg trying to get to 80", mode="feedback")
    r = session.send("down to 88 now!! 🎉")
    summary = session.summary()
    assert r.kind == "feedback" and "88 kg" in summary and "80" in summary and "92" not in summary


def test_a_take_back_may_name_the_slot_instead_of_the_value(session):
    session.send("I live in Winnipeg, use that for local stuff", mode="feedback")
    session.send("actually don't keep where I live, I'd rather you not know that", mode="feedback")
    assert "winnipeg" not in session.summary().lower()
    session.send("I'm 34", mode="feedback")
    session.send("please forget my age", mode="feedback")
    assert "34" not in session.summary()


def test_lasting_cues_said_as_every_answer_or_generally(session):
    session.send("lol that joke killed me")
    session.send("do more of those in your answers generally")
    assert "generally" in session.summary().lower()
    session.send(
        "That thing where you bolded the key terms? Keep doing that in every answer.",
        mode="feedback",
    )
    assert "bold" in session.summary().lower()


@pytest.mark.parametrize(
    ("first", "then", "kind", "said"),
    [  # a scoped format rule is remembered, not answered
        (
            "whenever you list things use bullet points",
            "also for instructions/how-tos give me numbered steps pls",
            "feedback",
            ("bullet", "numbered steps"),
        ),
        (  # a unit rule said before a question is remembered, and the question answered
            "temps in fahrenheit please",
            "and distances in miles. how far is it from denver to boulder?",
            "request",
            ("fahrenheit", "miles"),
        ),
    ],
)
def test_a_second_rule_said_in_passing_is_remembered_beside_the_first(
    session, first, then, kind, said
):
    session.send(first, mode="feedback")
    r = session.send(then)
    summary = session.summary().lower()
    assert r.kind == kind and all(x in summary for x in said)


def test_scratch_that_without_punctuation_keeps_the_new_fact(session):
    session.send("I'm vegetarian", mode="feedback")
    session.send("scratch that i went full vegan last month", mode="feedback")
    summary = session.summary().lower()
    assert "vegan" in summary and "vegetarian" not in summary


def test_a_breakup_and_never_mind_take_the_partners_line_back(session):
    session.send("my partner Jonas doesn't eat pork so leave it out of recipes", mode="feedback")
    session.send("easy weeknight stir fry?")
    session.send("jonas and i broke up 💔 so nvm the pork thing")
    summary = session.summary().lower()
    assert "jonas" not in summary and "pork" not in summary


def test_bringing_back_what_a_ban_took_away_lifts_the_ban(session):
    session.send("stop with the emojis pls", mode="feedback")
    session.send("how do i get wax out of a tablecloth")
    session.send("ok i actually miss them lol bring them back")
    assert "emoji" not in session.summary().lower()


def test_keep_them_that_brief_lasts(session):
    session.send("perfect, loved how short that was — keep them that brief")
    session.send("how do I descale a kettle")
    assert "brief" in session.summary().lower()


def test_a_new_ordinal_takes_its_own_suffix():
    stored = ["My daughter Mia is in 2nd grade."]
    assert new_amount(stored, "she skipped a grade and is now in 4th!") == (
        "My daughter Mia is in 4th grade."
    )
    assert new_amount(["Flying out on the 14th."], "moved to the 21st") == "Flying out on the 21st."
    assert new_amount(["Flying out on the 14th."], "moved to the 12th") == "Flying out on the 12th."
