"""The old value said beside the new one ('Catalan instead of Spanish'), a value said to stay
('formal stays the same'), and head counts said in other words ('5 staff' of '4 employees')."""

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


def test_a_value_said_to_stay_as_it_is_and_a_change_label_leave_no_line_of_their_own():
    said = find_directive("change: Catalan instead of Spanish, and max 2 paragraphs. formal stays.")
    assert said is not None
    low = said.lower()
    assert "catalan" in low and "2 paragraphs" in low
    assert not low.startswith("change")
    assert find_directive("formal stays the same") is None


def test_staff_and_employees_are_one_head_count():
    stored = ["I run a small bakery in Leeds with 4 employees."]
    assert same_quantity("It's 5 staff now.", stored) == (
        "I run a small bakery in Leeds with 5 employees."
    )


def test_what_to_do_instead_goes_with_the_rule_it_follows():
    stored = ["Stop using headers in your answers.", "Just plain paragraphs.", "I'm a nurse."]
    out = merge_lines(stored, ["Headers are fine again."])
    assert out.lines == ["I'm a nurse."]  # lifting the ban takes what it asked instead with it
    # a new value said after a take-back stays
    out = merge_lines(
        ["Add some humor to your answers."], ["Drop the jokes.", "Just straight answers."]
    )
    assert out.lines == ["Just straight answers."]


def test_what_someone_close_takes_is_a_fact():
    said = find_directive(
        "My mom takes warfarin, so flag any food that interacts with it when I ask about her meals."
    )
    assert said is not None and "warfarin" in said.lower()
    assert find_directive("my code takes forever") is None


def test_a_name_respelled_corrects_the_stored_one():
    from assistant.summary.contrast import corrected_lines

    assert corrected_lines(["My bf's name is Marco."], "sorry typo, Marko with a k") == [
        "My bf's name is Marko."
    ]
    # no word of respelling: a new name is not read as a typo of the old one
    assert corrected_lines(["My bf's name is Marco."], "Marko is coming too") == []


def test_allowing_a_part_of_what_a_rule_forbade_is_kept_and_allowing_all_of_it_is_not():
    out = merge_lines(["No markdown in answers."], ["Markdown code blocks are ok now."])
    assert out.lines[-1] == "Markdown code blocks are ok now."
    assert merge_lines(["No emojis."], ["Emojis are fine again."]).lines == []
    assert merge_lines(["Don't use tables."], ["Tables are ok now."]).lines == []
    assert merge_lines(["Only keto recipes."], ["Normal recipes are fine."]).lines == []
    assert merge_lines(["No calorie counts."], ["Calorie counts again, please."]).lines == []
