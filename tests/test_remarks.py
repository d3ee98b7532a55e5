"""Remarks are no lines: a greeting passed on ('she says hi btw lol', clauses.RELAYED) or of the
day ('Eid Mubarak!', clauses.GREETING) and a remark on the answers said beside a directive ('go
back to English, Turkish is slowing me down', left_out.said_of_it), each beside its switched-off
counterpart. Cases written for this test."""

from __future__ import annotations

import re
from unittest import mock

from assistant.feedback import left_out
from assistant.summary import clauses


def test_a_greeting_passed_on_is_a_remark_and_without_the_reading_it_is_not():
    assert clauses.only_remarks("she says hi btw lol")
    assert clauses.only_remarks("my dad says thanks for the recipes!")
    assert not clauses.only_remarks("she says hi, and she is vegan now")
    with mock.patch.object(clauses, "RELAYED", re.compile(r"(?!)")):
        assert not clauses.only_remarks("she says hi btw lol")


def test_a_greeting_of_the_day_is_a_remark_and_without_the_reading_it_is_not():
    assert clauses.only_remarks("Eid Mubarak!") and clauses.vetoed("merry christmas btw")
    assert not clauses.only_remarks("happy new year, I'm vegan now")
    without = clauses.REMARK.pattern.replace("|" + clauses.GREETING.pattern, "")
    with (
        mock.patch.object(clauses, "GREETING", re.compile(r"(?!)")),
        mock.patch.object(clauses, "REMARK", re.compile(without, re.I)),
    ):
        assert not clauses.only_remarks("Eid Mubarak!")
        assert not clauses.vetoed("merry christmas btw")


def _vouch_all(part: str) -> bool:
    return True


def test_a_remark_beside_a_directive_is_not_kept_as_a_fact():
    text = "switch back to metric, the imperial units were confusing"
    assert left_out.left_out_facts(text, "Switch back to metric.", _vouch_all) == []
    text = "switch back to metric, I moved to Lyon last month"
    assert left_out.left_out_facts(text, "Switch back to metric.", _vouch_all) == [
        "I moved to Lyon last month."
    ]


def test_without_the_remark_reading_it_is_kept():
    text = "switch back to metric, the imperial units were confusing"
    with mock.patch.object(left_out, "said_of_it", lambda part: False):
        assert left_out.left_out_facts(text, "Switch back to metric.", _vouch_all) == [
            "The imperial units were confusing."
        ]
