"""New values said in new ways (this round's dev15 and dev16 failures, written as rules): a
time zone, a number-only change, the same someone doing something new, a job, labels before a
colon, and what a request keeps."""

from __future__ import annotations

import pytest

from assistant.feedback.request_facts import facts_in_request
from assistant.summary import merge_directive, parse
from tests.test_summary_references import summary_after


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("I'm on Pacific time.", "I relocated to Chicago, Central time now."),
        ("Give meeting times in CET.", "Use SGT now."),
        ("My dad's birthday is March 14.", "My dad's birthday is March 17."),
    ],
)
def test_a_new_value_replaces_the_old_line(old, new):
    lines = parse(merge_directive(f"- {old}\n- I'm a nurse.", new))
    assert old not in lines
    assert new in lines and "I'm a nurse." in lines


def test_a_time_zone_moves_with_the_place_it_was_said_with():
    lines = parse(
        merge_directive(
            "- I'm in Denver, so give times in Mountain time.\n- I'm a nurse.",
            "I relocated to Halifax last month.",
        )
    )
    assert not any("Mountain" in x for x in lines)
    assert "I relocated to Halifax last month." in lines and "I'm a nurse." in lines


@pytest.mark.parametrize(
    ("summary", "new", "expected"),
    [
        ("- My dad Wiesław uses a wheelchair.", "My dad uses a walker now.", "My dad Wiesław uses a walker now."),
        ("- My son plays football.", "My son plays chess now.", "My son plays chess now."),
        ("- My sister Ana lives in Lyon.", "My sister moved to Paris.", "My sister Ana moved to Paris."),
    ],
)  # fmt: skip
def test_the_same_someone_doing_something_new_replaces_the_old_line_and_keeps_the_name(
    summary, new, expected
):
    assert parse(merge_directive(summary + "\n- I'm a nurse.", new)) == ["I'm a nurse.", expected]


def test_doing_something_else_too_is_no_replacement():
    lines = parse(merge_directive("- My son plays football.", "My son plays chess too now."))
    assert "My son plays football." in lines


@pytest.mark.parametrize(
    ("line", "job"),
    [
        ("I'm a paralegal at a small firm in Boise.", "paralegal"),
        ("I'm a high school chemistry teacher.", "high school chemistry teacher"),
        ("I'm a huge fan of jazz.", None),
    ],
)
def test_a_job_is_a_slot(line, job):
    from assistant.summary.slots import slots

    assert [s.value for s in slots(line) if s.name == "job"] == ([job] if job else [])


@pytest.mark.parametrize(
    ("steps", "must", "must_not"),
    [
        (
            ["Set up: I live in Montreal, I'm training for a half marathon, and I'm 34.",
             "update on all three: moved to Quebec City, switched to training for a full marathon, and just turned 35"],
            ["quebec", "full marathon", "35"], ["montreal", "half", "34", "set up", "update"],
        ),
        (["background: I teach chemistry in Manitoba"], ["teach chemistry"], ["background"]),
        (["ok and one more, please call me Pri"], ["call me pri"], ["one more"]),
    ],
)  # fmt: skip
def test_a_label_before_a_colon_is_no_part_of_the_line(steps, must, must_not):
    after = " ".join(summary_after(*steps)).lower()
    assert all(m in after for m in must) and not any(m in after for m in must_not)


def test_no_need_for_that_said_alone_takes_back_the_newest_line():
    after = " ".join(
        summary_after(
            "keep it short",
            "my partner is coeliac so cook gluten free",
            "we broke up. so no need for that anymore",
        )
    ).lower()
    assert "coeliac" not in after and "short" in after


def test_a_rule_for_a_kind_of_answer_asked_as_when_i_ask():
    text = "when I ask for client emails write them formal"
    assert facts_in_request(text) == "When I ask for client emails write them formal."
