"""The old value said beside the new one ('Catalan instead of Spanish'), a value said to stay
('formal stays'), and head counts said in other words ('5 staff' of '4 employees')."""

from __future__ import annotations

from assistant.feedback.directive import find_directive
from assistant.summary import merge_lines
from assistant.summary.quantities import same_quantity


def test_the_old_value_beside_the_new_one_is_not_kept():
    out = merge_lines(["Answer in Spanish."], ["Use Catalan instead of Spanish."])
    assert out.lines == ["Use Catalan."]
    assert merge_lines(["I prefer metric units."], ["Use miles, not kilometres."]).lines == [
        "Use miles."
    ]
    # same slot, nothing stored: still only the new value
    assert merge_lines([], ["Use Catalan, not Spanish."]).lines == ["Use Catalan."]
    # not a slot value and nothing replaced: the whole line is the preference
    assert merge_lines([], ["Use honey instead of sugar in recipes."]).lines == [
        "Use honey instead of sugar in recipes."
    ]


def test_a_value_said_to_stay_and_a_change_label_leave_no_line_of_their_own():
    said = find_directive("change: Catalan instead of Spanish, and max 2 paragraphs. formal stays.")
    assert said is not None
    low = said.lower()
    assert "catalan" in low and "2 paragraphs" in low
    assert "change" not in low and "stays" not in low
    assert find_directive("formal stays the same") is None


def test_staff_and_employees_are_one_head_count():
    stored = ["I run a small bakery in Leeds with 4 employees."]
    assert same_quantity("It's 5 staff now.", stored) == (
        "I run a small bakery in Leeds with 5 employees."
    )
