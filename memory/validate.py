"""Input checks for the memory store: user ids, stored text, and exported files before import."""

from __future__ import annotations

import json
from typing import Any

from assistant.text import MESSAGE_MAX, clean_text, validate_user_id

STATEMENT_MAX = MESSAGE_MAX  # a statement is one message, as long as the session takes
SUMMARY_MAX = 8000
DIRECTIVE_MAX = MESSAGE_MAX
CAUSE_MAX = 1000
ANSWER_MAX = 32_000
EXTRAS_MAX = 16_000
QUERY_MAX = 8000

SUMMARY_KINDS = ("initial", "directive", "edit", "undo", "onboarding", "import", "llm")
STATEMENT_KINDS = ("directive", "evaluative", "statement", "onboarding", "revision")
EXPORT_FORMAT = "plural-memory"
EXPORT_VERSION = 1


class ImportValidationError(ValueError):
    """An exported file that cannot be imported; the message names the bad field."""


def bounded_text(text: str, limit: int, what: str) -> str:
    """Clean text and refuse (never truncate) anything longer than `limit` characters."""
    text = clean_text(text)
    if len(text) > limit:
        raise ValueError(f"{what} is {len(text)} characters; the limit is {limit}. Shorten it.")
    return text


def check_user_id(user_id: str) -> str:
    """The project's one user-id rule (assistant.text.validate_user_id), as a ValueError."""
    return validate_user_id(user_id)


def check_choice(value: str, allowed: tuple[str, ...], what: str) -> str:
    if value not in allowed:
        raise ValueError(f"{what} must be one of {', '.join(allowed)}; got {value!r}")
    return value


def check_sign(sign: int) -> int:
    if isinstance(sign, bool) or sign not in (-1, 0, 1):
        raise ValueError(f"sign must be -1, 0 or 1; got {sign!r}")
    return int(sign)


def _plain(value: Any) -> Any:
    """Let numpy arrays and scalars (posterior means, covariances) through as plain JSON."""
    if hasattr(value, "tolist"):
        return value.tolist()
    raise TypeError(f"{type(value).__name__} is not JSON-serialisable")


def check_json_dict(value: Any, what: str, limit: int = EXTRAS_MAX) -> dict:
    """A dict that survives a JSON round trip, bounded in size; returns the round-tripped copy."""
    if not isinstance(value, dict):
        raise ValueError(f"{what} must be a dict, got {type(value).__name__}")
    try:
        encoded = json.dumps(value, ensure_ascii=False, allow_nan=False, default=_plain)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{what} must be JSON-serialisable: {exc}") from None
    if len(encoded) > limit:
        raise ValueError(f"{what} is {len(encoded)} characters as JSON; the limit is {limit}")
    return json.loads(encoded)


# --- import validation -------------------------------------------------------------------------


def _field(obj: dict, key: str, where: str, types: tuple[type, ...], *, optional: bool = False):
    if key not in obj:
        if optional:
            return None
        raise ImportValidationError(f"{where}.{key}: missing")
    value = obj[key]
    if value is None and optional:
        return None
    if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
        names = " or ".join(t.__name__ for t in types)
        raise ImportValidationError(f"{where}.{key}: expected {names}, got {type(value).__name__}")
    return value


def _text(obj: dict, key: str, where: str, limit: int, *, optional: bool = False) -> str | None:
    value = _field(obj, key, where, (str,), optional=optional)
    if value is None:
        return None
    try:
        return bounded_text(value, limit, f"{where}.{key}")
    except ValueError as exc:
        raise ImportValidationError(str(exc)) from None


def _version(obj: Any, i: int) -> dict:
    where = f"summary_history[{i}]"
    if not isinstance(obj, dict):
        raise ImportValidationError(f"{where}: expected an object, got {type(obj).__name__}")
    version = _field(obj, "version", where, (int,))
    if version < 1:
        raise ImportValidationError(f"{where}.version: expected a positive integer, got {version}")
    kind = _text(obj, "kind", where, 32)
    if kind not in SUMMARY_KINDS:
        raise ImportValidationError(f"{where}.kind: expected one of {', '.join(SUMMARY_KINDS)}")
    return {
        "version": version,
        "time": _text(obj, "time", where, 64),
        "text": _text(obj, "text", where, SUMMARY_MAX),
        "cause": _text(obj, "cause", where, CAUSE_MAX),
        "kind": kind,
    }


def _statement(obj: Any, i: int) -> dict:
    where = f"statements[{i}]"
    if not isinstance(obj, dict):
        raise ImportValidationError(f"{where}: expected an object, got {type(obj).__name__}")
    sid = _text(obj, "id", where, 64)
    if not sid or not sid.isprintable():
        raise ImportValidationError(f"{where}.id: expected 1-64 printable characters")
    kind = _text(obj, "kind", where, 32)
    if kind not in STATEMENT_KINDS:
        raise ImportValidationError(f"{where}.kind: expected one of {', '.join(STATEMENT_KINDS)}")
    sign = obj.get("sign", 0)
    if isinstance(sign, bool) or sign not in (-1, 0, 1):
        raise ImportValidationError(f"{where}.sign: expected -1, 0 or 1, got {sign!r}")
    extras = _field(obj, "extras", where, (dict,), optional=True) or {}
    try:
        extras = check_json_dict(extras, f"{where}.extras")
    except ValueError as exc:
        raise ImportValidationError(str(exc)) from None
    return {
        "id": sid,
        "text": _text(obj, "text", where, STATEMENT_MAX),
        "kind": kind,
        "sign": int(sign),
        "directive": _text(obj, "directive", where, DIRECTIVE_MAX, optional=True),
        "previous_answer": _text(obj, "previous_answer", where, ANSWER_MAX, optional=True),
        "time": _text(obj, "time", where, 64),
        "extras": extras,
    }


def _history(items: Any) -> list[dict]:
    if not isinstance(items, list):
        raise ImportValidationError(f"summary_history: expected a list, got {type(items).__name__}")
    versions = [_version(v, i) for i, v in enumerate(items)]
    for i in range(1, len(versions)):
        if versions[i]["version"] <= versions[i - 1]["version"]:
            raise ImportValidationError(
                f"summary_history[{i}].version: versions must increase (oldest first)"
            )
    return versions


def _statements(items: Any) -> list[dict]:
    if not isinstance(items, list):
        raise ImportValidationError(f"statements: expected a list, got {type(items).__name__}")
    statements = [_statement(s, i) for i, s in enumerate(items)]
    seen: set[str] = set()
    for i, s in enumerate(statements):
        if s["id"] in seen:
            raise ImportValidationError(f"statements[{i}].id: duplicate id {s['id']!r}")
        seen.add(s["id"])
    return statements


def validate_export(data: Any, user_id: str | None = None) -> dict:
    """Check a whole exported user; return a cleaned copy or raise ImportValidationError."""
    if not isinstance(data, dict):
        raise ImportValidationError(f"top level: expected an object, got {type(data).__name__}")
    if data.get("format") != EXPORT_FORMAT:
        raise ImportValidationError(
            f"format: expected {EXPORT_FORMAT!r}, got {data.get('format')!r}"
        )
    if data.get("version") != EXPORT_VERSION:
        raise ImportValidationError(
            f"version: expected {EXPORT_VERSION}, got {data.get('version')!r} "
            "(exported by a newer plural? upgrade first)"
        )
    target = user_id if user_id is not None else data.get("user_id")
    try:
        target = check_user_id(target)
    except ValueError as exc:
        raise ImportValidationError(f"user_id: {exc}") from None
    profile = data.get("profile", {})
    if profile is None:
        profile = {}
    try:
        profile = check_json_dict(profile, "profile", limit=1_000_000)
    except ValueError as exc:
        raise ImportValidationError(str(exc)) from None
    return {
        "user_id": target,
        "summary_history": _history(data.get("summary_history", [])),
        "statements": _statements(data.get("statements", [])),
        "profile": profile,
    }
