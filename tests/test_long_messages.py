"""The longest message a session takes is also the longest feedback it keeps: a long correction is
stored whole as a statement, never refused halfway through a turn, and a long text full of
contrasts ('X, not Y') is read in one pass."""

from __future__ import annotations

import pytest

from assistant.config import ConfigError, load_settings
from assistant.summary.contrast import corrected_lines
from assistant.text import MESSAGE_MAX


@pytest.mark.parametrize("size", [4_001, MESSAGE_MAX])
def test_a_long_correction_is_kept_whole(session, size):
    session.send("how do I cook lentils?")
    text = ("Please answer in French, not Spanish, and keep it brief. " * 600)[:size]
    reply = session.send(text, mode="feedback")
    assert reply.kind == "feedback"
    stored = [s["text"] for s in session.export()["statements"]]
    assert text.strip() in stored
    assert "french" in session.summary().lower()


def test_a_longer_message_than_the_store_keeps_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="max_message_chars"):
        load_settings(
            {"data_dir": tmp_path, "max_message_chars": MESSAGE_MAX + 1},
            env={},
            config_path=tmp_path / "none.toml",
        )


def test_many_contrasts_in_one_message_are_all_read():
    text = "I meant Anna, not Ana. " + "Use Catalan, not Spanish. " * 1000
    assert corrected_lines(["Call me Ana.", "Answer in Spanish."], text) == [
        "Call me Anna.",
        "Answer in Catalan.",
    ]
