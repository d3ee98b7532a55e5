"""Life transitions: a message that says a state of life is over ends the stored line that holds
it, the same person's. 'I'm starting at Lumen Health on Monday' ends 'I'm job hunting right now.';
'got my green card!' ends 'I'm on an H-1B so travel advice should consider reentry rules.';
'I retired as of friday' ends 'I teach high school math.'. The stale-line reader
(assistant.summary.stale) reads such pairs from a few hundred written rows and misses the ones
that need to know what a life event ends (P(stale) 0.03 for the first, 0.17 for the second): this
table says it for the common ones.

A transition is (what the line holds, what ends it, whether the event must be said of the line's
own person; when not, it may also be said of no one: 'baby's here!' ends 'My wife is pregnant.').
An event said as a plan, a wish or a condition ('when I retire', 'if I get the job') ends nothing,
nor one said with a negation before it ('I haven't graduated yet')."""

from __future__ import annotations

import re

from assistant.summary.references import HE_ROLES, SHE_ROLES

_JOBS = (
    r"teacher|nurse|engineer|developer|programmer|designer|manager|accountant|lawyer|doctor|"
    r"paramedic|chef|cook|barista|driver|electrician|plumber|carpenter|consultant|analyst|"
    r"scientist|researcher|professor|lecturer|librarian|pharmacist|dentist|vet|firefighter|"
    r"police officer|cop|soldier|pilot|mechanic|cashier|clerk|receptionist|tester|architect|"
    r"writer|editor|journalist|marketer|coordinator|administrator|technician|therapist|"
    r"social worker|surgeon|midwife|waiter|waitress|bartender"
)
_I = r"(?:i|i'm|i am|i've)"
_ROLES = (
    rf"{HE_ROLES}|{SHE_ROLES}|partner|kid|child|roommate|flatmate|lodger|housemate|coworker|"
    r"co-worker|colleague|manager|boss|neighbou?r|sitter|babysitter|nanny|friend"
)
TRANSITIONS: tuple[tuple[re.Pattern, re.Pattern, bool], ...] = tuple(
    (re.compile(state, re.I), re.compile(event, re.I), own)
    for state, event, own in (
        (  # looking for work, then a job
            r"\b(?:job[- ]?hunting|job[- ]?search(?:ing)?|looking for (?:a |an |my first )?(?:new )?"
            r"(?:job|work|role|position)|unemployed|between jobs|out of work|applying (?:for|to) jobs)\b",
            r"\b(?:start(?:ing|ed|s)? (?:at|with|a new job|my new job|the new job|a job|work at|as an? )|"
            r"got (?:the|a|an) (?:job|offer|position|role)\b|accepted (?:an|the|a) (?:offer|job|"
            r"position)|got hired|(?:i'm|i am|i was|been) hired|landed (?:a|the) (?:job|role))",
            True,
        ),
        (  # studying, then done
            r"\b(?:student|in (?:college|university|uni|grad school|med school|law school)|doing (?:a|my)"
            r" (?:\w+ )?(?:phd|degree|masters?|master's|bachelor'?s|mba)|taking (?:\w+ )?(?:classes|"
            r"a class|a course|courses))\b",
            r"\b(?:graduated|finished (?:my|the|uni|college|school)\b|dropped out|defended (?:my )?"
            r"(?:thesis|dissertation)|got my (?:degree|diploma)|(?:dropped|quit) (?:the|my) (?:\w+ )?"
            r"(?:class|classes|course))",
            True,
        ),
        (  # working, then retired or out of the job
            rf"\b(?:{_I} (?:work|teach)|{_I} (?:an?|the) (?:[\w-]+ ){{0,3}}(?:{_JOBS})\b|works? (?:at|for|"
            rf"as|nights|days|in)\b|(?:full|part)[- ]time job)",
            r"\b(?:retired|got (?:laid off|fired|let go|made redundant|sacked)|(?:was|been) (?:laid off|"
            r"let go|made redundant)|lost (?:my|his|her) job|quit (?:my|his|her|the) job|left (?:my|his|"
            r"her|the) job)",
            True,
        ),
        (  # expecting, then the baby is here
            r"\b(?:pregnant|expecting (?:a baby|our|twins|a boy|a girl)|due (?:in|on|date)|trimester|"
            r"weeks along)\b",
            r"\b(?:baby(?:'s| is| has)? (?:here|arrived|born|came)|had (?:the|our|a|her|my) baby|gave "
            r"birth|(?:was|were) born|born (?:on|last|this|yesterday|today|at)\b|newborn)",
            False,
        ),
        (  # renting, then owning
            r"\b(?:rent|renting|renter|tenant|landlord|lease|no[- ]pets? (?:rule|policy))\b",
            r"\b(?:bought (?:a|our|my|the) (?:house|home|flat|apartment|condo|place)|closed on (?:a|"
            r"the|our|my) (?:house|home|place))",
            True,
        ),
        (  # single, then married
            r"\b(?:single (?:mum|mom|dad|parent|mother|father)|i'm single)\b",
            r"\b(?:got married|tied the knot|got engaged)",
            True,
        ),
        (  # a partner, then the breakup
            r"\b(?:girlfriend|boyfriend|fianc[eé]e?|partner|husband|wife)\b",
            r"\b(?:broke up|split up|we split|got divorced|we(?:'re| are) (?:separated|divorced))",
            False,
        ),
        (  # a visa, then residence
            r"\b(?:visa|h-?1b|f-?1|work permit|residence permit)\b",
            r"\b(?:got|received|have|finally)\b.{0,20}\b(?:green card|citizenship|permanent residen\w+)"
            r"|\b(?:green card|citizenship) (?:came through|was approved|got approved|arrived)|"
            r"became a citizen|naturali[sz]ed",
            True,
        ),
        (  # hurt or unwell, then well again
            r"\b(?:injur\w*|broke my|broken|sprain\w*|crutches|in a cast|recovering|torn|tore|"
            r"uses? a (?:walker|wheelchair|cane)|chickenpox|flu|covid)\b",
            r"\b(?:healed|recovered|fully (?:mobile|recovered|healed|better)|back to (?:normal|full|"
            r"running|training|walking)|good as new|all better|off (?:the )?crutches|no more "
            r"crutches|cleared (?:me )?(?:to|for)|cast (?:came|is|'s) off|out of (?:the|my) cast|"
            r"walking again)",
            True,
        ),
        (  # a car, then none
            r"\b(?:i drive|my car|our car|drive (?:\w+ )?everywhere|i have a car)\b",
            r"\b(?:sold (?:the|my|our) car|(?:don't|do not) (?:have|own) a car|no car (?:now|anymore|"
            r"any more)|car (?:got |was )?(?:totaled|totalled|written off|stolen))",
            True,
        ),
        (  # someone close, then gone from the user's days (_PERSON)
            rf"^(?:my|our) (?:\w+ )?(?:{_ROLES})\b",
            r"\b(?:moved out(?! of)|moved away|(?:is |'s )?moving (?:away|out(?! of)|back home)|flew "
            r"(?:back )?home|went (?:back )?home|(?:has |'s )?left (?:the company|the business|the team|"
            r"the firm|our team|for good)|(?:is |'s )?leaving (?:the company|the business|the team|the "
            r"firm)|passed away|died|got (?:his|her|their) own account)",
            True,
        ),
        (  # smoking, then quit
            r"\b(?:i smoke|smoker)\b",
            r"\b(?:quit smoking|stopped smoking|gave up (?:smoking|cigarettes)|non-?smoker now)",
            True,
        ),
    )
)
_PERSON = TRANSITIONS[-2][0]
"""The state of the transition that ends a person, not a part of what the line says."""
_CLAUSE = re.compile(r"[.;!?]+|,\s*(?:but|and|so)\b|\bbut\b")
_NOT_YET = re.compile(
    r"(?i)\b(?:if|when|once|will|going to|gonna|plan(?:ning)? to|want to|hope to|might|may|"
    r"thinking (?:about|of)|considering|haven't|hasn't|didn't|not yet|never|won't|yet)\b"
)
_BODY = re.compile(
    r"(?i)\b(knee|back|shoulder|hip|ankle|wrist|foot|leg|arm|elbow|neck|hand|finger|toe|rib)s?\b"
)
_OTHER = re.compile(rf"(?i)\b({_ROLES})s?\b")
_HE_SHE = re.compile(r"(?i)\b(?:he|she|he's|she's|his|her)\b")
_SUBJECT = re.compile(
    rf"(?:My|Our) (?:(?:little|older|younger|eldest|youngest|oldest|baby|new) )?((?i:{_ROLES}))"
    r"(?:'s)?(?: (?:(?:Mrs?|Ms|Dr)\.? )?([A-Z][^\W\d_]+))?\b"
)


def _subject(line: str) -> set[str]:
    """Whom the line is about when not the user: 'My roommate Jess is vegan.' -> {'roommate',
    'Jess'}; 'Single mum here, one daughter, Esme, 12.' is the user's."""
    m = _SUBJECT.match(line)
    return {x for x in (m.group(1).lower(), m.group(2)) if x} if m else set()


def _same_person(line: str, clause: str) -> bool:
    """The clause speaks of the one the line is about: both of the user (no one else named, no
    'he' or 'she'), or of someone the line starts with (by role or name, or as 'he' or 'she').
    A name the line does not start with is no person here ('starting at Lumen Health')."""
    who = _subject(line)
    said = {m.group(1).lower() for m in _OTHER.finditer(clause)}  # the role, not its plural
    said |= {w for w in who if w[0].isupper() and re.search(rf"\b{re.escape(w)}\b", clause)}
    if said:
        return bool(who & said)
    if _HE_SHE.search(clause):
        return bool(who)
    return not who


def _said(event: re.Pattern, text: str) -> list[str]:
    """The clauses of `text` that say the event happened (no plan, wish or negation before it)."""
    out = []
    for clause in _CLAUSE.split(text):
        m = event.search(clause)
        if m and not _NOT_YET.search(clause[: m.start()]):
            out.append(clause)
    return out


def _ending(line: str, text: str) -> re.Pattern | None:
    """The state of the line that the message's event ends, or None."""
    for state, event, own in TRANSITIONS:
        if not state.search(line):
            continue
        for clause in _said(event, text):
            parts = {m.group(1).lower() for m in _BODY.finditer(clause)}
            if parts and not parts & {m.group(1).lower() for m in _BODY.finditer(line)}:
                continue
            anyone = not own and not _OTHER.search(clause) and not _HE_SHE.search(clause)
            if anyone or _same_person(line, clause):  # 'we broke up', 'baby's here!'
                return state
    return None


def ended_by_event(line: str, text: str) -> bool:
    """The message says the life event that ends what the line holds, of the line's person (and
    of the same body part, for an injury)."""
    return _ending(line, text) is not None


_PARTS = re.compile(r",\s*|\s+and\s+|\s*[()]\s*")
_CALENDAR = (
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
)
_FACT_PART = re.compile(
    rf"\d|(?<!^)\b(?!(?:{_CALENDAR})\b)[A-Z][^\W\d_]+|(?i:\ban? (?:[\w-]+ ){{0,2}}(?:{_JOBS})\b)"
)


def what_stays(line: str, text: str) -> str | None:
    """Of a line the message's event ends, the parts that say something else and hold an age, a
    number, a name or a job ('My mom is 71 and uses a walker.' after 'she's fully mobile again'
    is 'My mom is 71.'; 'Single mum here, one daughter, Esme, 12.' after 'I got married!' is 'One
    daughter, Esme, 12.'; 'I'm a nurse, job hunting.' after 'got the job!' is 'I'm a nurse.');
    what follows 'so' is the state's consequence and goes with it. None when nothing stays, or the
    event ends the person (someone moved out)."""
    state = _ending(line, text)
    if state is None or state is _PERSON:
        return None
    head = re.split(r"(?i),?\s+(?:so|which)\b", line.strip().rstrip("."))[0]
    parts = [x.strip() for x in _PARTS.split(head) if x.strip() and not state.search(x)]
    if not any(_FACT_PART.search(x) for x in parts):
        return None
    rest = ", ".join(parts)
    return rest[0].upper() + rest[1:] + "."
