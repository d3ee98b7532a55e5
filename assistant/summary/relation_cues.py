"""Words that tell how a new preference line treats an old one: takes it back ("forget what I
said about sources"), allows it again, stops it, replaces it, adds to it, negates it, or says
that something has ended. Read by the relation rules and the merge."""

from __future__ import annotations

import re

from assistant.summary.categories import takes_back_kind

RETRACT = re.compile(
    r"\b((?<!\bi )(?<!always )(?<!often )forget|never ?mind|nvm|scratch|scrap|disregard|ignore (the|my|what|that)|don'?t worry about|"
    r"no longer applies|doesn'?t apply|(?:drop|remove|lose|ditch|lift|get rid of) (the|that|my) [\w -]*(rule|request|thing|preference|"
    r"note|assumption|constraint|limit|cap|restriction)|whatever [\w ]+ (is|are) fine|i don'?t mind|doesn'?t matter|"
    r"back to (?:your |the )?(?:normal|usual|regular|default)|stop calling me|false (?:alarm|positive)|"
    r"(?:thing|joke|bit|gimmick|act)s? (?:got|is getting|getting|gets|has gotten|'s getting) old|"
    r"wore off|decided against|came back (?:negative|clear|fine|normal)|no longer a thing|changed my mind|"
    r"not a thing any ?more|your call|up to you|\w+ or don'?t(?= *[.!,;]|$)|(?:back to|like) (?:how|what) you (?:normally|usually)"
    r"|like you used to|(?:is|are|'s|'re) getting (?:a bit |a little |kinda |way )?(?:much|too much|"
    r"old|annoying|excessive)|(?:is|are|'s|'re) (?:a bit|a little|kinda|way) (?:too )?much\b|"
    r"(?:thing|rule|restriction|request|preference|limit)s? (?:is|are|'s) (?:gone|over|history|"
    r"done|off|lifted)|(?:is|'s|are) (?:now )?history|doesn'?t apply (?:now|any ?more)|"
    r"(?:don'?t|do not|stop) (?:keep|keeping|stor(?:e|ing)|sav(?:e|ing)|remember(?:ing)?) "
    r"(?=where|what|how|my\b)|i'?d rather you (?:didn'?t|did not|not) (?:keep|store|save|remember)"
    r" (?:it|that|this|them)(?=\W*$)|(?:don'?t|do not|stop) (?:remember|keep|stor|sav)\w* (?:it|that|this)"
    r"(?: any ?more)?(?=\W*$))\b"
)
SLOT_NAMED = {
    "location": re.compile(r"\bwhere (?:i|we) (?:live|am|'m|are|'re|am based|'m based)\b|"
                           r"\bmy (?:location|city|address|town|country|home ?town)\b"),
    "age": re.compile(r"\bmy age\b|\bhow old i am\b"),
    "name": re.compile(r"\bmy name\b|\bwhat (?:to|you) call me\b"),
    "job": re.compile(r"\bmy (?:job|work|occupation|profession)\b|\bwhat i do for (?:a living|work)\b"),
    "diet": re.compile(r"\bmy diet\b|\bwhat i (?:eat|don'?t eat)\b"),
    "length": re.compile(r"\b(?:normal|usual|regular|default|original|full|any) length\b"),
    "deadline": re.compile(r"\b(?:the|that|this|my) (?:deadline|due date|exam date)\b"),
    "amount:budget": re.compile(r"\b(?:the|that|this|my) (?:budget|price limit|spending limit)\b"),
}  # fmt: skip


def names_slot(new: str, old_slots) -> bool:
    """'Forget where I live.' of 'I'm in Manila.' (old_slots: the old line's slots): the slot a
    take-back names without repeating its value."""
    low = new.lower()
    return any(p.search(low) and any(a.name == k for a in old_slots) for k, p in SLOT_NAMED.items())


ALLOWED_AGAIN = re.compile(
    r"\b(is|are|'s|'re)\s+(fine|ok|okay|allowed|optional|good|welcome|back)\b( again| now| on|$)|"
    r"\b(fine|ok|okay|allowed) (again|now)\b|\b(again|anymore|any more)\b|\bno (need|more)\b|"
    r"\b(can|may) (use|include|add|mention|suggest|do)\b[^.;]*\bagain\b|\bafter all\b"
)
ELSEWHERE = re.compile(
    r"(?i)\b(?:everything|anything) else\b|\botherwise\b|\bfor the rest\b|\ball other\b"
)
"""'short for everything else', 'otherwise bullets are fine': the other side of an exception,
where a stored rule still holds."""
STOPPED = re.compile(
    r"\b(no longer|not any ?more|stopped|quit|don'?t (need|have|use|play|take)|passed away|"
    r"is over|gone)\b"
)
STOP_DOING = re.compile(
    r"^(?:(?:please|pls|ok|okay|alright|all right|right|ugh|so|and|now)\W+)*(?:stop|quit|drop|"
    r"ditch|lose|no more|enough|cut out|get rid of|lay off)\b"
)
"""'Drop the quotes at the end now': said of a stored line, it only takes that line back."""
SUPERSEDE = re.compile(
    r"\b(instead|switch(ed)?|now|actually|back to|change|changed|moved|relocated|these days|"
    r"from now on|rather|turned|go by|prefer|any ?more|not \w+ any ?more)\b"
)
JUDGED_OFF = re.compile(
    r"\b(?:is|are|was|were|'s|'re|feels?|seems?|looks?|gets?|getting|got)\s+(?:(?:kinda|kind of|a bit|"
    r"a little|way|so|really|honestly|just|pretty|getting|becoming|more|too) )*(?:overkill|"
    r"excessive|unnecessary|distracting|cluttering|cluttered|pointless|redundant|not needed|"
    r"not helping|not useful|useless|annoying|noisy|a bad idea|a mistake|(?<=too )much|a bit much|"
    r"over the top|overboard)\b|\bclutter(?:ing)? (?:things|it|stuff) up\b"
)
"""'The bullets are overkill', 'the links are cluttering things up': said of what a stored line
asks for, it takes that line back."""
ADDITIVE = re.compile(r"\b(too|also|as well|either|additionally|another|including|and also)\b")
NEGATION = re.compile(
    r"\b(no|not|don'?t|never|avoid|stop|skip|without|drop|cut|less|fewer|dial \w+ back|"
    r"tone \w+ down|tone down|cut back)\b"
)
FIRST_PERSON = re.compile(r"^\s*(i|i'm|i've|i am|my|we|we're|our)\b")
ENDED = re.compile(
    r"\b(outgrown|outgrew|grew out of|took (?:(?:my|our|his|her|the) [\w-]+(?: [a-z]+)?|[a-z]+) off|taken (?:me |him |her )?off|"
    r"done with|finished with|"
    r"came off|come off|gave up|given up|cured|recovered from|got over|no longer (?:has|have|is|am|"
    r"are|on|doing)|isn't (?:\w+ )?anymore|(?:is|'s|are) (?:over|done|finished)|"
    r"(?:has|have|'s) run (?:its|their) course)\b"
)
"""Something the user (or someone named) had has ended: 'he's outgrown the shellfish allergy',
'my doctor took me off keto'."""
NO_LONGER = re.compile(
    r"\b(?:don'?t|do not|doesn'?t|does not|am not|i'?m not|not) (?!(?:want|like|eat|drink|need)\b)(?:\w+ ){0,3}(?:anymore|any more)\b|"
    r"^(?:i'?ve |i have |we'?ve |we have |i |we )?(?:stopped|quit|dropped|ditched|gave up)\b"
)
"""'I don't keep kosher anymore', "I've stopped keto": what it undid has ended; said without a
new value it is not a line of its own."""
THING_SUBJECT = re.compile(r"^(?:the |my |our )?[\w-]+(?:'s| is| are| came| has| have| got)\b")
"""'braces came off', "Ramadan's over": a thing as the subject of what ended."""
NAMED = re.compile(r"\b(?:named|called)\s+([A-Z][a-z]+)")
GONE = re.compile(
    r"\b(?:passed away|(?:sadly |just )passed(?: on)?(?=\s*(?:$|[.;!,]|last|yesterday|today))|"
    r"died|put down|rehomed|ran away|no longer with us|dropped out|pulled out|can'?t make it|"
    r"isn'?t coming|(?<=\w)(?:'s| is) out(?=\s*(?:$|[.;!,]))|left the (?:company|firm|"
    r"team|job)|(?:'s|has) left|quit|retired|moved on|broke up|split up|"
    r"went (?:back )?home(?: to [\w-]+)?(?= yesterday| today|\s*$|\s*[,.;])|moved to (?:another|a different|a new|the other) "
    r"(?:team|department|dept|company|firm|job|school|office)|"
    r"moved (?:out|away)(?=\s*(?:$|[.;!,]|as of|for good|last|yesterday|today)))\b"
)


def says_ended(low: str) -> bool:
    """'he's outgrown it', 'we rehomed Pepper', "Ramadan's over": something has ended or gone."""
    return bool(ENDED.search(low) or GONE.search(low))


_DISLIKE = r"dislike|hate|can'?t stand|cannot stand|not a fan of|don'?t like|do not like"
TASTE = re.compile(rf"\b(?:({_DISLIKE})|(love|like|enjoy|adore|fan of))\b", re.I)


def taste(line: str) -> int:
    """+1 when the line says the user likes something, -1 dislikes, 0 neither (or both)."""
    found = {1 if m.group(2) else -1 for m in TASTE.finditer(line.replace("\u2019", "'"))}
    return found.pop() if len(found) == 1 else 0


_WORD = re.compile(r"[a-z0-9][a-z0-9'-]*")
_CASED = re.compile(r"[^\W_][\w'-]*")

_HEDGE = re.compile(r"^(?:it'?s |it is )?(?:just |only |now )+|\s+(?:now|instead)(?=\W*$)")
"""'It's just no red meat' is 'No red meat' said against 'No other meat'."""


def one_word_changed(old: str, new: str, *, values_only: bool = False) -> bool:
    """The same line with one word put in another's place ('Lena is vegan.' → 'Lena is
    vegetarian.'): a new value, not a repeat; `values_only`: the word is a number both times
    ('March 14' → 'March 17'), or a name both times ('My niece Annika …' → 'My niece Anneke …')."""
    a, b = (_CASED.findall(_HEDGE.sub("", x.lower()[:1] + x[1:])) for x in (old, new))
    changed = [
        (i, x, y) for i, (x, y) in enumerate(zip(a, b, strict=False)) if x.lower() != y.lower()
    ]
    if len(a) != len(b) or len(changed) != 1:
        return False
    i, x, y = changed[0]
    value = all(re.search(r"\d", w) for w in (x, y)) or (
        i > 0 and all(w[0].isupper() for w in (x, y))
    )
    return (
        not x.lower().startswith(y.lower()[:5])
        and not y.lower().startswith(x.lower()[:5])
        and (not values_only or value)
    )


SHORT_COMMON = frozenset(
    re.findall(
        r"[a-z]+",
        "the and you for are not but can all any one get got use too now new way day own out off "
        "its our his her him she was has had did don let may say see who why how yes lot bit per "
        "via etc ask put set try end add few big old top two six ten way yet also just more less "
        "than then them they what when with will your from have been this that mom dad son",
    )
)
"""Three-letter words too common to link two lines by themselves."""


_UNTELLING = frozenset(
    re.findall(
        r"\w+",
        "answe reply repli respo pleas alway never forge scrat ignor don't anymo again thing that "
        "this what said about from with your mind fine okay need more just keep make give stop "
        "have been were also them they when will would could should some into than then does",
    )
)


def stems(text: str) -> set[str]:
    """Five-letter stems of the longer words ('spicy' and 'spice' share one)."""
    said = re.findall(r"[a-z]{4,}", text.lower())
    cut = [(w[:-1] if w.endswith("s") and not w.endswith("ss") else w)[:5] for w in said]
    return {w[:-1] + "e" if len(w) == 5 and w.endswith("y") else w for w in cut} - _UNTELLING


_DOING = re.compile(r"^(?:(?i:(i))|(?i:my|our) (\w+)(?: [A-Z][\w'-]+)?) (\w+) (.+?)\W*$")
_NOW_END = re.compile(r"\b(?:now|these days|nowadays)\W*$", re.I)


def same_doing_now(old: str, new: str) -> bool:
    """'My dad uses walker now.' after 'My dad Wiesław uses a wheelchair.': the same someone
    doing the same thing with something else, said with 'now', is the new state."""
    a, b = _DOING.match(old), _DOING.match(new)
    if not (a and b and _NOW_END.search(new)) or re.search(r"\b(?:also|too|as well)\b", new, re.I):
        return False
    who = [(m.group(1) or m.group(2) or "").lower() for m in (a, b)]
    verb = [m.group(3).lower() for m in (a, b)]
    rest = [_NOW_END.sub("", m.group(4)).strip().lower() for m in (a, b)]
    return (
        who[0] == who[1]
        and verb[0] == verb[1]
        and verb[0]
        not in ("have", "has", "got", "am", "is", "are", "also", "still", "love", "like")
        and rest[0] != rest[1]
    )


def sharper_limit(old: str, new: str) -> bool:
    """'Even shorter; 2 sentences tops.' after 'Keep answers shorter.': the same length, now
    with a number, for the same scope, is the new rule (not a repeat)."""
    from assistant.summary.slots import scope, slots

    so, sn = ({s.name: s.value for s in slots(x)} for x in (old, new))
    limited = [any(k.startswith("limit:") for k in x) for x in (so, sn)]
    return (
        so.get("length") == sn.get("length") == "short"
        and limited == [False, True]
        and scope(old) == scope(new)
    )


_CLOCK = re.compile(r"(?<![\w:])\d{1,2}(?::\d\d\s?(?:am|pm)?|\s?(?:am|pm))(?![\w:])", re.I)


def new_time(old: str, new: str) -> bool:
    """ "I'll be starting at 6:45" after 'I start work at 5:30am ...': one time of day each,
    another now, said of the same thing (a shared word)."""
    a, b = _CLOCK.findall(old), _CLOCK.findall(new)
    if len(a) != 1 or len(b) != 1 or a[0].replace(" ", "")[:4] == b[0].replace(" ", "")[:4]:
        return False
    return bool(stems(_CLOCK.sub(" ", old)) & stems(_CLOCK.sub(" ", new)))


def replaces(old: str, new: str) -> bool:
    """A new value the relation head may call a repeat: one number or name changed, the same
    someone doing something else now, a length given a number."""
    return (
        one_word_changed(old, new, values_only=True)
        or same_doing_now(old, new)
        or sharper_limit(old, new)
        or new_time(old, new)
    )


def short_word_shared(old: str, new: str) -> bool:
    """A three-letter content word of one line that starts a word of the other ('fly' and
    'flying', 'gym', 'car'): too short for stems()."""
    a, b = (set(re.findall(r"[a-z]+", x.lower())) for x in (old, new))
    short = {w for w in a | b if len(w) == 3} - SHORT_COMMON
    return any(w in a and any(v.startswith(w) for v in b) for w in short) or any(
        w in b and any(v.startswith(w) for v in a) for w in short
    )


def reverses(old: str, new: str) -> bool:
    """One line negates or dials back what the other says of mostly the same words."""
    flipped = bool(NEGATION.search(old.lower())) != bool(NEGATION.search(new.lower()))
    said = stems(old)
    return flipped and len(said & stems(new)) >= max(1, len(said) / 2)


def stops(old: str, new: str) -> bool:
    """'Drop the quotes at the end now' of 'End every answer with a motivational quote.';
    'forget my health conditions' of "I have Crohn's disease." (a kind of line, categories)."""
    low = new.lower().replace("\u2019", "'")
    return takes_back_kind(old, new) or (
        bool(STOP_DOING.match(low))
        and not NEGATION.search(old.lower())
        and bool(stems(old) & stems(new) - {"drop", "stop", "quit", "ditch"})
    )


_NOT_FIRST = frozenset(
    re.findall(r"\w+", "the she her his him they our you and but its that this was not")
)


def named_first(old: str, new: str) -> bool:
    """'leo outgrew the egg allergy' of 'My son leo is allergic to eggs.': the new line opens with
    a name the old line says, so both are about the same someone."""
    m = re.match(r"\W*([a-z]{3,})(?:'s)?\b", new.lower())
    return (
        bool(m)
        and m.group(1) not in _NOT_FIRST
        and bool(re.search(rf"\b{m.group(1)}\b", old.lower()))
    )


_NAME = re.compile(r"(?<=\w )\b[A-Z][a-z]{2,}\b")


def one_of_several(old: str, new: str) -> bool:
    """The old line names several people ('My twins Noah and Ella are 3.') and the new one says
    something else about one of them ('Ella has to be dairy-free for now.'): both stay."""
    names = set(_NAME.findall(old))
    said = {n for n in names if re.search(rf"\b{n}\b", new)}
    rest = stems(old) - stems(" ".join(names))
    low = new.lower()
    return (
        len(names) >= 2
        and len(said) == 1
        and not rest & stems(new)
        and not re.search(r"\d", new)  # 'Frida just turned 6!' changes the line's age
        and not (ENDED.search(low) or GONE.search(low) or STOPPED.search(low))
    )


_SAYS_OF_SELF = re.compile(r"(?i)^(?:i'm|i am|i've|i have|my|we're|we are|we've|our)\b")
_ASKS = re.compile(r"(?i)^(?:please )?(?:use|give|throw|add|keep|write|answer|include|put|make|"
                   r"start|end|avoid|skip|suggest|show|list|mention|explain)\b")  # fmt: skip


def told_then_asked(old: str, new: str) -> bool:
    """A fact about the user, then a rule for answers (or a line said 'too') that shares no slot
    with it and says no change ('Use NZ time now' after "I'm on Pacific time." does); or a move
    to a named place beside a line with no place or zone ('Use 24-hour time.' stays)."""
    from assistant.summary.slots import slots

    had, said = ({a.name for a in slots(x)} for x in (old, new))
    told = _SAYS_OF_SELF.match(old) and _ASKS.match(new) and not SUPERSEDE.search(new.lower())
    adds = re.search(r"\b(?:too|as well)\W*$", new.lower()) and not SUPERSEDE.search(new.lower())
    moved = said <= PLACE_SLOTS and not had & PLACE_SLOTS and not _AND_SO.search(new.lower())
    moved = said and moved and ("timezone" in said or re.search(r"\b(?:to|in) [A-Z]", new))
    return bool(told or adds) and not had & said or bool(moved)


PLACE_SLOTS = frozenset({"location", "timezone"})
_AND_SO = re.compile(r"\b(?:so|no more|any ?more|no longer|stop|don't|do not|skip|drop)\b")


_BESIDE = re.compile(r"(?i)^add\b|\b(?:too|as well|alongside|equivalent|in brackets)\W*")


def adds_beside(new: str) -> bool:
    """'Add the USD equivalent in brackets' beside 'Use EUR for prices.': one more, not instead."""
    return bool(_BESIDE.search(new)) and not SUPERSEDE.search(new.lower())


_NAMES = re.compile(r"(?<=\s)[A-Z][a-z]{2,}\b")


def repeats_nothing(old: str, new: str) -> bool:
    """The new line names someone the old one does not ('My new manager is Deon.'), or gives
    numbers, none of the old line's ('Use 24-hour time.' beside "I'm in UTC+9.")."""
    from assistant.summary.references import NUMBER

    was, now = (set(NUMBER.findall(x)) for x in (old, new))
    return bool(set(_NAMES.findall(new)) - set(old.split())) or bool(was and now and not was & now)


def renumbered(old: str, new: str) -> bool:
    """A number of the new line is a new value for one of the old ('retire at 60' → 'at 55')."""
    from assistant.summary.references import NUMBER

    def beside(line: str) -> set[tuple[str, str]]:
        return {
            (m.group(1).lower(), m.group(2))
            for m in re.finditer(rf"(\w+) ({NUMBER.pattern})", line)
        }

    was, now = beside(old), beside(new)
    return bool(now - was) and bool({w for w, _ in now - was} & {w for w, _ in was})


_DO_INSTEAD = re.compile(
    r"(?i)^(?:use|give|put|write|make|show|do|answer|format|try)\b.*\binstead\W*$"
)


def does_instead(old: str, new: str) -> bool:
    """'Use bullet lists for comparisons instead.' after 'For product comparisons, use tables.':
    a rule said instead of a stored rule it shares a word with replaces it."""
    return bool(_DO_INSTEAD.match(new.strip())) and bool(stems(old) & stems(new))


_ALLOWING_WORDS = frozenset(
    re.findall(
        r"\S+",
        "going forwa allow welco optio actua after good back total reall thoug inclu using menti "
        "those these compl perfe absol defin norma regul usual stand",
    )
)  # the stems of 'going forward', 'allowed', 'totally', 'including' ...: no part named


def allows_a_part(line: str, undone: list[str]) -> bool:
    """The line allows a part of what a stored rule forbade: its subject has a word of the rule
    beside a word that narrows it ('markdown headers are ok' of 'No markdown.'; not 'normal
    recipes are fine', 'headers are fine again' or 'spicy ok again')."""
    m = _ALLOWED.search(line.lower())
    was = set().union(*map(stems, undone))
    said = [stems(w) - _ALLOWING_WORDS for w in re.findall(r"[\w']+", m.group(1))] if m else []
    return any(
        (a & was and b and not b & was) or (b & was and a and not a & was)
        for a, b in zip(said, said[1:], strict=False)
    )


_ALLOWED = re.compile(r"([\w' -]+?)(?:\s+(?:is|are)|'s|'re)\s+(?:fine|ok|okay|allowed|good)\b")
