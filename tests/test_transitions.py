"""A life event said of a stored line's person ends the line (assistant.summary.transitions),
read beside the switched-off counterpart: a reader that flags nothing, so that only the
transition can end a line. Cases written for this test."""

from __future__ import annotations

from unittest import mock

import pytest

import graph.retire
from assistant.summary.transitions import ended_by_event, what_stays


class NoReader:
    """A stale-line reader that is sure of nothing."""

    def p_stale(self, lines, text):
        return [0.5] * len(lines)


@pytest.mark.parametrize(
    ("line", "text"),
    [
        ("I'm job hunting right now.", "starting at Brightwave on Monday as a junior analyst!"),
        ("I'm on an F-1 visa, keep that in mind for work questions.", "finally got my green card"),
        ("I teach year 5 at a primary school.", "I retired as of last week"),
        ("I'm expecting twins in June.", "they were born on tuesday, both healthy"),
        ("My wife Ada is 30 weeks pregnant.", "Ada had the baby!"),
        ("I rent a flat with a no-pets rule.", "we bought a house in the spring"),
        ("I'm a second-year law student.", "I graduated last month"),
        ("My dad uses a walker.", "my dad is fully recovered after his rehab"),
        ("I drive to work every day.", "sold the car, I bike now"),
        ("My boyfriend Luis likes spicy food.", "we broke up in october"),
        ("I'm taking evening classes in Italian.", "quit the course, no time"),
        ("I sprained my ankle, on crutches.", "the cast came off today, walking again"),
        ("My boss Karen wants formal emails.", "my boss left the company"),
    ],
)
def test_a_life_event_ends_the_line_of_its_person(line, text):
    assert ended_by_event(line, text)


@pytest.mark.parametrize(
    ("line", "text"),
    [
        ("I teach year 5 at a primary school.", "my husband retired last week"),
        ("I teach year 5 at a primary school.", "when I retire I'll travel more"),
        ("I'm a second-year law student.", "I haven't graduated yet"),
        ("I'm job hunting right now.", "if I get the job I'll start on Monday"),
        ("I have a sprained ankle.", "my wrist has healed"),
        ("My dad uses a walker.", "I'm fully recovered"),
        ("My brother Kwame works at a bank.", "I got laid off today"),
        ("My wife Ada is pregnant.", "my sister had her baby"),
        ("I prefer short answers.", "I retired last week"),
    ],
)
def test_an_event_of_someone_else_or_not_yet_ends_nothing(line, text):
    assert not ended_by_event(line, text)


@pytest.fixture
def session(open_with):
    return open_with(NoReader())


def test_the_event_ends_the_stored_line_and_the_history_says_which_message(session):
    session.edit_summary("- I'm job hunting right now.\n- Keep answers short.")
    session.send("got the offer!! starting at Brightwave on Monday", mode="request")
    assert "job hunting" not in session.summary() and "Keep answers short." in session.summary()
    assert "starting at Brightwave" in session.summary_history()[-1].cause


def test_without_the_transitions_the_line_stays(session):
    session.edit_summary("- I'm job hunting right now.\n- Keep answers short.")
    with mock.patch.object(graph.retire, "ended_by_event", lambda line, text: False):
        session.send("got the offer!! starting at Brightwave on Monday", mode="request")
    assert "job hunting" in session.summary()


@pytest.mark.parametrize(
    ("line", "text", "left"),
    [
        ("My dad is 68 and uses a walker.", "my dad is fully recovered", "My dad is 68."),
        ("Single dad here, one son, Ezra, 9.", "I got married in june!", "One son, Ezra, 9."),
        ("I'm pregnant, due in May, so no soft cheese.", "the baby's here!", None),
        ("I'm a law student, exams in April.", "I graduated!", None),
        ("My flatmate Ola is 25 and vegan.", "Ola moved out", None),
        (
            "I'm a graphic designer, currently job hunting.",
            "got the job!!",
            "I'm a graphic designer.",
        ),
        ("I'm a graphic designer at a studio.", "I retired last week", None),
    ],
)
def test_what_stays_of_an_ended_line(line, text, left):
    assert what_stays(line, text) == left


def test_the_parts_that_stay_replace_the_line_and_without_them_it_goes(session):
    session.edit_summary("- My dad is 68 and uses a walker.\n- Keep answers short.")
    session.send("my dad is fully recovered, no walker needed", mode="request")
    assert "My dad is 68." in session.summary() and "walker" not in session.summary()
    session.edit_summary("- My dad is 68 and uses a walker.\n- Keep answers short.")
    with mock.patch.object(graph.retire, "what_stays", lambda line, text: None):
        session.send("my dad is fully recovered, no walker needed", mode="request")
    assert "68" not in session.summary()
