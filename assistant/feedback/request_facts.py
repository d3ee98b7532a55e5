"""What a request also says for good about the user ('I'm vegan, what's a good lunch?'): the
facts remembered before it is answered."""

from __future__ import annotations

import re

from assistant.feedback.directive import _joined, _sentence, lines_with_kinds
from assistant.feedback.habits import rules_with_habit
from assistant.feedback.roles import names_someone, said_as
from assistant.summary.clauses import CONDITIONS, FACT
from assistant.summary.references import resolve_person
from assistant.summary.slots import OTHER_PERSON, slots

_DURABLE = re.compile(
    r"\b(?:allerg\w*|intoleran\w*|coeliac|celiac|diabetic|diabetes|pregnant|wheelchair|"
    r"dyslexi\w*|adhd|autis\w*|deaf|hard of hearing|blind|colou?r ?blind|vegan|vegetarian|"
    r"pescatarian|(?:gluten|dairy|nut|lactose|sugar)[- ]free|lactose|halal|kosher|muslim|jewish|hindu|sikh|"
    r"(?:doesn'?t|does not|can'?t|cannot|won'?t|don'?t|do not|never) (?:eat|drink)s?|"
    r"(?:bad|dodgy|weak|injured|busted) (?:knees?|back|hips?|shoulders?|ankles?|wrists?|neck)|"
    r"(?:tore|torn|broke|broken) (?:my )?(?:\w+ )?(?:acl|meniscus|ankle|wrist|leg|arm))\b|"
    rf"{CONDITIONS.pattern}",
    re.I,
)
_NUMBERS = ("age:", "count:", "amount:")
_SCOPE_LEAD = re.compile(r"(?i)^(?:(?:also|and|oh|plus)\s+)?(?:(?:for|when(?:ever)?|if|any ?time|every time)\s[^,]{2,60},\s*|(?:when(?:ever)?|if|any ?time|every time) i \w+\b[^,]{2,60}?\s(?=(?:just|always|please|first|only|never)\s))?(?:(?:please|first)\s+)?")  # fmt: skip
_LASTING_ABOUT = re.compile(r"(?i)\b(?:called|named|name is|works (?:as|at|in|nights|days|from home)|is an? \w+ (?:nurse|teacher|doctor|engineer|student))\b")  # fmt: skip
"""A person's name or work, said in a request ('my husband Raj works nights as an ER nurse')."""
_ABOUT_OTHER = re.compile(rf"(?i:^(?:she|he)(?:'s)?\b)|{OTHER_PERSON.pattern}")
_USER_SLOTS = {"diet", "location", "age", "job", "name"}
_ASKED_AFTER = re.compile(
    r"\s+(?=(?:whats|wats|how do i|how can i|can you|could you)\b)|"
    r"(?:,|\s+[—–-])\s*(?=(?:what|whats|what's|how|where|which|who|when|why|can|could|would|should|do|does|is|are|"
    r"any)\b)|\s+and (?:i |we )?(?:want|need|would like|'d like|am looking|'m looking)\b|"
    r",\s*(?=(?:some |good |easy |quick )?(?:[a-z]+ )?(?:ideas|tips|suggestions|recs|options)\b)|"
    r",\s*(?=(?:please |pls |now )?(?:help|give|tell|show|find|make) me\b)",
    re.I,
)


FOR_GOOD = re.compile(
    r"\b(?:from now on|going forward|moving forward|from here on|always|by default|every time|"
    r"never (?:recommend|suggest|mention|use|include|add|give|show|say|call|link)|don'?t ever|"
    r"in (?:all|every) (?:of )?(?:my |your )?(?:replies|answers|responses|chats)|all your "
    r"(?:answers|replies|responses)|for (?:all )?future \w+|remember (?:that|this|it)|"
    r"when(?:ever)? you (?:give|show|write|list|answer|reply|explain|suggest|recommend|draft)|"
    r"whenever i|when i ask (?:you )?(?:for|about|to)|(?:format|write|put|do|answer) everything|"
    r"(?:give me|keep|make|write|i (?:want|prefer|like|need))\b[^.?!\d]{0,40}\b(?:answers|replies|"
    r"responses|explanations)\b(?! (?:to|for|on|about)\b))\b|^\W*(?:and |also )?for (?!example|instance|now|real)[\w -]{3,30}?,\s*(?:number|"
    r"use|put|give|keep|add|include|write|show|make)\b",
    re.I,
)
"""Said for good: 'from now on', 'always', a rule for a kind of answer ('when you give me lists,
bullet points please'; 'for step-by-step instructions, number the steps')."""
_JUST_REMEMBER = re.compile(r"(?i)^\W*(?:and |also |oh and )?(?:please |pls )?(?:remember|keep|bear) (?:that|this|it)(?: in mind)?(?: for (?:all )?(?:future|later|next time)(?: \w+)?)?(?: please| pls)?\W*$")  # fmt: skip
_HYPOTHETICAL = re.compile(
    r"\b(?:if|hypothetically|suppose|imagine|what if|say|writing an? (?:story|novel|script|"
    r"poem|book)|character)\b",
    re.I,
)
ASK_RULE = re.compile(r"^\W*(?:(?:hi|hey|hola|ok|so)\W+)?(?:can|could|would|will) (?:you|u) ", re.I)
_RULE_ASK = re.compile(
    r"^\W*(?:(?:hi|hey|ok|so|and|also|but)\W+)*(?:can|could|would|will) (?:you|u) (?:please |pls )?"
    r"(?=(?:stop|quit|always|never|forget|drop|ditch|avoid|start|talk to me|call me|"
    r"be (?:a (?:bit|little) )?(?:more|less) \w+ (?:with|to|around) me)\b)(?!.*\b(?:this|that) one\b)",
    re.I,
)
"""'can you stop using the em dash so much?': a question that asks for a standing rule."""
# "since I'm colorblind, can you pick a palette?": the fact, then the ask
_SINCE_I = re.compile(r"(?i)(?:^|(?<=[.!?] ))\W*(?:since|because|as) (?=i'?m |i am |i have |i've )")
_SO_RULE = re.compile(r"^\W*(?:i'?m|i am|im|we'?re|we are|i live|we live)\b[^,;]*,? so\b", re.I)

_QUESTION = re.compile(
    r"^\W*(?:what|whats|what's|how|why|where|which|who|when|can|could|would|should|do|does|is|"
    r"are|any|anything|something|anywhere|anyone|somewhere)\b",
    re.I,
)


def _stated(piece: str) -> str:
    """A piece that states something, or the statement before the comma of a question ('my wife
    hates olives, a pizza idea?'); '' when it only asks."""
    if not piece.rstrip().endswith("?"):
        return piece
    first = re.split(r",\s*", piece)[0]
    return "" if first == piece or _QUESTION.match(first) or len(first.split()) < 3 else first


_SEPARATORS = r"(?<=[.!?])(?<!\bDr\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bMrs\.)(?<!\bSt\.)\s+|\s*(?:(?<!\d):(?!\d)|[;—–])\s*|\s+-\s+"  # not '9:30'
"""Where a message splits into pieces: after a sentence, at a colon, semicolon or dash."""


def _pieces(text: str) -> list[str]:
    return [x for x in re.split(_SEPARATORS, text.strip()) if x.strip()]


def rules_in_request(text: str) -> list[str]:
    """Lasting rules and roles said inside a request ('answer me in spanish from now on pls.
    whats the capital of australia?' → 'Answer me in spanish.'; 'As a nurse on night shifts,
    how should I sleep?' → "I'm a nurse on night shifts."; 'my wife hates cilantro, a taco
    recipe? and remember that'; a rule said with a habit, assistant.feedback.habits)."""
    from assistant.feedback.cues import only_this_answer
    from assistant.feedback.directive import find_directive

    if only_this_answer(text):
        return []
    pieces, out = _pieces(text), []
    for i, piece in enumerate(pieces):
        asked = piece.rstrip().endswith("?")
        out += said_as(piece)  # 'As a nurse on night shifts, ...' → "I'm a nurse on night shifts."
        if _HYPOTHETICAL.search(piece) or (asked and not ASK_RULE.match(piece)):
            continue
        if _JUST_REMEMBER.match(piece):  # the statement before it is what to remember
            told = [_stated(p) for p in pieces[:i] if _stated(p)]
            said = (find_directive(told[-1]) or _sentence(told[-1])) if told else None
            out += [said] if said else []
        elif _SO_RULE.match(piece) and not asked:  # "I'm in the UK so prices in pounds please"
            out += [x for x, _ in lines_with_kinds(piece)]
        elif not asked and (habit := rules_with_habit(piece)):  # 'I render it in obsidian'
            out += habit
        elif FOR_GOOD.search(piece):
            head = piece[: FOR_GOOD.search(piece).start()]  # 'can you make a list, and from now on'
            if _ASKS_FIRST.match(piece) and "," in head:
                piece = re.sub(r"^\s*(?:and\s+)?", "", piece[head.rfind(",") + 1 :])
            topic = pieces[i - 1] if i and re.search(r"\b(?:it|them|that)\b", piece) else ""
            piece = f"{topic}: {piece}" if topic and not topic.endswith("?") else piece
            said = find_directive(_ASKED_AFTER.split(re.sub(r"\?\s*$", "", piece))[0])
            out += [said] if said else []
    return out


_ASKS_FIRST = re.compile(r"(?i)^\W*(?:(?:can|could|would) (?:you|u)|(?:please |pls )?(?:make|write|draft|plan))\b")  # fmt: skip


def facts_in_request(text: str) -> str | None:
    """What a request also says for good about the user ('I'm vegan, what's a good lunch?' →
    'I'm vegan.'): facts and names that fill a slot about them (diet, home, age, job, name, a
    person's age) or name an allergy or condition; None when it says nothing of the kind."""
    text = re.sub(r",\s*(?=(?:can|could|would) you\b)", ". ", _SINCE_I.sub("", text))
    found = [
        _sentence(_ASKED_AFTER.split(line)[0])
        for line, kind in lines_with_kinds(text)
        if kind in ("fact", "name", "slot")
        and "?" not in line
        and not _QUESTION.match(line)
        and (
            _DURABLE.search(line)
            or any(s.name in _USER_SLOTS or s.name.startswith(_NUMBERS) for s in slots(line))
            or (
                _ABOUT_OTHER.search(line) and (_LASTING_ABOUT.search(line) or _DURABLE.search(line))
            )
        )
    ]
    found = [x for x in found if x and not _HYPOTHETICAL.search(x) and not _asked_amount(x, text)]
    found = [x for x in found if not _SENDS_IT.search(x)]  # "I'm forwarding it to Ana: ..."
    found += [x for x in rules_in_request(text) if x.lower() not in {f.lower() for f in found}]
    found = list(dict.fromkeys(found))
    return _joined(found) if found else None


_SENDS_IT = re.compile(
    r"(?i)\b(?:send|forward|show|email|post|hand|submit|print|read)(?:ing)? (?:it|this|that) (?:to|out)\b"
)


def _asked_amount(line: str, text: str) -> bool:
    """'gift ideas under $50?': a budget inside the question, not said of the user for good."""
    head = line.lower().rstrip(".")[:15]
    asked = [x for x in re.split(r"(?<=[.!?])\s+", text.lower()) if x.endswith("?") and head in x]
    own = re.search(r"\b(?:i|i'm|my|we|our|me|us)\b", line.lower())
    return bool(asked) and not own and any(s.name.startswith("amount:") for s in slots(line))


def names_a_rule(directive: str) -> bool:
    """'Explain things simply', 'Write dates as DD/MM/YYYY': a line on a style axis or a slot."""
    from assistant.summary import classify, directive_lines
    from assistant.summary.clauses import slot_clause

    lines = [
        re.sub(
            r"(?i)^(?:explain(?! (?:things|everything|stuff|concepts))|tell me|translate)\s+", "", x
        )
        for x in directive_lines(directive)
    ]
    return (
        any(not a.startswith("topic:") for x in lines for a, _ in classify(x))
        or any(map(slot_clause, lines))
        or any(_PREFER_OVER.match(x) for x in lines)  # 'prefer pathlib over os.path'
    )


_OWN_MISTAKE = re.compile(r"(?i)^i (?:mixed|got) (?:\w+ )?(?:up|confused|wrong|mixed up)\b")
_NOT_Z = re.compile(r"(?i),? not [\w' -]{2,30}\W*$|\b\w+,? not [\w'-]{1,30}(?:,|\W*$)")


def _named_in(said: str, summary: str) -> bool:
    """The piece is a fact about someone the summary names ("miso's diabetic", "Sheldon's 40")."""
    who = m.group(1) if (m := re.match(r"(\w+)'s\b", said)) else ""
    return (
        len(who) > 2
        and who.lower() not in _NOT_WHO
        and bool(re.search(rf"(?i)\b{re.escape(who)}\b", summary))
        and bool(FACT.search(said.lower()))
    )


_NOT_WHO = frozenset({"it", "that", "there", "what", "who", "here", "she", "let", "today"})
_THIS_TEXT = re.compile(
    r"(?i)^(?:please |pls |can you |could you )?(?:translate|summari[sz]e|rewrite|proofread|"
    r"reword|shorten|convert) (?:this|that|the following|these|my|it)\b"
)
"""'translate this paragraph into italian for me': work on a text, not a rule."""
_PREFER_OVER = re.compile(r"(?i)^(?:always |i )?prefer \S.{0,40} (?:over|to|rather than) \S|^nothing (?:with|containing) \w")  # fmt: skip

_LABEL = re.compile(
    r"^\W*(?:(?:ok|okay|so|oh|and|also|btw|fyi|heads up|update|correction|context|note|set|hello|"
    r"hi|hey|hiya|set ?up|new rules?|one more|p\.?s\.?|quick note|for (?:the )?future|(?:a )?(?:bit )?about me|"
    r"background)\b\W*|\d+\)\s*)+",
    re.I,
)


_ASKS_BY_NOUN = re.compile(
    r"^\W*(?:the |a |any )?(?:best|good|better|cheapest|quickest|easiest|fastest|simplest|ideas?|"
    r"tips?|suggestions?|recommendations?|options?)\b",
    re.I,
)
"""'best way to store fresh herbs', 'ideas for a rainy day': a question without its verb."""
_JUST_NOW = re.compile(r"\b(?:this time|this one|just this|for now|right now)\b", re.I)
_PAYLOAD = re.compile(
    r"\b(?:write|draft|compose|rewrite|reword|translate|proofread|summari[sz]e|fix|edit|polish|"
    r"check|format|turn)\b[^:]*:\s",
    re.I,
)
"""'write this formally, it's for my landlord: the heater is broken': after the colon is the text
to work on, not something the user says of themself."""


_ON_BEHALF = re.compile(
    r"^\W*(?:(?:my|our) [\w'-]+(?: [\w'-]+)?|he|she|they|we|someone|\w+ says?|\w+ said|"
    r"\w+ thinks?|\w+ told me)\b.{0,20}?\b(?:wants?|needs?|would like|'?d like|is looking|"
    r"are looking|asks?|asked|says?|said|thinks?|told)\b",
    re.I,
)
"""'my friend wants tips for learning Spanish', 'he says I should learn knife skills': a request
made for someone else, or what someone else said; not the user's own fact."""
_WHAT_IF = re.compile(
    r"\b(?:hypothetically|suppose|imagine|what if|pretend|let'?s say|writing an? (?:story|novel|"
    r"script|poem|book)|character)\b|^\W*(?:and |but )?if\b",
    re.I,
)
"""A hypothetical piece; 'answer in english even if i write polish' is not one."""
_ALSO_RULES = frozenset({"please", "pls", "forget", "scrap", "ignore", "not", "no", "prefer", "nothing"})  # fmt: skip
_HABIT = re.compile(r"\byou (?:keep|always|never|constantly)\b|\bno more\b", re.I)
"""'you keep writing in fahrenheit, i need celsius': a complaint about a habit is a lasting rule."""
_SELF_OR_RULE = re.compile(r"^\W*(?:i|i'm|im|i am|i've|ive|i'd|my|our|we|we're|we've|we'd|me|us)\b|^\W*(?:the )?(?:kids|children|twins)'? school\b", re.I)  # fmt: skip
_SETUP = re.compile(r"^\W*(?:quick |my |(?:a )?bit )?(?:set ?up|about me|context|background|remember|for the record|info)\s*:", re.I)  # fmt: skip
"""'quick setup: name Yuki, live osaka, vegan, short answers': all of it is said for good."""
_NO_SUBJECT = re.compile(
    r"^(?:basically |currently |still |now )?(?!(?:looking|wondering|thinking|hoping|asking|"
    r"trying|going|getting|having|making|doing|writing|reading|cooking|watching)\b)"
    r"[a-z]{3,}ing\b(?= \w+ \w+)",
    re.I,
)
"""'planning a trip to Oaxaca in March', 'training for my first marathon': the user's own plan
said without its 'I'm'; judged and stored with it when it names a place or a time."""
_PLACE_OR_TIME = re.compile(
    r" (?:[A-Z][\w'-]+|(?i:(?:in|for|by|until|on) (?:\d+ \w+|jan\w*|feb\w*|march|april|may|june|"
    r"july|aug\w*|sep\w*|oct\w*|nov\w*|dec\w*|spring|summer|autumn|fall|winter)|next (?:week|"
    r"month|year)))\b"
)


def stated_in_request(text: str, judge, summary: str = "", worth=None) -> list[str]:
    """What a request states on its way to the question, judged like feedback: every piece that
    asks nothing ('got a day job now!! whats a good workout?') goes to `judge` (piece →
    (directive, lasting)). Kept: a lasting directive the user says of themself, a rule, a stored
    line's change, or one `worth` vouches for. Never judged: questions, asks, what-ifs, one-offs."""
    from assistant.feedback import cues
    from assistant.feedback.at_hand import for_this_ask
    from assistant.feedback.classifier import sets_a_rule
    from assistant.summary.merge import about_stored_person, changes_stored, is_retraction
    from assistant.summary.terse import spelled_out_labels

    if cues.only_this_answer(text):
        return []
    text = spelled_out_labels(text)  # 'kids: Leo 6, Emma 9' → 'my kids are Leo 6, Emma 9'
    parts = re.split(f"({_SEPARATORS})", text[: p.end()] if (p := _PAYLOAD.search(text)) else text)
    out = []
    held = ""  # 'switched jobs!' leads into the piece after it: 'now at Bolt, same role'
    for piece, sep in zip(parts[::2], [*parts[1::2], ""], strict=True):
        asked = _RULE_ASK.match(piece)  # 'can you forget the summary tables?' says a rule
        piece = piece[asked.end() :].rstrip(" ?") if asked else piece
        said = _LABEL.sub("", _ASKED_AFTER.split(_stated(piece))[0].strip(" ,.!"))
        alone, said, held = said, (f"{held}, {said}" if held and said else said or held), ""
        if len(said.split()) < 3:
            held = said if "?" not in piece and ":" not in sep else ""
            continue
        scoped = (m := cues.WHEN_I_ASK.match(said)) and (
            m["all"] or _SCOPE_LEAD.sub("", said) != said
        )
        if (
            (cues.asks_for_something(said) and not scoped)  # a rule for later asks is no question
            or cues.NEW_CONTENT.match(said)
            or ASK_RULE.match(said)
            or _ASKS_BY_NOUN.match(said)
            or _ON_BEHALF.match(said)
            or _JUST_NOW.search(said)
            or _WHAT_IF.search(said)
            or _THIS_TEXT.match(said)
            or for_this_ask(said, text)  # 'dinner ideas for tonight? we have chicken and rice'
        ):
            if ":" in sep:  # 'I need this one in English: a note saying ...': the rest is content
                break
            continue
        if _OWN_MISTAKE.match(said):  # 'I mixed her up with my cousin'
            continue
        if _NO_SUBJECT.match(said) and _PLACE_OR_TIME.search(said.split(" ", 1)[1]):
            said = f"I'm {said}"
        directive, lasting = judge(said)  # the piece is its own line where the head vouches for it
        own = lasting and worth and not re.match(r"(?i)as (?:an?|someone)\b", said) and worth(said)
        directive = directive or (own and _sentence(said)) or None  # 'as a vet tech': a fact cue's
        if not directive or directive.lower() in (x.lower() for x in out):
            continue
        words = _SCOPE_LEAD.sub("", said).lower().split() or [""]  # 'when I ask X just give'
        rule = (
            scoped
            or words[0] in cues.IMPERATIVES | cues.MORE_IMPERATIVES | _ALSO_RULES
            and (names_a_rule(directive) or is_retraction(directive))
        )
        told = (
            _SELF_OR_RULE.match(said)
            or _SELF_OR_RULE.match(alone)
            or re.match(r"I (?:can'?t|cannot)\b", directive)  # 'can't have grapefruit with ...'
            or _SETUP.match(text)
            or FOR_GOOD.search(said)
            or rule
            or _HABIT.search(said)
            or _named_in(said, summary)  # "Sheldon's 40!!" after 'a tortoise called Sheldon'
            or names_someone(alone)  # 'Harry is in Year 2.', as the head judges it lasting
            or re.match(r"(?i)(?:he|she)(?:'s| is)\b", said)
            and OTHER_PERSON.search(text[: max(0, text.find(piece))])  # named before it
        )
        if (
            (lasting and (told or about_stored_person(summary, directive) or own))
            or changes_stored(summary, directive)
            or sets_a_rule(said)  # 'and distances in miles. how far is ...?'
        ):  # 'correction - he uses a walker now, ...?' after 'My dad uses a wheelchair.'
            before = text[: max(0, text.find(piece))]  # 'for my sister Anna? she loves pottery'
            out.append(resolve_person(directive, [before]) if before else directive)
    return out


_PASSING = re.compile(
    r"(?i)^(?!.*\b(?:started|starts|moved|switched|joined|began|got|turned|now)\b).*(?:\b(?:am|is|are|"
    r"'m|'re|leaves|lands|arrives|visiting|staying)\b.*\b(?:this week(?:end)?|tomorrow|tonight|"
    r"next week|for the day)\b|^(?:this week(?:end)?|tomorrow|tonight|next week),? (?:i'm|i am|we're)\b)"
)
"""'I'm in Tokyo this week', 'my flight leaves at 6am tomorrow': true for now, not for good."""


def said_for_good(text: str, summary: str, judge, worth=None) -> str | None:
    """All that a request says for good: the fact and rule cues, a stored line's new value, then
    each stated piece judged as feedback (stated_in_request); one directive, or None."""
    from assistant.feedback.cues import THIS_ANSWER
    from assistant.summary.contrast import corrected_lines
    from assistant.summary.lines import parse

    fixed = corrected_lines(parse(summary), text)  # then not 'X's allergy is to Y, not Z' too
    from assistant.feedback.request_updates import update_in_request

    found = [facts_in_request(text), update_in_request(text, summary)]
    found += stated_in_request(text, judge, summary, worth)  # not "i'm 29 not 28" beside the fix
    found = [*fixed, *(x for x in found if not (fixed and x and _NOT_Z.search(x)))]
    kept = [x for x in found if x and not THIS_ANSWER.search(x) and not _PASSING.search(x)]

    low = [re.sub(r"^(?:she|he)(?:'s| is) ", "", x.lower().rstrip(".")) for x in kept]  # 'Budget
    kept = [  # 2000 dollars.' is in the longer line, "she's vegetarian" in 'My friend is vegetarian'
        x
        for i, x in enumerate(kept)
        if not any(
            low[i] in y and (j < i or len(y) > len(low[i])) for j, y in enumerate(low) if j != i
        )
    ]
    return _joined(kept) if kept else None
