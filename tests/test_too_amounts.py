"""The amount said after a complaint of excess is kept beside the general line the complaint
becomes (assistant.feedback.too.too_parts), read beside the switched-off counterpart. Cases
written for this test."""

from __future__ import annotations

from unittest import mock

import pytest

from assistant.feedback import directive
from assistant.feedback.directive import extract_directive
from assistant.feedback.too import too_parts


@pytest.mark.parametrize(
    ("clause", "parts"),
    [
        ("way too wordy, two short paragraphs is plenty", ["way too wordy", "two short paragraphs is plenty"]),
        ("too many hashtags, one per post max", ["too many hashtags", "one per post max"]),
        ("that's too short", ["that's too short"]),
        ("too long, I'm on my phone", ["too long, I'm on my phone"]),
    ],
)  # fmt: skip
def test_the_amount_after_a_complaint_is_its_own_part(clause, parts):
    assert too_parts(clause) == parts


def test_the_amount_reaches_the_directive_and_without_the_part_it_is_lost():
    said = "too many hashtags, one per post max"
    assert "one per post" in extract_directive(said).lower()
    with mock.patch.object(directive, "too_parts", lambda clause: [clause]):
        assert "per post" not in extract_directive(said).lower()
