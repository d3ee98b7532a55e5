"""A statement about the user themselves, given as feedback, is kept whole and lasts; a sentence
opening with a list of bare items keeps the list as its subject. Written for plural (never from
evaluation data)."""

from __future__ import annotations

import pytest

from assistant.feedback.cues import about_the_user, tells_about_self
from assistant.feedback.directive import extract_directive
from assistant.summary import classify


@pytest.mark.parametrize(
    "text",
    [
        "Cats make my eyes stream.",
        "Heavy perfume gives me migraines.",
        "Everything in our flat has to be quiet after nine.",
        "Crowds wear me out fast.",
    ],
)
def test_a_statement_about_the_user_is_about_the_user(text):
    assert about_the_user(text)


@pytest.mark.parametrize(
    "text",
    [
        "Perfect, exactly what I needed!",
        "that was too long for me",
        "you keep forgetting my name",
        "give me one pick, not three",
        "I'm more confused than before",
        "Terrible advice, my plant is dying now",
        "What should I cook for my parents?",
    ],
)
def test_evaluation_imperatives_and_questions_are_not_statements_about_the_user(text):
    assert not about_the_user(text)


@pytest.mark.parametrize(
    "text",
    ["Heavy perfume gives me migraines.", "Crowds wear me out fast."],
)
def test_explicit_feedback_about_the_user_is_kept_and_lasting(classifier, text):
    split = classifier.split(text, None, explicit=True)
    assert split.directive and split.directive.rstrip(".") in text
    assert split.lasting


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Trains and buses make me queasy.", "Trains and buses make me queasy."),
        ("Lilies, tulips and roses are banned at home.", "Lilies, tulips and roses are banned"),
        ("Python, please.", "Use Python."),
        ("Metric, and keep it brief.", "keep it brief"),
        ("great, but a bit shorter next time", "A bit shorter."),
    ],
)
def test_bare_items_opening_a_sentence_are_its_subject(text, expected):
    assert expected in extract_directive(text)


@pytest.mark.parametrize(
    ("line", "axis"),
    [
        ("Shellfish is off the table for me.", "tables"),
        ("Fizzy drinks are off my grocery list.", "lists"),
        ("Only kid-friendly places, please.", "formality"),
    ],
)
def test_phrases_that_name_things_are_not_answer_formats(line, axis):
    assert axis not in [a for a, _ in classify(line)]


@pytest.mark.parametrize(
    ("line", "axis"), [("No tables please.", "tables"), ("Use a friendly tone.", "formality")]
)
def test_the_format_words_themselves_still_are(line, axis):
    assert axis in [a for a, _ in classify(line)]


@pytest.mark.parametrize(
    ("text", "tells"),
    [
        ("I coach an under-12 netball team in Leeds.", True),
        ("My flat has no oven, only a hob.", True),
        ("I need a toast for my sister's wedding", False),
        ("I'm looking for a cheap flight to Rome", False),
        ("I'm convinced coffee stunts your growth.", False),
        ("Quiz me on capitals.", False),
    ],
)
def test_a_plain_statement_about_the_user_asks_for_nothing(text, tells):
    assert tells_about_self(text) is tells


def test_a_statement_about_the_user_is_remembered_even_unmarked(classifier):
    split = classifier.split("I coach an under-12 netball team in Leeds.", None)
    assert split.kind == "feedback" and split.lasting
    assert "netball" in (split.directive or "").lower()


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("oops, I rehomed Mochi, but I adopted a rabbit named Pepper", "rabbit named Pepper"),
        ("he moved to Kumasi and quit teaching — he's a pharmacist now", "pharmacist"),
        ("Dagny retired, she's not a carpenter anymore, she does pottery now", "pottery"),
        ("also I manage a team of 6 engineers. bullet points pls", "team of 6 engineers"),
        ("just so you know for future questions: my dog's called Biscuit", "Biscuit"),
    ],
)
def test_what_someone_is_does_or_has_just_become_is_kept_beside_the_rest(text, said):
    assert said in extract_directive(text)


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("For baking, weigh things in ounces.", 1),  # 'For' is not a name doing baking
        ("it's a bit long, I'm a bit tired", 1),  # a remark and a passing state: no fact
    ],
)
def test_a_scope_or_a_remark_is_not_taken_for_a_fact(text, lines):
    from assistant.feedback.directive import lines_with_kinds

    assert len(lines_with_kinds(text)) <= lines and not any(
        k == "fact" for _, k in lines_with_kinds(text)
    )


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Her vet took her off the kidney diet, but now she needs soft food", "took her off"),
        ("Lena left the team. Her replacement is Marco, he's very direct", "replacement is Marco"),
        ("Nico's started nursery now!", "started nursery"),
    ],
)
def test_what_changed_for_someone_else_is_kept(text, said):
    assert said in extract_directive(text)
