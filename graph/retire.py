"""After the merge: a stored list the message edits keeps its other items, a stored level the user
reached changes in its line (assistant.summary.levels), stored lines that the user's message ends
or changes, and the merge kept, go, and so does a new line that only says what ended
(assistant.summary.endings); a new line says what holds now, not the way there
(assistant.summary.then_now).
The stale-line model (assistant.summary.stale) reads each line the turn left untouched beside the
message; a line it is sure about leaves the summary, and the history says which message ended it."""

from __future__ import annotations

from assistant.summary import LineChange, diff, parse, render
from assistant.summary.changes import describe
from assistant.summary.day_exceptions import for_some_days
from assistant.summary.endings import without_endings
from assistant.summary.kept_names import names_left, names_said
from assistant.summary.kept_parts import job_part
from assistant.summary.levels import edit_levels
from assistant.summary.list_items import edit_lists
from assistant.summary.reasons import gone_with_reasons
from assistant.summary.said_same import kept_as_said
from assistant.summary.stale import (
    CUED_THRESHOLD,
    HOLDS_BELOW,
    THRESHOLD,
    cued_change,
    said_to_stay,
    stems,
)
from assistant.summary.stated import into_ended, said_now, set_values
from assistant.summary.then_now import as_now
from assistant.summary.transitions import ended_by_event, what_stays
from graph.context import Context
from graph.state import State


def retire_stale(state: State, ctx: Context, before: str, after: str) -> tuple[str, list[str]]:
    """(summary, notes): `after` with the lists the message edits put back in their edited form
    (assistant.summary.list_items), and without the lines of `before` it kept that the message
    ends (the stale-line reader)."""
    words = state.get("text", "").strip()
    if not words or state.get("mode") in ("thumbs_up", "thumbs_down"):
        return after, []
    lines, edits = edit_lists(parse(before), parse(after), words)
    lines, leveled = edit_levels(parse(before), lines, words)  # 'passed my japanese A2 exam'
    edits += [(old, new) for old, new in leveled if old not in dict(edits)]
    lines, valued = set_values(parse(before), lines, words)  # 'bump hotels to $150 a night'
    edits += [(old, new) for old, new in valued if old not in dict(edits)]
    changes = [LineChange(old, new, "supersedes") for old, new in edits]
    notes = [f"changed by this message: {old} → {new}" for old, new in edits]
    shown = lines  # 'still no chicken': the stored line that says so comes back (said_same)
    lines, back = kept_as_said(parse(before), lines, words)
    notes += [f"kept, as this message says it stays: {x}" for x in back]
    stored = set(parse(before))
    kept = [x for x in lines if x in stored and x not in back]
    reader = ctx.stale
    ps = reader.p_stale(kept, state["text"]) if reader is not None and kept else [0.0] * len(kept)
    gone = [
        x
        for x, p in zip(kept, ps, strict=True)
        if (p > THRESHOLD or p > CUED_THRESHOLD and cued_change(x, words))
        and not said_to_stay(x, words)
        and not any(for_some_days(x, y) for y in lines if y not in stored)  # 'on weds only'
    ]  # the message alone (stale.pairs says why)
    gone += [
        x
        for x in lines
        if x not in gone + back
        and (x in stored or not _said_here(x, words))
        and ended_by_event(x, words)
        and not said_to_stay(x, words, by_gender=False)
    ]  # 'baby's here!': also of a line the merge rewrote this turn (transitions: whose)
    stays = {x: y for x in gone if (y := what_stays(x, words) or job_part(x, words))}
    gone = [x for x in gone if stays.get(x) != x]  # 'My wife is a nurse.': what she is stays
    stays = {x: y for x, y in stays.items() if y != x}  # 'My mom is 71.' of the line
    lines = [stays.get(x, x) for x in lines if x not in gone or x in stays]
    gone = [x for x in gone if x not in stays]
    edits += list(stays.items())
    changes += [LineChange(x, y, "supersedes") for x, y in stays.items()]
    notes += [f"changed by this message: {x} → {y}" for x, y in stays.items()]
    if gone and set(lines) <= stored:  # ended, and nothing stored in its place
        now_said = [x for x in said_now(words) if x not in lines]
        merged = [(x, y) for x in gone if now_said and (y := into_ended(" ".join(now_said), x))]
        if len(merged) == 1:  # 'make that 5:40/km': the ended line with its new value
            now_said, edits = [merged[0][1]], [*edits, merged[0]]
            changes.append(LineChange(*merged[0], "supersedes"))
            notes.append(f"changed by this message: {merged[0][0]} → {merged[0][1]}")
        else:
            notes += [f"stored as this message says it holds now: {x}" for x in now_said]
        lines += now_said
    lines, ended = without_endings(parse(before), lines)
    now = [x if x in stored else as_now(x) for x in lines]  # 'switched from X to Y': 'to Y'
    notes += [f"stored as it holds now: {y}" for x, y in zip(lines, now, strict=True) if x != y]
    lines = list(dict.fromkeys(now))
    if not gone and not edits and lines == shown and not ended:
        return after, []
    result = render(lines)
    changes += [LineChange(x, state["text"], "retracts") for x in gone if x not in dict(edits)]
    cause = "\n".join([describe(state["text"], changes), *(f"kept '{x}'" for x in back)])
    ctx.memory.set_summary(ctx.user_id, result, cause=cause, kind="directive")
    for x in ended:  # a line dropped whole, or one that lost a clause ('..., trello is gone')
        part = [y for y in lines if y not in stored and y.rstrip(".").lower() in x.lower()]
        notes += [
            f"kept without what ended: {part[0]}"
            if part
            else f"not kept, it only says what ended: {x}"
        ]
    ended_now = [x for x in gone if x not in dict(edits)]
    return result, notes + [f"no longer holds after this message: {x}" for x in ended_now]


def _said_here(line: str, words: str) -> bool:
    """The line is the message's own (most of its words are the message's): 'My new manager is
    Rahul.' of 'my boss left the company, my new manager is Rahul'."""
    own = stems(line)
    return len(own & stems(words)) * 5 >= len(own) * 3


def without_reasonless(
    state: State, ctx: Context, before: str, after: str
) -> tuple[str, list[str]]:
    """(summary, notes): `after` without the stored lines whose partner, said with it as its
    reason or its consequence ('we don't own a car, so suggest public transport'), this turn
    ended (assistant.summary.reasons); a line the message says stays is kept."""
    words, old, now = state.get("text", "").strip(), parse(before), parse(after)
    if not words or state.get("mode") in ("thumbs_up", "thumbs_down") or set(old) <= set(now):
        return after, []
    versions = [(v.text, v.cause) for v in ctx.memory.summary_history(ctx.user_id)]
    gone = [(y, x) for y, x in gone_with_reasons(old, now, versions) if not said_to_stay(y, words)]
    if not gone:
        return after, []
    result = render([x for x in now if x not in dict(gone)])
    changes = [LineChange(y, x, "went_with") for y, x in gone]
    ctx.memory.set_summary(ctx.user_id, result, cause=describe(words, changes), kind="directive")
    return result, [f"no longer holds, it went with '{x}': {y}" for y, x in gone]


def _rewritten(line: str, added: list[str]) -> bool:
    """An added line carries this one: it contains it, or half its words ('Use Celsius for
    weather, for oven temps too.' after 'Use Celsius for weather.')."""
    own = stems(line)
    low = line.rstrip(".!").lower()
    return any(low in x.lower() or own and len(own & stems(x)) * 2 >= len(own) for x in added)


def kept_by_reader(state: State, ctx: Context, before: str, after: str) -> tuple[str, list[str]]:
    """(summary, notes): `after` with the stored lines the merge removed put back where the
    stale-line reader is sure the message leaves them as they were (P(stale) below HOLDS_BELOW):
    the relation head took 'also I prefer functional react components, no classes' to replace
    'When you show frontend code use typescript.'. A line an added line rewrites is not read."""
    words, old, now = state.get("text", "").strip(), parse(before), parse(after)
    gone = [x for x in old if x not in now]
    if (
        not words
        or not gone
        or ctx.stale is None
        or state.get("mode") in ("thumbs_up", "thumbs_down")
    ):
        return after, []
    added = [x for x in now if x not in old]
    read = [x for x in gone if not _rewritten(x, added)]
    ps = ctx.stale.p_stale(read, words) if read else []
    back = [
        x for x, p in zip(read, ps, strict=True) if p < HOLDS_BELOW and not ended_by_event(x, words)
    ]
    if not back:
        return after, []
    lines = list(now)
    for x in back:  # where it stood among the lines that stayed
        lines.insert(sum(1 for y in old[: old.index(x)] if y in lines), x)
    result = render(lines)
    cause = "\n".join([words, *(f"kept '{x}' (the message does not end it)" for x in back)])
    ctx.memory.set_summary(ctx.user_id, result, cause=cause, kind="directive")
    return result, [f"kept, this message does not end it: {x}" for x in back]


def with_names_kept(state: State, ctx: Context, before: str, after: str) -> tuple[str, list[str]]:
    """(summary, notes): `after` with a line that keeps who someone is where the lines this turn
    removed were the only ones naming them, or where the message names someone by role and name
    that no line names ('sorry my dog Biscuit keeps barking lol'; assistant.summary.kept_names)."""
    words, old, now = state.get("text", "").strip(), parse(before), parse(after)
    if not words or state.get("mode") in ("thumbs_up", "thumbs_down"):
        return after, []
    kept = names_left(old, now, words) if not set(old) <= set(now) else []
    said = [x for x in names_said([*now, *kept], words) if x not in kept]
    notes = [f"kept who they are: {x}" for x in kept] + [
        f"remembered who they are: {x}" for x in said
    ]
    if not notes:
        return after, []
    result = render([*now, *kept, *said])
    ctx.memory.set_summary(ctx.user_id, result, cause="\n".join([words, *notes]), kind="directive")
    return result, notes


def with_retired(state: State, ctx: Context, turn_before: str, update: dict) -> dict:
    """A node's update with the stale lines of `turn_before` gone from its summary, and the lines
    the merge removed that the message does not end back in it."""
    after, notes = kept_by_reader(state, ctx, turn_before, update.get("summary", turn_before))
    after, more = retire_stale(state, ctx, turn_before, after)
    notes += more
    after, more = without_reasonless(state, ctx, turn_before, after)
    notes += more
    after, more = with_names_kept(state, ctx, turn_before, after)
    notes += more
    if not notes:
        return update
    views = ctx.personalizer.views(after) if ctx.personalizer is not None else []
    return update | {"summary": after, "views": views, "summary_before": turn_before,
                     "summary_diff": diff(turn_before, after),
                     "notes": [*update.get("notes", []), *notes]}  # fmt: skip
