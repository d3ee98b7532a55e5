"""A plain line-by-line chat loop (no Textual) and a plain onboarding loop."""

from __future__ import annotations

import sys
from typing import TextIO

from app.session import Session, TurnResult
from assistant.config import Settings

HELP = """commands:
  /fb TEXT     feedback on the last answer (plain text is routed automatically too)
  /up /down    thumbs up / down on the last answer
  /summary     what plural has learned about you     /history  its versions
  /undo        undo the last summary change          /alpha X  0 = group … 1 = personal
  /why         the candidates and their scores       /new      a new conversation
  /quit        leave (Ctrl-D works too)"""


def describe(result: TurnResult) -> list[str]:
    """What was understood from a turn, in a few plain lines."""
    lines = []
    if result.kind == "feedback":
        mood = {1: "positive", -1: "negative", 0: "neutral"}[result.sign]
        lines.append(f"[understood as feedback: {mood}; directive: {result.directive or 'none'}]")
        lines += [f"  summary {d}" for d in result.summary_diff]
    if result.uncertain:
        lines.append(
            "[answered as a request; if it was feedback on the last answer, send /fb TEXT]"
        )
    lines += [f"[{n}]" for n in result.notes]
    return lines


def _print_turn(session: Session, text: str, mode: str, out: TextIO) -> TurnResult:
    started = False

    def on_token(tok: str) -> None:
        nonlocal started
        if not started:
            out.write("plural> ")
            started = True
        out.write(tok)
        out.flush()

    result = session.send(text, mode=mode, on_token=on_token)  # type: ignore[arg-type]
    if started:
        out.write("\n")
    for line in describe(result):
        print(line, file=out)
    return result


def _command(
    session: Session, line: str, last: TurnResult | None, out: TextIO
) -> TurnResult | None:
    cmd, _, arg = line.partition(" ")
    if cmd == "/fb":
        return _print_turn(session, arg, "feedback", out)
    if cmd in ("/up", "/down"):
        r = session.thumbs(cmd == "/up")
        for x in describe(r):
            print(x, file=out)
        return last
    if cmd == "/summary":
        print(session.summary() or "(nothing learned yet)", file=out)
        views = session.views()
        if views:
            print(
                "of these, your views (answered on the evidence, never agreed with for its own sake):",
                file=out,
            )
            print("\n".join(f"  {v}" for v in views), file=out)
    elif cmd == "/history":
        for v in session.summary_history():
            print(f"v{v.version} {v.time} [{v.kind}] {v.cause[:60]!r}", file=out)
    elif cmd == "/undo":
        v = session.undo_summary()
        print(f"restored version {v.version}" if v else "nothing to undo", file=out)
    elif cmd == "/alpha":
        print(f"alpha = {session.set_alpha(float(arg))}", file=out)
    elif cmd == "/new":
        session.new_conversation()
        print("new conversation", file=out)
    elif cmd == "/why":
        for c in (last.candidates if last else []) or []:
            mark = "*" if c.chosen else " "
            print(
                f"{mark} total {c.total:+.2f} = group {c.group:+.2f} | personal {c.personal:+.2f} | "
                f"text {c.text_term:+.2f}: {c.text[:60]!r}",
                file=out,
            )
    else:
        print(HELP, file=out)
    return last


def chat_loop(
    settings: Settings,
    session: Session | None = None,
    *,
    stdin: TextIO = sys.stdin,
    out: TextIO = sys.stdout,
) -> int:
    from assistant.llm.base import LLMError
    from assistant.text import InputError

    if session is None:
        from app.local_session import open_session

        session = open_session(settings)
    print("plural: loading…", file=out, flush=True)
    session.load(lambda msg, frac: print(f"  {msg}", file=out, flush=True))
    print(
        f"plural ({session.model_name}) as {session.user_id!r}, alpha {session.alpha}. /help",
        file=out,
    )
    if not session.prior_loaded:
        print("[group prior not loaded: answers are not ranked]", file=out)
    last: TurnResult | None = None
    while True:
        if stdin.isatty():
            out.write("you> ")
            out.flush()
        line = stdin.readline()
        if not line:
            return 0
        line = line.rstrip("\n")
        if line.strip() in ("/quit", "/exit"):
            return 0
        if not line.strip():
            continue
        try:
            if line.startswith("/") and not line.startswith("//"):
                last = _command(session, line, last, out)
            else:
                last = _print_turn(session, line, "auto", out)
        except (InputError, ValueError) as exc:
            print(f"[error: {exc}]", file=out)
        except LLMError as exc:
            print(f"[model error: {exc}] — your message was not lost; send it again", file=out)


def onboard_loop(
    settings: Settings,
    session: Session | None = None,
    *,
    stdin: TextIO = sys.stdin,
    out: TextIO = sys.stdout,
) -> int:
    if session is None:
        from app.local_session import open_session

        session = open_session(settings)
    session.load()
    if not session.prior_loaded:
        print("no group prior is loaded; nothing to onboard against", file=out)
        return 1
    print("Pick the answer you prefer: a, b, t (tie), q (stop).", file=out)
    while (q := session.onboarding_question()) is not None:
        print(
            f"\n[{q.number}/{q.total}] {q.prompt}\n  a) {q.answer_a}\n  b) {q.answer_b}", file=out
        )
        choice = ""
        while choice not in ("a", "b", "t", "q"):
            out.write("> ")
            out.flush()
            line = stdin.readline()
            choice = line.strip().lower()[:1] if line else "q"
        if choice == "q":
            break
        session.answer_onboarding(q.id, "tie" if choice == "t" else choice)  # type: ignore[arg-type]
    print("\nwhat plural now knows:\n" + (session.summary() or "(nothing yet)"), file=out)
    return 0
