"""Recalled statements never bring back what the summary replaced or dropped."""

from assistant.summary import still_said
from graph.prompts import system_prompt


def test_a_statement_is_still_said_only_while_the_summary_holds_every_line_of_it():
    summary = "- I moved to Lisbon.\n- Answer in Spanish."
    assert still_said("Answer in Spanish.", summary)
    assert still_said("I moved to Lisbon; answer in Spanish.", summary)
    assert not still_said("I live in Berlin.", summary)
    assert not still_said("I moved to Lisbon; I take metformin.", summary)
    assert not still_said("Answer in Spanish.", "")


def test_the_prompt_leaves_out_recalled_statements_the_summary_dropped():
    state = {
        "summary": "- I moved to Lisbon.",
        "recalled": [
            "I live in Berlin.",
            "Forget everything about my health.",
            "I moved to Lisbon!",
        ],
    }
    system = system_prompt(state)
    assert "Lisbon" in system
    for gone in ("Berlin", "health"):
        assert gone not in system


def test_after_a_move_and_a_take_back_the_next_prompt_has_neither_old_line(session):
    session.send("How should I plan meals for the week?", mode="request")
    for text in (
        "I live in Berlin, keep that in mind",
        "I take metformin for diabetes, keep that in mind",
        "actually I moved to Lisbon",
        "forget everything about my health",
    ):
        session.send(text, mode="feedback")
    summary = session.summary()
    assert "Lisbon" in summary and "Berlin" not in summary and "metformin" not in summary
    session.send("what should I eat tonight where I live?", mode="request")
    prompt = session._llm.last_system_prompt
    assert "Lisbon" in prompt
    assert "Berlin" not in prompt and "metformin" not in prompt
