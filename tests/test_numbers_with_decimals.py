"""A new amount with a decimal point changes the stored number instead of failing the turn."""

from assistant.summary.references import resolve_references

STORED = "My cat Miso gets 3 scoops of food a day."


def test_a_decimal_amount_replaces_a_whole_one():
    got = resolve_references("Vet says cut Miso down to 2.5 scoops.", [STORED])
    assert got == "My cat Miso gets 2.5 scoops of food a day."


def test_a_turn_with_a_decimal_amount_does_not_fail(session):
    session.send("How should I plan meals for the week?", mode="request")
    session.edit_summary(f"- {STORED}")
    session.send("vet says cut miso down to 2.5 scoops, she's getting round", mode="auto")
    assert "2.5 scoops" in session.summary()
    assert "3 scoops" not in session.summary()
