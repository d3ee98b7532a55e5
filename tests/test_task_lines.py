"""A line that only asks for this answer's content never lasts (assistant.feedback.tasks, applied
in assistant.feedback.lasting.what_lasts), read beside the switched-off counterpart. Cases written
for this test."""

from __future__ import annotations

from unittest import mock

import pytest

import graph.nodes
from assistant.feedback import lasting, tasks
from assistant.feedback.tasks import task_line, without_task


@pytest.mark.parametrize(
    ("line", "left"),
    [
        ("Explain how tides work on a lake.", None),
        ("Suggest a quick lentil soup for tonight.", None),
        ("Review my cover letter for the Acme job.", None),
        ("Translate 'see you soon' into Dutch.", None),
        ("Explain photosynthesis.", None),
        ("Write me a limerick about my cat.", None),
        ("So what is the best way to store basil.", None),
        ("I'm a nurse, what vitamins help with night shifts.", "I'm a nurse."),
        ("I like detail: explain how a heat pump works.", "I like detail."),
        ("Suggest fonts for a wedding menu.", None),
        ("Lasagna recipe please, it's his birthday.", None),
    ],
)
def test_an_ask_for_this_answers_content_is_cut(line, left):
    assert task_line(line)
    assert without_task(line) == left


@pytest.mark.parametrize(
    "line",
    [
        "Explain things simply, like I'm 12.",
        "Explain grammar in English.",
        "Give me recipes in grams and celsius.",
        "Suggest hikes for us sometimes.",
        "Review my code line by line whenever I paste it.",
        "Always give me a summary at the end.",
        "Explain how you got the answer.",
        "Write in Polish.",
        "What I meant is I'm a teacher.",
        "How about shorter answers.",
        "My mum, who is 80, lives with us.",
        "He has a son, Kit, 14, who lives with us half the time.",
        "Tell me why, not just what.",
        "Give recipe amounts in cups.",
        "Suggest swaps for any dairy in recipes.",
    ],
)
def test_a_way_of_answering_is_no_task(line):
    assert not task_line(line)
    assert without_task(line) == line


def test_what_lasts_drops_the_task_and_keeps_the_rule():
    text = "be blunt with me from now on. critique my plan to open a bakery in six months"
    directive = "Be blunt with me from now on; critique my plan to open a bakery in six months."
    said, lasting_ = lasting.what_lasts(text, directive, True)
    assert lasting_ and "blunt" in said and "bakery" not in said


def test_without_the_task_reading_the_task_stays():
    text = "be blunt with me from now on. critique my plan to open a bakery in six months"
    directive = "Be blunt with me from now on; critique my plan to open a bakery in six months."
    with mock.patch.object(tasks, "without_task", lambda line: line):
        said, _ = lasting.what_lasts(text, directive, True)
    assert "bakery" in said


def test_a_message_that_is_only_a_task_keeps_nothing():
    text = "from now on I have a question: explain how tides work"
    assert lasting.what_lasts(text, "Explain how tides work.", True) == (None, False)


def test_a_task_line_never_reaches_the_summary_whatever_the_path_and_without_it_it_does(session):
    """A request after rules is read for facts to keep (not what_lasts): its task line is still
    left out where every directive meets the summary (graph.nodes._remember)."""
    said = ["be blunt with me, no sugarcoating", "and throw in some dry humor where it fits",
            "critique my plan to learn the oboe in a year"]  # fmt: skip
    for x in said:
        session.send(x)
    assert "humor" in session.summary() and "oboe" not in session.summary()
    session.edit_summary("")
    with mock.patch.object(graph.nodes, "without_tasks", lambda directive: directive):
        for x in said:
            session.send(x)
    assert "oboe" in session.summary()


@pytest.mark.parametrize(
    ("directive", "asks"),
    [
        ("Critique my plan to learn the oboe in a year.", True),
        ("Explain how tides work; suggest a quick lentil soup for tonight.", True),
        ("Be blunt; critique my plan to learn the oboe in a year.", False),
        (None, False),
    ],
)
def test_a_directive_that_only_asks_for_content(directive, asks):
    assert tasks.only_asks(directive) is asks


def test_a_message_that_only_asks_is_answered_and_without_the_part_it_is_feedback(session):
    """After an answer, the router can read a bare ask as feedback on it: it got no answer."""
    said = "what should I cook tonight?"
    session.send(said)
    result = session.send("critique my plan to learn the oboe in a year")
    assert result.kind == "request" and result.answer
    with mock.patch.object(graph.nodes, "only_asks", lambda directive: False):
        session.send(said)
        result = session.send("critique my plan to learn the oboe in a year")
    assert result.kind == "feedback"
