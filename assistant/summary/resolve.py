"""Self-contained preference lines: a pronoun in one clause is resolved from the clauses before it
in the same message ("I love emojis, use lots of them" → "use lots of emojis"), and the ways
people give a name ("everyone calls me Peggy", "Chidi is fine") become "Call me NAME"."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.summary.slots import LANGUAGES, PROGRAMMING

_SUBJECT = re.compile(
    r"^(?P<det>the |those |these |your |all the |all those |all your )?"
    r"(?!(?:can|could|would|will|should|do|does|did|you|u|i|we|please|pls|let)\b)"
    r"(?P<np>(?:[a-z][\w'-]*\s+){0,3}?[a-z][\w'-]*?)\s+(?:(?:that )?you (?:use|add|give|write|do|"
    r"make|put)\s+)?(?:are|is|was|were|feel|feels|drive|drives|help|helps|confuse|confuses|"
    r"stress|stresses|look|looks|seem|seems|make|makes|crack|cracks|annoy|annoys|bug|bugs|"
    r"get|gets|work|works|read|reads)\b"
)
_OBJECT = re.compile(
    r"\b(?:love|like|hate|enjoy|prefer|have|use|learning|learn|studying|study|speak|adore|"
    r"cut out|given up|gave up|quit|avoids?|avoiding|switched (?:\w+ )?to|moved (?:\w+ )?to)\s+"
    r"(?:a |an |the |some |my |our )?(?P<np>[a-z][\w'-]*(?:\s+(?!and\b|so\b|but\b|when\b|with\b|"
    r"for\b|in\b|on\b|to\b|because\b|called\b|named\b|instead\b|now\b|too\b|please\b|"
    r"pls\b|again\b)[a-z][\w'-]*){0,2})"
)
_THING = re.compile(
    r"\b(?:the|that|this|my) (?P<np>[\w' -]+?) (?:thing|stuff|rule|request|note)\b|"
    r"\b(?:fan of|sick of|tired of|bored of) (?P<det>the )?(?P<np2>[\w' -]+?)$"
)
EMOJI_NOUN = re.compile(
    r"\b(?:a little|a|an|the|those|these|some) ?[\U0001F300-\U0001FAFF\u2600-\u27BF]"
)
"""An emoji said as a noun ('a little 🌱', 'those 🎉'), not as the end of a sentence."""
_NAMED = re.compile(r"\b(?:called|named)\s+(?P<np>[A-Z][\w'-]+)")
_CALLS = re.compile(
    r"(?i)\b(?:call|calls|spell|spells|spelling|spelt|spelled) (?:her|him|them|us|it) "
    r"(?!(?:the|a|an|my|our|his|her|their|that|this|out|up|back|in|on|at)\b)(?P<np>[a-z][\w'-]+)(?![\w'-]* [a-z])"
)
"""A name someone goes by ('we all call her bitsy'); 'call me' is a name line of its own."""
_QUOTED = re.compile(
    r"(?i)(?P<lead>\bthe (?:word|phrase|term|expression) )?(?<!\w)['\"\u2018\u201c]"
    r"(?P<q>[^'\"\u2018\u2019\u201c\u201d]{2,40})['\"\u2019\u201d](?!\w)"
)
"""'You keep using the word 'delve'. Never use it again.': a quoted word is what 'it' means."""
_YOU_DID = re.compile(
    r"\b(?:that|the|this) (?P<np>[a-z][\w'-]*(?: [a-z][\w'-]*){0,2}?) (?:that )?you "
    r"(?:did|used|gave|wrote|made|had)\b"
)
"""'that checklist format you did earlier, I want it for every packing question'."""
_NOT_NP = frozenset(
    re.findall(r"\w+", "i im it that this there which what you we they he she me us them one")
)
_SINGULAR_S = frozenset(
    ("this", "is", "his", "its", "analysis", "basis", "news", "physics", "maths")
)
_PERSON = re.compile(
    r"\b(mom|mum|mother|dad|father|wife|husband|partner|son|daughter|kids?|child|children|"
    r"boss|friend|landlord|neighbou?r|sister|brother|gf|bf|girlfriend|boyfriend|parents?)$"
)


@dataclass(frozen=True)
class Antecedent:
    text: str
    plural: bool
    person: bool


def _plural(np: str) -> bool:
    head = re.split(r"\s+(?:of|at|in|on|for|with|from)\s+", np)[0].split()[-1]
    if head in ("emoji", "data", "sheep", "fish"):
        return True
    return head in ("people", "children", "kids", "feet", "teeth") or (
        head.endswith("s") and not head.endswith(("ss", "us")) and head not in _SINGULAR_S
    )


def antecedents(clause: str) -> list[Antecedent]:
    """Noun phrases a later pronoun may point to, most salient first."""
    out: list[Antecedent] = []
    for m in _QUOTED.finditer(clause):
        out.append(Antecedent(f"{(m['lead'] or '').lower()}'{m['q']}'", False, False))
    if re.search(r"\bemoji\b", clause, re.I):  # 'you used a little 🌱 ... more of those
        out.append(Antecedent("emojis", True, False))
    for m in _NAMED.finditer(clause):
        out.append(Antecedent(m.group("np"), False, True))
    for m in _CALLS.finditer(clause):  # 'we all call her bitsy, use that': the name
        out.append(Antecedent(m.group("np"), False, False))
    low = clause.lower().replace("\u2019", "'")
    for rx in (_THING, _YOU_DID, _SUBJECT, _OBJECT):
        for m in rx.finditer(low):  # 'I love it when you use emojis': not 'it', 'emojis'
            np = (m.group("np") or m.groupdict().get("np2") or "").strip()
            if not np or np.split()[0].split("'")[0] in _NOT_NP or len(np) < 3:  # "i'm a ..."
                continue
            det = (m.groupdict().get("det") or "").strip()
            text = ("the " if det in ("the", "those", "these", "your", "all the") else "") + np
            person = bool(_PERSON.search(np))
            out.append(Antecedent(text, _plural(np), person))
            break
    return out


_PRONOUN = re.compile(r"\b(them|those|it|him|her)\b(?!\s+(?:is|are|was)\b)")
_THAT = re.compile(
    r"\b(?:skip|avoid|leave out|drop|exclude|cut out|cut|use|go with|stick to|stick with) (that|this)"
    r"(?=\s*(?:too|as well|either|also)?\s*(?:[.!,;]|$|\s(?:in|for|from|when|with)\b))"
)
"""'so skip that too': 'that' as what the clause before named, at the end of a clause."""
_KEEP_IT = re.compile(
    r"^(keep|make|leave|get|do) it\b|\b(keep|leave) it\b|\bit (makes|'s|is)\b|^it\b|\bif it\b"
)


def resolve(clause: str, earlier: Sequence[str]) -> str:
    """Replace the clause's first pronoun with the antecedent it most likely means, taken from the
    earlier clauses of the same message (nearest first); unchanged when nothing fits."""
    m = _PRONOUN.search(clause) or _THAT.search(clause)
    if m is None or _KEEP_IT.search(clause.lower()):
        return clause
    word = m.group(1).lower()
    pointed = word in ("that", "this")  # 'stairs are no problem now so drop that': the stairs
    word = "it" if pointed else word
    for previous in reversed(earlier):
        found = antecedents(previous)
        if pointed and found and found[0].plural:  # 'stairs are fine now so drop that': 'that'
            return clause  # is what the stored line says of them, not 'new hip' before it
        for a in found:
            fits = (
                (word in ("them", "those") and a.plural)
                or (word == "it" and not a.plural and not a.person)
                or (word in ("him", "her") and a.person)
            )
            if fits:
                return clause[: m.start(1)] + a.text + clause[m.end(1) :]
    return clause


_TITLE = r"(?:(?:Dr|Mr|Mrs|Ms|Prof|Professor|Captain|Sir)\.?\s+)?"
_NAME = rf"(?P<name>{_TITLE}[A-Z][a-z][\w'-]*)"
_KNOWN_NAME = rf"(?P<name>{_TITLE}[A-Z][a-z]+)"
_NAME_PATTERNS = (
    re.compile(
        rf"\b(?:call me|calls me|call me by|i go by|go by|address me as|i'm called)\s+{_NAME}"
    ),
    re.compile(rf"^(?:just |please |honestly )*use {_KNOWN_NAME}(?: instead| please)?$"),
    re.compile(
        rf"^(?:just |please )*use my (?:normal |real |actual |usual |full )?name,? {_KNOWN_NAME}$"
    ),
    re.compile(rf"^(?:just )?{_KNOWN_NAME} is (?:fine|good|ok|okay|great)$"),
    re.compile(rf"^(?:it's|its|just) {_KNOWN_NAME}(?:,? please)?$"),
    re.compile(rf"^{_KNOWN_NAME} here$"),
    re.compile(
        r"^(?:[Ii]'m|[Ii] am) (?P<name>(?:Dr|Mr|Mrs|Ms|Prof|Professor|Captain)\.? [A-Z][\w'-]+)$"
    ),
)
_CALL_ME_SAID = re.compile(
    rf"(?i:please )?(?i:call) (?i:me) {_KNOWN_NAME}(?:(?:,|\s+[—–-])?\s+(?i:(?:just |please )?"
    r"(?:use (?:that|it)|do too|everyone does|instead)))+$"
)
_NOT_NAMES = re.compile(
    rf"^(?:{LANGUAGES}|{PROGRAMMING}|celsius|fahrenheit|markdown|british|american|(?:monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday)s?|january|february|march|april|may|june|july|august|"
    r"september|october|november|december|google|apple|windows|linux|mac|iso|english|lei|usted|sie|vous|tu|du)$",
    re.I,
)
_ONLY_AGREEING = re.compile(
    r"^(?:i'?d prefer (?:that|it)|use (?:that|it)|do the same|address me that way|"
    r"that's what i go by|i prefer that)$",
    re.I,
)


_NAME_LAST = re.compile(
    r"\b(?:just |please )*(?:use|go with|call me by) my (?:normal|real|actual|usual|regular|full) "
    r"name,? (?:which is |it's )?([A-Z][a-z]+)\b"
)


_NAMED_THEN_DROPPED = re.compile(
    r"\b((?:the|that|my)(?: (?!not\b|it'?s\b|is\b|are\b|was\b|were\b)[\w'-]+){1,6}?),\s*(drop|forget|ditch|lose|scrap|remove|skip) "
    r"(?:that|it|those)\b",
    re.I,
)


_APPOSITIVE = re.compile(r"\b((?i:my|our) (?:[a-z]+ )?(?:son|daughter|kid|child|youngest|eldest|oldest|baby|boy|girl|mum|mom|dad|mother|father|[a-z]+-in-law|sister|brother|wife|husband|partner)), ((?:Mrs?|Ms|Dr)\.? )?([A-Z][a-z]+),(?= [a-z])")  # fmt: skip
_GAPPED = re.compile(
    r"\b(is|are|'s) (allergic|intolerant|sensitive) to ([\w -]+?),? and (my|our|his|her) "
    r"([\w-]+(?: [A-Za-z][\w-]*)?) to\b",
    re.I,
)


_ASKED_TAIL = re.compile(r"(?i),\s+((?:(?:is|are)\s+[a-z]+|(?:do|does)\s+(?:i|we|he|she|they)|(?:should|can|could|would)\s+(?:i|we|he|she|they|it))\s+[^.?!]*?)\s*(?:\?|$)")  # fmt: skip
_STAYS = re.compile(
    r"(?i)(^|[,.;!]\s*|\band\s+)(?!(?:my|our|he|she|it|they|that|this)\b)(?:the\s+)?"
    r"([\w'-]+(?: [\w'-]+){0,2}) (?:stays|can stay|still stands)(?: (?:tho|though))?(?=\W*(?:$|[,.;!]))"
)
_BARE_NUMBER = re.compile(r"(?i)(?<=[.!?] )(\d+(?:,\d{3})*)(?: then| instead)?\W*$")
_NOT_THAT_ONE = re.compile(r"(?i)\bit'?s not ([\w' -]{2,30}?),\s*(scrap|drop|forget|remove|delete) (?:that|this) one\b")  # fmt: skip
_AGE_ASIDE = re.compile(r"(?i)\((?:she|he|they)(?:'s| is| are|'re) (\d{1,3})\)")
_ADVISED = re.compile(r"(?i)(?:(?<=^)|(?<=[.!?;,] ))(?:(?:and|so|but) )?(?:(?:my|the|his|her|our) )?(?:doctor|doc|gp|dentist|vet|consultant|nurse|physio|physiotherapist|therapist|cardiologist|specialist|pa?ediatrician|dietitian|dietician|nutritionist|endo|endocrinologist|allergist|midwife|surgeon|she|he) (?:told|tells|advised|wants|asked) (?:me|us|him|her|them) to (\w)(?=\w* \w+)")  # fmt: skip
"""'she told me to keep sodium under 1500mg a day': what the user was advised, said as the rule."""


def said_in_order(text: str) -> str:
    """What was said after its object, put in order: 'and the word limit, drop that too' → 'and
    drop the word limit too'; 'just use my normal name, Ines' → 'call me Ines'; a verb left out
    said again ('my son is allergic to eggs and my daughter to shellfish')."""
    from assistant.summary.terse import spelled_out_labels

    text = _GAPPED.sub(r"\1 \2 to \3 and \4 \5 \1 \2 to", spelled_out_labels(text))
    text = _APPOSITIVE.sub(r"\1 \2\3", text)  # 'my youngest, Priya, is' → 'my youngest Priya is'
    text = _ASKED_TAIL.sub(r". \1?", text)  # 'ive got high bp, is coffee ok or should i stop'
    text = _BARE_NUMBER.sub(r"make that \1", text)  # '200 is a bit much actually. 150'
    text = _NOT_THAT_ONE.sub(r"\2 \1", text)  # "it's not latex, scrap that one" → 'scrap latex'
    text = _STAYS.sub(r"\1still \2", text)  # 'french stays tho' → 'still french'
    text = _AGE_ASIDE.sub(r"(\1)", text)  # 'My mom (she's 78) takes warfarin' → 'My mom (78) ...'
    text = _ADVISED.sub(lambda m: m.group(1).upper() if m.start() and text[m.start() - 2] in ".!?" else m.group(1), text)  # fmt: skip  # 'my doctor told me to keep sodium under 1500mg' → 'keep ...'
    return _NAME_LAST.sub(r"call me \1", _NAMED_THEN_DROPPED.sub(r"\2 \1", text))


def name_line(clause: str) -> str | None:
    """'my friends call me Birdie' / 'just use Margaret' / 'Chidi is fine' → 'Call me Birdie.'"""
    clause = clause.strip().rstrip(".!")
    said = _CALL_ME_SAID.match(clause)  # 'call me Teddy, use that instead' → 'Call me Teddy.'
    if said:
        return f"Call me {said.group('name')}."
    if re.match(r"(?i)^(please )?call me\b", clause):
        return None  # already a name line, with whatever scope it has ('in formal drafts')
    for rx in _NAME_PATTERNS:
        m = rx.search(clause)
        if m and not any(_NOT_NAMES.match(w.strip(".,")) for w in m.group("name").split()):
            return f"Call me {m.group('name')}."
    return None


_NAME_BEFORE = re.compile(r"^[A-Z][a-z]+ (?:is|was|'s) what (?:\w+ ){0,4}call(?:s|ed)? me\b")
"""'Bob was what my late wife called me and ...': why a name goes, said beside the new one."""


def agrees_with_name(clause: str) -> bool:
    """'I'd prefer that', 'address me that way': says nothing once the name line exists; nor does
    why the other name goes ('Bex is what my school friends call me')."""
    clause = clause.strip().rstrip(".!")
    return bool(_ONLY_AGREEING.match(clause) or _NAME_BEFORE.match(clause))
