"""The agent's nodes: small verb-named functions returning partial state updates. Stream events
(LangGraph custom stream): generate emits {"draft": i, "token"} while best-of-N drafts are written
and {"draft": i, "done": True, "text", "stopped", "degenerate"} as each is final; rank emits
{"chosen": i, "n"}; the answer arrives as {"token"} events (live when N = 1, else revealed by
respond). The full protocol: assistant/llm/base.py."""

from __future__ import annotations

from dataclasses import replace

from langgraph.config import get_stream_writer
from langgraph.runtime import Runtime

from assistant.candidate import Candidate, as_candidate, chosen_index, settle
from assistant.constraints import rules_for
from assistant.feedback import (
    adds_to_rules,
    amount_and_rules,
    asks_a_question,
    asks_for_something,
    continues_rule,
    extract_directive,
    facts_beside_one_off,
    only_a_question,
    only_asks,
    only_this_answer,
    parse_explicit,
    points_at_answer,
    said_for_good,
    said_once,
    spelled_out,
    updates_stored,
    what_follows,
    what_lasts,
    with_left_out,
    without_tasks,
)
from assistant.llm.drafts import write_drafts
from assistant.quality import degenerate_reason, is_degenerate
from assistant.reward.style_terms import revision_follows
from assistant.summary import (
    about_stored,
    about_stored_person,
    change_summary,
    changes_stored,
    changes_stored_by_rule,
    diff,
    directive_from_request,
    directive_lines,
    earlier_value,
    is_lasting,
    only_remarks,
    only_takes_back,
    parse,
    repeats_request,
    restore_summary,
    restores,
    with_corrections,
    without_rejected,
)
from assistant.summary.said_same import only_says_same
from graph import prompts
from graph.context import Context
from graph.retire import with_retired
from graph.state import State, last_answer, last_request

_RECALL_KINDS = {"directive", "statement"}


def candidates_of(state: State) -> list[Candidate]:
    return [as_candidate(c) for c in state.get("candidates") or []]


def recall(state: State, runtime: Runtime[Context]) -> dict:
    """Load the user's summary and the past preference statements most relevant to this message."""
    ctx = runtime.context
    found = ctx.memory.recall(ctx.user_id, state["text"], k=ctx.settings.recall_k * 2)
    recalled = [s.directive or s.text for s in found
                if s.kind in _RECALL_KINDS and (s.extras or {}).get("lasting", True)]  # fmt: skip
    summary = ctx.memory.summary(ctx.user_id)
    views = ctx.personalizer.views(summary) if ctx.personalizer is not None else []
    return {"summary": summary, "views": views, "recalled": recalled[: ctx.settings.recall_k]}


def route(state: State, runtime: Runtime[Context]) -> dict:
    """Request or feedback on the last answer? An explicit UI action wins; else the classifier.
    When the classifier is unsure, the message is answered as a request and the UI offers
    "treat this as feedback?" (a missed correction costs a re-ask; a false one corrupts memory)."""
    ctx = runtime.context
    mode = state.get("mode", "auto")
    if mode in ("thumbs_up", "thumbs_down"):
        sign = 1 if mode == "thumbs_up" else -1
        return {"kind": "feedback", "sign": sign, "score": float(sign), "directive": None}
    explicit, typed = parse_explicit(state["text"])
    if mode == "request" and not explicit:
        return {"kind": "request", "prompt": state["text"]}
    text = spelled_out(typed)  # 'im' is read as "I'm"; a request is answered as typed
    summary = state.get("summary", "")
    bumped = not only_this_answer(text) and amount_and_rules(parse(summary), text)
    if bumped:  # 'ok 20, compromise' after 'Keep my thermostat around 21 C.': its new value
        return {"kind": "feedback", "sign": 0, "score": 0.0, "directive": bumped, "lasting": True}
    messages = state.get("messages", [])
    previous = last_answer(messages)
    split = ctx.classifier.split(text, previous, explicit=explicit or mode == "feedback")
    asks = only_asks(split.directive) or only_a_question(split.directive, text)
    free = not (explicit or mode == "feedback")
    if free and split.kind == "feedback" and split.sign == 0 and asks:
        split = replace(split, kind="request", uncertain=True)  # 'and what about dessert'
    again = repeats_request(text) and last_request(messages, one_off=True)
    more = continues_rule(text, messages)  # 'and a bit funny if possible' after 'keep it short'
    updates = split.kind == "request" and (updates_stored(summary, text) or again or more)
    if updates:  # 'he just turned 4' after 'My son is 3.': an update to remember, not a request
        said = what_follows(text) if more else text  # 'and we need 2 bedrooms': no 'And' line
        split = replace(ctx.classifier.split(said, previous, explicit=True), lasting=True)
    if split.kind == "request":
        return {
            "kind": "request",
            "prompt": typed,
            "uncertain": getattr(split, "uncertain", False),
            "facts": None
            if explicit or mode == "request"
            else said_for_good(text, summary, _judge(ctx, previous), ctx.pieces),
        }
    if not split.directive and summary.strip():
        # 'bump that to 250' or 'passed my grade 4': a stored line's new value, by the slot
        # rules (the relation head alone took 'love it' to replace 'Use that, not the full name')
        found = not only_remarks(text) and extract_directive(text)
        if found and (about_stored(summary, found) or changes_stored_by_rule(summary, found)):
            split = replace(split, directive=found)
    lasting = getattr(split, "lasting", None)
    if split.directive and lasting is None:
        lasting = is_lasting(split.directive, text)
    # 'for this one question ignore the limit' stays a one-off; 'jokes are allowed again' not
    back = restores(text) and earlier_value(text, summary, _history(ctx, text)) is not None
    one_off = (only_this_answer(text) and not back) and (  # 'he turned 8. just this once, ...'
        not about_stored(summary, split.directive or "") or said_once(text)
    )
    beside = one_off and facts_beside_one_off(text)
    if beside:  # 'I work in HR. for this email only, make it blunt': the fact lasts
        split, lasting, one_off = replace(split, directive=beside), True, False
    if (
        split.directive
        and not lasting
        and not one_off
        and (
            not points_at_answer(text)
            or about_stored(summary, split.directive)
            or changes_stored_by_rule(summary, split.directive)
        )
    ):
        # replacing or taking back a remembered line is about a lasting preference, and so is
        # a new fact about someone the summary names
        lasting = (
            changes_stored(summary, split.directive)
            or (split.sign != 1 and about_stored_person(summary, split.directive))
            or adds_to_rules(text, split.directive, summary, state.get("messages", []))
        )  # 'thanks, he managed a video call' is praise, not a fact to keep
    lasting = (bool(split.directive) and bool(lasting) or back) and not one_off
    directive, asked = split.directive, asks_a_question(text)  # 'explain X': only facts last
    if directive and not updates and (asked or not changes_stored_by_rule(summary, directive)):
        directive, lasting = what_lasts(text, directive, lasting)
    facts = (
        not lasting
        and not one_off  # 'just for this answer use km, how far is ...?' keeps nothing
        and ("?" in text or asks_for_something(text))
        and said_for_good(text, summary, _judge(ctx, previous), ctx.pieces)
    )
    directive, lasting = (facts, True) if facts else (directive, lasting)  # as a request keeps them
    if (lasting and directive) or again:  # 'do that for all answers': what was asked, again
        asked = last_request(state.get("messages", []), one_off=bool(again))
        directive = directive_from_request(directive, asked, text)
        lasting = True
    if lasting and not facts:  # 'new job, driving trucks now, long haul': what it left out
        directive = with_left_out(text, directive, ctx.pieces, _judge(ctx, previous))
    fixed = with_corrections(parse(summary), text, directive)  # 'its Radka not Radek'
    directive, lasting = without_rejected(fixed, text), lasting or fixed != directive
    return {"kind": "feedback", "sign": split.sign, "score": split.score, "directive": directive,
            "lasting": lasting}  # fmt: skip


def _judge(ctx: Context, previous: str | None):
    """A piece of a message judged as feedback on its own: (its directive, whether it lasts)."""

    def judge(piece: str) -> tuple[str | None, bool]:
        s = ctx.classifier.split(piece, previous, explicit=True)
        return s.directive, bool(s.lasting)

    return judge


def note_facts(state: State, runtime: Runtime[Context]) -> dict:
    """A request that also says something lasting about the user ('I'm vegan, what's a good
    lunch?'): the fact goes into the summary before the request is answered with it."""
    ctx, before = runtime.context, state.get("summary", "")
    facts = without_tasks(state.get("facts"))  # 'critique my plan to ...' is for this answer
    if not facts:  # a plain request can still end a stored line ('gave up running, any tips?')
        return with_retired(state, ctx, before, {})
    after, notes = _remember({**state, "directive": facts}, ctx, before)
    return with_retired(state, ctx, before, {
        "summary": after,
        "views": ctx.personalizer.views(after) if ctx.personalizer is not None else [],
        "summary_before": before,
        "summary_diff": diff(before, after),
        "notes": [f"remembered from your request: {facts}", *notes],
    })  # fmt: skip


def learn(state: State, runtime: Runtime[Context]) -> dict:
    """Store both halves of feedback: a lasting directive changes the summary (the one way a
    summary changes: assistant.summary.change_summary), the sign moves the posterior."""
    ctx, messages, lasting = runtime.context, state.get("messages", []), bool(state.get("lasting"))
    before, directive = state.get("summary", ""), state.get("directive")
    after, notes = _remember(state, ctx, before) if lasting else (before, [])
    if directive and not lasting:
        notes.append("applied to this answer only (not remembered as a lasting preference)")
    ctx.memory.add_statement(
        ctx.user_id,
        state["text"],
        kind="directive" if directive else "evaluative",
        sign=state.get("sign", 0),
        directive=directive,
        previous_answer=last_answer(messages),
        extras={"lasting": lasting},
    )
    # 'forget the last thing I said' judges the user's own rule, not the answer: no evidence
    if state.get("sign") and ctx.personalizer is not None and not only_takes_back(directive):
        notes += _learn_from_sign(state, ctx)
    said = {"role": "user", "content": state["text"], "kind": "feedback"} | ({"one_off": directive} if directive and not lasting else {})  # fmt: skip
    thumbs, view = state.get("mode") in ("thumbs_up", "thumbs_down"), "noted as your view: the last answer stands (views are never rewarded)"  # fmt: skip
    update = {
        "summary": after,
        "views": ctx.personalizer.views(after) if ctx.personalizer is not None else [],
        "summary_before": before,
        "summary_diff": diff(before, after),
        "notes": notes,
        "messages": [] if thumbs else [said],
    }
    update, previous = with_retired(state, ctx, before, update), last_request(messages)
    if directive and previous and state.get("generate", True):
        if _only_views(ctx, directive):  # revising on a stated view is how answers learn to agree
            update["notes"].append(view)
        else:
            update.update(revising=True, prompt=previous)
    return update


def _only_views(ctx: Context, directive: str) -> bool:
    """Every line of the directive is a view about the world, none a preference about answers."""
    if ctx.personalizer is None:
        return False
    lines = directive_lines(directive)
    from assistant.feedback.request_facts import names_a_rule  # 'Answer in one line.': no view

    views = ctx.personalizer.views("\n".join(f"- {line}" for line in lines))
    return bool(lines) and len(views) == len(lines) and not any(map(names_a_rule, lines))


def _remember(state: State, ctx: Context, before: str) -> tuple[str, list[str]]:
    llm = ctx.llm if getattr(ctx.llm, "capable", False) else None
    limit, text = ctx.settings.summary_max_chars, spelled_out(state["text"])
    wanted = without_tasks(state["directive"])  # 'explain how vaccines ...' is for this answer
    # 'back to the original number': the value comes from the history
    change = restore_summary(before, text, _history(ctx, text), max_chars=limit)
    if change is None and wanted:
        change = change_summary(before, wanted, kind="directive", cause=state["text"],
                                max_chars=limit, llm=llm)  # fmt: skip
    if not change or not change.changed:  # 'German is the same.' asks for no change
        said = "summary already says this" if wanted else "not kept: it asks for this answer only"
        return before, ["nothing to change" if only_says_same(state["directive"]) else said]
    ctx.memory.set_summary(ctx.user_id, change.after, cause=change.cause, kind=change.kind)
    return change.after, [f"summary updated ({change.method})"]


def _history(ctx: Context, text: str) -> list[str]:
    """The summary's versions, oldest first, for a message that goes back to an earlier value."""
    return [v.text for v in ctx.memory.summary_history(ctx.user_id)] if restores(text) else []


def _learn_from_sign(state: State, ctx: Context) -> list[str]:
    """A thumbs up/down on the chosen answer becomes pseudo-comparisons against its rivals."""
    cands = candidates_of(state)
    chosen = [c.text for c in cands if c.chosen]
    others = [c.text for c in cands if not c.chosen]
    if not chosen or not others:
        return []
    winners, losers = (
        (chosen * len(others), others) if state["sign"] > 0 else (others, chosen * len(others))
    )
    profile = ctx.memory.profile(ctx.user_id)
    posterior = ctx.personalizer.learn(
        profile, state.get("answer_prompt", ""), winners, losers, weight=1.0 / len(others)
    )
    ctx.memory.update_profile(ctx.user_id, posterior=posterior)
    return ["your position moved (evaluative feedback)"]


def record(state: State) -> dict:
    """generate=False: keep the request in the conversation without calling the model."""
    return {"messages": [{"role": "user", "content": state["text"], "kind": "request"}]}


def generate(state: State, runtime: Runtime[Context]) -> dict:
    """N drafts with the summary in the system prompt, written under its countable style lines
    (assistant.constraints: stop rules, token budget, banned tokens) and streamed while written
    (the event protocol: assistant.llm.base); each is marked degenerate or sane for rank."""
    ctx = runtime.context
    messages = [
        {"role": "system", "content": prompts.system_prompt(state)},
        *prompts.history(state),
        {"role": "user", "content": state["prompt"]},
    ]
    n = ctx.settings.n_candidates if ctx.personalizer is not None else 1
    once = state.get("revising") and not state.get("lasting") and state.get("directive")
    rules = rules_for(state.get("summary", "") + (f"\n- {once}" if once else ""))  # 'one line'
    writer = get_stream_writer()
    drafts = write_drafts(
        ctx.llm, messages, n, rules, _draft_events(writer, live=n == 1),
        max_tokens=ctx.settings.llm.max_tokens,
    )  # fmt: skip
    cands = []
    for d in drafts:
        reason = degenerate_reason(d.text, state["prompt"], rules.language)
        writer({"draft": d.index, "done": True, "text": d.text, "stopped": d.stopped,
                "degenerate": reason})  # fmt: skip
        if d.text.strip() and d.text not in {c.text for c in cands}:  # ranking needs distinct texts
            cands.append(Candidate(text=d.text, draft=d.index, degenerate=reason))
    return {"candidates": cands or [Candidate(text="", degenerate="empty")], "streamed": n == 1}


def _draft_events(writer, *, live: bool):
    """on_piece for write_drafts: {"draft", "token"} events while best-of-N drafts are written;
    a single draft is the answer itself, so its pieces are plain {"token"} events."""

    def on_piece(i: int, text: str) -> None:
        writer({"token": text} if live else {"draft": i, "token": text})

    return on_piece


def rank(state: State, runtime: Runtime[Context]) -> dict:
    """Score candidates with r_α = (1−α)·group + α·user and keep the scores for "why this answer";
    degenerate drafts go last and never win over a sane one."""
    ctx = runtime.context
    cands = candidates_of(state)
    notes = list(state.get("notes", []))
    if ctx.personalizer is None:
        notes.append("group prior not loaded: answers are not ranked")
    elif len(cands) >= 2:
        profile = ctx.memory.profile(ctx.user_id)
        alpha = state.get("alpha", ctx.settings.default_alpha)
        scored = ctx.personalizer.score(profile, state.get("summary", ""), state["prompt"],
                                        [c.text for c in cands], alpha=alpha)  # fmt: skip
        notes += ctx.personalizer.notes(scored)
        cands = [
            replace(s, draft=c.draft, degenerate=c.degenerate)
            for s, c in zip(scored, cands, strict=True)
        ]
    ranked = settle(cands, chosen_index(cands))
    winner = ranked[chosen_index(ranked)]
    get_stream_writer()({"chosen": winner.draft, "n": len(ranked)})
    return {"candidates": ranked, "notes": notes}


def credit_revision(state: State, runtime: Runtime[Context]) -> dict:
    """Revised ≻ original moves the posterior only when the revision measurably does what the
    directive asked (countable style lines) and is not degenerate; otherwise it is no evidence."""
    ctx = runtime.context
    cands = candidates_of(state)
    revised = cands[chosen_index(cands)].text if cands else ""
    original = last_answer(state.get("messages", []))
    if ctx.personalizer is None or not original or original == revised:
        return {}
    notes = list(state.get("notes", []))
    follows = revision_follows(state.get("directive") or "", original, revised)
    if is_degenerate(revised, state["prompt"]) or not follows:
        notes.append("the revision was not counted as evidence (it does not measurably follow)")
        return {"notes": notes}
    profile = ctx.memory.profile(ctx.user_id)
    posterior = ctx.personalizer.learn(profile, state["prompt"], [revised], [original])
    ctx.memory.update_profile(ctx.user_id, posterior=posterior)
    notes.append("your position moved (revised answer preferred to the original)")
    return {"notes": notes}


def respond(state: State) -> dict:
    """Emit the chosen answer (streamed already, or revealed now) and add the turn to the conversation."""
    cands = candidates_of(state)
    answer = cands[chosen_index(cands)].text
    if not state.get("streamed"):
        writer = get_stream_writer()
        for i in range(0, len(answer), 12):
            writer({"token": answer[i : i + 12]})
    revising = state.get("revising")
    new = [] if revising else [{"role": "user", "content": state["text"], "kind": "request"}]
    new.append({"role": "assistant", "content": answer})
    return {"answer": answer, "messages": new, "answer_prompt": state["prompt"]}
