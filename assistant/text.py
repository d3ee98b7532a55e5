"""Cleaning user text at the boundary: odd bytes, control characters, empty and oversized input."""

from __future__ import annotations

import re
import unicodedata

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u2028\u2029\ufeff]")


class InputError(ValueError):
    """The message cannot be used as it is; the text says why and what to do."""


def clean_message(text: str | bytes, *, max_chars: int) -> str:
    """Decode, drop control characters (keep newlines and tabs), normalise, refuse empty or huge."""
    if isinstance(text, bytes | bytearray):
        text = bytes(text).decode("utf-8", errors="replace")
    if not isinstance(text, str):
        raise InputError(f"expected text, got {type(text).__name__}")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Lone surrogates (from invalid UTF-8 decoded with surrogateescape) cannot be stored or encoded.
    text = text.encode("utf-8", errors="replace").decode("utf-8")
    text = unicodedata.normalize("NFC", _CONTROL.sub("", text)).strip()
    if not text:
        raise InputError("the message is empty: type something first")
    if len(text) > max_chars:
        raise InputError(
            f"the message is {len(text):,} characters; the limit is {max_chars:,}. "
            "Shorten it or split it into parts (your text was kept)."
        )
    return text


def validate_user_id(user_id: str) -> str:
    """1-64 printable characters, no slashes (ids appear in thread ids and file names)."""
    uid = (user_id or "").strip()
    if not uid or len(uid) > 64 or any(not c.isprintable() or c in "/\\" for c in uid):
        raise InputError(f"user {user_id!r}: use 1-64 printable characters without slashes")
    return uid
