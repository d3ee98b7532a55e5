"""The one text cleaner and the one user-id rule: odd bytes, control characters, empty and oversized
input are handled here, and everywhere else calls these."""

from __future__ import annotations

import re
import unicodedata

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u2028\u2029\ufeff]")
USER_ID_MAX = 64
MESSAGE_MAX = 32_000
"""The longest message plural takes (a longer one is refused with a clear error); the store keeps
feedback of this length as it is."""


class InputError(ValueError):
    """The message cannot be used as it is; the text says why and what to do."""


def clean_text(text: str | bytes) -> str:
    """Decode bytes, replace lone surrogates, drop control characters (newlines and tabs kept),
    unify line ends and normalise to NFC. Never shortens or refuses: see clean_message."""
    if isinstance(text, bytes | bytearray):
        text = bytes(text).decode("utf-8", errors="replace")
    if not isinstance(text, str):
        raise InputError(f"expected text, got {type(text).__name__}")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Lone surrogates (from invalid UTF-8 decoded with surrogateescape) cannot be stored or encoded.
    text = text.encode("utf-8", errors="replace").decode("utf-8")
    return unicodedata.normalize("NFC", _CONTROL.sub("", text))


def clean_line(text: str) -> str:
    """clean_text on one line: every run of whitespace (newlines too) becomes one space."""
    return re.sub(r"\s+", " ", clean_text(text)).strip()


def clean_message(text: str | bytes, *, max_chars: int) -> str:
    """A user's message: cleaned and stripped; empty or oversized input is refused, never cut."""
    text = clean_text(text).strip()
    if not text:
        raise InputError("the message is empty: type something first")
    if len(text) > max_chars:
        raise InputError(
            f"the message is {len(text):,} characters; the limit is {max_chars:,}. "
            "Shorten it or split it into parts (your text was kept)."
        )
    return text


def validate_user_id(user_id: object) -> str:
    """The one user-id rule: 1-64 printable characters without slashes (ids appear in thread ids
    "<user>/<n>" and in file names), surrounding spaces trimmed. Returns the trimmed id."""
    if not isinstance(user_id, str):
        raise InputError(f"user id must be text, got {type(user_id).__name__}")
    uid = user_id.strip()
    if not 1 <= len(uid) <= USER_ID_MAX or any(not c.isprintable() or c in "/\\" for c in uid):
        raise InputError(
            f"user id {user_id[:80]!r}: use 1-{USER_ID_MAX} printable characters without slashes"
        )
    return uid
