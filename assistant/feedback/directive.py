"""The directive part of feedback: the clauses that say how answers should change, as preference lines."""

from __future__ import annotations

import re

from assistant.feedback import clause_glue as glue
from assistant.feedback.cues import (
    COMPARATIVES,
    CUES,
    IMPERATIVES,
    LASTING_CUE,
    MORE_IMPERATIVES,
    NEGATIVE,
    POSITIVE,
    PREFERENCE,
    THIS_ANSWER,
    about_the_user,
    is_emoji,
    words,
)
from assistant.feedback.fillers import strip_fillers
from assistant.feedback.native import language_rule
from assistant.feedback.subject_lists import (
    COPULAS,
    PRONOUNS,
    bare_value,
    join_subject_lists,
    two_words,
)
from assistant.feedback.too import rewrite_too
from assistant.summary.clauses import (
    ASIDE,
    STRONG,
    clause_kind,
    only_remarks,
    slot_clause,
    subject_before,
    vetoed,
    with_subject,
)
from assistant.summary.references import resolve_person, sets_a_number
from assistant.summary.relation_cues import THING_SUBJECT, says_ended
from assistant.summary.resolve import (
    EMOJI_NOUN,
    agrees_with_name,
    name_line,
    resolve,
    said_in_order,
)
from assistant.summary.slots import slots
from assistant.text import clean_text

MAX_DIRECTIVE_CHARS = 400
STRONG_DIRECTIVE = 0.8
"""Above this the directive head is trusted even when no clause carries a directive cue."""

_CLAUSE_SPLIT = re.compile(
    r"([.!?;\n]+(?:\s+|$)|,(?!(?<=\d,)\d{3}\b)\s*|\s+-\s+|\s*[—–]\s*|"  # not '15,500'
    r"(?<!\bme)(?<!\bjust)(?<!\bbeing)(?<!\bbe)(?<!\bnot)\s+(?:but|and|though|so)\s+|"
    r"(?<!\bme)(?<!\bjust)(?<!\bhe)(?<!\bshe)(?<!'s)(?<!'re)(?<!'m)(?<!\bwe)(?<!\bi)(?<!\bthey)"
    r"(?<!\bis)(?<!\bare)(?<!\bam)\s+also\s+)",
    re.I,
)
_LABEL_BEFORE_SCOPE = re.compile(r"(?i)^(?:[\w']+ ){0,2}[\w']+:\s+(?=(?:when|whenever|for|if)\b)")
_EMOTICON = re.compile(r"(?<!\S)[:;]-?[()DPp/|]+(?!\S)")
_ABBREVIATION = re.compile(r"\b(Dr|Mr|Mrs|Ms|Prof|St|Jr|Sr|vs|etc|e\.g|i\.e)\.(?=\s)")
_EVALUATIVE = (POSITIVE | NEGATIVE | {"realistic", "helpful", "useful"}) - {
    "not", "no", "don't", "doesn't", "doesnt", "isn't"
}  # fmt: skip
_META = re.compile(
    r"^((please )?(keep|bear) (that|this) in mind|remember (that|this)|noted|just saying|"
    r"(please )?(update|note|change|fix|remember)( (that|this|it))?( (please|pls|for me|in my profile))?|"
    r"[\w' ]{1,30}? (stays?|remains?|can stay) (as is|as it is|the same|unchanged))$",  # the rest stays
    re.I,
)
_ABOUT_ANSWER = re.compile(
    r"\bi (really )?(don'?t |do not )?(like|love|hate|understand|find) (this|that|it)\b(?! when)",
    re.I,
)


_KEEP_UP = re.compile(
    r"^(?:keep (?:that|it|this) up|keep (?:doing|answering|writing) (?:that|it|this|like that|like this)|"
    r"more of (?:that|this))$",
    re.I,
)
_PRAISED = re.compile(
    r"\bhow (\w+(?: and \w+)?) (?:you are|you were|it is|it was|that was|this was)\b", re.I
)
_OWN_CLAUSE = re.compile(
    r"^(?:i|i'm|we|we're|you|he|she|they|it|my|our|his|her|their|\w+ says|\w+ (?:feel|feels|is|are|was)|"
    r"doctor)\b",
    re.I,
)
_PERSIST = re.compile(r"\b(always|never|from now on|every time|going forward|in general)\b", re.I)


def _kind(clause: str) -> str | None:
    """Why a clause is a preference line (assistant.summary.clauses.clause_kind), or a cue:
    an imperative, a comparative, 'for me'; None when it only evaluates or explains."""
    low = clause.lower().replace("\u2019", "'")
    judged = set(words(low)) <= _EVALUATIVE | {"not", "so", "very", "really", "that", "this", "is", "it"}  # fmt: skip
    kind = clause_kind(clause, judged)
    if kind is not None or vetoed(clause):
        return "cue" if kind == "style" else kind
    if re.search(r"\bfor me$", low) or words(low)[:1] and words(low)[0] in MORE_IMPERATIVES:
        return "cue"
    if says_ended(low) and (_OWN_CLAUSE.match(low) or THING_SUBJECT.match(low)):
        return "retract"  # 'he's outgrown the shellfish allergy': takes a stored line back
    if sets_a_number(clause):
        return "cue"  # 'bump that to 200': a stored line with a new number
    if (
        re.match(r"^(?:still\b.+|.+\bstill(?: (?:pls|please|tho|though))?)$", low)
        and len(low.split()) <= 5
    ):
        return "cue"  # 'tabs still pls', 'still no cilantro tho': a stored rule that stays
    return "cue" if _has_cue(clause) else None


def _has_cue(clause: str) -> bool:
    low = clause.lower()
    tokens = words(low)
    if not tokens or _ABOUT_ANSWER.search(low) or tokens in (["no"], ["just"], ["more"]):
        return False
    if tokens[0] in IMPERATIVES or tokens[0] in COMPARATIVES:
        return True
    if re.search(r"\btoo (much|many|\w+)", low) or PREFERENCE.search(low):
        return True
    return any(c in low for c in CUES) or any(w in COMPARATIVES for w in tokens)


_BARE_NEXT = ("for", "in", "please", "again", "only", "instead")  # 'Python for scripts'
_LENGTHS = {"long", "short", "brief", "detailed", "in-depth", "thorough", "concise", "simple"}


def _imperative(clause: str) -> str:
    """Turn a bare comparative ('shorter', 'more formal', 'less jargon') or a bare value
    ('Kilometers', 'Python') into an instruction."""
    words = clause.split()
    first = words[0].lower()
    lowered = clause[0].lower() + clause[1:]
    if re.search(r"\b(is|are|was|were)\b|'s\b|'re\b", clause.lower()):
        return clause
    diet = [s.name for s in slots(clause) if s.name in ("diet", "pronouns")]
    if len(words) == 1 and diet:  # 'vegan', 'they/them'
        return f"I'm {clause.lower()}" if diet[0] == "diet" else f"I use {clause.lower()}"
    if first in ("more", "less", "fewer") and len(words) > 1:
        verb = "Be" if words[1].lower() in glue.ADJECTIVES else "Use"
        return f"{verb} {lowered}"
    if first in COMPARATIVES - {"more", "less", "fewer", "instead"}:
        return f"Make answers {lowered}" if len(words) == 1 else f"Use {lowered}"
    if first.endswith("er") and len(words) <= 2 and first not in IMPERATIVES:
        return f"Be {lowered}"
    bare = len(words) <= 2 or words[1].lower() in _BARE_NEXT
    if first not in IMPERATIVES and bare and slot_clause(words[0]):
        return f"Use {clause}"
    return clause


def _sentence(clause: str) -> str:
    clause = "".join(
        ch for ch in clause if not (ord(ch) > 0x2000 and not ch.isalnum()) or ch in "—–’"
    )
    clause = re.sub(r"\s+", " ", clause).strip()
    clause = re.sub(r"^i'm\b", "I'm", clause)
    clause = re.sub(r"^i\b", "I", clause)
    if not clause.rstrip(".!?,;: "):  # '🙏', '...': nothing to say
        return ""
    return clause[0].upper() + clause[1:].rstrip(".!?,;: ") + "."


def _lower_first(line: str) -> str:
    if re.match(r"^I(\b|')|^[A-Z]{2,}\b", line):  # 'I', 'CAD', 'TLDR' stay
        return line
    return line[0].lower() + line[1:]


def clauses(text: str) -> list[tuple[str, str, str]]:
    """(clause with fillers stripped, separator before it, raw clause); empties dropped."""
    text = re.sub(r"(?i)\btl;\s?dr\b", "TLDR", _ABBREVIATION.sub(r"\1", text))
    text = EMOJI_NOUN.sub(lambda m: m.group(0)[:-1] + "emoji", text)  # 'a little 🌱': a word
    text = "".join("\n" if is_emoji(ch) else ch for ch in text)  # else an emoji ends a sentence
    text = _EMOTICON.sub("\n", text)  # 'Brenda left the company :( my new manager is Olu
    parts = _CLAUSE_SPLIT.split(text)
    out, sep = [], ""
    for i, part in enumerate(parts):
        if i % 2:  # a clause before a '?' is asked: its raw text keeps the '?'
            sep, out = part, glue.mark_asked(out) if "?" in part else out
            continue
        clause = _LABEL_BEFORE_SCOPE.sub("", strip_fillers(part))  # 'one exception: when I ...'
        if clause and out and sep.strip().lower() == "but" and two_words(out[-1][0], clause):
            out[-1] = (f"{out[-1][0]} but {clause}", out[-1][1], f"{out[-1][2]}{sep}{part}")
        elif clause and out and (joined := glue.glued(out[-1][0], sep, clause)):
            out[-1] = (joined, out[-1][1], f"{out[-1][2]}{sep}{part}")
        elif clause:
            out.append((clause, sep, part))
    return glue.praised_then_asked(join_subject_lists(out, _bare_item))


def _bare_item(clause: str) -> bool:
    """'Bread' in 'Bread, pasta and rice are off the menu': a few words, no verb, no directive."""
    said = words(clause)
    return (
        0 < len(said) <= 3
        and said[0] not in IMPERATIVES | PRONOUNS
        and _kind(clause) is None
        and not set(said) & (_EVALUATIVE | COPULAS)
    )


_SCOPE_LEAD = re.compile(r"^(for|when|whenever|in|on|with|during)\s", re.I)


def _topic_word(clause: str) -> bool:
    """'recipes' in 'recipes though - number the steps': a bare plural noun that may name what
    the next clause is about."""
    said = words(clause)
    return (
        len(said) == 1
        and said[0].endswith("s")
        and not said[0].endswith("ss")
        and (_bare_item(clause))
    )


def _topic_of(topic: str, clause: str, sep: str, raw: str) -> str:
    """'For recipes' when the clause after a topic word is an instruction set off from it by
    'though', a dash or a colon; else nothing."""
    set_off = sep.strip().lower() in ("though", "tho", ":") or raw.strip()[:1] in "-—–:"
    return f"For {topic.lower()}" if topic and set_off and not _OWN_CLAUSE.match(clause) else ""


_SOMEONE_ELSE = re.compile(r"(?:he|she|his|her|they|their)\b", re.I)


def _keep_clauses(pairs: list[tuple[str, str, str]]) -> list[tuple[str, str]]:
    """(line, kind) for the clauses that say how to answer or what to remember; a neutral
    fragment after a kept one is glued back ('use fahrenheit and pounds', 'write it as prose,
    not a list'), a scope before one is put in front ('For baking, weigh things in ounces'), and
    pronouns are resolved from the clauses before ('use them' → 'use the tables')."""
    kept: list[tuple[str, str]] = []
    seen: list[str] = []
    last_kept = False
    scope_lead = topic = ""
    pending: list[tuple[str, str]] = []  # clauses not kept since the sentence began
    for i, (clause, sep, raw) in enumerate(pairs):
        pending = [] if re.search(r"[.!?\n]", sep) else pending
        if glue.for_later(raw) and (pending or last_kept):  # '65k a year, use that for budget'
            kept += [(resolve_person(glue.said_together(pending), seen), "fact")] if pending else []
            last_kept, pending = True, []
            continue
        neutral = (
            not set(words(clause)) & _EVALUATIVE
            and not re.search(r"[.!?]", sep)
            and not _OWN_CLAUSE.match(clause)
            and (not vetoed(clause) or glue.last_list_item(clause, sep, kept))
        )
        if glue.why_it_ended(clause, sep, seen):  # 'quit judo, too many bruises': why, no rule
            seen.append(clause)
            continue
        if _META.match(clause) or raw.endswith("?"):  # 'is X healthier?': asked, not said
            last_kept, scope_lead = False, ""
            seen.append(clause)
            continue
        scoping = glue.scopes_next(clause, pairs[i + 1 : i + 2])
        kind = None if scoping else _kind(clause)
        if (
            last_kept
            and sep.strip() == ","
            and kept[-1][0].split()[-1].lower() in _LENGTHS
            and clause.split()[0].lower() in _LENGTHS
        ):
            kind = None  # 'I like long, in-depth explanations': one line
        elif kind in ("slot", "cue") and last_kept and bare_value(clause, sep):
            kind = None  # 'use fahrenheit and pounds': one line
        if _KEEP_UP.match(clause):
            praised = [m.group(1) for m in _PRAISED.finditer(" and ".join(seen))]
            did = glue.what_you_did(clause, seen)  # 'you gave numbered steps, keep doing that'
            kind, clause = ("slot", f"Keep answers {praised[-1]}") if praised else (None, clause)
            kind, clause = ("cue", did) if did != clause and not praised else (kind, clause)
        elif (
            kind is None
            and not scoping
            and (not last_kept and _has_cue(raw) or glue.lasting_ask(raw, sep, last_kept))
            and not _ABOUT_ANSWER.search(raw)
            and not vetoed(raw.strip())
        ):
            kind = "cue"  # 'bullet points please'
        reason = glue.feeling_about_it(clause) or glue.reason_for_take_back(clause, sep, kept)
        if kept and last_kept and reason:  # 'no bullet points, I hate them': stays on its line
            kept[-1] = (f"{kept[-1][0].rstrip('.')}, {clause}", kept[-1][1])
        elif kind == "name" and _SOMEONE_ELSE.match(clause):  # 'she's called Miso'
            kept.append((resolve_person(clause, seen), "fact"))
            last_kept = True
        elif kind == "name":
            kept.append((name_line(clause) or clause, kind))
            last_kept = True
        elif kind:
            said = glue.what_you_did(resolve_person(resolve(clause, seen), seen), seen)
            # 'that doesn't apply anymore' says of what; 'and moved to ...' says who
            line = glue.because_of(with_subject(said, subject_before(seen, sep)), seen, last_kept)
            scope_lead = scope_lead or _topic_of(topic, clause, sep, raw)
            if scope_lead:
                line = f"{scope_lead}, {_lower_first(line)}"
            if glue.follows_from(kept, f"{sep} {raw}", kind):  # 'in a cast, so only seated'
                kept[-1] = (glue.join_reason(kept[-1][0], _lower_first(line)), "fact")
            else:
                kept.append((line, kind))
            last_kept = True
        elif last_kept and neutral and not _SCOPE_LEAD.match(clause):
            line, k = kept[-1]
            kept[-1] = (f"{line}{sep if sep.strip() else ' '}{clause}".replace("  ", " "), k)
        else:
            last_kept = False
            pending.append((clause, sep))
        scope_lead = glue.next_scope(scope_lead, clause, _SCOPE_LEAD) if kind is None else ""
        topic = clause if kind is None and _topic_word(clause) else ""
        seen.append(clause)
    if any(k == "name" for _, k in kept):
        kept = [(x, k) for x, k in kept if not agrees_with_name(x)]
    return kept


def lines_with_kinds(text: str) -> list[tuple[str, str]]:
    """(preference line, kind) for each directive clause of a message."""
    text = said_in_order(clean_text(text)[:4000])
    rule = language_rule(text)
    if rule:  # 'respóndeme en español por favor'
        return [(rule, _kind(rule) or "rule")]
    out: list[tuple[str, str]] = []
    for clause, kind in _keep_clauses(clauses(text)):
        rewritten = rewrite_too(clause)
        if not rewritten:
            continue
        line = _sentence(_imperative(rewritten))
        if line and line.lower() not in (x.lower() for x, _ in out):
            out.append((line, kind))
    lasting = [(x, k) for x, k in out if not THIS_ANSWER.search(x)]
    # 'for this answer only skip the intro, but in general I like a short intro': the rest lasts
    return lasting if lasting and len(lasting) < len(out) and LASTING_CUE.search(text) else out


def _joined(lines: list[str]) -> str:
    parts = [lines[0].rstrip(".")] + [_lower_first(x.rstrip(".")) for x in lines[1:]]
    joined = "; ".join(parts) + "."
    if len(joined) > MAX_DIRECTIVE_CHARS:
        joined = joined[:MAX_DIRECTIVE_CHARS].rsplit(" ", 1)[0].rstrip(",;") + "…"
    return joined


def find_directive(text: str) -> str | None:
    """The directive part of a message as self-contained preference lines joined by '; ', or None
    when no clause says how to change or what to remember."""
    lines = lines_with_kinds(text)
    return _joined([x for x, _ in lines]) if lines else None


def extract_directive(text: str) -> str:
    """Like find_directive, but never empty: falls back to the whole message, cleaned."""
    found = find_directive(text)
    if found:
        return found
    whole = re.sub(r"\s+", " ", clean_text(text)).strip()[:MAX_DIRECTIVE_CHARS]
    return _sentence(whole) or "(empty)"


_SUGGESTS = re.compile(r"^\s*(?:how|what)\s+(?:about|if)\b", re.I)
_WH_QUESTION = re.compile(r"^\s*(how|what|what's|whats|hows|why|who|where|which)\b", re.I)
_QUESTION = re.compile(
    r"^\s*(how|what|what's|why|who|where|when|which|is|are|do|does|can|could)\b.*\?\s*$",
    re.I | re.S,
)


def directive_for(text: str, p_directive: float) -> str | None:
    """The head decides; a clause-level cue can veto a weak yes (pure praise like 'good, thanks'),
    and a fact, name, one-value slot, retraction or fragment turns a weak no into a yes (the head
    misses 'Call me Tobias', 'we live in Tampere', 'forget the wine pairing thing'); a message
    about the user themselves is kept whole ('Dogs make me wheeze')."""
    if about_the_user(text):
        return extract_directive(text)
    lines = lines_with_kinds(text)
    if p_directive < 0.5:
        strong = [x for x, k in lines if k in STRONG or _PERSIST.search(x) or sets_a_number(x)]
        return _joined(strong) if strong else None
    if _WH_QUESTION.match(text) and not _SUGGESTS.match(text):  # 'whats the way to X': facts only
        lines = [(x, k) for x, k in lines if k in STRONG]
    if not lines and (
        p_directive < STRONG_DIRECTIVE
        or (_QUESTION.match(text) or _WH_QUESTION.match(text))
        or only_remarks(text)  # 'thank you, she loved it'
        or ASIDE.search(strip_fillers(text))  # 'ugh long day at work', "I'll try Calendly"
    ):
        return None
    return _joined([x for x, _ in lines]) if lines else extract_directive(text)
