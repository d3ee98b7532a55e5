"""A session test's two lanes: the same steps for the session's user with a part of the product,
then for user 'bob' with that part patched out, so the test fails when the part does nothing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import nullcontext
from unittest import mock


def summaries_with_and_without(
    session, steps: Sequence[str], target: object, name: str, stand_in: Callable
) -> tuple[str, str]:
    """(summary with the part, summary with `target.name` replaced by `stand_in`), lowercased;
    each user first sends one request, so there is an answer to correct."""
    out = []
    for lane in (nullcontext(), mock.patch.object(target, name, stand_in)):
        if out:
            session.switch_user("bob")
        session.send("what should I cook tonight?", mode="request")
        with lane:
            for text in steps:
                session.send(text)
        out.append(session.summary().lower())
    return out[0], out[1]
