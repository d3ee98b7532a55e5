"""A stored value judged a mistake afterwards ('the dutch was a bad idea') takes its line back
with no line of its own; a new job said as 'now work as' or 'starting as' is a job."""

from __future__ import annotations

from assistant.summary import directive_lines, merge_lines
from assistant.summary.relation_cues import JUDGED_OFF
from assistant.summary.relations import rule_relation
from assistant.summary.slots import slots


def test_a_value_judged_a_mistake_is_taken_back_without_a_line():
    stored = ["Answer in dutch.", "Keep it under 80 words.", "No jargon."]
    said = "The dutch was a bad idea; use english again; go up to 150 words; still no jargon."
    assert merge_lines(stored, directive_lines(said)).lines == [
        "No jargon.",
        "Use english again.",
        "Keep it under 150 words.",
    ]


def test_what_counts_as_judged_off():
    assert JUDGED_OFF.search("the emojis were a bit much")
    assert JUDGED_OFF.search("the formal thing was too much")
    assert not JUDGED_OFF.search("this is much better")
    assert not JUDGED_OFF.search("that was a great idea")


def test_a_new_job_in_other_words_replaces_the_old_one():
    assert ("job", "lab tech") in {
        (s.name, s.value) for s in slots("I left teaching and now work as a lab tech at a brewery.")
    }
    assert ("job", "ux researcher") in {
        (s.name, s.value) for s in slots("I'm starting as a UX researcher at a fintech.")
    }
    old = "I'm a high school chemistry teacher."
    assert (
        rule_relation(old, "I left teaching and work as a lab tech at a brewery.") == "supersedes"
    )
