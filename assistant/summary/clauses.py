"""What kind of preference line a clause of a message is: a fact about the user, a name, a
one-value slot (language, units, diet...), a retraction, a permission, a fragment; or nothing
worth keeping (it evaluates, explains or asks). Used where directives are extracted."""

from __future__ import annotations

import re

from assistant.summary.axes import classify
from assistant.summary.lines import is_fragment
from assistant.summary.resolve import name_line
from assistant.summary.retraction import is_retraction
from assistant.summary.slots import slots

EVALUATION = re.compile(
    r"^(?:i )?(?:really )?(?:love|loved|like|liked|hate|hated) (?:how|that|the way|it when)\b|"
    r"^(?:he|she|they|we|my \w+) (?:really |totally )?(?:loved|liked|enjoyed|hated) "
    r"(?:it|that|this|them)\W*$",
    re.I,
)
ASIDE = re.compile(
    r"^(?:ugh,? )?(?:long|rough|busy|crazy|hard|tough|bad|hectic) (?:day|week|night|morning|shift)\b|"
    r"^if (?:i'?m|i am) (?:slow|late|rambling|confusing|all over the place|being \w+|not making sense)\b|"
    r"^(?:(?:lol|ugh|omg|meh|argh|sigh)\W+)*it'?s (?:\w+ )?(?:raining|snowing|pouring|freezing|boiling|so hot|so cold|sunny)\b|"
    r"^(?:that|this|it) (?:felt|feels|came across|sounded|seemed) (?:a (?:bit|little) |kinda |quite |very |too |so )?(?:harsh|cold|rude|mean|blunt|preachy|condescending|patronising|patronizing)\b|"
    r"^(?:i'?ll|i will) (?:try|give (?:it|that|them|this) a (?:go|try|shot)|check out|look into|go with)\b|"
    r"^(?:i'?d|i would) rather not(?: (?:have|get) (?:[\w'-]+ ){0,4}(?:saved|stored|kept|remembered|written down|noted))?\W*$|"
    r"\bnot comfortable (?:with|having) (?:that|this|it|them|those|any of (?:that|this|it))(?: being)? (?:saved|stored|kept|remembered|noted)\b|"
    r"^(?:keep|leave) the [\w' -]{2,30}? (?:stuff|things?|bits?|parts?|info)\W*$|"
    r"^(?:i )?(?:love|luv) (?:you|ya|u)(?: so much| guys| lol| haha| xx?)*\W*$|"
    r"^(?:no other changes|nothing else (?:changed|changes|is different)|that'?s (?:it|all) for now)\W*$|"
    r"^(?!(?:no|never|only|always|not|more|fewer|less|all|any)\b)(?:(?!(?:for|in|with|on|as|to|the|by)\b)[\w-]+ ){0,3}(?:dinners|lunches|"
    r"recipes|meals|ideas|suggestions|recommendations|recs|activities)(?: please| pls)?\W*$|"
    r"^i (?:always|keep|often) forget\b|^i don'?t want (?:that|this|it) (?:in your memory|saved|stored|remembered|kept)\W*$|"
    r"^(?:adjust|tweak) (?:the|my) (?!(?:tone|style|format|length)\b)[\w' -]{2,30}$|^(?!(?:you|your|it|that|this)\b)[\w' -]{1,25}? (?:was|were) "
    r"(?:so |really |honestly )?(?:miserable|awful|terrible|horrible|a nightmare|hell|brutal|the worst)\W*$|"
    r"^(?!(?:he|she|they|it|this)\b)[\w' -]{1,30}? (?:is|was) (?:wrong|a typo|outdated|old news)\W*$|^i (?:use|say|write) (?:it|that|this|them|\w+) myself\W*$",
    re.I,
)
"""'ugh long day at work', 'if i'm slow': how the user is, said in passing; never a line."""
TRANSIENT = re.compile(
    r"^(?:i'?m|i am) (?:so |very |more |really |a bit |getting )?(?:struggling|tired|confused|"
    r"stressed|bored|sorry|kidding|joking|not sure|done|busy|so|just|going to|getting|"
    r"trying to(?! (?:lose|save|get (?:down |up )?to|quit|cut (?:down|back)|reach|hit|gain|pay off)\b)|"
    r"a bit|kinda|glad|happy|curious|wondering|asking|looking|in a hurry|ok|okay|fine|good|"
    r"(?:such )?an? (?:idiot|dummy|(?:terrible|horrible|awful|bad) (?:son|daughter|mom|mum|dad|"
    r"parent|friend|person|human|wife|husband|partner)))\b|"
    r"^(?:it |that |this )?(?:makes|made) (?:[\w']+ ){0,2}(?:less|more|easier|harder|fun|better|worse)\b|"
    rf"{ASIDE.pattern}|"
    r"^(?:\w+ )?says\b|^i (?:think|guess|mean|see|know|thought)\b|^i'?ve been \w+ing\b|^sorry\b|^i (?:mixed|got) (?:\w+ )?(?:up|confused|wrong|mixed up)\b|^(?:can you |could you |please )?help me (?:with|plan|explain|write|figure|understand|find|pick|"
    r"choose|decide)\b|^(?:thanks|thank you|thx|ty)(?: so much| a lot| again)?$|^(?:i )?need (?:more|some|extra) time\b|"
    r"^i (?:always |often |usually |keep )?(?:get|getting) (?:lost|confused|overwhelmed|mixed up)\b|"
    r"^still (?:\w+ing|the same|here)(?: though)?$|"
    r"^(?:my|our) \w+ (?:is|are) \w+ing\b|"
    r"\b(?:not good enough|good enough|too hard|too difficult|rusty|struggling)\b",
    re.I,
)
FACT = re.compile(
    r"^(?:i'?m|i am|i've|i have|i'?ve got|ive got|i live|i work|(?:i|we) can only|we meet|(?:(?:the|our|my) )?(?:[\w'-]+ ){0,2}(?:pickup|pick-up|drop-?off|practice|practices|lessons?|"
    r"bedtime|curfew|bin day|rehearsals?|training) (?:for [\w' ]{2,20} )?(?:is|are) (?:now )?(?:at |on )?"
    r"(?:\d{1,2}(?::\d\d)?\s*(?:am|pm)?|(?:mon|tue|wed|thu|fri|sat|sun)\w*)\b|i use|i eat|i don'?t eat|i own|i run|i play|i drive|"
    r"i take (?!it\b|that\b|this\b)|i wear|i (?:tore|broke|injured|sprained|fractured|dislocated)|"
    r"i commute|i read|i speak|i teach|i study|i grew up|i just|i moved|i started|i follow|i keep|"
    r"we live|we're|we are|we have|we moved|we've|our \w+|(?:me|i) and my \w+ (?:are|both)|"
    r"my \w+(?: \w+)? and (?:i|me) (?:are|both)|i make|i sell|i design|i build|i bake|i breed|"
    r"i grow|i host|i repair|i freelance|i tutor|i rent|i earn|i owe|i co-?parent|i share custody|"
    r"i look after|i care for|i live with|i (?:now |also )?(?:mentor|manage|coach|lead|supervise)\b|"
    r"my [\w-]+'s (?:in|at|based|from|on|off)\b|my [\w-]+(?:'s)?(?: \w+(?:'s \w+)?)?(?: \(\d+\))?"
    r" (?:is|are|has|have|was|uses|comes|reads|lives|works|name|loves|hates|needs|plays|goes|avoids|gets|"
    r"does|handles|runs|writes|manages|only reads|only speaks|only has|only uses|"
    r"(?:can'?t|cannot|doesn'?t|won'?t) (?:have|eat|drink|tolerate|handle))|my (?:name|pronouns))\b|"
    r"^(?:he|she|they) (?:only |also |still )?(?:has|have|owns|uses|reads|speaks)\b|"
    r"^(?:(?:a |an |severe |mild )?[\w-]+ (?:allergy|intolerance)\W*$|(?:he|she)(?:'s| is) (?:also )?"
    r"(?:gluten|dairy|nut|egg|soy|sugar)[- ]free\b|"
    r"(?!(?:it|that|this|there|he|she|what|who)\b)[a-z]+ (?:has|is) (?:adhd|autis\w*|asthma\w*|"
    r"diabet\w*|epilep\w*|dyslexi\w*|dyspraxi\w*|an? (?:\w+ )?(?:allergy|intolerance))\b)|"
    r"^(?:(?:he|she)(?:'s| is| has| turned| just turned)|they(?:'re| are| turned| just turned)) "
    r"(?:also |actually |really )?(?:(?:almost|nearly|about) )?(?:\d|now\b|got\b|been\b|allergic\b|"
    r"colou?r ?blind\b|hard of hearing\b|in a wheelchair\b|"
    r"turning \d|cut out\b|given up\b|stopped (?:eating|drinking)\b|gone (?:vegan|vegetarian)\b|"
    r"called\b|named\b|diabetic\b|c[o]?eliac\b|lactose\b|pregnant\b|vegan\b|vegetarian\b|"
    r"pescatarian\b|epileptic\b|asthmatic\b|deaf\b|blind\b|colou?rblind\b|autistic\b)|^(?:his|her) (?:name|birthday|bday|anniversary)(?:'s| is)\b|"
    r"^(?:mummy|mum|mom|mommy|dad|daddy|papa|mama|grandma|grandpa|nana) (?:is|has|'s|uses)\b|"
    r"^my (?:mom|mum|dad|father|mother|wife|husband|partner|son|daughter|kids?|brother|sister|"
    r"grandma|grandpa|boyfriend|girlfriend|bf|gf|roommate|baby|twins|child|children)(?: \w+)?(?: \(\d+\))? "
    r"(?:takes|wears|eats|drinks|owns|speaks|studies|attends)\b|"
    r"^(?:i|he|she|they) (?:also )?(?:just )?(?:got|was|were|have been|'ve been|has been) diagnosed\b|"
    r"^(?:(?:my|the|his|her|our|their) )?(?:doctor|doc|gp|dentist|vet|consultant|nurse|clinic|hospital|"
    r"dietitian|physio|therapist|cardiologist|specialist|pediatrician|paediatrician)(?:'s| has)? "
    r"(?:just |now )?(?:switched|moved|put|changed|started|upped|lowered|increased|reduced|took) "
    r"(?:(?:my|his|her|their|the|our) )?\w+ (?:over )?(?:to|on|onto|off)\b|^(?!(?:over|right|in|out|up|down) )[\w-]+(?: [\w-]+)?"
    r" here(?: \([\w -]+\))?$|"
    r"^(?:he|she)(?:'s| is) (?:obsessed with|into|crazy about|scared of|afraid of|off|on|now on|"
    r"recovering from|coming back from|nursing|getting over)\b|"
    r"^(?:he|she) (?:also |still |really |now |totally )?(?:loves|hates|adores|can't stand|uses|needs|can't eat|doesn't eat|works|eats with|"
    r"comes|visits|stays with|lives with|joins us)\b|"
    r"^(?!(?:it|that|there|what|who|where|here|he|she|this|let|today|tomorrow)\b)[a-z]+(?:'s (?:also |actually |now )?"
    r"(?:\d+\b|diabetic|epileptic|allergic|deaf|blind|pregnant|vegan|vegetarian)| is (?:actually |now )?\d{1,2} (?:now|years old)\b)|"
    r"^(?:(?:on|at|during) [\w ]{1,20}?,? )?(?:he|she|they|the kids|kids) (?:get|gets|can have|"
    r"are allowed|is allowed)\b|^we (?:always |never |usually )?(?:keep|avoid|only eat|don't eat)\b|"
    r"^(?:the )?(?:kids'?|my \w+'s|our|his|her|their) (?:school|work|shift|class|practice|daycare)"
    r"\w* (?:starts|ends|begins|finishes)\b|"
    r"^i (?:pushed|moved|postponed|rescheduled|delayed|brought forward) (?:my |the |our )?\w+"
    r"(?: \w+)? (?:to|back to|until)\b|"
    r"^nothing (?:with|containing)\b|^(?:nobody|no one|none of us|everyone|everybody)(?: here| at home| in (?:the|my|our) "
    r"(?:house|family))? (?:eats|likes|drinks|will eat|can eat|can have)\b|"
    r"^(?:(?:my|our) (?:\w+ ){1,2}(?=(?-i:[A-Z])))?(?!(?:it|that|this|there|he|she)\b)\w+(?:'s| has)? "
    r"(?:left|quit|retired|moved on|moved out|moved away|passed away|died|dropped out|pulled out|"
    r"out(?=\s*(?:$|[,.;!]))|can'?t make it|isn'?t coming)\b|"
    r"^(?!(?:it|that|this|there|she|he|they|you)\b)\w+(?:'s| has)? (?:finally )?(?:outgrown|outgrew|"
    r"grew out of|got over)\b|"
    r"^(?:the|my|our) [\w-]+(?: [\w-]+)? (?:has |have )?(?:sadly |just |finally |recently )?"
    r"(?:passed(?: away| on)?|died|ran away|went (?:back )?home)\b|"
    r"^(?:he|she|they)(?:'s| has| have)? (?:moved out|moved away|passed away|died|left|quit|"
    r"retired)\b|^(?:he|she|they) (?:also |now |only )?(?:wants|prefers|insists on)\b|"
    r"^(?:the |my |our )?(?:baby|twins|son|daughter)(?: \w+)? (?:arrived|was born|were born|is here)\b|"
    r"^(?:we|i) (?:just )?had (?:a|our|my) (?:baby|son|daughter|kid|twins)\b|"
    r"^(?:i'?m |i am |we're )?(?:cooking|shopping|cook|shop|meal prepping) for (?:me|us|two|\d)\b|"
    r"^(?:my |our |the )?(?:advisor|adviser|boss|editor|teacher|professor|prof|supervisor|manager|"
    r"client|school|journal|publisher|lab) (?:now )?(?:wants|requires|needs|prefers|insists on)\b(?! (?:it|that|this|them)\b)|"
    r"^(?:(?:my|our|the) )?new [\w-]+(?: [\w-]+)? (?:is|'s|will be)\b|"
    r"^(?:work|my (?:job|company|employer|boss|firm)) (?:is )?(?:moving|sending|relocating|"
    r"transferring) (?:me|us) to\b|"
    r"^(?:i|we) (?:start|begin|'m starting|am starting) (?:a|my|our) new\b|"
    r"^(?:(?:also|just|finally|recently) )?(?:switched (?:to|over)|sold (?:my|the|our)|"
    r"started (?:eating|running|playing|learning|working|taking)|got promoted|passed my|adopted|"
    r"got (?:a|an|our|my) |moved (?:down|up|over|back|out|across) to|"
    r"graduated|retired|moved to|have an? (?:\w+ )?(?:allergy|intolerance)|"
    r"(?:going|went|gone) (?:full|part)[- ]time|quit (?:my|the) job|can'?t (?:have|eat|drink) (?!it\b|that\b|this\b))\b",
    re.I,
)
_WHO = (
    r"(?:i|he|she|we|they|(?!(?:for|when|if|in|on|with|the|this|that|and|but|so|also|just|then|"
    r"now|please|use|keep|make|give|there|here|it|my|our|your|what|where|who|which|how|why|"
    r"whose|today|everything|nothing|something|everyone|someone)\b)(?-i:[A-Z][a-z]{2,}))"
)
SELF_FACT = re.compile(
    rf"^{_WHO}(?:'s|'m|'re| is| am| are) (?:now |also |still )?(?:an?|the) (?!(?:bit|little|lot|"
    r"fan|big fan|huge fan|way|mess|pain|nightmare|terrible|horrible|awful|bad|idiot|disaster)\b)(?:[\w-]+ ){0,3}[\w-]+(?: now)?$|"
    rf"^{_WHO} (?:also |still |now |mostly |mainly )?(?:manag|bak|teach|coach|lead|volunteer|"
    r"tutor|paint|knit|sew|garden|climb|swim|cycl|row|fish|hunt|sing|dance|does (?!not\b)\w+)"
    r"\w*\b|"
    rf"^{_WHO}(?:'s| has)? (?:just |recently |finally |also |now )?(?:adopted|became|become|joined|"
    r"switched to|started(?! to\b)|got (?:promoted|hired|a new job|a job|engaged|married|"
    r"divorced)|quit|sold|bought)\b|^(?:my|his|her|our|their) [\w-]+(?: [\w-]+)? (?:is|'s) (?-i:[A-Z][a-z]{2,})$",
    re.I,
)
"""'he's a pharmacist now', 'I manage a team of 6 engineers', 'I adopted a rabbit named Pepper':
what someone is, does or has just become, said with its subject."""
SUBJECTLESS = re.compile(
    r"^(?:(?:also|just|finally|recently) )?(?:switched|sold|started|got promoted|passed my|got an? |"
    r"adopted|graduated|retired|moved to|have an? (?:\w+ )?(?:allergy|intolerance)|"
    r"(?:going|went|gone) (?:full|part)[- ]time|quit (?:my|the) job|can'?t (?:have|eat|drink) (?!it\b|that\b|this\b))\b",
    re.I,
)


CONDITIONS = re.compile(
    r"\b(?:have|has|'ve got|got|with|diagnosed with|suffers? from)\s+(?:(?:mild|severe|chronic|"
    r"reactive|bad|really bad|type [12]|some|an?) )*(?:asthma|epilep\w*|migraines?|eczema|psoriasis|ibs|pcos|gerd|acid reflux|crohn'?s|colitis|"
    r"lupus|gout|arthritis|tinnitus|vertigo|an(?:a)?emi[ac]|hypoglyc\w*|hyperglyc\w*|hypertension|"
    r"(?:high|low) blood pressure|gastroparesis|fibromyalgia|insomnia|sleep apnea|ptsd|ocd|"
    r"bipolar|long covid|chronic (?:fatigue|pain)|a pacemaker|kidney disease|heart condition)\b",
    re.I,
)
"""A lasting health condition said in passing ('I have reactive hypoglycemia'): worth keeping."""
CANT_HAVE = re.compile(
    r"^(?!(?:you|it|that|this|there|which|who|what|i|we)\b)[a-z]+ (?:also |still |now |really )?"
    r"(?:doesn'?t|can'?t|cannot|won'?t|never) (?:eat|drink|have|tolerate|touch)s?\b"
)
"""'kofi also doesn't drink alcohol': what someone named cannot have, a fact about them."""
SUBJECTLESS_EVENT = re.compile(
    r"^(?:(?:also|just|finally|recently|welp|ugh|so) )?(?:tore|broke|injured|sprained|fractured|"
    r"dislocated|hurt) (?:my|a|an)\b|^(?:(?:also|just|finally) )?got (?:laid off|fired|let go|made "
    r"redundant)\b|^(?:now )?been (?:sober|clean|smoke-free|alcohol-free)\b",
    re.I,
)
"""'tore my achilles at practice', 'got laid off friday', 'been sober 30 days': what happened to
the user, said without 'I'."""


def with_subject(line: str, subject: str = "I") -> str:
    """'switched to bass' → 'I switched to bass': a fact said without its subject, made whole
    (with the subject of the clause before it, when given: 'He graduated and moved to ...')."""
    if not SUBJECTLESS.match(line) and not SUBJECTLESS_EVENT.match(line):
        return line
    subject = "I've" if subject == "I" and re.match(r"(?i)(?:now )?been\b", line) else subject
    if subject == "I" and re.match(r"(?i)going\b", line):
        subject = "I'm"
    return f"{subject[:1].upper()}{subject[1:]} {line[0].lower()}{line[1:]}"


def subject_before(seen: list[str], sep: str) -> str:
    """'He' for 'moved to London' in 'He graduated and moved to London': the subject of the
    clause before, when 'and' joins them; else 'I'."""
    m = re.match(r"(?i)(he|she|they|(?:my|our) \w+(?: [A-Z]\w+)?)\s", seen[-1]) if seen else None
    return m.group(1) if m and sep.strip().lower() == "and" else "I"


ONE_VALUE = ("language", "code_language", "currency", "date_format", "list_format", "diet",
              "indentation", "location", "name", "age", "spelling", "pronouns")  # fmt: skip
PERMISSION = re.compile(r"\b(?:is|are|'s|'re) (?:fine|ok|okay|allowed|welcome|back)\b", re.I)
RELAYED = re.compile(
    r"^(?:oh |and |also |ps |p\.s\. )?(?:he|she|they|(?:my|our) \w+(?: [a-z]\w+)?|[a-z]\w+) "
    r"(?:says|said|sends) (?:hi|hello|hey|thanks|thank you|cheers|their love|his love|her love)\b",
    re.I,
)
"""'she says hi btw lol', 'he says thanks for the recipes': a greeting passed on, no fact."""
GREETING = re.compile(
    r"^(?:oh |and |also |ps |anyway |btw )?(?:(?:happy|merry|blessed) (?:new year|christmas|xmas|"
    r"holidays|easter|diwali|hanukkah|chanukah|thanksgiving|eid|ramadan|lunar new year|nowruz|"
    r"passover|friday|monday|weekend)|(?:eid|ramadan) (?:mubarak|kareem)|season'?s greetings|"
    r"good (?:morning|evening))(?:\s+(?:btw|lol|haha|everyone|all|to you(?: all)?))*\W*$",
    re.I,
)
"""'Eid Mubarak!', 'merry christmas btw': a greeting of the day, no fact."""
REMARK = re.compile(
    r"^(?:the |your |those |these )?[\w-]+(?: [\w-]+)? (?:feel|feels|look|looks|seem|seems|sound|"
    r"sounds|(?:is|are|was|were|have been|has been) (?:so |really |very |a bit |kinda |pretty )?(?:annoying|great|"
    r"handy|confusing|distracting|useful|helpful|nice|lame|fake|cringe|awful|perfect|brilliant|"
    r"boring|amazing|the best|the worst|excellent|good|bad|terrible|wonderful|fantastic|exhausting|"
    r"tiring|overwhelming|hard to (?:read|scan|follow|skim)))\b|"
    r"^[\w' -]{1,30} (?:hurts?|fries|melts) my (?:brain|head|eyes)\b|"
    r"^[\w' -]{1,30} (?:is|are|was|were|'s) (?:slowing me down|holding me back|confusing me|"
    r"driving me (?:crazy|nuts))\b|^(?:the |your |those |these )?(?:[\w-]+ )?(?:answers?|replies|"
    r"responses) (?:were|was|are|is|kept) (?:missing|lacking|leaving out|skipping)\b|"
    r"^you (?:used|gave|wrote|put|added|made|did|included) [^.;]{0,40}\b(?:in|on) (?:that|this|"
    r"the|your) (?:last |previous )?(?:reply|answer|response|message|one)\b|"
    + RELAYED.pattern
    + "|"
    + GREETING.pattern,
    re.I,
)
ASKS = re.compile(
    r"^(?:how|what|what's|why|where|which|who|when) (?:do|does|did|is|are|was|can|could|would|"
    r"should|to|much|many|long|about)\b"
)
STRONG = {"fact", "name", "slot", "retract", "fragment", "permission"}
"""Clause kinds that make a weak directive head's no a yes: facts, names, one-value slots,
retractions and fragments are lasting preferences the head often misses."""


def slot_clause(clause: str) -> bool:
    """Does the clause set a one-value slot ('Cups and tablespoons for recipes', 'Python')?"""
    return any(
        s.name in ONE_VALUE or s.name.startswith(("units:", "amount:", "order:", "count:"))
        for s in slots(clause)
    )


def vetoed(clause: str) -> bool:
    """Explains, evaluates or asks ('I'm struggling with the Italian', 'numbers feel clunky')."""
    low = clause.lower().replace("\u2019", "'")
    return bool(
        TRANSIENT.search(low) or EVALUATION.search(low) or REMARK.search(low) or ASKS.search(low)
    )


def only_remarks(text: str) -> bool:
    """Thanks, praise, a greeting of the day or passed on, and nothing in the rest but remarks
    ('thank you, she loved it', 'she says hi btw lol', 'Eid Mubarak!')."""
    said = [c.strip() for c in re.split(r"[,.!;]+", text) if c.strip()]
    praised = any(
        _THANKS.match(c) or EVALUATION.search(c) or RELAYED.match(c) or GREETING.match(c)
        for c in said
    )
    return praised and all(vetoed(c) for c in said)


_THANKS = re.compile(r"(?i)^(?:thanks|thank you|thx|ty|sorry|apologies)\b")


_SUCCESSOR = re.compile(
    r"\b(?:[Mm]y|[Oo]ur) new (?:[a-z]+ ){1,2}?(?:is |called |named )?[A-Z][a-z]+|"
    r"^[A-Z][a-z]{2,} (?:is|'s) \d{1,2}(?: years old)?$"  # 'and Ava is 3', after another child
)
"""'my new roommate Yuki eats everything': a fact about the one who took someone's place."""


_DAYS_OFF = re.compile(
    r"^(?:i (?:now )?(?:have|get) )?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)days?|weekends) off\b"
)
"""'fridays off now': when the user is free, a fact of their week."""


def clause_kind(clause: str, judged: bool = False) -> str | None:
    """fact | name | slot | retract | permission | fragment | style; None when the clause only
    evaluates, explains or asks. `judged`: the caller found only evaluation words in it."""
    low = clause.lower().replace("\u2019", "'")
    if vetoed(clause):
        return None
    if name_line(clause) or re.match(r"^(?:please )?call me\b", low):
        return "name"
    if is_retraction(clause):
        return "retract"
    if FACT.search(low) or SELF_FACT.match(clause.strip()) or _SUCCESSOR.search(clause):
        return "fact"
    if _DAYS_OFF.match(low) or SUBJECTLESS_EVENT.match(low) or CANT_HAVE.match(low):
        return "fact"
    if slot_clause(clause):
        return "slot"
    if PERMISSION.search(low) and len(low.split()) <= 10:
        return "permission"
    if is_fragment(clause):
        return "fragment"
    if not judged and any(not axis.startswith("topic:") for axis, _ in classify(clause)):
        return "style"
    return None
