"""What a correction says beside its rule: the fact before ', so ...', the facts beside a one-off,
'do that for all answers' after a request, a due date moved, a number said with its unit, someone
who left, and a reason that is no rule ('the hour was causing too many fights')."""

from __future__ import annotations

import pytest

from assistant.feedback import facts_beside_one_off, find_directive
from assistant.summary import merge_lines, repeats_request
from assistant.summary.axes import classify
from assistant.summary.references import directive_from_request
from assistant.summary.relation_cues import stems
from assistant.summary.slots import other_person, slots


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "he's also colour blind, so avoid red-green charts for him",
            "He's also colour blind; avoid red-green charts for him.",
        ),
        ("my co-author Mina does the maps, so skip map tips", "My co-author Mina does the maps"),
        ("I work from Porto but my team's in Berlin", "I work from Porto; my team's in Berlin."),
        ("we're also gluten-free", "We're also gluten-free."),
        (
            "Tomas quit the club :( my new coach is Aiko",
            "Tomas quit the club; my new coach is Aiko.",
        ),
        ("we're moving it to 45 minutes, the hour was causing too many tears", None),
        ("i moved the interview to october, need more time", "I moved the interview to october."),
    ],
)
def test_what_a_message_keeps(text, expected):
    found = find_directive(text)
    if expected is None:
        assert found is None or "fewer" not in found
    else:
        assert found is not None and found.startswith(expected.rstrip("."))


def test_a_home_town_and_a_rule_beside_it_are_two_lines():
    assert find_directive("I'm based in Hull, use metric for anything you write") == (
        "I'm based in Hull; use metric for anything you write."
    )


def test_a_rule_a_place_decides_goes_with_the_place():
    found = find_directive("I'm based in Perth so give me times in AWST")
    assert found is not None and ";" not in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I'm a nurse in Leeds. for this answer only, use a table", "I'm a nurse in Leeds."),
        ("just this once make it a checklist, I'm printing it", None),
        ("make it short", None),
    ],
)
def test_facts_beside_a_one_off_last(text, expected):
    assert facts_beside_one_off(text) == expected


def test_a_one_off_beside_a_fact_keeps_only_the_fact(session):
    session.send("I teach chemistry. for this reply only, use a numbered list", mode="feedback")
    summary = session.summary().lower()
    assert "chemistry" in summary and "numbered" not in summary


@pytest.mark.parametrize(
    ("text", "asked", "expected"),
    [
        (
            "do that for every answer from now on",
            "could you put a short summary at the top?",
            "Put a short summary at the top for every answer from now on.",
        ),
        ("same for emails pls", "give me the steps as a checklist", None),
    ],
)
def test_asked_again_is_what_the_request_asked(text, asked, expected):
    assert repeats_request(text)
    out = directive_from_request("", asked, text)
    assert out == (expected or "Give me the steps as a checklist for emails.")


def test_a_plain_question_repeats_nothing():
    assert not repeats_request("what about emails?")


def test_do_that_for_all_after_a_request_is_remembered(session):
    session.send("give me oven temperatures in celsius", mode="request")
    session.send("do that for all measurements actually")
    assert "celsius" in session.summary().lower()


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("My essay is due april 3rd.", "april 3rd"),
        ("New deadline is the 20th.", "the 20th"),
        ("I pushed the exam to june.", "june"),
        ("I love june weddings.", None),
    ],
)
def test_the_deadline_slot(line, value):
    found = [s.value for s in slots(line) if s.name == "deadline"]
    assert found == ([value] if value else [])


def test_a_new_deadline_replaces_the_old_one_and_forgetting_it_removes_it():
    merged = merge_lines(["My report is due march 9th."], ["New deadline is april 2."])
    assert merged.lines == ["My report is due april 2."]  # the stored line, dated (stop 57)
    assert merge_lines(merged.lines, ["Forget about that deadline now."]).lines == []


def test_a_number_with_its_unit_glued_on_is_renumbered():
    merged = merge_lines(
        ["Our dog Bo weighs 31.5kg, vet wants him lighter."], ["He's down to 29 kg."]
    )
    assert merged.lines == ["Our dog Bo weighs 29kg, vet wants him lighter."]


def test_a_count_changed_with_its_unit_and_reason():
    stored = ["Screen time rule here is 1 hour a day."]
    merged = merge_lines(stored, ["We're changing it to 90 minutes a day."])
    assert merged.lines == ["Screen time rule here is 90 minutes a day."]
    merged = merge_lines(
        ["I swim 2 times a week."], ["I'm bumping that to 3 now that I'm on a team."]
    )
    assert merged.lines == ["I swim 3 times a week, now that I'm on a team."]


def test_a_count_that_lists_what_it_counts_is_replaced_whole():
    merged = merge_lines(
        ["I lift 2 days a week: Tue and Sat."], ["I'm bumping it to 4 days a week."]
    )
    assert merged.lines == ["I'm bumping it to 4 days a week."]


def test_tone_words_are_not_a_negation():
    assert classify("Keep your tone formal and professional.") == [("formality", "formal")]


def test_dropping_a_stored_format_takes_it_back():
    merged = merge_lines(["Put a TLDR at the top of long answers."], ["Drop the tldr."])
    assert merged.lines == []


def test_spicy_and_spice_share_a_stem():
    assert stems("no spicy food") & stems("the no-spice rule")


def test_a_move_for_someone_else_is_still_the_users_move():
    assert not other_person("We relocated to Denver for my wife's job.")
    assert other_person("My wife relocated to Denver.")


@pytest.mark.parametrize(
    ("first", "then", "gone"),
    [
        (
            "My mother-in-law is staying with us, she's diabetic",
            "MIL went back home to Porto",
            "law",
        ),
        ("we have a gecko called Pip", "the gecko sadly passed", "gecko"),
        ("my teammate Ravi hates long PRs", "forget about Ravi, he moved to another team", "ravi"),
    ],
)
def test_someone_who_left_is_taken_out(session, first, then, gone):
    session.send(first, mode="feedback")
    session.send(then, mode="feedback")
    assert gone not in session.summary().lower()


def test_praise_about_someone_is_not_a_fact(session):
    session.send("My husband Ivo is turning 50 in May.", mode="feedback")
    session.send("thank you, he loved it", mode="feedback")
    summary = session.summary().lower()
    assert "ivo" in summary and "loved" not in summary


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("I coach under-12 football in Derby.", "I moved to Hull last month.", "in Hull"),
        ("I'm revising for the bar exam in march.", "I pushed the exam to may.", "bar exam in may"),
        ("I'm a junior nurse at a children's hospital.", "got promoted to charge nurse", "charge"),
    ],
)
def test_a_new_place_date_or_job_keeps_the_rest_of_the_line(old, new, expected):
    merged = merge_lines([old], [new])
    assert len(merged.lines) == 1 and expected in merged.lines[0]
    assert merged.lines[0].split()[1] == old.split()[1]


def test_a_place_with_its_time_zone_is_replaced_whole():
    merged = merge_lines(["I'm in Austin, central time for meetings."], ["I moved to Boise."])
    assert merged.lines == ["I moved to Boise."]


def test_a_rule_said_after_the_place_is_not_carried_to_the_new_place():
    stored = ["I fish in Tampa, Florida, so suggest warm-water lures."]
    assert merge_lines(stored, ["I moved to Duluth."]).lines == ["I moved to Duluth."]


def test_a_fact_about_the_user_stays_beside_a_rule_that_uses_it():
    merged = merge_lines(["I'm learning Greek, level A2."], ["Add one Greek word at the end."])
    assert len(merged.lines) == 2


@pytest.mark.parametrize(
    ("first", "then", "kept", "not_kept"),
    [
        ("assume TypeScript for any code", "also prefer pnpm over npm", "pnpm", None),
        ("we're pescatarian", "oh and nothing with olives, nobody here eats them", "olives", None),
        ("we have a parrot called Kiwi", "Kiwi's 30 now!! how long do they live?", "30", None),
        ("summarise this article for me: 'Rents rose 4% in May.'", "ok thx", None, "summar"),
    ],
)
def test_what_a_request_says_for_good(session, first, then, kept, not_kept):
    session.send("what should I cook tonight?", mode="request")  # an answer to correct
    session.send(first)
    session.send(then)
    summary = session.summary().lower()
    assert (kept is None or kept in summary) and (not_kept is None or not_kept not in summary)


@pytest.mark.parametrize(
    ("steps", "kept", "not_kept"),
    [
        (["could you explain what a pivot table is?"], None, "pivot"),
        (["ok next: how do I write a resume"], None, "resume"),
        (["i have asthma, any tips for long runs?"], "asthma", "tips"),
        (["could you do a packing list for next week"], None, "packing"),
        (["can you make your answers shorter?"], "shorter", None),
    ],
)
def test_a_question_marked_as_feedback_keeps_only_what_it_says_for_good(
    session, steps, kept, not_kept
):
    for step in steps:
        session.send(step, mode="feedback")
    summary = session.summary().lower()
    assert (kept is None or kept in summary) and (not_kept is None or not_kept not in summary)


def test_a_bare_new_date_corrects_the_dated_line():
    merged = merge_lines(["My nephew's recital is June 4th."], ["It's June 14th."])
    assert merged.lines == ["My nephew's recital is June 14th."]
    assert merge_lines(["We are 5 of us."], ["It's May 2nd."]).lines[-1] == "It's May 2nd."


@pytest.mark.parametrize(
    ("first", "then", "gone"),
    [
        (
            "it's finals week, keep answers under 40 words",
            "you can go back to normal, finals are over",
            "finals",
        ),
        (
            "I'm in Quito and answer in Spanish",
            "tomorrow I'm in Lima just for the day, what to eat?",
            "lima",
        ),
        ("I'm in Oslo for the winter", "moved down to Bergen for the spring, pls update", "update"),
    ],
)
def test_what_is_true_only_for_now_is_not_kept(session, first, then, gone):
    session.send(first)
    session.send(then)
    assert gone not in session.summary().lower()


def test_a_name_said_after_my_normal_name_is_the_name(session):
    session.send("call me Boss from now on lol", mode="feedback")
    session.send(
        "ok the Boss joke has run its course, just use my real name, Marta", mode="feedback"
    )
    summary = session.summary()
    assert "Call me Marta." in summary and "Boss" not in summary


def test_a_moved_day_corrects_the_line_that_gives_one_day():
    merged = merge_lines(
        ["I may swim.", "My swim class is Mondays at 6."], ["It moved to Fridays."]
    )
    assert merged.lines == ["I may swim.", "My swim class is Fridays at 6."]


def test_a_short_addition_to_a_kept_rule_lasts(session):
    session.send("please always include the cost per serving with recipes", mode="feedback")
    session.send("and estimated cook time too", mode="feedback")
    assert "cook time" in session.summary().lower()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hah ok that one went too far. drop the roasting thing", "Drop the roasting thing."),
        (
            "and sizes in inches — I'm Canadian, metric hurts my head",
            "Sizes in inches; I'm Canadian.",
        ),
        (
            "my daughter Ana is in 5th grade, help me explain decimals to her",
            "My daughter Ana is in 5th grade.",
        ),
    ],
)
def test_verdicts_remarks_and_tasks_are_no_lines(text, expected):
    assert find_directive(text) == expected


def test_a_correction_in_a_request_is_kept_once(session):
    session.send("my brother Emil is allergic to kiwi, remember that for recipes", mode="feedback")
    session.send("correction: Emil's allergy is to mango, not kiwi. I mixed him up with my dad")
    summary = session.summary().lower()
    assert "mango" in summary and "kiwi" not in summary and "mixed" not in summary


def test_an_apology_alone_is_no_line(session):
    session.send("I'm a dad of three", mode="feedback")
    session.send("sorry if my messages are all over the place lol", mode="feedback")
    assert "sorry" not in session.summary().lower()
