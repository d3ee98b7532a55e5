"""A reason that names the old value, 'it' in 'keep it formal', a rule asked as a question, 'the
X, drop that', an emoji used as a noun, and what the last reply did: through the directive
finder and the real merge."""

from __future__ import annotations

from assistant.feedback.directive import find_directive
from assistant.feedback.request_facts import _RULE_ASK
from assistant.summary import merge_directive, parse
from assistant.summary.references import resolve_from_request
from assistant.summary.relation_cues import RETRACT


def test_a_reason_naming_the_old_value_goes_when_another_line_gives_the_new_one():
    lines = parse(
        merge_directive(
            "- Answer in Portuguese.\n- I'm a nurse.",
            "My portuguese is rustier than i thought; switch to Italian.",
        )
    )
    assert not any("ortuguese" in x for x in lines)
    assert any("Italian" in x for x in lines) and "I'm a nurse." in lines


def test_a_line_that_keeps_the_value_it_names_is_no_reason():
    lines = parse(
        merge_directive(
            "- Reply in Dutch.",
            "I'm learning Dutch; if I make mistakes when I write in Dutch, correct them gently.",
        )
    )
    assert any("Dutch" in x for x in lines)


def test_keep_it_inside_a_line_is_the_answer_not_the_last_request():
    line = "For anything work-related keep it formal."
    assert resolve_from_request(line, "can you be more casual? you sound like a tax form") == line


def test_a_rule_asked_as_a_question():
    assert _RULE_ASK.match("can you be more casual with me? you sound like a tax form")
    assert _RULE_ASK.match("could you talk to me like a friend?")
    assert not _RULE_ASK.match("can you be more specific about the dates?")


def test_the_thing_then_drop_that():
    assert find_directive("and the word limit, drop that too") == "Drop the word limit too."
    assert RETRACT.search("drop the word limit too")
    lines = parse(
        merge_directive(
            "- Always answer in Catalan.\n- Keep it under 100 words.", "Drop the word limit too."
        )
    )
    assert lines == ["Always answer in Catalan."]


def test_an_emoji_used_as_a_noun_is_what_those_means():
    found = find_directive(
        "you used a little 🌱 in that last reply and I loved it, more of those please"
    )
    assert found is not None and "emoji" in found.lower()
    assert "last reply" not in found  # what the last reply did is no line of its own
    # an emoji at the end of a sentence still only ends it
    found = find_directive("love how short and punchy that was, keep answering like that 🔥")
    assert found is None or "emoji" not in found.lower()
