"""A line taken back and wanted again ('I miss them, bring them back'), and the newest rule
undone when there was nothing before it ('back to how you wrote before')."""

from __future__ import annotations

from assistant.summary.restore import restore_summary, restores


def test_a_removed_line_is_put_back():
    history = ["", "- Short answers.\n- Use emojis.", "- Short answers."]
    change = restore_summary(
        history[-1], "actually I miss them, bring them back", history, max_chars=2000
    )
    assert change is not None and change.after == "- Short answers.\n- Use emojis."


def test_the_named_line_is_put_back_and_a_later_replacement_stays():
    history = [
        "",
        "- Answer in French.\n- Use emojis.",
        "- Answer in French.",
        "- Answer in German.",
    ]
    change = restore_summary(
        history[-1], "I miss the emojis, bring them back", history, max_chars=2000
    )
    assert change is not None and change.after == "- Answer in German.\n- Use emojis."


def test_back_to_how_you_wrote_before_takes_out_the_newest_rule():
    history = ["", "- Start writing really casual, like texting a friend."]
    text = "hmm no, that's too loose for me. back to how you wrote before"
    change = restore_summary(history[-1], text, history, max_chars=2000)
    assert change is not None and change.after == ""
    assert "retracted" in change.cause
    # a rule that replaced one: the one before comes back
    history = ["", "- Use Fahrenheit.", "- Use Celsius."]
    change = restore_summary(history[-1], "back to how you wrote before", history, max_chars=2000)
    assert change is not None and change.after == "- Use Fahrenheit."


def test_nothing_to_bring_back_is_no_change():
    assert restores("bring them back")
    assert (
        restore_summary("- Use emojis.", "bring them back", ["", "- Use emojis."], max_chars=2000)
        is None
    )
    assert not restores("I miss my dog")


def test_the_first_stored_version_counts_as_added():
    history = ["- Start writing really casual."]  # no empty version recorded before it
    change = restore_summary(history[-1], "back to how you wrote before", history, max_chars=2000)
    assert change is not None and change.after == ""


def test_a_line_said_to_be_fine_again_comes_back_and_its_ban_goes():
    history = ["", "- Include a source for every claim.\n- Short answers.", "- Short answers."]
    text = "ok sources are fine again, the firewall is gone"
    change = restore_summary(history[-1], text, history, max_chars=2000)
    assert change is not None and "Include a source" in change.after
    history = ["", "- Use lots of emojis.", "- No emojis."]
    change = restore_summary(history[-1], "emojis are ok again", history, max_chars=2000)
    assert change is not None and change.after == "- Use lots of emojis."


def test_fine_again_with_nothing_taken_back_or_more_said_is_left_to_the_merge():
    history = ["", "- No emojis.\n- Short answers."]
    assert restore_summary(history[-1], "emojis are ok again", history, max_chars=2000) is None
    history = ["", "- Include a source for every claim.\n- Short answers.", "- Short answers."]
    text = "sources are fine again. but never tables"
    assert restore_summary(history[-1], text, history, max_chars=2000) is None


def test_fine_again_brings_back_only_what_it_names():
    history = ["", "- Include a source for every claim.\n- I live in Oslo.", "- I live in Oslo."]
    assert restore_summary(history[-1], "bold is fine again", history, max_chars=2000) is None


def test_without_fine_again_nothing_comes_back():
    from unittest import mock

    from assistant.summary import restore

    history = ["", "- Include a source for every claim.\n- Short answers.", "- Short answers."]
    with mock.patch.object(restore, "_FINE_AGAIN", restore.re.compile(r"(?!)")):
        assert (
            restore_summary(history[-1], "sources are fine again", history, max_chars=2000) is None
        )
