"""Slot rules met in new wordings: a move said as 'moved us to', 'go' as a verb, pounds as money,
'for anything about X' as the scope X, a remark about answers, a shared fact about the user and
someone else, the place kept from a line whose currency changed, and a new technical level."""

from __future__ import annotations

from assistant.feedback.directive import find_directive
from assistant.summary.kept_parts import kept_parts, place_part
from assistant.summary.slots import scope, slots


def _values(line: str) -> set[tuple[str, str]]:
    return {(s.name, s.value) for s in slots(line)}


def test_moved_us_to_is_a_move():
    assert ("location", "king's cross") in _values("The company moved us to King's Cross last week")


def test_go_is_a_language_only_where_it_names_one():
    assert not any(
        s.name == "code_language" for s in slots("For anything about programming, go detailed.")
    )
    assert ("code_language", "go") in _values("Write the code in Go.")
    assert ("code_language", "go") in _values("Use go for scripts")


def test_pounds_are_money_beside_prices_or_the_uk_and_weight_beside_weight():
    assert ("currency", "pound") in _values("I'm back in the UK, so pounds.")
    assert ("currency", "pound") not in _values("I'm in the UK but give my weight in pounds")


def test_anything_about_x_is_the_scope_x():
    names = {"length"}
    old = "For anything about programming, go detailed and thorough."
    assert scope(old, names) == scope("Make programming answers medium length instead.", names)


def test_a_remark_about_answers_is_no_rule():
    said = find_directive(
        "make programming answers medium length instead, the detailed ones are exhausting"
    )
    assert said == "Make programming answers medium length instead."
    said = find_directive(
        "ok headers are fine again, the long answers were hard to scan without them"
    )
    assert said == "Headers are fine again."


def test_a_fact_shared_with_someone_else_is_kept():
    said = find_directive("me and my partner are both gluten-free, and we live in Perth")
    assert said is not None and "gluten-free" in said and "Perth" in said


def test_the_place_of_a_replaced_line_stays_when_the_new_line_names_none():
    old = "I'm in Cape Town so rand please."
    assert place_part(old, "Quote prices in pounds.") == "I'm in Cape Town."
    assert place_part(old, "I moved to Durban, use rand.") is None
    assert kept_parts([(old, "retracts")], "Forget the currency thing.") == []
    assert kept_parts([(old, "supersedes")], "Quote prices in pounds.") == ["I'm in Cape Town."]
    assert kept_parts(
        [("My son is 9 and loves trains.", "supersedes")], "My son hates trains."
    ) == ["My son is 9."]


def test_a_fact_given_as_the_reason_for_a_request_is_kept():
    from assistant.feedback.request_facts import facts_in_request

    said = facts_in_request(
        "since I'm colorblind (red-green), can you pick a palette for my slides?"
    )
    assert said == "I'm colorblind (red-green)."
    said = facts_in_request(
        "as a night-shift nurse I sleep during the day — any tips for curtains?"
    )
    assert said == "I'm a night-shift nurse."
    assert facts_in_request("since I'm vegan, what should I cook tonight?") == "I'm vegan."


def test_how_much_the_user_knows_is_one_value():
    assert ("expertise", "beginner") in _values(
        "Assume I'm a total beginner in anything music related."
    )
    assert not any(s.name == "job" for s in slots("Assume I'm a total beginner in music."))
    assert ("expertise", "intermediate") in _values("so treat me as intermediate.")
    from assistant.summary.relations import rule_relation

    old, new = "Assume I'm a total beginner in music.", "Treat me as intermediate."
    assert rule_relation(old, new) == "supersedes"


def test_like_a_child_is_the_level_below_the_adult_one():
    assert ("technical", "-") in _values("Explain things like I'm 12.")
    assert ("technical", "-") in _values("explain it as if I were a 5th grader")
    assert ("technical", "-") not in _values("Explain things like I'm 40.")


def test_a_new_level_of_the_same_scope_replaces_the_old():
    from assistant.summary.relations import rule_relation

    assert rule_relation("Explain things like I'm 12.", "Go full technical.") == "supersedes"
    assert rule_relation("Keep it simple.", "Be more technical.") == "supersedes"
    assert (
        rule_relation("Keep explanations simple.", "For medical questions use the medical terms.")
        == "compatible"
    )
