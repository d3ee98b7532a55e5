"""The parts a same-run lane of benchmarks.summary_updates switches off: PARTS, each entry
[(module, name, stand-in)], and the patterns as they were before a stop changed them (the
stand-ins of those lanes). benchmarks.summary_lanes patches them in (`off`)."""

from __future__ import annotations

import dataclasses
import importlib
import re

import graph.nodes
import graph.retire
from assistant.feedback import (
    amounts,
    at_hand,
    classifier,
    clause_glue,
    cues,
    directive,
    left_out,
    request_facts,
    request_updates,
    shorthand,
    stored_pieces,
    tasks,
    too,
)
from assistant.summary import (
    axes,
    clauses,
    contrast,
    dates,
    day_exceptions,
    endings,
    kept_parts,
    list_items,
    merge,
    moved,
    quantities,
    reasons,
    relation_cues,
    relations,
    renames,
    resolve,
    restore,
    said_same,
    stale,
    stated,
    transitions,
)

slots = importlib.import_module("assistant.summary.slots")  # the package's `slots` is the function
summary_lines = importlib.import_module("assistant.summary.lines")
_ONLY_WHEN_I_ASK = re.compile(r"(?i)^(?:(?:also|and|oh|plus)\s+)?(?:when(?:ever)?|if|any ?time|every time) i (?:ask|paste|send|share|want|need|request)\b[^?]*$(?P<all>(?!))?")  # fmt: skip
"""cues.WHEN_I_ASK before it took a way of answering every ask of a kind (stop 46)."""

_HE_ROLE_BEFORE = re.compile(rf"{stale._HE.pattern}|(?i:\b(?:brother|son|husband|dad|father|boyfriend|grandpa|grandfather|uncle|nephew|stepson|stepdad|fiancé|boy)s?\b)")  # fmt: skip
_SHE_ROLE_BEFORE = re.compile(rf"{stale._SHE.pattern}|(?i:\b(?:sister|daughter|wife|mom|mum|mother|girlfriend|grandma|grandmother|aunt|niece|stepdaughter|stepmom|fiancée|girl)s?\b)")  # fmt: skip
"""stale's relation words before they were references' own (stop 47)."""
_DURABLE_BEFORE = re.compile(
    request_facts._DURABLE.pattern.replace(f"|{clauses.CONDITIONS.pattern}", ""), re.I
)
"""request_facts._DURABLE before it took health conditions (stop 53)."""
_RENAMING_BEFORE = re.compile(
    r"(?i)\brenam\w*\b[^.;]{0,30}?\b(?:he|she|it)(?:'s| is) (?:now )?(?P<n>(?-i:[A-Z])[\w'-]*)(?= now|\W*$)"
)
"""renames._RENAMING before it looked past a sentence end and at 'my new kitten is' (stop 53)."""
_VOTES = axes._votes
_KINDS = stated._kinds
_TOO_BEFORE = re.compile(
    r"^(?:the |your |those |these )?([a-z][\w -]*?) (?:is|are) (?:way )?too (\w+)"
    r"(?: (?:at|by|after|before|during|when|in the) [\w: -]+)?$"
)
"""too.TOO_OF_SOMETHING before it read 'for me ...' (stop 52)."""
_ADDED_STOP55 = (
    r"|taking (?:\w+ )?(?:classes|a class|a course|courses)",
    r"|(?:dropped|quit) (?:the|my) (?:\w+ )?(?:class|classes|course)",
    r"|cast (?:came|is|'s) off|out of (?:the|my) cast|walking again",
)
_TRANSITIONS_BEFORE = tuple(
    tuple(
        p if isinstance(p, bool) or p.pattern == (old := _strip(p.pattern)) else re.compile(old, p.flags)
        for p in row
    )
    for row in transitions.TRANSITIONS
    for _strip in [lambda x: x.replace(_ADDED_STOP55[0], "").replace(_ADDED_STOP55[1], "").replace(_ADDED_STOP55[2], "")]
)  # fmt: skip
"""transitions.TRANSITIONS before it took classes dropped and a cast come off (stop 55)."""
_FACT_PART_BEFORE = re.compile(rf"\d|(?<!^)\b(?!(?:{transitions._CALENDAR})\b)[A-Z][^\W\d_]+")
"""transitions._FACT_PART before a job stayed (stop 55)."""
_OTHER_BEFORE = re.compile(rf"(?i)\b(?=(?:{transitions._ROLES})s?\b)([\w-]*?[^s\W])s*\b(?!-)")
"""transitions._OTHER as its role was read before (stop 55): a final 's' cut ('boss' read 'bo')."""
_VALUE_BEFORE = re.compile(
    r"(?i)\d|\b(?:now|instead|still|these days|going forward|from now on)\b"
    r"|\b(?:changed|moved|switched|transferred|bumped|pushed|upped|dropped)\b[^.;]*\bto\b"
)
"""stated._VALUE before it read what helps or is better (stop 52)."""
_P, _W = list_items._PHRASE, list_items._W
_ENDED_AFTER_BEFORE = re.compile(
    rf"{_P}(?:'s| is| are| was| were)? (?:healed|gone|over|cured|resolved)(?: now| again)?\b|"
    rf"\b({_W})(?:'s)? (?:passed away|died|left|moved out|quit)\b"
)
_FINE_AFTER_BEFORE = re.compile(
    rf"{_P}(?:'s| is| are| was| were)? (?:fine|ok|okay|normal|better)(?: now| again)?\b"
)
"""list_items' cues before 'take X off' and 'X is growing on me' (stop 52)."""

_FROM_TO_BEFORE = re.compile(
    rf"\b(?:switch(?:ed|ing)?|chang(?:ed|ing)|mov(?:ed|ing)|went|go(?:ing)?)(?:\s+(?:me|him|her|them|us))?\s+"
    rf"(?:from|off)\s+({contrast._TOKEN})\s+(?:to|onto|on to)\s+({contrast._TOKEN})(?![\w'-])",
    re.I,
)  # fmt: skip
"""contrast._FROM_TO before 'moved on from X to Y Z' (stop 57)."""
_NOW_DUE_BEFORE = re.compile(
    r"(?i)^(?:(?:now|so|and) )*(?:it'?s|its|it is|it'll be|the deadline'?s?|due)\b"
)
"""dates._NOW_DUE before 'new deadline is' (stop 57)."""


def _stored_with_before(stored, old, new):
    """contrast.stored_with before the one form ('peanut' of 'peanuts') and the allergy line
    (stop 57)."""
    said = re.compile(rf"(?<![\w'-]){re.escape(old)}(?![\w'-])", re.I)
    return said, new, [x for x in stored if said.search(x)]


def _names_only(old: str, new: str) -> bool:
    """relation_cues.repeats_nothing before other numbers (stop 57)."""
    return bool(set(relation_cues._NAMES.findall(new)) - set(old.split()))


def _without_child(axis: axes.Axis) -> axes.Axis:
    """The axis without 'like I'm 12' (axes.LIKE_A_CHILD, stop 47)."""
    terms = tuple(t for t in axis.terms if t[0] != axes.LIKE_A_CHILD)
    return dataclasses.replace(axis, terms=terms)


PARTS = {
    "list_edits_off": [(graph.retire, "edit_lists", lambda before, after, text: (list(after), []))],
    "stored_pieces_off": [(stored_pieces, "shipped", lambda classifier: None)],
    "left_out_off": [(graph.nodes, "with_left_out", lambda text, directive, *a: directive)],
    "moved_off": [(moved, "moved_value", lambda line, stored: None)],
    "levels_off": [(graph.retire, "edit_levels", lambda before, after, text: (list(after), []))],
    "endings_off": [(graph.retire, "without_endings", lambda before, lines: (list(lines), []))],
    "ended_more_off": [
        (endings, "_ENDED", endings.ended_pattern(more=False)),
        (endings, "_without_ended_clauses", lambda line, removed: line),
    ],
    "complaints_off": [(endings, "_COMPLAINT", re.compile(r"(?!)"))],
    "name_tail_off": [(resolve, "_CALL_ME_SAID", re.compile(r"(?!)"))],
    "semicolon_off": [(contrast, "_BEFORE_NOT", ",?")],
    "said_now_off": [(graph.retire, "said_now", lambda text: [])],
    "into_ended_off": [(graph.retire, "into_ended", lambda said, ended: None)],
    "then_now_off": [(graph.retire, "as_now", lambda line: line)],
    "allows_part_off": [(merge, "allows_a_part", lambda line, undone: False)],
    "still_change_off": [(left_out, "beside_still", lambda part, directive: False)],
    "when_i_ask_off": [(cues, "WHEN_I_ASK", re.compile(r"(?!)"))],
    "every_ask_off": [(cues, "WHEN_I_ASK", _ONLY_WHEN_I_ASK)],
    "other_person_off": [(stale, "_gender", lambda he, she, text: None)],
    "role_words_before": [
        (stale, "_HE_ROLE", _HE_ROLE_BEFORE),
        (stale, "_SHE_ROLE", _SHE_ROLE_BEFORE),
    ],
    "keep_it_off": [(classifier, "_KEEP_IT", re.compile(r"(?!)"))],
    "every_kind_off": [(classifier, "_FOR_GOOD_CUE", cues.LASTING_CUE)],
    "reader_keeps_off": [
        (graph.retire, "kept_by_reader", lambda state, ctx, before, after: (after, []))
    ],
    "reader_at_085": [(graph.retire, "THRESHOLD", 0.85)],
    "with_reason_off": [(graph.retire, "gone_with_reasons", lambda before, after, versions: [])],
    "reasons_both_ways": [(reasons, "BOTH_WAYS", True)],
    "said_before_off": [
        (resolve, "_QUOTED", re.compile(r"(?!)")),
        (resolve, "_YOU_DID", re.compile(r"(?!)")),
        (clause_glue, "_LIKE_THAT", re.compile(r"(?!)")),
    ],
    "named_someone_off": [
        (request_facts, "names_someone", lambda piece: False),
        (amounts, "named", lambda piece: None),
    ],
    "technical_slot_off": [(relations, "VALUE_SLOTS", relations.VALUE_SLOTS - {"technical"})],
    "like_a_child_off": [(axes, "_votes", lambda low, axis: _VOTES(low, _without_child(axis)))],
    "said_same_off": [
        (graph.retire, "kept_as_said", lambda before, after, text: (list(after), [])),
        (merge, "only_says_same", lambda line: False),
    ],
    "calls_off": [(resolve, "_CALLS", re.compile(r"(?!)"))],
    "named_part_off": [(stated, "_named_part", lambda said, line, spans: None)],
    "day_of_month_off": [
        (stated, "_kinds", lambda: [k for k in _KINDS() if k.pattern != stated._ORDINAL])
    ],
    "elsewhere_off": [(merge, "ELSEWHERE", re.compile(r"(?!)"))],
    "name_reason_off": [(resolve, "_NAME_BEFORE", re.compile(r"(?!)"))],
    "item_cues_off": [
        (list_items, "_ENDED_AFTER", _ENDED_AFTER_BEFORE),
        (list_items, "_FINE_AFTER", _FINE_AFTER_BEFORE),
    ],
    "label_scope_off": [(directive, "_LABEL_BEFORE_SCOPE", re.compile(r"(?!)"))],
    "at_hand_off": [(at_hand, "for_this_ask", lambda piece, text: False)],
    "appositive_off": [(clause_glue, "_APPOSITIVE", re.compile(r"(?!)"))],
    "helps_off": [(stated, "_VALUE", _VALUE_BEFORE)],
    "too_for_me_off": [(too, "TOO_OF_SOMETHING", _TOO_BEFORE)],
    "ended_reason_off": [(clause_glue, "why_it_ended", lambda clause, sep, seen: False)],
    "pronouns_off": [(slots, "_SIMPLE", tuple(x for x in slots._SIMPLE if x[0] != "pronouns"))],
    "list_tail_off": [(clause_glue, "last_list_item", lambda clause, sep, kept: False)],
    "picked_up_off": [(list_items, "_ADDED", re.compile(r"(?!)"))],
    "set_values_off": [(graph.retire, "set_values", lambda before, lines, text: (lines, []))],
    "days_off_off": [(clauses, "_DAYS_OFF", re.compile(r"(?!)"))],
    "events_off": [(clauses, "SUBJECTLESS_EVENT", re.compile(r"(?!)"))],
    "conditions_off": [(request_facts, "_DURABLE", _DURABLE_BEFORE)],
    "habit_off": [(request_facts, "rules_with_habit", lambda piece: [])],
    "update_lines_off": [(request_updates, "lines_with_kinds", lambda text: [])],
    "own_verb_off": [(summary_lines, "_OWN_VERB", re.compile(r"(?!)"))],
    "coding_words_off": [(slots, "_CODING", r"\bcode|program|script")],
    "goal_stays_off": [(stale, "progress_only", lambda line, text: False)],
    "someone_cant_have_off": [
        (shorthand, "_HE_DONT", re.compile(r"(?!)(x)")),
        (clause_glue, "_NAME_ALONE", re.compile(r"(?!)")),
        (clauses, "CANT_HAVE", re.compile(r"(?!)")),
    ],
    "rename_fillers_off": [
        (
            renames,
            "_NOT_NAMES",
            frozenset(re.findall(r"\w+", "it that this him her them the a an to as now")),
        ),
        (renames, "_RENAMING", _RENAMING_BEFORE),
    ],
    "own_sentence_off": [(clause_glue, "lasting_ask", lambda raw, sep, last_kept: False)],
    "transitions_off": [(graph.retire, "ended_by_event", lambda line, text: False)],
    "transition_parts_off": [(graph.retire, "what_stays", lambda line, text: None)],
    "cued_threshold_off": [(graph.retire, "cued_change", lambda line, text: False)],
    "task_lines_off": [(tasks, "without_task", lambda line: line)],
    "left_out_remarks_off": [(left_out, "said_of_it", lambda part: False)],
    "fine_again_off": [(restore, "_FINE_AGAIN", re.compile(r"(?!)"))],
    "relayed_off": [
        (clauses, "RELAYED", re.compile(r"(?!)")),
        (
            clauses,
            "REMARK",
            re.compile(clauses.REMARK.pattern.replace("|" + clauses.RELAYED.pattern, ""), re.I),
        ),
    ],
    "greetings_off": [
        (clauses, "GREETING", re.compile(r"(?!)")),
        (
            clauses,
            "REMARK",
            re.compile(clauses.REMARK.pattern.replace("|" + clauses.GREETING.pattern, ""), re.I),
        ),
    ],
    "kept_names_off": [(graph.retire, "names_left", lambda before, after, text: [])],
    "names_said_off": [(graph.retire, "names_said", lambda after, text: [])],
    "request_pronoun_off": [(request_facts, "resolve_person", lambda line, stored: line)],
    "day_exceptions_off": [
        (module, "for_some_days", lambda line, text: False)
        for module in (relations, graph.retire, day_exceptions)
    ],
    "job_parts_off": [
        (kept_parts, "job_part", lambda old, new: None),
        (graph.retire, "job_part", lambda old, new: None),
    ],
    "keep_the_part_off": [
        (
            said_same,
            "_SAYS_SAME",
            re.compile(said_same._SAYS_SAME.pattern.split("|keep (?")[0] + r")\b"),
        )
    ],
    "tasks_everywhere_off": [
        (graph.nodes, "without_tasks", lambda directive: directive),
        (graph.nodes, "only_asks", lambda directive: False),
        (tasks, "_SOME_THINGS", re.compile(r"(?!)")),
    ],
    "more_transitions_off": [
        (transitions, "TRANSITIONS", _TRANSITIONS_BEFORE),
        (transitions, "_FACT_PART", _FACT_PART_BEFORE),
        (transitions, "_OTHER", _OTHER_BEFORE),
    ],
}
PARTS |= {  # stop 52's parts, grouped for its held-out look
    "stated_values_off": PARTS["named_part_off"] + PARTS["day_of_month_off"] + PARTS["helps_off"],
    "reasons_off": PARTS["name_reason_off"] + PARTS["ended_reason_off"] + PARTS["too_for_me_off"],
    "small_readings_off": PARTS["appositive_off"]
    + PARTS["item_cues_off"]
    + PARTS["at_hand_off"]
    + PARTS["label_scope_off"],
}
PARTS |= {  # stop 53's parts, grouped for its held-out look
    "new_facts_off": PARTS["days_off_off"]
    + PARTS["events_off"]
    + PARTS["conditions_off"]
    + PARTS["habit_off"]
    + PARTS["someone_cant_have_off"],
    "value_edits_off": PARTS["set_values_off"]
    + PARTS["picked_up_off"]
    + PARTS["list_tail_off"]
    + PARTS["goal_stays_off"],
    "slot_words_off": PARTS["pronouns_off"] + PARTS["coding_words_off"],
    "clause_readings_off": PARTS["update_lines_off"]
    + PARTS["own_verb_off"]
    + PARTS["own_sentence_off"]
    + PARTS["rename_fillers_off"],
}
PARTS |= {  # stop 54's parts, grouped for its held-out look
    "life_events_off": PARTS["transitions_off"] + PARTS["transition_parts_off"],
    "remarks_off": PARTS["relayed_off"] + PARTS["left_out_remarks_off"],
}
PARTS |= {  # stop 57's parts
    "continued_off": [(graph.nodes, "continues_rule", lambda text, messages: False)],
    "no_and_off": [(graph.nodes, "what_follows", lambda text: text)],
    "only_question_off": [(graph.nodes, "only_a_question", lambda directive, text: False)],
    "other_numbers_off": [(relations, "repeats_nothing", _names_only)],
    "moves_off": [(relation_cues, "_AND_SO", re.compile(r"")), (stale, "_MOVES", frozenset())],
    "new_deadline_off": [(dates, "_NOW_DUE", _NOW_DUE_BEFORE)],
    "time_zone_amount_off": [(quantities, "_OFFSET", re.compile(r"(?!)"))],
    "allergens_off": [
        (contrast, "_ISNT_Y_ITS_X", re.compile(r"(?!)")),
        (contrast, "_FALSE_ALARM", re.compile(r"(?!)")),
        (contrast, "stored_with", _stored_with_before),
    ],
    "moved_on_off": [(contrast, "_FROM_TO", _FROM_TO_BEFORE)],
}
PARTS |= {  # stop 57's parts, grouped for its held-out look
    "routing_off": PARTS["continued_off"] + PARTS["only_question_off"],
    "merge_readings_off": PARTS["other_numbers_off"]
    + PARTS["moves_off"]
    + PARTS["new_deadline_off"]
    + PARTS["time_zone_amount_off"],
    "contrast_more_off": PARTS["allergens_off"] + PARTS["moved_on_off"],
}
PARTS |= {  # stop 56's parts, grouped for its held-out look
    "kept_lines_off": PARTS["day_exceptions_off"]
    + PARTS["job_parts_off"]
    + PARTS["keep_the_part_off"],
}
"""The same-run lanes without one part: [(module, name, stand-in)]; each module says what the
part does."""
