"""New numbers said in passing ('they hiked it to 5,350', 'management cut it to 95k', 'sorry,
200.'), a day or a time moved ('the studio moved her class to thursdays', 'walks move to 6:30am'),
renames ('renaming him, he's Captain now'), kinds taken back (formatting, pets, everything), a
one-off that names a stored line, and remarks that are no lines ('I love you', 'french stays
tho', 'I use it myself')."""

from __future__ import annotations

import pytest

from assistant.feedback import find_directive
from assistant.feedback.lasting import said_once
from assistant.feedback.request_facts import facts_in_request
from assistant.feedback.too import rewrite_too
from assistant.summary import merge_lines
from assistant.summary.categories import names_kind, takes_back_kind
from assistant.summary.contrast import corrected_lines
from assistant.summary.dates import redated
from assistant.summary.quantities import new_amount
from assistant.summary.references import resolve_references, sets_a_number
from assistant.summary.relations import rule_relation
from assistant.summary.renames import renamed
from assistant.summary.retraction import takes_back_last
from assistant.summary.slots import slots
from assistant.summary.terse import spelled_out_labels


@pytest.mark.parametrize(
    ("stored", "said", "expected"),
    [
        (
            "I commute by train, season ticket is £5,100/yr.",
            "They hiked it to 5,350 in January.",
            "I commute by train, season ticket is £5,350/yr.",
        ),
        (
            "My sales target is 120k per quarter.",
            "Management cut it to 95k because of the hiring freeze.",
            "My sales target is 95k per quarter, because of the hiring freeze.",
        ),
        (
            "Keep my monthly eating-out spend under $250.",
            "sorry, 200. for real this time",
            "Keep my monthly eating-out spend under $200.",
        ),
    ],
)
def test_a_number_said_in_passing_replaces_the_stored_number(stored, said, expected):
    assert sets_a_number(said)
    assert resolve_references(said, [stored]) == expected


def test_a_bare_number_needs_an_apology_or_a_verb():
    assert not sets_a_number("200 people came to the party.")
    assert not sets_a_number("sorry, I was busy")


def test_a_new_number_is_no_duplicate_of_the_old_line():
    merged = merge_lines(
        ["I'm 34 and planning to retire at 60."], ["I want to retire at 55, that's the goal."]
    )
    assert "I want to retire at 55, that's the goal." in merged.lines
    assert not any("60" in x for x in merged.lines)


@pytest.mark.parametrize("said", ["Jonah's actually 10 now, time flies", "Jonah is 10 now"])
def test_a_named_childs_new_age_updates_the_line_that_names_them(said):
    directive = find_directive(said)
    assert directive is not None
    merged = merge_lines(["I have two kids, Mila (4) and Jonah (9)."], [directive])
    assert merged.lines == ["I have two kids, Mila (4) and Jonah (10)."]


def test_a_day_moved_for_a_class_keeps_what_the_class_is():
    stored = ["My daughter Lila has ballet on tuesdays after school."]
    said = "Oh the studio moved her class to thursdays starting this month."
    assert redated(said, stored) == "My daughter Lila has ballet on thursdays after school."
    assert redated("We moved to Leeds.", stored) is None


def test_a_time_moved_in_passing_is_the_new_time_of_the_one_timed_line():
    stored = ["I walk our dog Juno every day at 12:30, it's my lunch break."]
    said = "new job starts monday so walks move to 6:30am before work"
    assert new_amount(stored, said) == (
        "I walk our dog Juno every day at 6:30, it's my lunch break."
    )


def test_renaming_a_pet_or_a_group_keeps_the_rest_of_the_line():
    assert renamed("lol my son insisted on renaming him, he's Captain now", [
        "We're calling him Biscuit."
    ]) == "We're calling him Captain."  # fmt: skip
    stored = ["I'm in a running group called the Harbour Harriers."]
    said = "fun fact they just rebranded to the Pier Pacers lol, same night"
    assert renamed(said, stored) == "I'm in a running group called Pier Pacers."


@pytest.mark.parametrize(
    ("said", "stored", "kept"),
    [
        (
            "ok forget the formatting rules, just answer normally",
            ["Answer in french.", "Use bold for key terms.", "End with a one-sentence summary."],
            ["Answer in french."],
        ),
        (
            "Forget what I told you about my pets.",
            ["I have two cats, mochi and tofu.", "Always give me recipes in grams."],
            ["Always give me recipes in grams."],
        ),
        ("Wipe everything you know about me.", ["I'm allergic to penicillin.", "Be brief."], []),
    ],
)
def test_a_kind_taken_back_removes_its_lines_only(said, stored, kept):
    assert names_kind(said)
    assert [x for x in stored if not takes_back_kind(x, said)] == kept


def test_forget_all_that_is_no_wipe():
    assert not names_kind("forget all that")
    assert not takes_back_kind("I'm vegan.", "forget all that, it was a bad idea")


def test_a_one_off_that_names_a_stored_rule_stays_a_one_off():
    assert said_once("for this one question ignore the limit and go deep: how do vaccines work")
    assert said_once("reply in German just this one time pls")
    assert not said_once("jokes are allowed again, that last one got me")


def test_what_is_sent_on_is_no_fact_about_the_user():
    said = "I'm forwarding it to a colleague in Montreal: how do we submit travel expenses?"
    assert facts_in_request(said) is None
    said = "I'm going to Kenya in August for a safari, help me set up a savings schedule for it"
    assert facts_in_request("my sales target is 120k per quarter, help me track it") == (
        "My sales target is 120k per quarter."
    )
    assert "help me" not in (facts_in_request(said) or "")


@pytest.mark.parametrize(
    "said",
    [
        "you're honestly the most helpful thing ever, I love you lol",
        "french stays tho",
        "delve is still banned",
        "eh leverage is fine, I use it myself.",
    ],
)
def test_remarks_are_no_new_lines(said):
    directive = find_directive(said) or ""
    assert "love you" not in directive.lower()
    assert "stays" not in directive.lower() and "still banned" not in directive.lower()
    assert "myself" not in directive.lower()


def test_a_narrower_unit_or_a_second_currency_keeps_the_first():
    assert rule_relation("Use metric everywhere.", "For driving distances use miles.") == (
        "compatible"
    )
    merged = merge_lines(["Use EUR for prices."], ["Add the USD equivalent in brackets."])
    assert merged.lines == ["Use EUR for prices.", "Add the USD equivalent in brackets."]


def test_where_someone_grew_up_is_not_where_they_live():
    assert not any(s.name == "location" for s in slots("I grew up in the US and think in miles."))
    assert any(s.name == "location" for s in slots("I'm a nurse in Hamburg."))


@pytest.mark.parametrize("said", ["just forget about it", "hmm no, stop doing that", "Forget it."])
def test_short_take_backs_take_back_the_last_line(said):
    assert takes_back_last(said)


def test_facts_said_in_few_words_are_lines():
    assert find_directive("also nut allergy") == "Nut allergy."
    said = find_directive("my sister kate is coming to visit, she's gluten free")
    assert said is not None and "gluten free" in said
    said = find_directive("I'm a teacher so I can only travel during school holidays")
    assert said is not None and "school holidays" in said
    assert "cheapest" in (find_directive("honestly whatever's cheapest is fine now") or "")


def test_too_said_as_also_or_of_the_world_is_no_rule():
    assert "less since" not in rewrite_too("she's in a wheelchair now too since the fall").lower()
    assert rewrite_too("the kids are too fried at 4") == ""
    assert rewrite_too("your intros are too long") == "Keep intros shorter"


def test_not_x_at_all_its_y_corrects_the_line():
    stored = ["My daughter Bea's allergic to eggs."]
    said = "update from the allergist: it's not eggs at all, it's kiwi."
    assert corrected_lines(stored, said) == ["My daughter Bea's allergic to kiwi."]


def test_based_in_a_place_is_where_i_live_once():
    assert spelled_out_labels("i'm a designer, based in berlin") == (
        "i'm a designer, I live in berlin"
    )


def test_a_new_employer_replaces_the_old_and_keeps_the_role():
    assert [
        s
        for s in slots("I work at Brightline Analytics as a data analyst.")
        if s.name == "employer"
    ]
    merged = merge_lines(
        ["I work at Brightline Analytics as a data analyst."],
        ["I started at Northwind this week, same role."],
    )
    assert merged.lines == ["I work at Northwind as a data analyst."]
    assert not [s for s in slots("I'm at the gym now.") if s.name == "employer"]


def test_a_lowercase_name_respelled_after_a_typo_is_corrected():
    stored = ["My girlfriend is called ana.", "My girlfriend is vegan."]
    said = "sorry typo, her name is anna with two n's. also what's a good vegan lasagna"
    assert corrected_lines(stored, said) == ["My girlfriend is called anna."]


def test_a_complaint_about_a_past_plan_is_no_line():
    said = find_directive("drop the diet thing, keto was miserable") or ""
    assert "miserable" not in said.lower()


def test_a_new_time_said_with_now_moves_the_one_timed_rule():
    from assistant.summary.quantities import new_time

    stored = ["Don't suggest meetings before 10am."]
    assert new_time("Anything from 8:30 is fine now.", stored) == (
        "Don't suggest meetings before 8:30am."
    )
    assert new_time("Anything from 8:30 is fine.", stored) is None


def test_for_real_this_time_is_no_one_off():
    from assistant.feedback.cues import only_this_answer

    assert not only_this_answer("sorry, 200. for real this time")
    assert only_this_answer("just this time reply in french")


def test_a_rule_said_instead_replaces_the_rule_it_shares_a_word_with():
    merged = merge_lines(
        ["For product comparisons, use tables."], ["Use bullet lists for comparisons instead."]
    )
    assert merged.lines == ["Use bullet lists for comparisons instead."]


def test_tabs_replace_four_space_indentation():
    assert [s.value for s in slots("I use 4-space indentation in all my code.")] == ["space"]
    assert [s.value for s in slots("Use tabs.")] == ["tab"]
    assert slots("keep tabs on my budget") == ()


def test_a_request_before_from_now_on_is_no_rule():
    from assistant.feedback.request_facts import rules_in_request

    said = "can you make a packing list for a 4 day trip to oslo, and from now on always use checkboxes for any lists"
    assert rules_in_request(said) == ["Always use checkboxes for any lists."]


def test_decided_against_takes_back_the_plan():
    merged = merge_lines(["I'm thinking of joining a choir."], ["Decided against the choir."])
    assert merged.lines == []


@pytest.mark.parametrize("said", ["easy weeknight dinners please", "no other changes"])
def test_a_request_for_content_or_a_no_change_is_no_line(said):
    assert find_directive(said) is None
    assert find_directive("no recipes with nuts please") == "No recipes with nuts."
    assert find_directive("metric for the recipes please") is not None


def test_the_diet_thing_takes_back_a_diet_and_keeps_the_rest():
    said = "Drop the diet thing."
    assert takes_back_kind("I'm trying keto.", said)
    assert not takes_back_kind("My kid hates mushrooms.", said)
    assert not takes_back_kind("I'm vegetarian.", said)


@pytest.mark.parametrize(
    "said", ["can u adjust the thursday session", "i don't want that in your memory"]
)
def test_an_edit_of_the_answer_or_a_remark_about_memory_is_no_line(said):
    assert find_directive(said) is None


def test_a_corrected_age_in_a_request_is_stored_once():
    from assistant.feedback.request_facts import said_for_good

    said = "oops i'm 29 not 28, had my birthday monday. anyway what retirement account should i open first?"
    found = said_for_good(said, "- I'm 28 and live in denver.", lambda x: (x, True))
    assert found == "I'm 29 and live in denver."


def test_not_x_after_all_is_no_correction_to_the_next_word():
    stored = ["My wife Ruth is coeliac so recipes need to be gluten free."]
    said = "she's not coeliac after all. normal recipes are fine"
    assert corrected_lines(stored, said) == []


def test_a_limit_said_with_so_goes_with_its_reason():
    said = find_directive("keep in mind I'm on a student visa so I can only work 20 hrs a week")
    assert said == "I'm on a student visa, so I can only work 20 hrs a week."


def test_what_stays_is_said_as_still():
    said = find_directive("switch the code ones to rust, math stays") or ""
    assert "still math" in said.lower() and "keep math" not in said.lower()


def test_a_break_up_takes_back_the_lines_about_the_partner():
    stored = ["My girlfriend Sofie usually travels with me so plan for 2.", "I'm vegan."]
    merged = merge_lines(stored, ["We broke up."])
    assert merged.lines == ["I'm vegan."]
    assert not names_kind("My parents broke up years ago.")
