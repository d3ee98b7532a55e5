"""Someone who moved out, a fact that was 'not actually' so, a one-off beside a lasting rule, a
length given a number, and a count or budget changed beside someone else's name: each through
the real merge (MiniLM encoder, packaged relation head)."""

from __future__ import annotations

from assistant.feedback.cues import only_this_answer
from assistant.feedback.directive import find_directive
from assistant.feedback.lasting import what_lasts
from assistant.feedback.request_facts import said_for_good
from assistant.summary import merge_directive, parse
from assistant.summary.relation_cues import sharper_limit
from tests.test_summary_references import summary_after


def test_someone_who_moved_out_takes_their_lines_with_them():
    after = summary_after(
        "remember my roommate Jules is vegan when I ask for party food ideas",
        "Jules moved out, you don't need to remember anything about them anymore",
    )
    assert not any("Jules" in x for x in after)
    after = summary_after(
        "My roommate Farid is allergic to peanuts. I'm a nurse.",
        "he's moved out as of today, so you don't need to worry about that anymore",
    )
    assert not any("peanut" in x for x in after) and "I'm a nurse." in after


def test_moving_out_for_a_reason_is_not_a_take_back():
    # the count that follows is the news, not the moving
    assert find_directive("my oldest just moved out for college, so it's 4 of us") is None


def test_a_fact_that_was_not_actually_so_goes_with_no_line_of_its_own():
    lines = parse(
        merge_directive(
            "- My husband Teodor is allergic to shellfish.\n- Keep answers short.",
            "My husband Teodor is not actually allergic to shellfish.",
        )
    )
    assert lines == ["Keep answers short."]


def test_a_one_off_beside_a_lasting_rule_is_left_out():
    text = (
        "for this answer only skip the intro, I'm in a rush. but in general I do like a short intro"
    )
    assert find_directive(text) == "In general I do like a short intro."
    assert only_this_answer("for tomorrow's meeting prep only, use super formal language")
    assert not only_this_answer("I only eat fish for dinner")


def test_a_request_keeps_no_line_said_for_this_once():
    def judge(piece):
        return piece, True

    said = said_for_good(
        "can you rewrite this as a haiku just this once: 'moved to thursday'", "", judge
    )
    assert said is None


def test_never_recommend_is_a_rule_even_inside_a_question():
    text = "never recommend Amazon to me, I boycott them. where can I buy a cheap desk lamp?"
    directive, lasting = what_lasts(text, "Never recommend Amazon to me.", True)
    assert lasting and "Amazon" in directive


def test_a_length_given_a_number_replaces_the_plain_length():
    assert sharper_limit("Keep answers shorter.", "Even shorter; 2 sentences tops.")
    assert not sharper_limit("Keep it short.", "Keep it short.")
    assert not sharper_limit("Keep code answers short.", "2 sentences tops for emails.")
    lines = parse(merge_directive("- Keep answers shorter.", "Even shorter; 2 sentences tops."))
    assert any("2 sentences" in x for x in lines) and "Keep answers shorter." not in lines


def test_a_new_count_with_more_said_is_kept_whole():
    lines = parse(
        merge_directive("- Keep it to 5 points max.", "Bullets not numbers, 3 points max.")
    )
    assert any("Bullets" in x and "3 points" in x for x in lines)
    assert not any("5 points" in x for x in lines)


def test_a_budget_raised_because_of_someone_replaces_the_old_budget():
    lines = parse(
        merge_directive(
            "- I'm planning a trip to Hokkaido, so budget is about ¥300,000 total.",
            "We raised the budget to ¥420,000 since my sister Mei is joining.",
        )
    )
    assert not any("300,000" in x for x in lines) and any("420,000" in x for x in lines)


def test_another_time_of_day_for_the_same_thing_replaces_the_old():
    from assistant.summary.relation_cues import new_time

    old = "I start work at 5:30am so keep that in mind for routines."
    assert new_time(old, "I'll be starting at 6:45.")
    assert not new_time("Standup is at 9:00.", "Lunch is at 12:30.")  # nothing shared
    assert not new_time("Standup is at 9:00.", "Standup is at 9:00 sharp.")  # the same time
    lines = parse(merge_directive(f"- {old}\n- I'm a nurse.", "I'll be starting at 6:45."))
    assert not any("5:30" in x for x in lines) and "I'm a nurse." in lines
