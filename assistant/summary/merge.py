"""Changing a summary: merge a directive (or an LLM rewrite, validated), bound its size, diff it,
and decide whether a directive is lasting."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.prompts import SUMMARY_REWRITE
from assistant.safety import looks_like_injection, mark_sycophancy
from assistant.summary.axes import classify, is_content
from assistant.summary.lines import MAX_LINES, directive_lines, parse, render, similar


def _conflicts(old: str, new: str) -> bool:
    """Same axis (whatever polarity: a contradiction is replaced, a repeat refreshed) or same text."""
    old_axes = {a for a, _ in classify(old)}
    new_axes = {a for a, _ in classify(new)}
    return bool(old_axes & new_axes) or similar(old, new)


def bound(lines: list[str], max_chars: int, *, keep: Sequence[str] = ()) -> list[str]:
    """Drop the oldest style lines first, then the oldest content lines, never those in `keep`."""
    lines = list(lines)
    while len(render(lines)) > max_chars:
        droppable = [i for i, x in enumerate(lines) if x not in keep]
        style = [i for i in droppable if not is_content(lines[i])]
        pick = (style or droppable or [None])[0]
        if pick is None:
            break
        del lines[pick]
    while len(render(lines)) > max_chars and lines:
        # only the newest lines remain and they are still too long: shorten the longest
        longest = max(range(len(lines)), key=lambda i: len(lines[i]))
        budget = max(20, len(lines[longest]) - (len(render(lines)) - max_chars) - 1)
        if budget >= len(lines[longest]) or len(lines) > 1 and budget <= 20:
            del lines[0]
            continue
        lines[longest] = lines[longest][:budget].rsplit(" ", 1)[0] + "…"
    return lines


def merge_directive(summary: str, directive: str, *, max_chars: int = 1200) -> str:
    """Add a directive's lines; same-axis lines are replaced, duplicates not repeated, size bounded.
    Lines asking for flattery or agreement are kept (it is the user's summary) but marked as held."""
    if not isinstance(directive, str) or not directive.strip():
        raise ValueError("empty directive: nothing to add to the preference summary")
    if max_chars < 40:
        raise ValueError(f"max_chars={max_chars} is too small for a summary (use at least 40)")
    lines = parse(summary)
    new = [mark_sycophancy(x) for x in directive_lines(directive)]
    old = [x for x in lines if not any(_conflicts(x, n) for n in new)]
    merged = old + new
    return render(bound(merged[-MAX_LINES:], max_chars, keep=new))


def diff(old: str, new: str) -> list[str]:
    """What changed, for the user: ['+ Keep answers short.', '- Give longer answers.']."""
    before, after = parse(old), parse(new)
    added = [f"+ {x}" for x in after if x not in before]
    removed = [f"- {x}" for x in before if x not in after]
    return added + removed


def update_summary(
    summary: str, directive: str, *, llm=None, max_chars: int = 1200
) -> tuple[str, str]:
    """(new summary, 'llm' | 'merge'): a capable LLM rewrites, validated; otherwise merge_directive."""
    merged = merge_directive(summary, directive, max_chars=max_chars)
    if llm is None or not getattr(llm, "capable", False):
        return merged, "merge"
    messages = [
        {"role": "system", "content": SUMMARY_REWRITE.format(max_chars=max_chars)},
        {"role": "user", "content": f"Current list:\n{render(parse(summary)) or '(empty)'}\n\n"
                                    f"New preference: {directive.strip()}"},
    ]  # fmt: skip
    try:
        out = llm.chat(messages, max_tokens=400, temperature=0.0)
    except Exception:  # any backend failure: the deterministic merge is always available
        return merged, "merge"
    rewritten = validate_rewrite(out, summary, directive, max_chars=max_chars)
    return (rewritten, "llm") if rewritten is not None else (merged, "merge")


def validate_rewrite(output: str, summary: str, directive: str, *, max_chars: int) -> str | None:
    """The LLM's list if it is a bounded bullet list that keeps unrelated lines, carries the
    directive and contains nothing instruction-like; else None."""
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
    new = directive_lines(directive)
    for old in parse(summary):
        if not any(_conflicts(old, n) for n in new) and not any(
            similar(old, x, 0.6) for x in lines
        ):
            return None  # dropped an unrelated preference
    for n in new:
        if not any(similar(n, x, 0.4) or set(classify(n)) & set(classify(x)) for x in lines):
            return None  # lost the new preference
    return rendered


_PERSIST = re.compile(
    r"\b(always|never|from now on|in (the )?future|in general|generally|every time|any time|"
    r"all (of )?your (answers|replies|responses)|your (answers|replies|responses)|answers|replies|responses)\b",
    re.IGNORECASE,
)
_FIRST_PERSON = re.compile(
    r"\b(i|i'm|i am|i've|my|me)\b.{0,40}\b(prefer|like|love|enjoy|hate|dislike|can't stand|avoid|"
    r"allergic|vegan|vegetarian|intolerant|use|am|'m|have)\b|\b(i'm|i am) (a|an|not)\b",
    re.IGNORECASE,
)


def is_lasting(directive: str, text: str = "") -> bool:
    """Does a directive describe how this person wants answers in general (remember it), or only
    how to fix the last output ("less space themed", "continue")? Style and content axes, first-person
    preferences and persistence words ("always", "from now on") make it lasting."""
    said = f"{text} {directive}"
    about_me = re.match(r"\s*(i|i'm|i've|i'd|my|me|we|our)\b", directive, re.IGNORECASE)
    if about_me or _PERSIST.search(said) or _FIRST_PERSON.search(said):
        return True
    return any(
        not axis.startswith("topic:")
        for line in directive_lines(directive)
        for axis, _polarity in classify(line)
    )
