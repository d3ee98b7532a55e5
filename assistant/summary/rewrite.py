"""The capable-LLM path: the model rewrites the summary, and the rewrite is accepted only when it
honours the same line relations as the deterministic merge (superseded and retracted lines gone,
compatible lines kept, the new lines present); otherwise the merge's result is used."""

from __future__ import annotations

import re

from assistant.prompts import SUMMARY_REWRITE
from assistant.safety import looks_like_injection
from assistant.summary.lines import MAX_LINES, norm, parse, render, similar
from assistant.summary.merge import LineChange, merge_summary
from assistant.summary.slots import slots


def _hints(changes: list[LineChange]) -> str:
    gone = [c for c in changes if c.relation in ("supersedes", "retracts")]
    if not gone:
        return "Keep every existing line."
    said = "; ".join(f"'{c.old}' ({'replaced' if c.relation == 'supersedes' else 'withdrawn'})"
                     for c in gone)  # fmt: skip
    return f"Drop these lines: {said}. Keep every other existing line."


def update_summary(
    summary: str, directive: str, *, llm=None, max_chars: int = 1200, encoder=None
) -> tuple[str, str]:
    """(new summary, 'llm' | 'merge'): a capable LLM rewrites, validated; otherwise the merge."""
    result, _ = update_summary_with_changes(
        summary, directive, llm=llm, max_chars=max_chars, encoder=encoder
    )
    return result


def update_summary_with_changes(
    summary: str, directive: str, *, llm=None, max_chars: int = 1200, encoder=None
) -> tuple[tuple[str, str], list[LineChange]]:
    merged, changes = merge_summary(summary, directive, max_chars=max_chars, encoder=encoder)
    if llm is None or not getattr(llm, "capable", False):
        return (merged, "merge"), changes
    messages = [
        {"role": "system", "content": SUMMARY_REWRITE.format(max_chars=max_chars)},
        {"role": "user", "content": f"Current list:\n{render(parse(summary)) or '(empty)'}\n\n"
                                    f"New preference: {directive.strip()}\n{_hints(changes)}"},
    ]  # fmt: skip
    try:
        out = llm.chat(messages, max_tokens=400, temperature=0.0)
    except Exception:  # any backend failure: the deterministic merge is always available
        return (merged, "merge"), changes
    rewritten = validate_rewrite(out, summary, directive, max_chars=max_chars, encoder=encoder)
    return ((rewritten, "llm") if rewritten is not None else (merged, "merge")), changes


def _values(line: str) -> set[str]:
    return {s.value for s in slots(line) if len(s.value) > 2}


def _still_there(old: str, change: LineChange, lines: list[str]) -> bool:
    """The removed line, or the value it held that the new line replaced, is in the rewrite."""
    if any(similar(old, x, 0.8) or norm(old) == norm(x) for x in lines):
        return True
    if change.relation != "supersedes":
        return False
    stale = _values(old) - _values(change.new)
    return any(re.search(rf"\b{re.escape(v)}\b", x.lower()) for v in stale for x in lines)


def validate_rewrite(
    output: str, summary: str, directive: str, *, max_chars: int, encoder=None
) -> str | None:
    """The LLM's list if it is a bounded bullet list with nothing instruction-like that agrees
    with the line relations: every line the merge keeps is kept, every superseded or retracted
    line (and a replaced value) is gone, and each new line is carried; else None."""
    if not isinstance(output, str):
        return None
    text = re.sub(r"^```\w*\n?|\n?```$", "", output.strip())
    raw = [x for x in text.splitlines() if x.strip()]
    if not raw or len(raw) > MAX_LINES or not all(re.match(r"^\s*[-*•]\s+\S", x) for x in raw):
        return None
    lines = parse(text)
    rendered = render(lines)
    if len(rendered) > max_chars or any(looks_like_injection(x) for x in lines):
        return None
    merged, changes = merge_summary(summary, directive, max_chars=max_chars, encoder=encoder)
    removed = {c.old: c for c in changes if c.relation in ("supersedes", "retracts")}
    for old in parse(summary):
        if old in removed:
            if _still_there(old, removed[old], lines):
                return None  # kept a line the new preference replaces or withdraws
        elif not any(similar(old, x, 0.6) for x in lines):
            return None  # dropped a preference the new one leaves alone
    for new in parse(merged):
        if new in parse(summary):
            continue
        if not any(similar(new, x, 0.4) or set(slots(new)) & set(slots(x)) for x in lines):
            return None  # lost the new preference
    return rendered
