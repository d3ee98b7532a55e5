"""A pronoun is resolved from the previous request only to a thing that request names."""

from assistant.summary.references import resolve_from_request


def test_an_ask_is_no_antecedent():
    line = "Be honest even if it hurts."
    request = "Can you look at my plan to quit my job and sell pottery full time?"
    assert resolve_from_request(line, request) == line


def test_it_after_if_is_left_alone():
    line = "Add a summary at the top if it runs long."
    assert resolve_from_request(line, "the essay looks great") == line


def test_a_named_thing_is_still_found():
    assert "oxford comma" in resolve_from_request("Always use it.", "do you use the oxford comma?")


def test_what_follows_like_is_no_antecedent_when_it_is_a_clause():
    line = "I've been at it a year now."  # 'it' is the pursuit, not "I'm a beginner"
    assert resolve_from_request(line, "explain things like I'm a beginner, new to baking") == line
    assert resolve_from_request("I love it.", "I like pottery") == "I love pottery."
