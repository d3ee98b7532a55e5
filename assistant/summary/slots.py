"""Slot rules for preference lines: which slot a line fills (answer language, where the user lives,
their name, diet, the unit of one quantity, answer length...), with what value and for what scope.
Two lines with the same slot, a different value and the same scope are the strongest sign that the
newer one replaces the older; the relation model (relations.py) weighs these with embeddings."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.summary.axes import AXES, classify
from assistant.summary.dates import deadline_of
from assistant.summary.jobs import employer_of, job_of
from assistant.summary.order import order_and_count
from assistant.summary.units import UNITS, unit_slots

LANGUAGES = (
    "english|spanish|french|german|italian|portuguese|dutch|japanese|chinese|mandarin|cantonese|"
    "korean|russian|arabic|hindi|polish|swedish|greek|turkish|bengali|czech|swahili|danish|"
    "norwegian|finnish|hebrew|thai|vietnamese|indonesian|ukrainian|romanian|hungarian|catalan|"
    "tagalog|urdu|persian|farsi|welsh|irish|español|français|deutsch|basque|galician|icelandic|estonian|latvian|lithuanian|slovak|slovenian|croatian|serbian|bulgarian|malay|filipino|ilocano|cebuano|punjabi|tamil|telugu|marathi|gujarati|kannada|malayalam|nepali|sinhala|amharic|yoruba|igbo|hausa|zulu|xhosa|afrikaans|somali|pashto|kurdish|armenian|georgian|kazakh|uzbek|mongolian|khmer|burmese|maori|samoan|gaelic|esperanto|yiddish"
)
_NATIVE = {"español": "spanish", "français": "french", "deutsch": "german"}
PROGRAMMING = (
    r"python|javascript|typescript|rust|go|golang|java|kotlin|swift|ruby|php|haskell|scala|"
    r"c\+\+|c#|sql|r|julia|bash|powershell|perl|elixir|lua|dart|matlab"
)
_DIETS = (
    r"vegetarian|veggie|vegan|plant-based|pescatarian|flexitarian|keto|paleo|carnivore|omnivore|"
    r"halal|kosher|low-carb|low carb|gluten-free|dairy-free|whole30|atkins|mediterranean|"
    r"eat(?:ing|s)? (?:meat|fish|chicken|seafood|everything|normally)|no (?:red )?meat"
)
_OTHERS = (
    r"wife|husband|partner|son|daughter|kids?|child|children|mom|mum|mother|dad|father|boss|"
    r"friend|neighbou?r|cousin|team|brother|sister|gf|bf|girlfriend|boyfriend|parents?|aunt|"
    r"uncle|colleague|nephew|niece|grandma|grandpa|baby|twins|family|landlord|ex|dog|cat|cats|"
    r"grandmother|grandfather|granny|grandad|granddad|grandson|granddaughter|roommate|flatmate"
)
OTHER_PERSON = re.compile(rf"\b(my|our|his|her)\s+(?:\w+\s+)?({_OTHERS})\b(?!\s+(?:and|&) me)")
_SCOPE = re.compile(
    r"\b(?:for|when|in|on|during|except|about|with|unless|if|inside|within)\s+"
    r"((?:(?:my|your|the|any|all|a|an|our|his|her|it's|its|we're|i'm|you|are)\s+)*"
    r"[a-z][\w'-]*(?:\s+[a-z][\w'-]*)?)",
)
_GENERIC = {
    "answers", "answer", "replies", "reply", "responses", "response", "everything", "all",
    "things", "me", "general", "now", "future", "chat", "chats", "our", "us", "them", "it",
    "writing", "messages", "output", "text", "every", "stuff", "way", "time",
    "words", "word", "sentences", "lines", "minimum", "maximum", "max", "most", "least",
    "point", "points", "call", "called", "moved", "move", "relocated", "address", "change",
    "changed", "turned", "going", "forward", "btw", "fyi", "honestly", "remember", "mind",
    "days", "today", "week", "month", "year", "last", "lately", "currently", "yesterday",
    "explanations", "explanation", "tone", "style", "details", "stick", "plans", "plan",
    "please", "pls", "ok", "okay", "thing", "sure", "default", "usual", "format", "formatting",
    "reflection", "second", "thought", "rather", "have", "review", "reviewing", "feedback",
    "giving", "critique", "anything",
}  # fmt: skip
_DOMAIN = {
    "temperature": {"temperature", "temperatures", "temps"},
    "distance": {"distance", "distances"},
    "weight": {"weight", "weights"},
    "volume": {"volume", "volumes"},
    "height": {"height", "heights"},
    "units": {"units", "measurements", "measures"},
    "list_format": {"lists", "list"},
    "language": {"english", "language"},
    "code_language": {"code", "examples", "snippets", "programming"},
    "currency": {"prices", "price", "money", "costs", "budgets", "budget"},
    "date_format": {"dates", "date"},
    "indentation": {"indentation", "code", "indents"},
    "technical": {"terms", "term", "jargon", "language", "vocabulary", "words", "level"},
}

_SIMPLE = (("indentation", r"^(?!.*\b(?:keep|browser) tabs)(?=.*(?:indent|\btabs\b|\d-spaces?\b)).*?\b(tab|space)s?\b"), ("citation", r"^(?=.*\b(?:referenc|citation|cite|citing|bibliograph|style|format)).*?\b(apa|mla|chicago|harvard|ieee|vancouver|turabian|oscola)\b"), ("pronouns", r"\b((?:she|he|they|xe|ze|fae|it)/(?:her|hers|him|his|them|theirs|they|she|he|xem|xir|zir|hir|faer|it|any))\b"))  # fmt: skip
_TONES = (
    (
        "blunt",
        r"\b(blunt|brutal|harsh|sugar-?coat\w*|straight shooter|don'?t hold back|tough love)",
    ),
    (
        "gentle",
        r"\b(gentle|gentler|gently|kind|kinder|soft|softer|soften|warm|warmer|patient|"
        r"supportive|encouraging|nicer|go easy)\b",
    ),
)
_LIST_FORMATS = (
    ("prose", r"\b(prose|paragraphs?|plain sentences|write it normally)\b"),
    ("numbered", r"\bnumber(ed|s)?\b|\bnumber (the|each) steps?\b"),
    ("dashes", r"\bdash(es)?\b"),
    ("checkboxes", r"\bcheck ?box(es)?\b"),
    ("bullets", r"\bbullet"),
)
_OWN = {"units", "language", "prog_lang", "diet", "currency"}
"""classify() axes that the rules here read better (values, other people, scopes)."""


@dataclass(frozen=True)
class Slot:
    name: str
    value: str


_WHEN = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|spring|summer|autumn|winter)\b.*"
)
_IN_PLACE = r"\b(?:in|to)\s+(?:the\s+)?([A-Z][\w'-]+(?: [A-Z][\w'-]+)?)"
_NOT_PLACES = frozenset(re.findall(r"\w+", "a an the my your our love charge trouble hurry pain need favour favor between school college uni bed town it this that there here doubt luck shock debt control"))  # fmt: skip


def _person(low: str, line: str) -> list[Slot]:
    found = []
    m = re.search(
        r"\b(?:call me|my name is|my name's|name's|i'm called|i go by|address me as|i am|i'm|"
        r"it's|going by|changed my name to|(?:please )?use)\s+((?:dr\.?|mr\.?|ms\.?|mrs\.?|"
        r"prof\.?)\s+)?([A-Z][\w'-]+)",
        line,
        re.I,
    )
    if m and re.match(r"(?i)(?:please )?use\b", m.group(0)) and not re.search(r"\bname\b", low):
        m = None  # 'Use Python', 'Use Celsius': only 'my name is Aria now, use Aria' names
    if m and (m.group(2)[0].isupper() or re.search(r"call me|name|go by|going by|address", low)):
        word = m.group(2).lower()
        if not re.fullmatch(rf"{LANGUAGES}|from|in|on|not|a|an|the|allergic|based|\d+", word):
            found.append(Slot("name", ((m.group(1) or "") + word).lower().strip()))
    m = re.search(
        r"(?i:\b(?:live in|living in|based in|i'm in|i am in|im in|we're in|we are in|mov(?:ed|ing) (?:us |me )?to|"
        r"moved back(?: home)? to|relocated to|shifted to|settled (?:down )?in|home (?:city )?is|city is|"
        r"i'm back in|we're back in))\s+(?:the\s+)?([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?|"
        r"[a-z][\w'-]+(?=\s*(?:now|these days|last|this|recently|in \w+|office|branch|$|[.!,;]))|"
        r"(?<=live in |oved to |ased in )[a-z][\w'-]+ [a-z][\w'-]+(?=\s*(?:now|recently|$|[.!,;]))|"
        r"(?:new|san|los|las|st|santa|fort|port|cape|hong|kuala|buenos|rio|tel|abu|salt|palm|sri|"
        r"costa|south|north) [a-z]{3,}(?=\s*(?:now|recently|so\b|and\b|$|[.!,;])))",
        line,
    )
    if m is None:  # 'I garden in Phoenix, Arizona', "I'm a carpenter in Ohio"
        m = re.search(
            r"^(?:I|I'm|[Ww]e|[Ww]e're)\b(?:(?! in )[\w' -]){0,30} in (?:the )?"
            r"([A-Z][\w'-]+(?: [A-Z][\w'-]+)?)",
            line.strip().replace("\u2019", "'"),
        )
        if m and re.fullmatch(rf"(?:{LANGUAGES}|{PROGRAMMING}|{_WHEN})", m.group(1).lower()):
            m = None
        m = None if m and re.search(r"\b(?:grew up|born|raised)\b", m.group(0)) else m
    if m and not OTHER_PERSON.search(low[: m.start()]) and m.group(1).lower() not in _NOT_PLACES:
        found.append(Slot("location", m.group(1).lower()))
    who = OTHER_PERSON.match(low.strip())  # 'My mom lives in Tucson' → location:mom
    there = who and re.search(
        rf"\b(?:lives?|living|moved|relocated|based|works|is at (?:uni\w*|college))\b.*?{_IN_PLACE}",
        line,
    )
    if there and there.group(1).lower() not in _NOT_PLACES:
        found.append(Slot(f"location:{who.group(2)}", there.group(1).lower()))
    m = re.search(
        r"(?<!like )\b(?:i'm|i am|turned|just turned)\s+(?:actually |now |almost |nearly )?"
        r"(\d{1,3}|in my \w+)\b(?!\s*(?:%|kg|lb|weeks|months|days))|"
        r"\b(?:i'm|i am) [a-z]+, (\d{1,2})(?=\s*(?:[,.;!]|and\b|$))",  # "I'm Lena, 34"
        low,
    )
    if m and not OTHER_PERSON.search(low):
        found.append(Slot("age", m.group(1) or m.group(2)))
    for pattern, slot in _NUMBERED:
        m = pattern.search(low)
        if m:
            found.append(Slot(*slot(m)))
    found += [Slot(n, v) for n, v in (("job", job_of(low, _DIETS)), ("deadline", deadline_of(low)), ("employer", employer_of(line))) if v]  # fmt: skip
    return found


_GO_LANG = r"(?<=\w )Go\b|(?i:\b(?:in|use|with|from|to) go\b|\bgolang\b|\bgo (?:code|examples?|snippets?)\b)"
_CODING = r"\bcode|program|script|\bback-?end\b|\bfront-?end\b|\bdevelop|\bdev\b|software|engineer"
_STERLING = r"^(?!.*\b(?:weigh\w*|kg|kilos?|lbs?|body|stone)\b).*\b(?:uk|britain|england|scotland|wales|prices?|costs?|money)\b"
_WORD_NUMBER = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6"}
_NUMBERED = (
    (  # 'My son is 3' then 'My son just turned 4'
        re.compile(
            rf"\b(?:my|our) ((?:\w+ )?(?:{_OTHERS}))(?: \w+)??(?:(?:'s| is| just turned| turned|"
            r" has turned| is now| will be| turns)\s+(?:almost |nearly |about )?(\d{1,2})\b"
            r"(?!\s*(?:%|kg|lb|cm|inch|feet|ft|minutes|hours|pounds))| \((\d{1,2})\))"
        ),
        lambda m: (f"age:{m.group(1)}", m.group(2) or m.group(3)),  # or 'my mom (78)'
    ),
    (  # 'learning piano, grade 3' then 'passed my grade 4'
        re.compile(
            r"\b(grade|level|belt|stage|year|kyu|dan) (\d+|[a-h])\b|"
            r"\b(\d{1,2})(?:st|nd|rd|th) (grade|year|form)\b"  # 'in 3rd grade'
        ),
        lambda m: (f"level:{m[1] or m[4]}", m[2] or m[3]),
    ),
    (  # 'under 100 words' then 'under 250 words'
        re.compile(
            r"\b(\d+)[\s-]+(word|sentence|paragraph|bullet|bullet point|point|line|item|step|example|"
            r"option|minute|tweet|page|character)s?\b"
        ),
        lambda m: (f"limit:{m.group(2)}", m.group(1)),
    ),
    (  # 'target is 40k' then 'target's changed, 55k now'
        re.compile(
            r"\b(budget|target|goal|salary|rent|income|savings goal|price range)\b[^.;\d]{0,25}?"
            r"(?<![\w$£€])([$£€]?\d(?:[\d,.]*\d)?\s?(?:k|m|grand|kg|kgs|lbs?|kilos?)?)(?![\w%])"
        ),
        lambda m: (f"amount:{m.group(1)}", re.sub(r"[\s,$£€]", "", m.group(2))),
    ),
    (  # 'I have 2 kids' then 'it's 3 kids now'
        re.compile(
            r"\b(\d|one|two|three|four|five|six)\s+(kids|children|dogs|cats|grandkids|"
            r"grandchildren|sons|daughters|pets)\b|"
            r"\b(?:mum|mom|mother|dad|father|parent|mama) of (\d|one|two|three|four|five|six)\b"
        ),
        lambda m: (
            f"count:{m.group(2) or 'kids'}",
            _WORD_NUMBER.get(m.group(1) or m.group(3), m.group(1) or m.group(3)),
        ),  # fmt: skip
    ),
    (  # 'keep gift ideas under $50' then 'ignore the budget limit'
        re.compile(
            r"\b(?:under|below|less than|max|at most|up to|no more than|stretch to|spend)\s+"
            r"([$£€]\d(?:[\d,.]*\d)?k?|\d(?:[\d,.]*\d)?k?(?= ?(?:dollars|bucks|euros?|pounds|quid)\b))"
            r"|\b(?:budget|price|spending) (?:limit|cap)\b"
        ),
        lambda m: ("amount:budget", re.sub(r"[\s,$£€]", "", m.group(1)) if m.group(1) else "+"),
    ),
)
"""One-value slots that hold a number: someone's age, a grade or level, a count limit, an amount."""

_WHEN_EXPLAINING = re.compile(r"\b(?:when|while|if) (?:you(?:'re| are) )?explaining\b", re.I)
"""'Use metaphors when explaining math': a scope, not a wish for more detail."""

_TIMEZONE = (
    r"\b(?i:(?:pacific|mountain|central|eastern|atlantic|alaska|hawaii)(?: standard| daylight)? "
    r"time)\b|\b(?:PT|PST|PDT|MT|MST|MDT|CT|CST|CDT|ET|EST|EDT|AKST|HST|GMT|BST|WET|CET|CEST|EET|"
    r"EEST|MSK|GST|PKT|JST|KST|SGT|HKT|PHT|ICT|WIB|AEST|AEDT|ACST|AWST|NZST|NZDT|SAST|WAT|EAT)\b|"
    r"\b(?i:(?:utc|gmt) ?[+−-] ?\d{1,2}(?::\d\d)?)"
)


@lru_cache(maxsize=4096)
def slots(line: str) -> tuple[Slot, ...]:
    """The slots a line fills ('Go back to English.' → (Slot('language', 'english'),)); cached."""
    low = line.lower().replace("\u2019", "'")
    found: list[Slot] = []
    if not re.search(r"\b(learning|learn|studying|speak|mother tongue|native|my \w+ is)\b", low):
        for m in re.finditer(rf"\b({LANGUAGES})\b", low):
            found.append(Slot("language", _NATIVE.get(m.group(1), m.group(1))))
            break
    m = re.search(rf"(?<![\w#+])({PROGRAMMING})(?![\w#+])", low)
    if m and m.group(1) == "go" and not re.search(_GO_LANG, line):
        m = None  # 'go detailed and thorough' is no programming language
    if m and (
        m.group(1) not in ("go", "r")
        or re.search(_CODING, low)
        or re.search(r"(?<=\w )(Go|R)\b.*\b(examples?|snippets?)\b", line)  # 'give me Go examples'
    ):
        found.append(Slot("code_language", {"golang": "go"}.get(m.group(1), m.group(1))))
    found += [Slot(n, v) for n, v in unit_slots(low)]
    m, who = re.search(rf"\b({_DIETS})\b", low), OTHER_PERSON.search(low)
    if m:  # 'My mom is vegan.': her diet, a slot of its own
        negated = re.search(
            rf"\b(no longer|not|n't|stopped|dropped|ditched)\b[^.;]*{m.group(1)}", low
        )
        name = f"diet:{who.group(2)}" if who else "diet"
        found.append(Slot(name, ("not " if negated else "") + m.group(1)))
    found += _person(low, line)
    found += [Slot(*x) for x in order_and_count(low)]
    tone = sorted((m.start(), v) for v, p in _TONES for m in [re.search(p, low)] if m)
    if tone:
        found.append(Slot("tone", tone[0][1]))
    fmt = sorted((m.start(), v) for v, p in _LIST_FORMATS for m in [re.search(p, low)] if m)
    if fmt:
        value = fmt[0][1]
        lists = dict(classify(line)).get("lists")
        negated = lists == "-" and value != "prose"
        found.append(Slot("list_format", f"no {value}" if negated else value))
    m = re.search(r"\b(british|uk|us|american|canadian|australian) (spelling|english)\b", low)
    if m:
        found.append(Slot("spelling", {"uk": "british", "us": "american"}.get(m[1], m[1])))
    m = re.search(
        r"\bsign(?:-?off|ature| them| it| off)?\b[^'\"‘“]{0,30}['\"‘“]([^'\"’”]{2,40})", line, re.I
    )
    if m:  # "sign them 'Best, Tomasz'", "sign-off should be 'Cheers, Tom'"
        found.append(Slot("signoff", m.group(1).lower()))
    for name, rx in _SIMPLE:  # tabs or spaces for indentation, a citation style
        found += [Slot(name, m.group(1)) for m in [re.search(rx, low)] if m]
    m = re.search(_TIMEZONE, line)  # 'I'm on Pacific time', 'I'm in UTC+9, Seoul time'
    if m:
        found.append(Slot("timezone", re.sub(r"\s|(?i:\s*time)", "", m.group(0)).lower()))
    m = re.search(r"\b(?:i'm|i am|me as|me like|as an?) (?:an? )?(?:total |complete )?(beginner|novice|"
                  r"intermediate|advanced|expert)\b", low)  # fmt: skip
    if m:  # 'assume I'm a total beginner' then 'treat me as intermediate'
        found.append(Slot("expertise", m.group(1)))
    m = re.search(r"\b(iso|mm/dd|dd/mm|day/month|month/day|yyyy|day first|month first)", low)
    if m:
        found.append(Slot("date_format", m.group(1)))
    m = re.search(r"\b(euros?|dollars?|usd|eur|gbp|pounds sterling|yen|pesos?|mxn|złoty|zloty|shillings?|"
                  r"cedis?|rupees?|francs?|aud|cad|nzd|chf|jpy|inr|sek|nok|dkk|pln|czk|huf|brl|zar|sgd|"
                  r"hkd|krw|cny|rmb|yuan|baht|liras?|dirhams?|ringgit|kron(?:a|or|er)|naira)\b", low)  # fmt: skip
    if m and not re.search(r"\bpounds\b", m.group(1)):
        found.append(Slot("currency", m.group(1).rstrip("s")))
    elif re.search(r"\bcurrenc(?:y|ies)\b", low):  # 'no need to change currencies anymore'
        found.append(Slot("currency", "+"))
    elif re.search(r"\bpounds\b", low) and re.search(
        _STERLING, low
    ):  # "I'm back in the UK, so pounds"
        found.append(Slot("currency", "pound"))
    for axis, polarity in classify(_WHEN_EXPLAINING.sub("", line)):
        if axis == "detail" and "length" not in {s.name for s in found}:
            axis, polarity = "length", "long" if polarity == "+" else "short"
        if axis in _OWN or axis.startswith("topic:") or axis in {s.name for s in found}:
            continue
        if axis == "lists" and fmt:
            continue
        found.append(Slot(axis, polarity))
    return tuple(found)


_STOP = frozenset(
    re.findall(
        r"\S+",
        """a an the and or but so to of for in on at by with from as is are was be been it its it's
        this that these those my your our me i i'm i've i'd you we we're us they them he she him her
        please pls actually just also too again now from then than when whenever if unless except
        about any all some every each more less much many very really always never not no don't do
        does use using used give gives keep write put make add include show get go let let's can
        could would should will want like prefer love hate need answer answers reply replies respond
        response responses everything things thing stuff way time instead switch back fine ok okay
        good great better best well though either only even still anymore one lot lots bit little
        while what which who how where there here yes yeah thanks thank feel feels""",
    )
)


def _value_spans(low: str) -> list[tuple[int, int]]:
    patterns = [rf"\b(?:{LANGUAGES})\b", rf"(?<![\w#+])(?:{PROGRAMMING})(?![\w#+])"]
    patterns += [rf"\b(?:{_DIETS})\b"] + [p for systems in UNITS.values() for p in systems.values()]
    patterns += [p for axis in AXES for p, _ in axis.terms]
    spans = []
    for p in patterns:
        spans += [m.span() for m in re.finditer(rf"(?<![\w/])(?:{p})(?![\w/])", low)]
    return spans


_QUALIFIER = re.compile(
    r"(?<!same )(?<!also )(?<!and )(?<!or )\b(?:for|when|in|on|during|except|about|unless|while|"
    r"inside|within)\s+((?:(?!(?:for|when|in|on|and|or|but|so|to|of)\b)[\w'-]+\s*){1,4})"
)
_MODIFIED = re.compile(
    r"\b([a-z][\w-]+) (answers|replies|responses|explanations|emails|messages|comments|examples|"
    r"questions|recipes|stories|drafts|snippets|tips|summaries|docs|temps|temperatures|terms|"
    r"names|titles|labels|keywords|jargon|vocab|vocabulary)\b"
)


_DOING_IN = re.compile(r"^i (?!am\b|live\b|work\b|speak\b)([a-z]{3,}) in\b")
_BETTER = re.compile(r"^\W*[\w-]+ (?:is|are|works?) (?:better|easier|best)\b")  # 'for my work': why


def scope(line: str, names: set[str] | frozenset[str] = frozenset()) -> frozenset[str]:
    """What the line is limited to, from its qualifiers ('for body weight', 'in work emails',
    'when we're chatting') and noun modifiers ('history answers', 'code comments'), without
    values and without the words that only name the slot's own domain ('for lists', 'for
    temperatures'): 'Use kilograms for body weight.' → {'body'}. 'same for X' widens, not narrows."""
    low = line.lower().replace("\u2019", "'")
    if _BETTER.match(low):
        return frozenset()
    generic = set(_GENERIC)
    for n in names:
        generic |= _DOMAIN.get(n.removeprefix("units:"), set()) | _DOMAIN.get(n, set())
    spans = _value_spans(low)
    values = {w for s in slots(line) for w in s.value.split()}
    picked: list[tuple[int, str]] = []
    for m in _QUALIFIER.finditer(low):
        picked += [
            (m.start(1) + x.start(), x.group(0)) for x in re.finditer(r"[\w'-]+", m.group(1))
        ]
    for m in _MODIFIED.finditer(low):
        picked += [(m.start(1), m.group(1)), (m.start(2), m.group(2))]
    m = _DOING_IN.match(low)  # 'I run in metric': metric for running
    if m:
        picked.append((m.start(1), m.group(1)))
    words = set()
    for start, w in picked:
        if w in _STOP or w in generic or w in values or any(a <= start < b for a, b in spans):
            continue
        words.add(w[:-1] if len(w) > 4 and w.endswith("s") and not w.endswith("ss") else w)
    return frozenset(words)


def other_person(line: str) -> bool:
    """About someone else ('my wife is vegan')? Not 'We moved for my wife's job'."""
    low = line.lower()
    m = OTHER_PERSON.search(low)
    if m and _FOR_SOMEONE.search(low[: m.start()]) and _USER_SAID.match(low):
        return False
    return bool(m)


_FOR_SOMEONE = re.compile(r"\b(?:for|because of|thanks to|to be (?:near|with)|closer to)\s+$")
_USER_SAID = re.compile(r"^(?:i|i'm|i've|we|we're|we've)\b")
