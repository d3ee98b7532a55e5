"""The longest messages a session takes, built to be hard for the readers that scan a correction
(many contrasts, numbers, names, take-backs, phone shorthand, one endless word): each goes through
a full turn of a real session (echo LLM, real classifier) as feedback and in auto routing; the
same units said once are the same-run baseline."""

from __future__ import annotations

import time
from pathlib import Path

from app.local_session import open_session
from assistant.config import load_settings
from assistant.llm.echo import EchoLLM
from assistant.text import MESSAGE_MAX

UNITS = [
    "instead of Spanish, not ",
    "call me Ana not Anna, ",
    "not keto, paleo. ",
    "typo Marko with a k ",
    "I'm 92 kg trying to get to 80. ",
    "down to 88 now 4th 5th 6th ",
    "forget what I said about sources. ",
    "no more emojis, bring them back. ",
    "my mom takes warfarin and my dad wears glasses. ",
    "im dont u ur w/ b/c ",
    "use bullet points and answer in French ",
    "😀 ",
    "x",
]


def _timed(session, text: str, mode: str) -> float:
    start = time.perf_counter()
    session.send(text, mode=mode)
    return time.perf_counter() - start


def run_long_messages(path: Path, classifier, units: list[str]) -> dict:
    settings = load_settings(
        {"data_dir": str(path), "user": "long"}, env={}, config_path=path / "none.toml"
    )
    session = open_session(settings, llm=EchoLLM(), classifier=classifier, load_personalizer=False)
    session.load()
    long_s, short_s, errors = [], [], []
    try:
        for i, unit in enumerate(units):
            for mode in ("feedback", "auto"):
                session.switch_user(f"long-{i}-{mode}")
                session.send("how do I boil an egg?", mode="request")
                short_s.append(_timed(session, unit.strip() or unit, mode))
                text = (unit * (MESSAGE_MAX // len(unit) + 1))[:MESSAGE_MAX]
                try:
                    long_s.append(_timed(session, text, mode))
                except Exception as exc:  # counted and shown; the run goes on
                    errors.append(f"{unit[:20]!r} {mode}: {type(exc).__name__}: {str(exc)[:200]}")
    finally:
        session.close()
    return {
        "long_message_chars": MESSAGE_MAX,
        "long_messages": len(units) * 2,
        "long_message_errors": errors,
        "long_message_turn_s_max": round(max(long_s, default=0.0), 2),
        "long_message_turn_s_median": round(sorted(long_s)[len(long_s) // 2], 2) if long_s else 0,
        "baseline_short_message_turn_s_max": round(max(short_s, default=0.0), 2),
    }
