"""Changes said in everyday words: a number changed by a delta, a state that ends and takes its
rule with it, someone else who moves, a take-back that also says something new, and rules or
roles said inside a request. Written for plural (never from evaluation data)."""

from __future__ import annotations

import re

import pytest

from assistant.encoder import get_encoder
from assistant.feedback import facts_in_request, find_directive
from assistant.feedback.request_updates import update_in_request
from assistant.summary import merge_directive
from assistant.summary.references import resolve_number
from assistant.summary.relations import rule_relation
from tests.test_summary_references import summary_after


@pytest.mark.parametrize(
    ("stored", "line", "expected"),
    [
        ("My rent is $1,200 a month.", "Landlord just raised it by 150 ugh.", "My rent is $1,350 a month."),
        ("I have 3 cats.", "We adopted two more yesterday.", "I have 5 cats."),
        ("I weigh 82 kg.", "Update: down to 78 kg.", "I weigh 78 kg."),
        ("I sleep about 6 hours a night.", "No, it's more like 5.", "I sleep about 5 hours a night."),
        ("My budget is 1500 euros.", "I can stretch it by another 300.", "My budget is 1800 euros."),
    ],
)  # fmt: skip
def test_a_number_changed_by_a_delta_or_to_a_new_value(stored, line, expected):
    assert resolve_number(line, [stored]) == expected


def test_a_new_rule_with_its_own_noun_is_not_a_number_change():
    assert resolve_number("Keep answers down to 100 words.", ["I weigh 82 kg."]) == (
        "Keep answers down to 100 words."
    )


@pytest.mark.parametrize(
    ("stored", "line", "expected"),
    [
        ("Budget about 900 euros for the week.", "Make that 5 days.", "Make that 5 days."),
        ("I run 1 hour a day.", "Make that 45 minutes.", "I run 45 minutes a day."),
        ("Limit answers to 150 words.", "Make that 100.", "Limit answers to 100 words."),
    ],
)
def test_a_set_number_with_a_unit_the_line_does_not_count_in_is_not_its_value(
    stored, line, expected
):
    assert resolve_number(line, [stored]) == expected


def test_something_that_ended_takes_its_line_and_is_not_stored_itself():
    lines = summary_after(
        "I keep kosher and I'm allergic to sesame.", "I don't keep kosher anymore."
    )
    assert not any("kosher" in x for x in lines)
    assert any("sesame" in x for x in lines)


def test_the_age_said_beside_what_ended_is_kept():
    lines = summary_after("I'm 34 and training for a marathon in October.", "Not training anymore.")
    assert lines == ["I'm 34."]


def test_a_rule_that_follows_from_a_passing_state_goes_with_it():
    said = find_directive(
        "My left leg is in a cast for the next 6 weeks, so only suggest seated exercises."
    )
    assert said is not None and ";" not in said  # one line: the state and its rule
    lines = summary_after(
        "My left leg is in a cast for the next 6 weeks, so only suggest seated exercises.",
        "I like bullet points.",
        "Good news, the cast came off yesterday!",
    )
    assert not any("seated" in x for x in lines) and any("bullet" in x for x in lines)


def test_a_rule_beside_a_lasting_fact_stays_its_own_line():
    said = find_directive("I teach high school history, so please cite sources with links.")
    assert said is not None and ";" in said


def test_someone_else_moving_replaces_where_they_live():
    lines = summary_after(
        "My mom lives alone in Tucson.", "My mom moved into assisted living in Phoenix."
    )
    assert not any("Tucson" in x for x in lines) and any("Phoenix" in x for x in lines)


def test_a_named_person_who_left_takes_their_lines_with_them():
    assert rule_relation("My coworker Gregor hates long lists.", "Gregor left the company.") == (
        "retracts"
    )


def test_a_take_back_that_also_names_a_new_place_keeps_the_place():
    lines = summary_after(
        "I'm in Tokyo for a work trip this month, so give times in JST.",
        "I'm back home in Denver now, so the JST thing is over.",
    )
    assert any("Denver" in x for x in lines)
    assert not any("JST" in x or "Tokyo" in x for x in lines)


def test_a_contrast_is_not_split_as_a_take_back():
    merged = merge_directive("- I use vim.", "Use miles, not kilometres.", encoder=get_encoder())
    assert merged.splitlines() == ["- I use vim.", "- Use miles."]  # the old unit is not kept


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Please keep a formal, professional tone in all responses.", "Keep a formal, professional tone in all responses."),
        ("and use celsius, always", "Always use celsius."),
        ("He graduated and moved to London for a job.", "He moved to London for a job."),
        ("sorry i mean i moved to curitiba recently", "I moved to curitiba recently."),
    ],
)  # fmt: skip
def test_clauses_that_are_one_line(text, expected):
    assert find_directive(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hola! answer me in spanish from now on pls. whats the capital of peru?", "spanish"),
        ("As a nurse on night shifts, how should I plan my sleep?", "I'm a nurse on night shifts"),
        (
            "my wife Ana hates olives, a pizza idea? and remember that for future recipes pls",
            "olives",
        ),
        ("i'm gluten free btw, what's a quick lunch?", "gluten free"),
    ],
)
def test_a_rule_or_role_said_inside_a_request_is_remembered(text, expected):
    found = facts_in_request(text)
    assert found is not None and expected in found


@pytest.mark.parametrize(
    "text",
    [
        "hypothetically, if I moved to Norway, how much would rent in Oslo cost?",
        "Today only I need a long detailed walkthrough: how do I file taxes?",
        "As a reminder, how do I reset my router?",
    ],
)
def test_a_hypothetical_or_a_one_off_inside_a_request_is_not(text):
    assert facts_in_request(text) is None


def test_a_request_that_changes_a_stored_number_is_an_update_too():
    summary = "- I run 3 times a week."
    assert update_in_request("bumped it up to 5 runs a week now, any tips?", summary)
    assert update_in_request("how do I avoid shin splints?", summary) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "I had to pull out of the marathon, knee issue. So that doesn't apply anymore.",
            "I had to pull out of the marathon, so that doesn't apply anymore.",
        ),
        (
            "Since it's Ramadan, suggest meals for suhoor and iftar only.",
            "Since it's Ramadan, suggest meals for suhoor and iftar only.",
        ),
    ],
)
def test_a_take_back_or_a_rule_keeps_the_reason_that_says_what_it_is_about(text, expected):
    assert find_directive(text) == expected


def test_a_take_back_in_new_words_removes_the_rule_it_names():
    lines = summary_after(
        "I'm still reading the series, no spoilers beyond book 5 please!",
        "I like it when you recommend similar books.",
        "finished the whole series last night, the spoiler rule is history",
    )
    assert not any("spoiler" in x for x in lines) and any("similar books" in x for x in lines)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "perfect, I love that you gave numbered steps. always do that for how-to stuff",
            "Always give numbered steps for how-to stuff.",
        ),
        (
            "love how you broke that answer into sections with headers, keep doing that",
            "Break answers into sections with headers.",
        ),
        (
            "that comparison table you did is great, do it every time you compare phones",
            "Use a comparison table every time you compare phones.",
        ),
        (
            "the way you split that into steps with timings was perfect - do that for my plans",
            "Split it into steps with timings for my plans.",
        ),
        ("loved the analogies. keep including analogies like that", None),
        ("great answer, do that again", None),  # too generic to say what to repeat
    ],
)
def test_do_that_after_praise_says_what_was_praised(text, expected):
    said = find_directive(text)
    if expected is None:  # the praise itself is never a line
        assert said is None or not re.search(r"(?i)\b(?:loved|great)\b", said)
    else:
        assert said == expected


def test_what_someone_else_cannot_eat_is_a_fact_about_them():
    said = find_directive("My kid can't have tree nuts either, so keep both out of snack ideas.")
    assert said is not None and "tree nuts" in said


@pytest.mark.parametrize(
    ("text", "directive", "expected"),
    [
        ("explain dark matter", "Explain dark matter.", ("Explain dark matter.", False)),
        ("can i use turkey instead of beef?", "Can i use turkey instead of beef.", None),
        ("whats a good cake? I'm allergic to peanuts btw", "I'm allergic to peanuts.", True),
        ("Explain things simply, I'm not a science person.", "Explain things simply.", True),
        ("can you stop using emojis?", "Stop using emojis.", True),
        ("compare the two hiking routes", "Compare the two hiking routes.", False),
        ("ok good. also can you explain how tides work", "Explain how tides work.", False),
        ("can you do the same for generators", "Can you do the same for generators.", False),
        ("explain the jargon when you use it", "Explain the jargon when you use it.", True),
    ],
)
def test_a_question_marked_as_feedback_keeps_only_what_it_says_for_good(text, directive, expected):
    from assistant.feedback import what_lasts

    said, lasting = what_lasts(text, directive, True)
    if isinstance(expected, tuple):
        assert (said, lasting) == expected
    else:
        assert lasting is bool(expected)


def test_a_question_with_a_number_in_it_is_not_a_fact():
    assert facts_in_request("what's a good laptop under $800?") is None
    found = facts_in_request("My budget is $800, what laptop should I get?")
    assert found is not None and "800" in found


@pytest.mark.parametrize(
    "text",
    [
        "For step-by-step instructions, number the steps.",
        "When you list things, use bullet points.",
    ],
)
def test_a_scope_before_a_rule_stays_on_its_line(text):
    assert find_directive(text) == text


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("moving to Ohio so let's switch to Fahrenheit. 24-hour time still.", "24-hour time"),
        ("ok olives are fine now. still no anchovies tho", "no anchovies"),
    ],
)
def test_what_still_holds_is_said_beside_the_change(text, kept):
    said = find_directive(text)
    assert said is not None and kept in said and " tho" not in said


def test_a_false_positive_takes_back_what_it_names():
    from assistant.summary.retraction import is_retraction

    assert is_retraction("The sesame thing was a false positive.")


def test_a_question_or_an_aside_is_not_a_fact_or_a_scope():
    assert find_directive("What's the capital of Mongolia?") is None
    said = find_directive(
        "for the record I think stretching before workouts is overrated, so don't push it on me"
    )
    assert (
        said
        == "For the record I think stretching before workouts is overrated; don't push it on me."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a thousands comma is part of the number, not a clause break
        ("bumped the goal to $15,500 since I want a hybrid", "$15,500"),
        # a feeling about the rule's object stays on the rule's line
        ("no bullet points, I hate them", "No bullet points, I hate them."),
    ],
)
def test_a_number_and_a_reason_stay_on_their_line(text, expected):
    found = find_directive(text)
    assert expected in found and ";" not in found
