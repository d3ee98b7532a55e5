"""A lasting correction's left-out facts (assistant.feedback.left_out): the part of the message
its directive did not carry is kept when the stored-pieces head vouches for it. Every example
here was written for these tests."""

from __future__ import annotations

from unittest import mock

from assistant.feedback import stored_pieces
from assistant.feedback.left_out import left_out_facts, left_out_parts, with_left_out


def test_the_parts_a_directive_does_not_carry_are_found_in_order():
    text = "new role, running the night desk at the paper now, keep answers short"
    assert left_out_parts(text, "Keep answers short.") == [
        "new role, running the night desk at the paper now"
    ]
    assert left_out_parts("no emojis, and we moved to Graz", "No emojis.") == ["we moved to Graz"]
    assert left_out_parts("no emojis. use metric", "No emojis; use metric.") == []


def test_only_a_part_the_head_vouches_for_is_kept():
    text = "no emojis, and we moved to Graz last spring"
    assert left_out_facts(text, "No emojis.", None) == []
    assert left_out_facts(text, "No emojis.", lambda p: False) == []
    assert left_out_facts(text, "No emojis.", lambda p: "Graz" in p) == [
        "We moved to Graz last spring."
    ]
    both = with_left_out(text, "No emojis.", lambda p: True)
    assert both == "No emojis; We moved to Graz last spring."


def test_a_part_judged_to_say_nothing_lasting_on_its_own_is_not_kept():
    text = "use metric now, the old flatmate Rui moved out"
    yes = lambda p: True  # noqa: E731
    assert left_out_facts(text, "Use metric now.", yes, judge=lambda p: (None, True)) == []
    assert left_out_facts(text, "Use metric now.", yes, judge=lambda p: ("x", False)) == []
    kept = left_out_facts(text, "Use metric now.", yes, judge=lambda p: ("x", True))
    assert kept == ["The old flatmate Rui moved out."]


def test_pointing_taking_back_asking_and_one_offs_are_never_kept():
    yes = lambda p: True  # noqa: E731
    assert left_out_facts("no emojis, he doesn't like them at all", "No emojis.", yes) == []
    assert left_out_facts("use metric, forget the old recipe notes", "Use metric.", yes) == []
    assert left_out_facts("use metric, is that the norm in Chile?", "Use metric.", yes) == []
    assert left_out_facts("use metric. anyway what's a good stew", "Use metric.", yes) == []
    text = "just for this answer use metric, the kids are doing a school project"
    assert left_out_facts(text, "Use metric.", yes) == []


def test_a_correction_keeps_the_fact_beside_it_and_not_without_the_head(session):
    text = "no emojis pls. the kids have swimming on thursdays now"
    session.send("what should I cook tonight?", mode="request")
    session.send(text)
    assert "swimming on thursdays" in session.summary().lower()
    assert "no emojis" in session.summary().lower()
    session.switch_user("bob")
    session.send("what should I cook tonight?", mode="request")
    with mock.patch.object(stored_pieces, "shipped", lambda classifier: None):
        session.send(text)
    assert "swimming" not in session.summary().lower()


def test_what_changed_beside_what_still_holds_is_kept_without_the_head():
    no = lambda p: False  # noqa: E731
    yes = lambda p: ("x", True)  # noqa: E731
    text = "units are imperial now, still Celsius for the oven"
    assert left_out_facts(text, "Still Celsius for the oven.", no, judge=yes) == [
        "Units are imperial now."
    ]
    assert left_out_facts(text, "Celsius for the oven.", no, judge=yes) == []  # no 'still'
    assert left_out_facts(text, "Still Celsius for the oven.", no, judge=lambda p: (None, 1)) == []
    plain = "units are imperial, still Celsius for the oven"  # no word that says it changed
    assert left_out_facts(plain, "Still Celsius for the oven.", no, judge=yes) == []


def test_a_part_that_names_what_another_clause_said_is_not_kept():
    yes = lambda p: True  # noqa: E731
    text = "my knee is bad, keep that in mind for any hiking ideas"
    assert left_out_facts(text, "My knee is bad.", yes) == []
    text = "nothing after 9pm, I start at 6am, and keep those in mind for gym plans"
    assert left_out_facts(text, "Nothing after 9pm.", yes) == ["I start at 6am."]
    text = "no dairy, and remember that the twins are both lactose intolerant"
    kept = left_out_facts(text, "No dairy.", yes)
    assert kept == ["Remember that the twins are both lactose intolerant."]
