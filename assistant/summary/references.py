"""References to the summary, resolved before a new line is compared with it: 'he just turned 4'
after 'My son is 3.' is about the son; 'bump that to 250' after 'Limit responses to under 100
words.' is that line with a new number. Left as it is when the summary does not say who or what."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.summary.quantities import new_time, same_quantity

HE_ROLES = (
    r"son|husband|boyfriend|bf|brother|dad|father|grandson|nephew|grandpa|grandfather|stepson|"
    r"fianc[eé]|uncle|boy|stepdad|stepfather|stepbrother|father-in-law|brother-in-law"
)
SHE_ROLES = (
    r"daughter|wife|girlfriend|gf|sister|mom|mum|mother|granddaughter|niece|grandma|grandmother|"
    r"stepdaughter|fianc[eé]e|aunt|girl|stepmom|stepmum|stepmother|stepsister|mother-in-law|"
    r"sister-in-law"
)
_EITHER = (
    r"partner|spouse|kid|child|baby|toddler|teen|teenager|roommate|flatmate|boss|manager|"
    r"colleague|coworker|co-worker|teacher|tutor|coach|doctor|landlord|neighbou?r|friend|client|ex|"
    r"babysitter|sitter|nanny|carer|caregiver|supervisor|advisor|adviser|co-?author|teammate|"
    r"co-?founder|business partner|assistant|accountant|mentor|intern|housemate|cousin|trainer|"
    r"youngest|eldest|oldest"
)
_PERSON = re.compile(
    rf"\b([Mm]y|[Oo]ur) ((?:(?:little|older|younger|eldest|youngest|oldest|baby|new|teenage|"
    rf"\d+-year-old) )?((?i:{HE_ROLES}|{SHE_ROLES}|{_EITHER})(?:-in-law)?)(?: (?:(?:Mrs?|Ms|Dr)\.? )?(?!I\b)[A-Z][a-z]+)?)\b"
)
_PET = re.compile(
    r"\b(?:[Mm]y|[Oo]ur|[Aa]n?)\s+((?:(?!named\b|called\b)[a-z]+ ){0,2}"
    r"(?:dog|cat|puppy|pup|kitten|kitty|rabbit|bunny|hamster|parrot|budgie|horse|pony|tortoise|"
    r"turtle|guinea pig|ferret|retriever|labrador|lab|terrier|spaniel|collie|poodle|beagle|"
    r"dachshund|husky|greyhound|whippet|tabby|rescue))\b(?:,?\s+(?:named|called)\s+([A-Z][a-z]+)|"
    r"\s+(?!I\b)([A-Z][a-z]+))?"
)
"""'my cat', 'a golden retriever named Biscuit': a pet 'he' or 'she' can be (named, by name)."""
_GENDER = {
    "he": re.compile(rf"^(?:{HE_ROLES}|{_EITHER})$"),
    "she": re.compile(rf"^(?:{SHE_ROLES}|{_EITHER})$"),
}
_SUBJECT = re.compile(r"\b(he|she)(?:'s|\u2019s)?(?=\s)", re.I)
_HAS = re.compile(
    r"^\s+(?:(?:also|now|already) )?(?:been|got|gone|outgrown|grown|started|stopped|turned|"
    r"become|developed|had|just|finally|recently|decided|switched|moved|given|cut|quit|dropped|"
    r"lost|gained|taken|joined|left|retired|graduated|adopted|learned|passed|picked)\b",
    re.I,
)


_IS_NAMED = re.compile(r"(?:'s name)? is ([A-Z][a-z]+)\W*$")


def _people(stored: Sequence[str], pronoun: str) -> list[str]:
    """Distinct people of the pronoun's gender named in the summary ('my son'), newest last."""
    found: list[str] = []
    for line in stored:
        for m in _PERSON.finditer(line):
            noun = m.group(3).lower()
            named = m.group(2)[len(m.group(3)) + m.group(2).find(m.group(3)) :]
            phrase = f"my {m.group(2)[: len(m.group(2)) - len(named)].lower()}{named}"
            is_named = _IS_NAMED.match(line[m.end() :])  # 'My boss is Tom.'
            phrase += f" {is_named.group(1)}" if is_named and not named else ""
            if _GENDER[pronoun].match(noun) and phrase not in found:
                found.append(phrase)
        for m in _PET.finditer(line):
            phrase = m.group(2) or m.group(3) or f"my {m.group(1)}"
            if phrase not in found:
                found.append(phrase)
    return found


_POSSESSIVE = re.compile(
    r"\b(his|her)\s+(?=(?:[a-z]+ )?(?:name|age|hips?|kidneys?|"
    r"legs?|teeth|fur|coat|weight|diet|food|vet|meds|medication|school|"
    r"job|team|class|teacher|allerg\w*|favou?rite)\b)",
    re.I,
)


_OBJECT = re.compile(r"(?<=\s)(him|her)(?=\s+(?:to|off|on|onto|now|again|anymore|any more|too|back|instead)\b|\W*$|[,.;!])", re.I)  # fmt: skip
"""'dairy is fine for her now', 'the doctor switched her to low-sugar': 'her' that is nobody's
possessive."""


def _object(line: str, stored: Sequence[str]) -> str:
    """'Dairy is fine for her now.' → 'Dairy is fine for my daughter Priya now.' (one she)."""
    m = _OBJECT.search(line)
    if m is None or _PERSON.search(line) or _PET.search(line):
        return line
    people = _people(stored, "he" if m.group(1).lower() == "him" else "she")
    return line[: m.start()] + people[0] + line[m.end() :] if len(people) == 1 else line


_BIRTHDAY = re.compile(r"(?i)^(his|her)\s+(?=(?:birthday|bday|anniversary)\b)")


def _possessive(line: str, stored: Sequence[str]) -> str:
    """'Her name's Pickles.' → "My cat's name's Pickles." when the summary names one she."""
    m = _POSSESSIVE.search(line) or _BIRTHDAY.match(line)  # 'Her birthday is June 2.'
    if m is None or _PERSON.search(line[: m.start()]) or _PET.search(line[: m.start()]):
        return _object(line, stored)
    people = _people(stored, "he" if m.group(1).lower() == "his" else "she")
    if len(people) != 1:
        return line
    who = people[0] + "'s "
    if m.start() == 0:
        who = who[:1].upper() + who[1:]
    return line[: m.start()] + who + line[m.end() :]


def resolve_person(line: str, stored: Sequence[str]) -> str:
    """'He just turned 4 last week.' → 'My son just turned 4 last week.' when the summary names
    exactly one person 'he' can be; 'he's outgrown it' → 'my son has outgrown it'."""
    m = _SUBJECT.search(line)
    if m is None or _PERSON.search(line[: m.start()]) or _PET.search(line[: m.start()]):
        return _possessive(line, stored)
    people = _people(stored, m.group(1).lower())
    if len(people) != 1:
        return line
    who = people[0]
    if m.start() == 0 or re.match(r"^\W*$", line[: m.start()]):
        who = who[:1].upper() + who[1:]
    rest = line[m.end() :]
    if len(m.group(0)) > len(m.group(1)):  # "he's": is or has
        who += " has" if _HAS.match(rest) else " is"
    return line[: m.start()] + who + rest


_SET_NUMBER = re.compile(
    r"^(?:(?:actually|ok|okay|no|nah|hmm|and|so),?\s+)*(?:(?:please|pls)\s+)?(?:"
    r"(?:make|bump|change|raise|lower|increase|reduce|drop|up|set|cap|move|push|put|take)\s+"
    r"(?:that|it|this|the (?:limit|number|cap|count|max|maximum|minimum|word count|target))\s+"
    r"(?:up |down |back )?(?:to\s+)?|(?:go with|go for|let'?s do|let'?s say|say|do)\s+)"
    r"(?P<n>\d+(?:[.,]\d+)?)\b(?!\s*(?:%|am|pm|years?|kids?|people))",
    re.I,
)
_SORRY_NUMBER = re.compile(r"(?i)^(?:sorry|oops|wait|i mean)\W+(?P<n>\d+(?:,\d{3})*)(?:$|[.!;])")
_MOVED_NUMBER = re.compile(
    r"\b(?:(?:bump|mov|rais|upp|increas|lower|reduc|dropp|chang|putt|sett|capp|push)(?:ed|ing)|"
    r"put|set|cut|hiked|hiking|slashed|slashing)\s+"
    r"(?:me|it|that|us|this|my \w+(?: \w+)?)\s+(?:up |down |back )?to\s+(?P<n>\d+(?:[.,]\d+)?k?)\b",
    re.I,
)
NUMBER = re.compile(
    r"(?<![Tt]ype )(?<![Ss]tage )(?<![Gg]rade )(?<![Ll]evel )(?<![Pp]hase )(?<![\w.])\d+(?:[.,]\d+)?(?=(?:kgs?|kms?|lbs?|cm|mm|ml|mg|g|m|hrs?|mins?)?(?!\w))(?!\.\d)"
)
"""A number, also one with its unit glued on ('4.2kg'); not '65k', '3rd', '2pm' or 'type 1'."""
_THOUSANDS = re.compile(r"(?<![\w.])\d+k\b", re.I)  # '65k'
_NOW_NUMBER = re.compile(
    r"(?:^|,\s*)(?:(?:so|and|but|ok|okay)\s+)?(?:it'?s|its|it is|that'?s|size|now)\s+(?:about |around |"
    r"roughly |like |only |just |at )?(?P<n>\d+(?:,\d{3})*)\b(?=[^.;]{0,15}\bnow\b)",
    re.I,
)

_WORD_NUMBERS = {"a couple": 2, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_N = r"(?P<n>\d+(?:,\d{3})*|a couple|two|three|four|five|six|seven)"
_CHANGED_TO = re.compile(
    r"\b(?:down to|cut (?:down |back )?to|more like|closer to|nearer|now at|now only|"
    r"(?:go|goes|went|gone|going|come|came|coming|move|moved|bump|bumped) (?:up|down) to|"
    r"(?:capp(?:ing|ed)|cap|sett(?:ing)?|set) (?:it|that|this|us|them|the \w+) at)\s+"
    r"(?P<n>\d+(?:[.,]\d+)?)\b",
    re.I,
)
_UP_BY = re.compile(
    rf"\b(?:(?:rais|increas|bump|upp|stretch|add|push|went up|gone up|go up|up)\w*\b[^.;]{{0,25}}?"
    rf"\bby (?:another |an extra |a further )?|(?:another|an extra) ){_N}\b",
    re.I,
)
_MORE = re.compile(rf"\b{_N} more\b", re.I)
_DOWN_BY = re.compile(
    rf"\b(?:lower|reduc|cut|drop|decreas|went down|gone down|go down|down|lost|lose)\w*\b"
    rf"[^.;]{{0,25}}?\bby {_N}\b",
    re.I,
)


_TIMES = re.compile(
    r"(?i)\b(double|triple|halve)d? (?:that|it|this|the (?:dose|amount|number))\b|\bcut (?:it|that|this) in (half)\b"
)


def _as_number(said: str) -> float:
    """'two' → 2, '1,450' → 1450, '1.5' → 1.5, '95k' → 95 (the k is kept by the caller)."""
    value = _WORD_NUMBERS.get(said.lower()) or float(said.replace(",", "").rstrip("kK"))
    return int(value) if float(value).is_integer() else value


def _changed_number(line: str, old: str) -> str | None:
    """'Cut down to 2' / 'raised it by 150' / 'two more' said of the one number in `old`: that
    line with the number changed; None when the line names a thing the old line does not."""
    said = NUMBER.findall(old) or _THOUSANDS.findall(old)
    if len(said) != 1 or "." in said[0]:
        return None
    times = _TIMES.search(line)  # 'the doctor said double that'
    if times and said[0].replace(",", "").isdigit():
        value = _as_number(said[0]) * {"double": 2, "triple": 3}.get((times[1] or "").lower(), 0.5)
        return old.replace(said[0], f"{value:,.0f}" if "," in said[0] else f"{value:g}", 1)
    for pattern, sign in (
        (_CHANGED_TO, 0),
        (_NOW_NUMBER, 0),
        (_UP_BY, 1),
        (_MORE, 1),
        (_DOWN_BY, -1),
    ):
        m = pattern.search(line)
        if m is None or (sign and said[0][-1] in "kK"):  # 'two more' of '65k': not said
            continue
        n = m.group("n")
        after = re.findall(r"[a-z]{2,}", line[m.end() :].lower())[:1]
        if after and after[0] not in old.lower() and after[0] not in _FILLER_AFTER:
            return None  # 'keep answers down to 100 words' is not about 'I weigh 82 kg.'
        value = _as_number(n) if sign == 0 else _as_number(said[0]) + sign * _as_number(n)
        text = n if said[0][-1] in "kK" else f"{value:,}" if "," in said[0] else str(value)
        return old.replace(said[0], text, 1) if value > 0 else None
    return None


_FILLER_AFTER = {"and", "now", "lol", "yesterday", "today", "ugh", "haha", "though", "so", "but", "this", "last", "tbh", "honestly", "finally", "already", "instead", "each", "tops", "max", "pp", "apiece", "total"}  # fmt: skip


def sets_a_number(text: str) -> bool:
    """'bump that to 250', 'sorry, 200.', 'dietitian bumped me up to 2100': a new number for
    something already said."""
    said = _SET_NUMBER.match(text.strip()) or _SORRY_NUMBER.match(text.strip())
    return bool(said or _MOVED_NUMBER.search(text) or _NOW_NUMBER.search(text))


def resolve_number(line: str, stored: Sequence[str]) -> str:
    """'Bump that to 250.' → the newest summary line with one number, that number replaced
    ('Limit responses to under 250 words.'); unchanged when no line has exactly one number."""
    m = _SET_NUMBER.match(line.strip()) or _SORRY_NUMBER.match(line.strip())
    m = m or _MOVED_NUMBER.search(line)
    if m is None:
        numbered = [o for o in stored if len(NUMBER.findall(o) or _THOUSANDS.findall(o)) == 1]
        named = [o for o in numbered if _counted_in(o, line)]  # 'raised my rent to 1575'
        numbered = named if len(named) == 1 else numbered
        changed = _changed_number(line, numbered[-1]) if numbered else None
        return changed or same_quantity(line, stored) or new_time(line, stored) or line
    said = _THOUSANDS if m.group("n")[-1] in "kK" else NUMBER  # 'cut it to 95k' of '120k'
    numbered = [o for o in stored if len(said.findall(o)) == 1]
    named = [o for o in numbered if _counted_in(o, line)]
    numbered = named if len(named) == 1 else numbered
    if not numbered or _lists_them(numbered[-1]):
        return line  # 'I train 3 days a week: Mon, Wed, Fri' at 5 days: the days are not known
    unit = _UNIT.match(line[m.end("n") :])
    if unit and not _UNIT_AFTER.search(numbered[-1]):  # 'make that 10 days' is no new budget
        return line
    out = _UNIT_AFTER.sub(f"{m.group('n')} {unit.group(1)}", numbered[-1], count=1) if unit else said.sub(m.group("n"), numbered[-1], count=1)  # fmt: skip  # '1 hour a day' → '90 minutes a day'
    why = _WHY.search(line[m.end("n") :])  # '... up to 4 now that I'm training for a half'
    return f"{out.rstrip('.')}, {why.group(0).strip().rstrip('.')}." if why else out


def _lists_them(line: str) -> bool:
    """The line names as many things as its one number counts ('3 days a week — Mon, Wed, Fri')."""
    n = NUMBER.search(line)
    items = re.split(r",\s*|\s+and\s+", line[n.end() :]) if n else []
    return bool(n) and n.group(0).isdigit() and len(items) == int(n.group(0)) > 1


_WHY = re.compile(r"\b(?:now that|because|since|as i|as we|so that|for my)\b.{6,}$", re.I)


_UNITS = r"(minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|kg|kgs|lbs?|km|miles?|pages?)"
_UNIT = re.compile(rf"\s*{_UNITS}\b", re.I)
_UNIT_AFTER = re.compile(rf"(?<![\w.])\d+(?:[.,]\d+)?\s*{_UNITS}\b", re.I)


_SCRATCH_THAT = re.compile(
    r"^(?:scratch|forget|ignore|disregard|never ?mind|nvm|cancel) (?:that|this|it|what i said)"
    r"(?:\s*[:,;-]+\s*|\s+(?=(?:i|i'm|i've|we|we're|my|our)\s))(?=\S+\s+\S+)",
    re.I,
)


def resolve_references(line: str, stored: Sequence[str]) -> str:
    """A new line with its references to the stored lines spelled out (see the module doc);
    'Scratch that: be blunt with essay feedback' is the new rule, which replaces the old one."""
    rest = _SCRATCH_THAT.sub("", line.strip())
    if rest != line.strip():
        line = rest[:1].upper() + rest[1:]
    from assistant.summary.births import with_new_count
    from assistant.summary.dates import due_again, redated
    from assistant.summary.moved import moved_value
    from assistant.summary.ordinals import nth_taken_back
    from assistant.summary.renames import renamed

    again = redated(line, list(stored)) or due_again(line, list(stored)) or renamed(line, stored)
    again = again or moved_value(line, stored) or with_new_count(line, stored)
    again = again or nth_taken_back(line, stored)
    return again or resolve_person(resolve_number(line, stored), stored)


def directive_from_request(directive: str, request: str | None, text: str = "") -> str:
    """resolve_from_request on each line of a directive ('A; b.' → 'A. B.'); when the message
    `text` asks for the request's form again ('do that for all measurements, grams and ml too'
    after 'give me oven temps in celsius'), that comes first, whether or not a line says it."""
    from assistant.summary.lines import directive_lines

    if not request:
        return directive
    again = _asked_again(text, request) if text else None
    lines = directive_lines(directive or "")
    if again:
        lines = [x for x in lines if not _AGAIN.match(x)]
    resolved = [resolve_from_request(x, request) for x in lines]
    if again:
        return " ".join([again, *resolved])
    return directive if resolved == lines else " ".join(resolved)


def resolve_from_request(line: str, request: str | None) -> str:
    """A lasting line's pronoun resolved from the user's previous request when the line itself
    does not say: 'Always use it.' after 'do you use the oxford comma?' → 'Always use oxford
    comma.'; 'He hates long emails.' after 'an email to my manager Daniel' → 'My manager Daniel
    hates long emails.' Unchanged without a request or a fitting antecedent."""
    if not request:
        return line
    from assistant.summary.resolve import resolve

    earlier = [request.strip().rstrip("?!. ")]
    return _asked_again(line, request) or resolve_person(resolve(line, earlier), earlier)


_AGAIN = re.compile(
    r"^\W*(?:(?:actually|ok|okay|and|also|please|pls|yes|yeah)\W+)*(?:always |just )?"
    r"(?:do (?:that|this|the same)(?: thing)?|same(?: thing| here)?)"
    r"(?P<rest>\s+(?:for|with|in|on|to|from)\b[^.;,!]*)?\W*(?:[,;.!].*)?$",
    re.I | re.S,
)
_ASK_LEAD = re.compile(
    r"^\W*(?:(?:ok|okay|so|and|also|hey|now)\W+)*(?:(?:can|could|would|will) (?:you|u) "
    r"(?:please |pls )?|please |pls )?",
    re.I,
)
_ASK_TAIL = re.compile(
    r"\s*\b(?:this time|for (?:this|that) (?:one|answer|reply|time)|here|please|pls|for me)?\W*$",
    re.I,
)
_ASK_VERB = re.compile(
    r"^(?:put|give|explain|use|add|write|list|show|keep|make|include|start|end|break|number|bold|"
    r"summari[sz]e|convert|answer|format|split|lead|open|close|mention)\b",
    re.I,
)


def repeats_request(line: str) -> bool:
    """'do that for all answers from now on', 'same for recipes': asks for what the last
    request asked, again."""
    return bool(_AGAIN.match(line.strip()))


_THIS_ONE = re.compile(
    r"(?i),?\s*\b(?:just )?(?:(?:for|in|on) )?(?:this|that) (?:\w+ )?(?:answer|reply|response|one|"
    r"recipe|question|email|message|list|plan|time|draft|once)(?: only)?\b"
)
"""'for this answer' of a one-off asked for again, for good."""


def _asked_again(line: str, request: str) -> str | None:
    """'Do that for all answers.' after 'can you put a one-line summary at the top?' → 'Put a
    one-line summary at the top for all answers.'; None when the line does not point back or the
    request asks nothing of the answer's form."""
    m = _AGAIN.match(line.strip())
    ask = _ASK_TAIL.sub("", _ASK_LEAD.sub("", _THIS_ONE.sub("", request.strip()), count=1))
    if not m or not _ASK_VERB.match(ask):
        return None
    rest = re.sub(r"(?i)(?:\s+(?:actually|pls|please|too|as well))+$", "", m.group("rest") or "")
    rest = rest.strip()
    return f"{ask[0].upper()}{ask[1:]}{' ' + rest if rest else ''}."


_RAISED = re.compile(
    r"\b(?:raised|bumped|increased|dropped|lowered|cut|reduced|went (?:up|down)|going (?:up|down)|"
    r"jumped|upped|hiked)\b",
    re.I,
)


def renumbers(old: str, new: str) -> bool:
    """The same line with a new number ('make it 90' resolved), or the new number of the thing a
    stored line counts ('landlord just raised my rent to 1575' after 'My rent is $1450/mo.'): one
    number each, a change said, and a word of the old line's subject in the new one."""
    if NUMBER.sub("#", old.lower()) == NUMBER.sub("#", new.lower()):
        return old != new
    was, now = NUMBER.findall(old), NUMBER.findall(new)
    if len(was) != 1 or len(now) != 1 or was == now or not _RAISED.search(new):
        return False
    return _counted_in(old, new)


def _counted_in(old: str, new: str) -> bool:
    """A word of what the old line counts is in the new line ('rent' of 'My rent is $1450/mo.')."""
    from assistant.summary.relation_cues import stems

    said = NUMBER.findall(old) or _THOUSANDS.findall(old)
    return bool(said) and bool(stems(old[: old.find(said[0])]) & stems(new))
