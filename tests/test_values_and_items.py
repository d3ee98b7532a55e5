"""Readings of stop 53, each with its switched-off counterpart: pronouns are one value at a time
(slots), a taste list's last item before 'recs' stays in the list (clause_glue.last_list_item),
what was picked up takes a dropped item's place (list_items._ADDED), 'bump hotels to $180' edits
the part of the stored line it names (stated.set_values), 'weekends off' is a fact
(clauses._DAYS_OFF), what happened to the user said without 'I' is a fact
(clauses.SUBJECTLESS_EVENT), and a sentence of its own with a lasting cue is a rule
(clause_glue.lasting_ask), and a health condition said in a request is remembered
(clauses.CONDITIONS in request_facts._DURABLE), as is a rule said with how the user uses the
answers (feedback.habits); a person and what they do is no fragment (lines._OWN_VERB), and an
update said before a question drops its aside (request_updates); a goal line stays through progress
reports (stale.progress_only); a renamed pet gets its new name, not a filler (renames). Cases
written for them. What someone named
cannot have is their fact, also as typed ('she dont eat beef', 'ama also cant have dairy')."""

from __future__ import annotations

import importlib
import re
from unittest import mock

import pytest

from assistant.feedback import clause_glue
from assistant.feedback.directive import lines_with_kinds
from assistant.summary import list_items
from assistant.summary.clauses import clause_kind
from assistant.summary.list_items import edited_line
from assistant.summary.merge import merge_lines
from assistant.summary.stated import set_values

slot_rules = importlib.import_module("assistant.summary.slots")


def _lines(text: str) -> list[str]:
    return [x for x, _ in lines_with_kinds(text)]


@pytest.mark.parametrize(
    ("line", "value"),
    [("My pronouns are he/him.", "he/him"), ("Use xe/xem for me.", "xe/xem"), ("I use she/they.", "she/they")],
)  # fmt: skip
def test_pronouns_fill_one_slot(line, value):
    assert ("pronouns", value) in [(s.name, s.value) for s in slot_rules.slots(line)]


def test_new_pronouns_replace_the_old_ones_and_read_as_a_sentence():
    assert _lines("they/them from now on please") == ["I use they/them."]
    assert merge_lines(["I use he/him."], ["I use they/them."]).lines == ["I use they/them."]


def test_without_the_pronoun_slot_both_stay():
    simple = tuple(x for x in slot_rules._SIMPLE if x[0] != "pronouns")
    slot_rules.slots.cache_clear()
    try:
        with mock.patch.object(slot_rules, "_SIMPLE", simple):
            assert merge_lines(["I use he/him."], ["I use they/them."]).lines != [
                "I use they/them."
            ]
    finally:
        slot_rules.slots.cache_clear()


def test_go_said_of_backend_work_is_a_programming_language():
    old, new = ["I do backend in Go."], ["I've switched to Rust at work."]
    assert merge_lines(old, new).lines == new
    slot_rules.slots.cache_clear()
    try:
        with mock.patch.object(slot_rules, "_CODING", r"\bcode|program|script"):
            assert ("code_language", "go") not in [
                (s.name, s.value) for s in slot_rules.slots("I do backend in Go.")
            ]
    finally:
        slot_rules.slots.cache_clear()


def test_the_last_item_of_a_taste_list_keeps_its_recs():
    text = "i enjoy cozy mysteries, space opera and romance recs"
    assert _lines(text) == ["I enjoy cozy mysteries, space opera and romance recs."]
    with mock.patch.object(clause_glue, "last_list_item", lambda clause, sep, kept: False):
        assert _lines(text) == ["I enjoy cozy mysteries, space opera."]


@pytest.mark.parametrize(
    "text", ["I like jazz and some dinner ideas", "use bullet points, and recipe ideas"]
)
def test_an_ask_after_a_rule_is_no_list_item(text):
    assert not any("ideas" in x for x in _lines(text))


@pytest.mark.parametrize(
    ("line", "text", "after"),
    [
        ("I play tennis and squash on weekends.", "quit squash and started padel instead",
         "I play tennis and padel on weekends."),
        ("I take metformin and lisinopril.", "stopped the lisinopril, started amlodipine",
         "I take metformin and amlodipine."),
        ("Use bullet points and bold headers.", "drop the bold and started doing it myself",
         "Use bullet points."),  # 'doing it myself' is no item
    ],
)  # fmt: skip
def test_what_was_picked_up_takes_the_dropped_items_place(line, text, after):
    assert edited_line(line, text) == after


def test_without_picked_up_the_item_only_goes():
    with mock.patch.object(list_items, "_ADDED", re.compile(r"(?!)")):
        assert edited_line(
            "I play tennis and squash on weekends.", "quit squash and started padel"
        ) == ("I play tennis on weekends.")


_BUDGET = ["Budget: $120/night for hotels, $40/day for food.", "Keep answers short."]


def test_a_new_amount_edits_the_part_that_names_it():
    lines, edits = set_values(
        _BUDGET, _BUDGET + ["Bump hotels to $180."], "bump hotels to $180, food stays"
    )
    assert lines == ["Budget: $180/night for hotels, $40/day for food.", "Keep answers short."]
    assert edits == [(_BUDGET[0], lines[0])]


@pytest.mark.parametrize(
    "text",
    ["bump hotels to $180 just this once", "bump the car rental to $60",  # a one-off; nothing named
     "raise it to $180"],
)  # fmt: skip
def test_no_amount_edit_without_a_lasting_named_part(text):
    assert set_values(_BUDGET, _BUDGET, text) == (_BUDGET, [])


def test_a_value_with_a_thousands_comma_is_one_value():
    goal = ["I'm saving up for a car, goal is $12,000."]
    assert set_values(goal, goal, "bumped the goal to $15,500 since I want a hybrid")[0] == [
        "I'm saving up for a car, goal is $15,500."
    ]


def test_a_value_in_another_part_is_not_edited():
    line = ["My nutritionist said to aim for 2000 calories a day and 120 grams of protein."]
    assert set_values(line, line, "she bumped calories to 1800") == (
        ["My nutritionist said to aim for 1800 calories a day and 120 grams of protein."],
        [
            (
                line[0],
                "My nutritionist said to aim for 1800 calories a day and 120 grams of protein.",
            )
        ],
    )
    odd = ["Aim for 2000 calories a day and 120g protein."]  # '120g' is no value stated reads
    assert set_values(odd, odd, "she bumped protein to 140") == (odd, [])


def test_two_stored_lines_naming_it_edit_neither():
    two = ["Hotels in Rome: $120/night.", "Hotels in Paris: $150/night."]
    assert set_values(two, two, "bump hotels to $180") == (two, [])


@pytest.mark.parametrize("clause", ["weekends off now", "mondays off", "i now have fridays off"])
def test_days_off_are_a_fact(clause):
    assert clause_kind(clause) == "fact"
    from assistant.summary import clauses

    with mock.patch.object(clauses, "_DAYS_OFF", re.compile(r"(?!)")):
        assert clause_kind(clause) != "fact"


@pytest.mark.parametrize(
    ("text", "line"),
    [("ugh. sprained my ankle hiking", "I sprained my ankle hiking."),
     ("got let go yesterday. rough week", "I got let go yesterday."),
     ("been smoke-free for 2 months", "I've been smoke-free for 2 months.")],
)  # fmt: skip
def test_what_happened_to_the_user_said_without_i_is_a_fact(text, line):
    assert line in _lines(text)
    from assistant.summary import clauses

    with mock.patch.object(clauses, "SUBJECTLESS_EVENT", re.compile(r"(?!)")):
        assert line not in _lines(text)


def test_a_sentence_of_its_own_with_a_lasting_cue_is_a_rule():
    text = "we split up. plan trips for one from now on"
    assert "Plan trips for one." in _lines(text)
    with mock.patch.object(clause_glue, "lasting_ask", lambda raw, sep, last_kept: False):
        assert "Plan trips for one." not in _lines(text)


@pytest.mark.parametrize(
    "text",
    ["thanks! i will use this going forward", "great. that format going forward",
     "ok. do it that way going forward", "ok. two things going forward. be brief"],
)  # fmt: skip
def test_what_the_user_will_do_is_no_rule(text):
    assert not any(re.match(r"(?i)i will|that format|do it|two things", x) for x in _lines(text))


@pytest.mark.parametrize(
    ("text", "fact"),
    [("I have asthma, what are good cardio options?", "I have asthma."),
     ("my son has epilepsy, can you suggest safe sports?", "My son has epilepsy."),
     ("I have a question about ocd treatments", None), ("what is asthma?", None)],
)  # fmt: skip
def test_a_health_condition_said_in_a_request_is_remembered(text, fact):
    from assistant.feedback import request_facts
    from benchmarks.lane_parts import _DURABLE_BEFORE

    assert request_facts.facts_in_request(text) == fact
    with mock.patch.object(request_facts, "_DURABLE", _DURABLE_BEFORE):
        assert request_facts.facts_in_request(text) is None


@pytest.mark.parametrize(
    ("text", "rule"),
    [("use plain text, i read these on my watch", "Use plain text."),
     ("no tables please, I paste everything into slack", "No tables."),
     ("write me a poem, I read it to my kids", None),  # a task for now
     ("use plain text, i like my watch", None)],  # no habit with the answers
)  # fmt: skip
def test_a_rule_said_with_how_the_user_uses_answers_is_kept_from_a_request(text, rule):
    from assistant.feedback import request_facts

    assert request_facts.facts_in_request(text) == rule
    with mock.patch.object(request_facts, "rules_with_habit", lambda piece: []):
        assert request_facts.facts_in_request(text) is None


def test_a_person_and_what_they_do_is_no_fragment_of_the_last_line():
    from assistant.summary import lines

    old, new = ["Answer in Dutch."], ["My husband reads these answers too.", "Switch to English."]
    assert merge_lines(old, new).lines == new
    with mock.patch.object(lines, "_OWN_VERB", re.compile(r"(?!)")):
        assert merge_lines(old, new).lines != new  # glued onto the Dutch line


@pytest.mark.parametrize(
    "line", ["My husband too.", "My kids lunches too.", "Code comments as well."]
)
def test_fragments_still_join(line):
    from assistant.summary.lines import is_fragment

    assert is_fragment(line)


def test_an_update_said_before_a_question_drops_its_aside():
    from assistant.feedback import request_updates

    text = "scratch the old city, i moved to Porto in may. any good cafes?"
    summary = "- I'm a nurse.\n- I live in Lyon."
    assert request_updates.update_in_request(text, summary) == "I moved to Porto in may."
    with mock.patch.object(request_updates, "lines_with_kinds", lambda text: []):
        assert request_updates.update_in_request(text, summary) != "I moved to Porto in may."


@pytest.mark.parametrize(
    ("line", "text", "stays"),
    [("I'm trying to get down to 68 kg.", "down to 71 this week!", True),
     ("I'm saving toward a $9,000 goal.", "put away another $400 today", True),
     ("I'm trying to get down to 68 kg.", "new goal: 65", False),
     ("I'm trying to get down to 68 kg.", "gave up on the diet, too hard", False),
     ("I weigh 74 kg.", "down to 71 this week!", False),  # no goal in the line
     ("I'm bulking, aiming to gain 0.25 kg a week.", "I'm cutting now", False)],  # no progress
)  # fmt: skip
def test_a_goal_line_stays_through_progress_reports(line, text, stays):
    from assistant.summary import stale

    assert stale.said_to_stay(line, text) is stays
    with mock.patch.object(stale, "progress_only", lambda line, text: False):
        assert stale.said_to_stay(line, text) is False


def test_a_renamed_pet_gets_the_new_name_not_a_filler():
    from assistant.summary import renames
    from benchmarks.lane_parts import _RENAMING_BEFORE

    stored = ["Our puppy is called Biscuit."]
    line = "We renamed the puppy haha, Biscuit never suited him. my puppy is Waffles now."
    assert renames.renamed(line, stored) == "Our puppy is called Waffles."
    old_words = frozenset(re.findall(r"\w+", "it that this him her them the a an to as now"))
    with (
        mock.patch.object(renames, "_NOT_NAMES", old_words),
        mock.patch.object(renames, "_RENAMING", _RENAMING_BEFORE),
    ):
        assert renames.renamed(line, stored) == "Our puppy is called haha."


@pytest.mark.parametrize("text", ["Actually dont assume any location", "Please dont use emojis"])
def test_a_word_before_dont_that_is_no_name_stays_dont(text):
    from assistant.feedback.shorthand import spelled_out

    assert "don't" in spelled_out(text)


def test_what_someone_cannot_have_is_their_fact_as_typed():
    from assistant.feedback import shorthand
    from assistant.feedback.shorthand import spelled_out
    from assistant.summary import clauses

    text = spelled_out("my sister Ama is staying over, she dont eat beef")
    assert "My sister Ama doesn't eat beef." in _lines(text)
    said = spelled_out("ama also cant have dairy. any dessert ideas?")
    assert _lines(said)[0] == "Ama also can't have dairy."
    with (
        mock.patch.object(shorthand, "_HE_DONT", re.compile(r"(?!)(x)")),
        mock.patch.object(clause_glue, "_NAME_ALONE", re.compile(r"(?!)")),
        mock.patch.object(clauses, "CANT_HAVE", re.compile(r"(?!)")),
    ):
        text = spelled_out("my sister Ama is staying over, she dont eat beef")
        assert "My sister Ama doesn't eat beef." not in _lines(text)
        said = _lines("ama also cant have dairy. any dessert ideas?")
        assert said[0] == "I cant have dairy."  # the user's, not Ama's
