"""A rename, half of a two-part line taken back, a date or budget moved, a one-off asked for
again for good, people who drop out, and the asides that are no lines ('sorry if i'm slow')."""

from __future__ import annotations

import pytest

from assistant.feedback import find_directive
from assistant.feedback.cues import only_this_answer
from assistant.feedback.too import rewrite_too
from assistant.summary import classify, merge_lines
from assistant.summary.births import with_new_count
from assistant.summary.contrast import swapped_modifier
from assistant.summary.dates import due_again
from assistant.summary.kept_parts import other_half, unplaced
from assistant.summary.ordinals import nth_taken_back
from assistant.summary.references import resolve_number, resolve_person
from assistant.summary.renames import renamed, same_but_named
from assistant.summary.retraction import is_retraction, retraction_parts
from assistant.summary.slots import slots


def test_forget_all_that_names_what_all_that_is():
    said = "Forget all that, both the dyslexia thing and the paragraph thing."
    assert retraction_parts(said) == ["Forget the dyslexia thing and the paragraph thing."]
    merged = merge_lines(["I'm dyslexic.", "Avoid long dense paragraphs.", "Use UK spelling."],
                         [said, "I'd rather you didn't keep it."])  # fmt: skip
    assert merged.lines == ["Use UK spelling."]


def test_not_keeping_it_takes_back_but_not_keeping_it_short():
    assert is_retraction("I'd rather you didn't keep it.")
    assert not is_retraction("I'd rather you didn't keep it short.")


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Her GP has moved them to 10am now.", "10am"),
        ("priya can't make it anymore sadly, my sister nadia is taking her spot", "Priya can't"),
        ("she also hates coriander so leave it out", "She also hates coriander"),
        ("quit the job! going full-time freelance now", "I'm going full-time"),
        ("my shop is called Bloom & Co, I sell dried flower arrangements", "I sell dried"),
        ("hmm on second thought keep it professional", "Keep it professional"),
    ],
)
def test_what_a_message_keeps(text, kept):
    found = find_directive(text)
    assert found is not None and kept in found


@pytest.mark.parametrize(
    "text",
    [
        "sorry if i'm slow, my cat keeps walking on my keyboard lol",
        "ugh long day at work",
    ],
)
def test_asides_are_no_lines(text):
    assert find_directive(text) is None


def test_a_reason_after_a_rule_is_no_line():
    assert find_directive("use a playful tone with me, makes planning less stressful") == (
        "Use a playful tone with me."
    )


def test_wish_me_luck_is_not_part_of_the_fact():
    found = find_directive("fyi im training for my first ironman next summer lol wish me luck")
    assert found is not None and "luck" not in found and "ironman" in found


def test_this_once_is_a_one_off():
    assert only_this_answer("this once, use USD for the conversion")
    assert only_this_answer("right now I need the answer in french for a client")
    assert not only_this_answer("use USD for conversions")


def test_too_meaning_also_is_no_complaint():
    assert "Be less" not in rewrite_too("a bit funny too if you can")
    assert rewrite_too("way too long") == "Keep answers shorter."


def test_a_new_due_date_replaces_the_whole_date():
    assert due_again("now its due april 30", ["My thesis is due march 14."]) == (
        "My thesis is due april 30."
    )
    assert due_again(
        "race got moved, its april 27 now", ["I'm running Rotterdam on april 13."]
    ) == ("I'm running Rotterdam on april 27.")
    assert due_again("its april 27 now", ["Keep answers short."]) is None


def test_a_verb_before_the_noun_is_no_modifier():
    old = "When you draft emails to my clients use a casual friendly tone."
    assert swapped_modifier(old, "Go formal for client emails instead.") is None
    assert swapped_modifier("My husband works night shifts.", "He switched to day shifts.") == (
        "My husband works day shifts."
    )


@pytest.mark.parametrize(
    ("old", "new", "kept"),
    [
        ("I'm allergic to peanuts and lactose intolerant.", "I'm not lactose intolerant after all.",
         "I'm allergic to peanuts."),
        ("I'm lactose intolerant and avoiding sugar.", "Drop sugar.", "I'm lactose intolerant."),
        ("I'm vegan and gluten-free.", "Forget that.", None),
    ],
)  # fmt: skip
def test_the_half_a_take_back_does_not_name_stays(old, new, kept):
    assert other_half(old, new) == kept


def test_forget_where_i_live_keeps_the_job():
    old = "I'm a freelance copywriter in Nairobi."
    assert unplaced(old, "Forget where I live.") == "I'm a freelance copywriter."
    assert unplaced(old, "Forget my job.") is None


def test_a_lowercase_two_word_city_is_a_place():
    assert ("location", "new york") in [
        (s.name, s.value) for s in slots("I'm in new york so eastern time.")
    ]
    merged = merge_lines(["I'm in new york so eastern time."], ["I've relocated to vancouver."])
    assert merged.lines == ["I've relocated to vancouver."]


def test_he_is_the_cofounder_the_summary_names():
    stored = ["My cofounder Raj works from Bangalore."]
    assert resolve_person("He moved to Singapore last month.", stored) == (
        "My cofounder Raj moved to Singapore last month."
    )


def test_playful_and_professional_are_one_choice():
    assert ("formality", "casual") in classify("Use a playful tone with me.")
    assert merge_lines(["Use a playful tone with me."], ["Keep it professional."]).lines == [
        "Keep it professional."
    ]


@pytest.mark.parametrize(
    ("line", "stored", "expected"),
    [
        ("lets go up to 180 a night.", "Hotel budget is about 120 a night.", "about 180 a night"),
        ("we're capping it at 200 each instead.", "Budget is 300 euros per person.", "200 euros"),
    ],
)
def test_a_budget_moved_up_or_capped(line, stored, expected):
    assert expected in resolve_number(line, [stored])


@pytest.mark.parametrize(
    ("line", "stored", "expected"),
    [
        ("We renamed him Pretzel lol.", "My dog's name is Biscuit.", "My dog's name is Pretzel."),
        (
            "It's Petal House now.",
            "My shop is called Bloom & Co.",
            "My shop is called Petal House.",
        ),
        ("It's sunny now.", "My shop is called Bloom & Co.", None),
    ],
)
def test_a_rename(line, stored, expected):
    assert renamed(line, [stored]) == expected
    if expected:
        assert same_but_named(stored, expected)
        assert merge_lines([stored], [expected]).lines == [expected]


def test_do_that_for_all_answers_after_a_one_off(session):
    session.send("How should I plan meals for the week?", mode="request")
    session.send("use metric units for this answer", mode="feedback")
    assert "metric" not in session.summary().lower()
    session.send("actually do that for all answers", mode="feedback")
    assert "Use metric units for all answers." in session.summary()


def test_a_school_time_said_in_passing_is_kept_and_moved(session):
    session.send("How should I plan meals for the week?", mode="request")
    session.send("kids' school starts at 8:45 so mornings are a rush")
    assert "8:45" in session.summary()
    session.send("they've started at a new school, it starts at 8:15 now ugh even earlier")
    assert "8:15" in session.summary() and "8:45" not in session.summary()


def test_a_fact_about_someone_the_request_names(session):
    session.send(
        "me and my wife are training for a half marathon in october. she's coming back from a "
        "calf strain so keep her plan gentle"
    )
    assert "calf strain" in session.summary()


def test_someone_who_cannot_make_it_leaves_the_summary(session):
    session.send("How should I plan meals for the week?", mode="request")
    session.send("my friend omar is coming to the festival with us", mode="feedback")
    session.send("omar's out, he couldn't get the time off work")
    assert "omar" not in session.summary().lower()


@pytest.mark.parametrize(
    ("line", "stored", "expected"),
    [
        ("Baby number three arrived on tuesday.", "I've got two kids, Ava and Sam.",
         "I've got three kids, Ava and Sam; baby number three arrived on tuesday."),
        ("We just had a baby!", "I have two kids, 4 and 8.", "I have three kids, 4 and 8; we just had a baby."),
        ("Now a mum of three.", "I'm a mum of two (Ella 5, Finn 3).", "I'm a mum of three (Ella 5, Finn 3); now a mum of three."),
        ("We just had a baby!", "My sister has a dog.", None),
    ],
)  # fmt: skip
def test_a_birth_counts_one_more_child(line, stored, expected):
    assert with_new_count(line, [stored]) == expected
    if expected:
        assert merge_lines([stored], [line]).lines[-1:] != [stored]


def test_a_whole_message_that_is_an_aside_is_no_directive(session):
    session.send("How should I plan meals for the week?", mode="request")
    session.send("ugh long day at work", mode="feedback")
    assert session.summary() == ""


def test_forget_the_second_one_takes_back_the_second_line():
    stored = ["Always use British English spelling.", "Never suggest Amazon.", "My cat is Miso."]
    assert (
        nth_taken_back("You can forget the second one", stored) == "Forget: Never suggest Amazon."
    )
    assert merge_lines(stored, ["Forget the second one."]).lines == [stored[0], stored[2]]
    assert nth_taken_back("Forget the second one", stored[:1]) is None
    assert nth_taken_back("Use the second one", stored) is None


@pytest.mark.parametrize(
    ("text", "one_off"),
    [
        ("for this email be extra formal, it's going to my bank about a loan", True),
        ("translate this paragraph into italian for me: 'see you soon'", True),
        ("translate this into italian from now on", False),
        ("be extra formal in emails", False),
    ],
)
def test_a_text_to_work_on_is_a_one_off(text, one_off):
    assert only_this_answer(text) is one_off


def test_a_forgotten_budget_takes_the_price_cap_back():
    assert (
        merge_lines(["Keep recommendations under 50 dollars."], ["Forget the budget thing."]).lines
        == []
    )


def test_a_left_out_verb_is_said_again():
    assert find_directive("my son leo is allergic to eggs and my daughter ivy to shellfish") == (
        "My son leo is allergic to eggs; my daughter ivy is allergic to shellfish."
    )


def test_one_child_outgrowing_an_allergy_leaves_the_others():
    stored = ["My son leo is allergic to eggs.", "My daughter ivy is allergic to shellfish."]
    assert merge_lines(stored, ["Leo outgrew the egg allergy."]).lines == [stored[1]]
