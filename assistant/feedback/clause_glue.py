"""Which neighbouring clauses of a message stay one preference line: an adjective whose noun
comes after the comma ('keep a formal, professional tone'), and a rule said to follow from a
state that will end ('my leg is in a cast, so only seated exercises')."""

from __future__ import annotations

import re

from assistant.summary.slots import slots

ADJECTIVES = {
    "formal", "casual", "concise", "detailed", "specific", "polite", "direct", "friendly", "technical",
    "serious", "playful", "decisive", "confident", "enthusiastic", "vivid", "professional", "precise",
    "thorough", "careful", "relaxed", "natural", "honest", "brief", "patient", "creative", "blunt",
    "supportive", "encouraging", "empathetic", "gentle", "kind", "warm", "upbeat", "positive", "tactful",
    "cheerful", "sympathetic", "understanding", "compassionate", "diplomatic", "respectful", "informal",
    "conversational", "personal", "critical", "objective", "balanced", "neutral", "rigorous", "humble",
}  # fmt: skip


_OPEN_ADJECTIVE = re.compile(
    rf"\b(?:a|an|the|very|more|less)\s+(?:{'|'.join(sorted(ADJECTIVES | {'warm', 'short'}))})$",
    re.I,
)


def glued(before: str, sep: str, clause: str) -> str | None:
    """The clause joined to the one before when they are one line: ', always' belongs to the
    rule before it ('use celsius, always'); 'keep a formal, professional tone' (the adjective's
    noun is in the next clause). None when they stay apart."""
    if re.fullmatch(r"(?i)always|from now on|going forward", clause):
        first = before if re.match(r"^I(\b|')", before) else before[:1].lower() + before[1:]
        return f"{clause} {first}"
    if sep.strip() == "," and (
        _OPEN_ADJECTIVE.search(before)
        or re.match(r"(?i)like i'?m\b", clause)
        or (_APPOSITIVE.match(clause) and _ROLE_END.search(before))  # 'my boss, Ms Okafor'
    ):
        return f"{before}, {clause}"
    if sep.strip().lower() == "also" and _NAME_ALONE.fullmatch(before):
        return f"{before} also {clause}"  # 'kofi also doesn't drink alcohol': his fact
    return None


_NAME_ALONE = re.compile(
    r"(?i)(?!(?:ok|okay|oh|and|but|so|yes|yeah|no|nope|please|pls|thanks|cool|great|right|sure|"
    r"fine|also|then|now|me|you|it|this|that|there|here)\b)[a-z][a-z'-]{1,20}"
)


_APPOSITIVE = re.compile(r"^(?:(?:Mr|Mrs|Ms|Dr|Prof)\.? )?[A-Z][a-z'-]+(?: [A-Z][a-z'-]+)?$")
_ROLE_END = re.compile(
    r"(?i)\b(?:my|our|his|her|their) (?:\w+ )?(?:boss|manager|director|supervisor|teacher|coach|"
    r"doctor|landlord|landlady|neighbou?r|client|colleague|co-?worker|tutor|editor|wife|husband|"
    r"partner|son|daughter|brother|sister|mom|mum|dad|friend|roommate|flatmate)$"
)
"""'my boss' before ', Ms Okafor': the name is said of the person, in the same clause."""


_SCOPE = re.compile(
    r"(?i)^(?:for|when|whenever)\s(?!(?:the record|example|instance|now|real|what it'?s worth)\b)"
    r"(?!.*\b(?:always|never)\b)"
)


def scopes_next(clause: str, after: list[tuple[str, str, str]]) -> bool:
    """'For step-by-step instructions' before ', number the steps': only the scope of the rule
    after it, never a line of its own."""
    from assistant.feedback.cues import IMPERATIVES, MORE_IMPERATIVES

    said = after[0][0].lower().split() if after else []
    return (
        bool(_SCOPE.match(clause) and said)
        and after[0][1].strip() == ","
        and (
            said[0] in IMPERATIVES | MORE_IMPERATIVES | {"number"}
            or bool(re.search(r"\b(?:please|pls|plz)\W*$|^\W*remember\b", after[0][2], re.I))
        )
    )


_PRESENT = {
    "gave": "give", "used": "use", "broke": "break", "added": "add", "included": "include",
    "put": "put", "kept": "keep", "wrote": "write", "made": "make", "split": "split",
    "listed": "list", "showed": "show", "started": "start", "ended": "end", "numbered": "number",
    "explained": "explain", "summarised": "summarise", "summarized": "summarize", "bolded": "bold",
}  # fmt: skip
_YOU_DID = re.compile(rf"\byou ({'|'.join(_PRESENT)})\s+(?:me\s+)?(.{{3,80}}?)\W*$", re.I)
_DO_THAT = re.compile(r"\b(?:keep )?do(?:ing)? (?:that|this|it)(?: again)?\b", re.I)


def what_you_did(line: str, seen: list[str]) -> str:
    """'Always do that for how-to stuff' after 'I love that you gave numbered steps' → 'Always
    give numbered steps for how-to stuff'; the line as it is when nothing before says what."""
    if not _DO_THAT.search(line):
        return _like_that(line, seen)
    for clause in reversed(seen[-3:]):
        m = _YOU_DID.search(clause)
        if m:
            did = re.sub(r"(?i)\b(?:that|this|the) (answer|reply|response)\b", r"\1s", m.group(2))
            out = _DO_THAT.sub(f"{_PRESENT[m.group(1).lower()]} {did}", line, count=1)
            return out[:1].upper() + out[1:]
    return line


_LIKE_THAT = re.compile(r"(?i)\blike (?:that|this)\b")
_DID_LIKE = re.compile(r"(?i)\byou \w+\b.*?\b(like (?:a |an )?[\w' -]{3,60}?)\W*$")


def _like_that(line: str, seen: list[str]) -> str:
    """'do every answer like that' after 'you wrote that last bit like a sports commentator':
    'like that' says like what ('do every answer like a sports commentator')."""
    m = _LIKE_THAT.search(line)
    for clause in reversed(seen[-3:]) if m else []:
        did = _DID_LIKE.search(clause)
        if did:
            return line[: m.start()] + did.group(1) + line[m.end() :]
    return line


_THAT_ENDED = re.compile(r"^(?:that|this|it)(?:'s|\s)", re.I)


def because_of(line: str, seen: list[str], last_kept: bool) -> str:
    """'That doesn't apply anymore' after 'I had to pull out of the marathon': the take-back
    says what 'that' is ('I had to pull out of the marathon, so that doesn't apply anymore');
    else the line as it is."""
    from assistant.summary.relation_cues import RETRACT, says_ended

    low, said = line.lower(), [c for c in seen[-2:] if len(c.split()) >= 3]
    if last_kept or not said or not _THAT_ENDED.match(line):
        return line
    if not (RETRACT.search(low) or says_ended(low)):
        return line
    return f"{said[-1][:1].upper()}{said[-1][1:].rstrip('.')}, so {line[:1].lower()}{line[1:]}"


_BECAUSE = re.compile(r"^(?:since|because|as long as|while)\b", re.I)


def follows_from(kept: list[tuple[str, str]], sep: str, kind: str) -> bool:
    """A rule said to follow from the fact just before it ('X, so Y') stays on its line: when
    the fact ends, the rule goes with it."""
    said_so = re.match(r"[\s,]*so\b", sep, re.I) or (
        sep.lstrip().startswith(",")
        and not re.match(r"[\s,]*and (?:just |also )?turned\b", sep, re.I)
    )  # 'training for a marathon, and just turned 35': a second fact, not what follows
    because = bool(kept) and bool(_BECAUSE.match(kept[-1][0]))
    return (
        bool(kept and (said_so or because))
        and bool(
            because
            or _FOR_A_WHILE.search(kept[-1][0])
            or (any(s.name == "location" for s in slots(kept[-1][0])) and _LOCAL.search(sep))
        )
        and (kept[-1][1] == "fact" or because)
        and (kind != "fact" or bool(re.search(r"(?i)\bso\s+(?:i|we) can only\b", sep)))
    )  # 'on a student visa, so I can only work 20 hrs': goes with the visa


_LOCAL = re.compile(
    r"\b(?:time ?zones?|local|currency|(?-i:[A-Z]{2,4}T)|eastern|pacific|central|mountain|gmt|utc|"
    r"bst|cet|pounds|euros?|dollars?|yen|pesos?|rupees?|francs?|kron(?:a|or|er)|usd|cad|aud|nzd|"
    r"gbp|eur|jpy|chf|inr|sek|nok|dkk|pln|mxn|brl|zar|sgd)\b",
    re.I,
)
"""What a place decides ('I'm in Perth, so times in AWST'): it goes when the place changes; not
'I'm based in Leeds, use UK date formats', which stays after a move to Manchester."""


def join_reason(reason: str, rule: str) -> str:
    """'Since it's Ramadan, suggest ...'; 'My leg is in a cast, so only suggest ...'; a bare
    language is the language to answer in ('doing Rome now, so Italian please')."""
    from assistant.summary.slots import LANGUAGES

    rule = f"answer in {rule.rstrip('.')}." if re.fullmatch(rf"(?i){LANGUAGES}\.?", rule) else rule
    return f"{reason.rstrip('.')}, {'' if _BECAUSE.match(reason) else 'so '}{rule}"


_FOR_A_WHILE = re.compile(
    r"\b(?:for now|right now|currently|at the moment|this (?:week|month|year|term|semester|season)|"
    r"for (?:the next|a few|a couple of) \w+|next \d+ \w+|trip|until|temporar\w*|still|just got|"
    r"pregnant|recovering|cast|broke|injur\w*|training for|visiting|staying|doing|trying|on a)\b",
    re.I,
)
"""A state that will end (a trip, a cast, a pregnancy, a training plan): what follows from it
goes with it."""


_PRAISE = re.compile(
    r"^(?:i )?(?:really |absolutely |just )?(?:love|loved|like|liked|enjoyed|appreciated?) "
    r"(?P<a>.{3,80}?)$|"
    r"^(?P<b>.{3,80}?) (?:is|was|were|are) (?:so |really |very |super |just |pretty )?(?:great|"
    r"perfect|useful|helpful|nice|good|brilliant|amazing|excellent|spot on|awesome|handy|clear|"
    r"lovely|fantastic|ideal)$",
    re.I,
)
_REPEAT = re.compile(
    r"^(?:please |pls )?(?:always |just )?(?:keep )?do(?:ing)? (?:it|that|this|them|those)\b", re.I
)
_GENERIC = re.compile(r"^(?:(?:the|that|this|your) )?(?:answer|reply|response|one|it|explanation)$")


def _as_rule(thing: str) -> str | None:
    """'that markdown table you did' → 'use a markdown table'; 'the way you broke that down into
    steps' → 'break it down into steps'; None for a thing too generic to repeat ('that answer')."""
    m = _YOU_DID.search(thing)
    if m and re.match(r"(?i)^(?:the way|how)\b", thing):
        did = re.sub(r"(?i)\b(?:that|this|the) (answer|reply|response)\b", r"\1s", m.group(2))
        did = re.sub(r"(?i)^(?:that|this)\b(?= (?:down|up|out|into|over|apart)\b)", "it", did)
        return f"{_PRESENT[m.group(1).lower()]} {did}"
    noun = re.sub(r"(?i)^(?:the|that|this|those|these|your|all the)\s+", "", thing)
    noun = re.sub(r"(?i)\s+(?:you|u) (?:did|made|used|gave|added|put in|wrote)$", "", noun)
    if _GENERIC.match(noun.lower()) or _YOU_DID.search(noun) or len(noun.split()) > 6:
        return None
    return f"use {noun}" if noun.lower().endswith("s") else f"use a {noun}"


def praised_then_asked(pairs: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """'That markdown table you did is great, do it every time you compare things' → one rule,
    'Use a markdown table every time you compare things': the praise names what to repeat and
    is not a line of its own. 'Loved the examples, keep including examples like that' keeps the
    second clause alone. Other clauses pass unchanged."""
    out: list[tuple[str, str, str]] = []
    for clause, sep, raw in pairs:
        m = _PRAISE.match(out[-1][0]) if out else None
        if m and _REPEAT.match(clause):
            rule = _as_rule(m.group("a") or m.group("b"))
            if rule:
                rest = _REPEAT.sub("", clause).strip()
                rule = (
                    f"always {rule}" if re.search(r"(?i)^\W*(?:please )?always\b", clause) else rule
                )
                out[-1] = (f"{rule} {rest}".strip(), out[-1][1], f"{out[-1][2]}{sep}{raw}")
                continue
        thing = (m.group("a") or m.group("b")) if m else ""
        shared = set(re.findall(r"[a-z]{4,}", thing.lower())) & set(clause.lower().split())
        if m and shared and re.match(r"(?i)^(?:always |please )?keep\b", clause):
            out[-1] = (clause, sep, raw)  # 'loved the examples. keep including examples ...'
            continue
        out.append((clause, sep, raw))
    return out


_FEELING = re.compile(
    r"^(?:i|we) (?:really |just |honestly |absolutely )?(?:hate|love|like|dislike|adore|"
    r"can'?t stand|find) (?:them|it|those|these)\b(?: so much| a lot)?\W*$|"
    r"^(?:they|those|these) (?:annoy|distract|bug|confuse|bore) me\b\W*$",
    re.I,
)


def feeling_about_it(clause: str) -> bool:
    """'I hate them' after 'no bullet points': why the rule is there, said of its object; it
    stays on the rule's line (and goes when the rule goes), never a line of its own."""
    return bool(_FEELING.match(clause.strip()))


_EXCESS_ONLY = re.compile(r"(?i)^(?:just |way |far )?too (?:many|much) [a-z][\w' -]*$")
_ENDED_IT = re.compile(r"(?i)\b(?:gone off|went off|gave up|dropped|over it|done with|sick of)\b")


def why_it_ended(clause: str, sep: str, seen: list[str]) -> bool:
    """'too many bruises' in 'Tomas quit judo, too many bruises' ('ive gone off horror, too many
    nightmares'): why something ended, set off by a comma; not a complaint about the answers."""
    from assistant.summary.relation_cues import STOPPED, says_ended

    if sep.strip() != "," or not seen or not _EXCESS_ONLY.match(clause.strip()):
        return False
    low = seen[-1].lower()
    return says_ended(low) or bool(STOPPED.search(low) or _ENDED_IT.search(low))


_ABOUT_IT = re.compile(
    r"^(?:they|they're|it|it's|its|those|these|that|that's|the)\b|"
    r"^(?:i|we|nobody|no one)(?: \w+)? (?:never|don't|do not|rarely|barely|hardly ever|won't) "
    r"(?:use|read|need|look at|check|open|follow|cook|make)s? (?:it|them|that|those)\b",
    re.I,
)
"""'they are always broken links', 'I never use it': said of what was just taken back."""
_OWN_FACT_SLOTS = ("diet", "location", "age", "job", "name")


def reason_for_take_back(clause: str, sep: str, kept: list[tuple[str, str]]) -> bool:
    """'forget what I said about sources, they are always broken links anyway': a statement about
    the thing taken back, set off by a comma, is why; it goes with the take-back. 'Scratch that,
    ...' says something new, and a fact about the user (home, diet, job, age, name) is a line of
    its own."""
    from assistant.summary.relation_cues import RETRACT
    from assistant.summary.retraction import takes_back_last

    if sep.strip() != "," or not kept or kept[-1][1] != "retract":
        return False
    said = kept[-1][0]
    if not RETRACT.search(said.lower()) or takes_back_last(said):  # 'scratch that, I got a mac'
        return False
    named = {s.name.split(":")[0] for s in slots(clause)}
    return bool(_ABOUT_IT.match(clause)) and not named & set(_OWN_FACT_SLOTS)


_FOR_LATER = re.compile(
    r"^\W*(?:(?:and|so|ok|okay|pls|please|just)\s+)*(?:(?:keep|bear) (?:that|this|it) in mind|"
    r"remember(?: (?:that|this|it))?(?=\s+(?:for|when|whenever)\b|\W*$)|"
    r"use (?:that|this|it|those)(?=\s+(?:for|when|whenever)\b)|factor (?:that|this|it) in(?:to)?|"
    r"take (?:that|this|it) into account|assume (?:that|this)|account for (?:that|this)|"
    r"plan (?:\w+ ){0,2}around (?:that|this|it))\b[^.?!]*[.!]*\s*$",
    re.I,
)


def for_later(raw: str) -> bool:
    """'remember that for quantities', 'use that for budget advice', 'keep that in mind for
    recipe stuff': only says the clause before is to be kept (that clause is the line)."""
    return bool(_FOR_LATER.match(raw))


def said_together(pending: list[tuple[str, str]]) -> str:
    """[('I train Mondays', ''), ('Wednesdays', ', '), ('Fridays', ' and ')] → 'I train Mondays,
    Wednesdays and Fridays': the clauses before a for_later clause, as said."""
    text = "".join(f"{sep if i else ''}{clause}" for i, (clause, sep) in enumerate(pending))
    return re.sub(r"\s+", " ", text).strip(" ,")


_EXAMPLE = re.compile(r"^(?:like|e\.?g\.?|such as|say)\b", re.I)


def next_scope(scope: str, clause: str, lead: re.Pattern) -> str:
    """The scope for the clauses after this one: 'for anything that's instructions' stays the
    scope across an example ('like setting up a router') before its rule ('number the steps')."""
    if scope and _EXAMPLE.match(clause):
        return scope
    return clause if lead.match(clause) else ""


_ASKED = re.compile(
    r"^(?:(?:quick|one) q\w*:?\s*)?(?:what|what's|whats|why|which|where|who|how(?! about)|when|"
    r"is(?! it (?:ok|okay|alright|fine|possible))|are|does|did|was|were|should i|do (?!you\b))\b",
    re.I,
)
"""A question about the world ('is a pescatarian diet healthier?'), not one asking for a rule."""


def mark_asked(out: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Before a '?': the clauses of a sentence that opens with a question ('what's the difference
    between bullets and numbered lists?') get a '?' on their raw text, else only the last clause
    when it is one itself ('I'm vegan, what should I cook?': the fact stays said)."""
    start = len(out) - 1
    while start > 0 and not re.search(r"[.!?;\n]", out[start][1]):
        start -= 1
    if start >= 0 and _ASKED.match(out[start][0]):
        return out[:start] + [(c, s, f"{r}?") for c, s, r in out[start:]]
    if out and _ASKED.match(out[-1][0]):
        return out[:-1] + [(out[-1][0], out[-1][1], f"{out[-1][2]}?")]
    return out


_ASKED_TAIL = re.compile(r"(?i)\s+(?:recs|recommendations|suggestions)\W*$")
_TASTE = re.compile(
    r"(?i)^(?:i|we) (?:really )?(?:like|love|enjoy|prefer|read|watch|am into|'m into)\b"
)


def last_list_item(clause: str, sep: str, kept: list[tuple[str, str]]) -> bool:
    """'i like sci-fi, horror and historical fiction recs': the last item of a taste listed
    before it, its trailing 'recs' saying what the list is for, not a request of its own."""
    item = _ASKED_TAIL.sub("", clause)
    return (
        sep.strip() in (",", "and", "or")
        and bool(kept and _TASTE.match(kept[-1][0]))
        and item != clause
        and 0 < len(item.split()) <= 3
        and not re.match(r"(?i)(?:some|any|a few|more|good)\b", item)
    )


_NOT_TOLD = re.compile(
    r"(?i)^\W*(?:i|i'?ll|i'?m|i'?d|we|we'?ll|you|thanks?|thank you|thx|ty|that|this|it|one|two|"
    r"three|four|five|a few|some|the|a|an|my|all|both|none|in general|every ?time)\b"
)
_POINTER = re.compile(r"(?i)\b(?:that|this|it|them|those|these)\b")


def lasting_ask(raw: str, sep: str, last_kept: bool) -> bool:
    """'we broke up. plan for just me going forward': an ask said to hold from now on, when
    nothing before it was kept or it begins a sentence of its own; not something the user will
    do ('i will use this going forward'), thanks, a pointer to what was said ('do it that way
    going forward': the reference readers handle those) or a label ('three things going forward')."""
    from assistant.feedback.cues import LASTING_CUE

    if not LASTING_CUE.search(raw) or (last_kept and not re.search(r"[.!?\n]", sep)):
        return False
    rest = LASTING_CUE.sub(" ", raw).split()  # words of its own beside the cue
    return len(rest) >= 2 and not _NOT_TOLD.match(raw) and not _POINTER.search(raw)
