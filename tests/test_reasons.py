"""A rule that came with its reason goes with it (assistant.summary.reasons, graph.retire): the link
is read from the message that stored both lines; rows written for this test."""

from __future__ import annotations

import pytest

from assistant.summary.reasons import gone_with_reasons, linked, message_of

CAR = "We don't own a car, so please suggest public transport options when I ask about getting around."


@pytest.mark.parametrize(
    ("a", "b", "message"),
    [
        ("We don't own a car.", "Suggest public transport options.", CAR),
        ("Use Celsius.", "I live in Berlin.", "use Celsius because I live in Berlin"),
        ("Use Celsius.", "I live in Berlin.", "since I live in Berlin, use Celsius"),
        ("Biscuit is 12.", "Senior dog tips are welcome.", "my dog Biscuit, he's 12 so senior dog tips are welcome"),
    ],
)  # fmt: skip
def test_a_causal_word_links_the_reason_to_what_follows_from_it(a, b, message):
    reason, then = (b, a) if a.startswith("Use") else (a, b)
    assert linked(reason, then, message) and not linked(then, reason, message)


@pytest.mark.parametrize(
    ("a", "b", "message"),
    [  # the line is not in the clause next to 'so', or there is no causal word at all
        ("I live alone in Leeds.", "Senior dog tips are welcome.", "I live alone in Leeds with my dog, he's 12 so senior dog tips are welcome"),
        ("I'm vegetarian.", "Answer in French.", "I'm vegetarian and answer in French"),
        ("I'm vegetarian.", "Answer in French.", "I'm so tired of meat, I'm vegetarian now, answer in French"),
        ("I run 5K.", "Keep it short.", "I run 5K so far this week, keep it short"),
    ],
)  # fmt: skip
def test_lines_the_message_does_not_join_by_a_reason_are_not_linked(a, b, message):
    assert not linked(a, b, message)


def _versions(*turns: tuple[list[str], str]) -> list[tuple[str, str]]:
    return [("\n".join(f"- {x}" for x in lines), cause) for lines, cause in turns]


def test_the_partner_of_an_ended_line_goes_and_a_line_changed_in_place_keeps_it():
    first = ["We don't own a car.", "Suggest public transport options."]
    versions = _versions((first, CAR))
    assert gone_with_reasons(first, ["We bought a car."], versions) == []  # partner already gone
    kept = ["Suggest public transport options.", "We bought a car."]
    assert gone_with_reasons(first, kept, versions) == [
        ("Suggest public transport options.", "We don't own a car.")
    ]
    dog = ["Biscuit is 12.", "Senior dog tips are welcome."]
    said = "my dog Biscuit, he's 12 so senior dog tips are welcome"
    older = ["Biscuit is 13.", "Senior dog tips are welcome."]
    assert gone_with_reasons(dog, older, _versions((dog, said))) == []


def test_a_rule_taken_back_leaves_its_reason_and_a_line_said_with_more_keeps_its_rule():
    adhd = ["I have ADHD.", "Break tasks into tiny steps."]
    versions = _versions((adhd, "I have ADHD so please break tasks into tiny steps"))
    assert gone_with_reasons(adhd, ["I have ADHD.", "Normal task lists are fine."], versions) == []
    knee = ["Bad knee here.", "No running suggestions."]
    versions = _versions((knee, "bad knee here so no running suggestions plz"))
    more = ["Bad knee here, and a bad hip too.", "No running suggestions."]
    assert gone_with_reasons(knee, more, versions) == []


def test_only_lines_stored_by_the_same_message_are_partners():
    versions = _versions(
        (["Suggest public transport options."], "suggest public transport options"),
        (["Suggest public transport options.", "We don't own a car."], "we don't own a car, so yeah"),
    )  # fmt: skip
    before = ["Suggest public transport options.", "We don't own a car."]
    assert gone_with_reasons(before, ["Suggest public transport options."], versions) == []


def test_the_history_notes_are_not_the_users_words():
    cause = "we bought a car\nremoved 'We don't own a car.' (retracted by: We bought a car.)"
    assert message_of(cause) == "we bought a car"


class CarReader:
    """Deterministic stale-line reader: 'bought a car' ends the no-car line, nothing else."""

    def p_stale(self, lines, text):
        return [1.0 if "bought a car" in text and "own a car" in x else 0.0 for x in lines]


@pytest.fixture
def session(open_with):
    return open_with(CarReader())


def test_a_session_drops_the_rule_whose_reason_ended_and_says_so(session):
    session.send(CAR, mode="feedback")
    session.send("I'm in Lyon.", mode="feedback")
    assert "public transport" in session.summary() and "own a car" in session.summary()
    session.send("we bought a car last weekend, what's a good day trip?", mode="request")
    summary = session.summary()
    assert "public transport" not in summary and "own a car" not in summary and "Lyon" in summary
    assert "it went with: We don't own a car." in session.summary_history()[-1].cause


def test_a_rule_the_message_says_stays_is_kept(session):
    session.send(CAR, mode="feedback")
    session.send("we bought a car last weekend, but still suggest public transport", mode="request")
    assert "public transport" in session.summary()
