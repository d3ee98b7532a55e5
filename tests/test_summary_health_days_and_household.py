"""Health lines taken back as a kind ('forget everything about my health conditions'), a medicine
switched ('switched him from warfarin to apixaban'), a day list moved ('it's Tuesdays, Thursdays
and Saturdays now'), a start date moved, 'double that', a bare number, object pronouns ('fine for
her now'), one of several people, advice said as 'she told me to', household facts said without a
question, and remarks about saving that are no lines."""

from __future__ import annotations

import pytest

from assistant.feedback import find_directive
from assistant.feedback.cues import tells_about_self
from assistant.feedback.request_facts import said_for_good
from assistant.feedback.roles import said_as
from assistant.feedback.too import rewrite_too
from assistant.summary import merge_lines
from assistant.summary.categories import names_kind, takes_back_kind
from assistant.summary.contrast import corrected_lines
from assistant.summary.references import resolve_references
from assistant.summary.relation_cues import one_of_several
from assistant.summary.resolve import name_line, said_in_order


@pytest.mark.parametrize(
    "said",
    [
        "Forget everything about my health conditions.",
        "Don't keep any note about my meds.",
        "please delete the medical stuff",
    ],
)
def test_a_take_back_of_health_lines_removes_every_health_line_and_nothing_else(said):
    stored = ["I have Crohn's disease.", "I'm on sertraline 50mg.", "I'm pescatarian."]
    assert names_kind(said)
    assert merge_lines(stored, [said]).lines == ["I'm pescatarian."]


def test_naming_health_without_taking_it_back_removes_nothing():
    assert not names_kind("My health is much better these days.")
    assert not takes_back_kind("I'm pescatarian.", "Forget my health conditions.")


def test_remarks_about_saving_are_no_lines():
    said = find_directive(
        "please forget everything about my health conditions, I'm not comfortable with that "
        "being saved. keep the food stuff"
    )
    assert said == "Forget everything about my health conditions."
    said = find_directive(
        "actually please forget I mentioned blood pressure, I'd rather not have health stuff saved."
    )
    assert said is not None and "rather" not in said.lower()


def test_rather_not_is_no_contrast():
    stored = ["I have high blood pressure."]
    assert corrected_lines(stored, "I'd rather not have health stuff saved.") == []


@pytest.mark.parametrize(
    ("stored", "said", "fixed"),
    [
        (
            "My husband Raj is on warfarin.",
            "His cardiologist switched him from warfarin to apixaban last week",
            "My husband Raj is on apixaban.",
        ),
        (
            "I'm on warfarin.",
            "the clinic switched me off warfarin onto apixaban",
            "I'm on apixaban.",
        ),
    ],
)
def test_a_medicine_switched_for_someone_corrects_the_stored_line(stored, said, fixed):
    assert corrected_lines([stored], said) == [fixed]


def test_a_day_list_said_again_replaces_the_days_of_the_line():
    stored = ["No emojis.", "I do a 5x5 strength program on Mondays, Wednesdays and Fridays."]
    new = resolve_references("It's Tuesdays, Thursdays and Saturdays now.", stored)
    assert new == "I do a 5x5 strength program on Tuesdays, Thursdays and Saturdays."


def test_days_are_no_name():
    assert name_line("it's Tuesdays, Thursdays and Saturdays now") is None


@pytest.mark.parametrize(
    ("stored", "said", "now"),
    [
        (
            "I start at Shopify on March 3 as a frontend developer.",
            "HR moved my start date to March 17 because of paperwork.",
            "I start at Shopify on March 17 as a frontend developer.",
        ),
        ("My bar exam is July 29.", "I'm deferring to the February sitting.", "My bar exam is February."),
    ],
)  # fmt: skip
def test_a_date_moved_to_another_replaces_the_date(stored, said, now):
    assert resolve_references(said, [stored]) == now


def test_double_that_and_a_label_number():
    assert resolve_references("Double that.", ["I take vitamin D, 1000 IU a day."]) == (
        "I take vitamin D, 2000 IU a day."
    )
    stored = ["I'm type 1 diabetic."]  # 'type 1' is no amount
    assert resolve_references("Endo changed my Lantus to 22 units.", stored).startswith("Endo")


def test_a_bare_number_after_a_verdict_sets_the_number():
    assert said_in_order("hmm 200 is a bit much actually. 150").endswith("make that 150")
    merged = merge_lines(["Keep answers under 200 words."], ["Make that 150."])
    assert merged.lines == ["Keep answers under 150 words."]


@pytest.mark.parametrize(
    ("stored", "said", "now"),
    [
        ("My mum's on a low-salt diet.", "Doctor switched her to low-sugar instead.", "my mum"),
        ("My youngest Priya is also dairy-free.", "Dairy is fine for her now.", "Priya"),
        ("My new manager is Tomasz.", "He's way more relaxed about timelines.", "Tomasz"),
    ],
)
def test_a_pronoun_names_the_one_person_the_summary_knows(stored, said, now):
    assert now in resolve_references(said, [stored])


def test_her_before_a_noun_is_no_object_and_two_people_resolve_to_none():
    stored = ["My mum is 70.", "My sister lives in Leeds."]
    assert resolve_references("Dairy is fine for her now.", stored) == "Dairy is fine for her now."


def test_a_fact_about_one_of_several_named_people_keeps_the_line_that_names_them():
    assert one_of_several("My twins Noah and Ella are 3.", "Ella has to be dairy-free for now.")
    assert not one_of_several("My twins Noah and Ella are 3.", "Ella passed away.")
    merged = merge_lines(["My twins Noah and Ella are 3."], ["Ella has to be dairy-free for now."])
    assert len(merged.lines) == 2


def test_advice_said_as_someone_told_me_is_the_rule():
    said = find_directive("she told me to keep sodium under 1500mg a day, so keep recipes low salt")
    assert said is not None and "1500mg" in said and "told" not in said


@pytest.mark.parametrize(
    "text",
    [
        "Kids are Ollie 11, Hana 8, Remy 2",
        "Both my kids, Ivy and Rex, are allergic to strawberries.",
        "Baby Noah naps at 9am and 1pm.",
    ],
)
def test_a_household_fact_said_alone_is_told_not_asked(text):
    assert tells_about_self(text)


@pytest.mark.parametrize(
    "text",
    [
        "my roommate Keziah works nights so I need quiet hobby ideas for the evenings",
        "my kids are bored, any rainy day ideas?",
        "my dad thinks the moon landing was faked",
    ],
)
def test_a_household_fact_that_asks_or_claims_is_not_only_told(text):
    assert not tells_about_self(text)


def test_roles_said_with_as():
    assert said_as("As someone who teaches piano lessons online, what's a good tool?") == [
        "I teach piano lessons online."
    ]
    assert said_as("As a junior finance analyst at Unilever, I need an outline") == [
        "I'm a junior finance analyst at Unilever."
    ]


def test_too_much_going_on_is_why_not_a_rule():
    assert rewrite_too("too much going on at work") == ""
    assert find_directive("cool, I'll try Calendly") is None


def test_a_label_of_the_user_is_not_stored_with_the_facts():
    said = said_for_good(
        "bit about me: 72, retired teacher, live on my own with my dog Pepper",
        "",
        lambda x: (x, True),
    )
    assert said is not None and "bit about me" not in said.lower() and "Pepper" in said


def test_a_new_citation_style_replaces_the_old_one():
    merged = merge_lines(
        ["My uni uses APA 7th edition for all citations."], ["Use Harvard referencing."]
    )
    assert merged.lines == ["Use Harvard referencing."]


def test_cut_in_half():
    stored = ["My dissertation word limit is 3000 words."]
    assert resolve_references("They cut it in half, can you believe it.", stored) == (
        "My dissertation word limit is 1500 words."
    )


@pytest.mark.parametrize(
    "text", ["write to me in Italian", "talk to me in Basque please", "answer me in spanish"]
)
def test_a_language_asked_for_is_a_rule(text):
    from assistant.feedback.classifier import sets_a_rule

    assert sets_a_rule(text)
    assert not sets_a_rule("write a poem in french")


def test_a_formal_pronoun_or_a_language_is_no_name():
    assert name_line("keep it formal please, use Lei") is None
    assert name_line("please use Ilocano going forward") is None


@pytest.mark.parametrize(
    "clause",
    ["Call me Greta, just use that", "call me Teddy, use that instead", "Call me Pri, do too",
     "Call me Pip — everyone does"],
)  # fmt: skip
def test_a_name_line_drops_what_only_agrees_with_it(clause):
    assert name_line(clause) == f"Call me {clause.split()[2].strip(',')}."
    assert name_line("call me Sam in formal drafts") is None  # its scope stays as said


def test_days_switched_from_next_week_replace_the_days():
    stored = ["I train Mondays, Wednesdays and Fridays."]
    said = "Switching to Tuesdays, Thursdays and Saturdays from next week on."
    assert merge_lines(stored, [said]).lines == ["I train Tuesdays, Thursdays and Saturdays."]


def test_a_line_said_too_adds_to_a_line_it_shares_no_slot_with():
    from assistant.summary.relation_cues import told_then_asked

    assert told_then_asked("Keep it short.", "Always add source links too.")
    assert not told_then_asked("Use metric.", "Use imperial too.")  # one slot, two values


def test_a_verdict_then_forget_that_part_is_not_glued_into_one_line():
    assert not said_in_order("the bold is too much, forget that part").startswith("forget")
    assert said_in_order("and the word limit, drop that too") == "and drop the word limit too"


def test_an_age_said_in_brackets_is_the_age_and_changes_with_a_birthday():
    said = find_directive("My mom (she's 78) takes warfarin, so flag any food that interacts")
    assert said is not None and said.startswith("My mom (78) takes warfarin")
    merged = merge_lines(["My mom (78) takes warfarin."], ["My mom turned 79 yesterday."])
    assert merged.lines == ["My mom (79) takes warfarin."]


def test_a_name_said_with_s_name_is_names_the_pronoun():
    stored = ["My husband's name is Dario."]
    assert resolve_references("He teaches high school now.", stored).startswith("My husband Dario")


def test_a_day_number_corrected_once_not_twice():
    stored = ["My wife Ayesha's birthday is march 3."]
    assert corrected_lines(stored, "oops it's march 13 not 3") == [
        "My wife Ayesha's birthday is march 13."
    ]


def test_a_fact_and_a_take_back_beside_a_one_off_last_and_the_one_off_does_not(
    tmp_path, classifier
):
    from app.local_session import open_session
    from assistant.config import load_settings
    from tests.fakes import FakeLLM

    settings = load_settings(
        {"data_dir": tmp_path / "data", "user": "al"}, env={}, config_path=tmp_path / "none.toml"
    )
    s = open_session(settings, llm=FakeLLM(reply="Fine."), classifier=classifier, load_personalizer=False)  # fmt: skip
    s.load()
    try:
        s.send("How should I plan meals for the week?", mode="request")
        s.send("my son Leo is 7", mode="feedback")
        s.send("he turned 8 yesterday. just this once, make the answer a table", mode="feedback")
        assert s.summary().splitlines() == ["- My son Leo is 8."]
        s.send("I'm allergic to shellfish, latex and ibuprofen.", mode="feedback")
        s.send(
            "I double-checked my records - it's not latex, scrap that one. also just this once, "
            "answer in one sentence",
            mode="feedback",
        )
        summary = s.summary().lower()
        assert "shellfish and ibuprofen" in summary and "latex" not in summary
        assert "table" not in summary and "one sentence" not in summary
    finally:
        s.close()


def test_two_corrections_of_one_line_in_one_message_make_one_line():
    stored = ["I'm Jess, mum to Ozzy the labrador and two cats."]
    said = "Sorry, autocorrect - it's Jez, not Jess. And I'm a dad, not a mum haha"
    assert corrected_lines(stored, said) == ["I'm Jez, dad to Ozzy the labrador and two cats."]


def test_a_name_corrected_in_every_line_that_names_the_person():
    stored = ["My trainer's name is Marco.", "My trainer Marco wants me hitting 10k steps a day."]
    assert corrected_lines(stored, "oops, Mario, not Marco. too many italians at my gym") == [
        "My trainer's name is Mario.",
        "My trainer Mario wants me hitting 10k steps a day.",
    ]
    assert rewrite_too("too many italians at my gym") == ""


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (
            "thanks! anyway the big change is I now mentor two juniors, Leo and Aisha",
            "I now mentor two juniors, Leo and Aisha.",
        ),
        (
            "Heads up for future suggestions: my colleague Dana is vegan",
            "My colleague Dana is vegan.",
        ),
        ("quick intro: I'm Nadia, 29, ops manager in Rotterdam.", "I'm Nadia, 29, ops manager in Rotterdam."),
    ],
)  # fmt: skip
def test_lead_ins_are_no_part_of_the_line(text, line):
    assert find_directive(text) == line
    assert find_directive("thanks, that was great") is None


def test_her_birthday_is_a_fact_about_the_one_she_named_before():
    assert resolve_references("Her birthday is June 2.", ["My wife Elena loves pottery."]) == (
        "My wife Elena's birthday is June 2."
    )
    assert find_directive("her birthday is June 2 btw") == "Her birthday is June 2."
    said = "Planning a dinner for her birthday."  # a plan for her, not a fact said of her
    assert resolve_references(said, ["My wife Elena loves pottery."]) == said
