"""Boundary cleaning of user text: nothing odd gets in, nothing is silently cut."""

import pytest

from assistant.text import InputError, clean_message, validate_user_id


def test_control_characters_and_invalid_bytes():
    raw = b"hi\x00 th\xffere\x07\r\nok"
    assert clean_message(raw, max_chars=100) == "hi th\ufffdere\nok"
    assert clean_message("a\ud800b", max_chars=10) == "a?b"


@pytest.mark.parametrize("text", ["", "   \n\t", "\x00\x01"])
def test_empty_is_refused(text):
    with pytest.raises(InputError, match="empty"):
        clean_message(text, max_chars=100)


def test_huge_is_refused_not_truncated():
    with pytest.raises(InputError, match="1,000,000 characters; the limit is 32,000"):
        clean_message("x" * 1_000_000, max_chars=32_000)


@pytest.mark.parametrize("uid", ["", "a/b", "x" * 65, "tab\there"])
def test_bad_user_ids(uid):
    with pytest.raises(InputError):
        validate_user_id(uid)


def test_good_user_id_is_trimmed():
    assert validate_user_id("  alice ") == "alice"
