"""A kind of stored line named by a take-back ('forget everything about my health conditions',
"don't keep any note about my meds"): the lines of that kind go, whatever words they use."""

from __future__ import annotations

import re

_HEALTH_NAMED = re.compile(
    r"\b(?:health|medical|medicine|medication|medications|meds|conditions?|diagnos[ie]s|"
    r"illness(?:es)?|prescriptions?)\b",
    re.I,
)
"""The take-back names health as the kind of line to drop."""
_HEALTH = re.compile(
    r"\b(?:diabet\w*|type [12]|blood pressure|hypertension|cholesterol|asthma\w*|crohn'?s|colitis|"
    r"ibs|arthritis|cancer|epilep\w*|migraines?|depress\w*|anxiety|adhd|autis\w*|thyroid|"
    r"heart (?:attack|condition|disease|failure)|kidney (?:disease|stones?|diet)|copd|dementia|"
    r"parkinson'?s|alzheimer'?s|insomnia|sleep apnoea|sleep apnea|endometriosis|pcos|gout|"
    r"disease|disorder|syndrome|condition|diagnosed|chronic|medications?|meds|pills?|tablets?|"
    r"insulin|inhaler|prescri\w+|surgery|therapy|therapist|mental health|injur\w*|"
    r"pregnan\w*|\d+ ?(?:mg|mcg|iu)\b|aspirin|ibuprofen|paracetamol|"
    r"\w+(?:pril|sartan|statin|olol|prazole|azepam|xetine|traline|farin|formin|xaban|thyroxine))\b",
    re.I,
)
"""A line about the user's (or someone's) health: a condition, a medicine, a dose."""
_FORMAT_NAMED = re.compile(
    r"\b(?:formatting|format(?:ting)? (?:rules|stuff|things|instructions))\b", re.I
)
_FORMAT = re.compile(
    r"\b(?:bold|italics?|bullet\w*|tables?|headings?|headers?|markdown|numbered|lists?|emojis?|"
    r"(?:one-sentence |short |brief )?summary|tl;?dr|code blocks?|checkboxes|sections?)\b",
    re.I,
)
"""A line about how an answer is laid out: bold, bullets, tables, headings, a closing summary."""
_PETS_NAMED = re.compile(r"\b(?:pets?|animals)\b", re.I)
_PETS = re.compile(
    r"\b(?:pets?|cats?|dogs?|kittens?|pupp(?:y|ies)|hamsters?|rabbits?|bunn(?:y|ies)|parrots?|"
    r"budgies?|birds?|goldfish|fish|horses?|pony|ponies|guinea pigs?|tortoises?|turtles?|"
    r"snakes?|lizards?|geckos?|ferrets?|chickens?|hens?)\b",
    re.I,
)
_DIET_NAMED = re.compile(r"\bdiet (?:thing|stuff|rules?|plan)\b", re.I)
_DIET = re.compile(
    r"\b(?:keto|paleo|low[- ]carb|(?:intermittent )?fasting|whole ?30|atkins|calorie counting|"
    r"cutting|bulking|on a diet|dieting)\b",
    re.I,
)
_KINDS = (
    (_HEALTH_NAMED, _HEALTH),
    (_FORMAT_NAMED, _FORMAT),
    (_PETS_NAMED, _PETS),
    (_DIET_NAMED, _DIET),
)
_ALL = re.compile(
    r"(?i)\b(?:wipe|forget|clear|erase|delete|reset)\b (?:out )?(?:everything|all)(?: (?:you know|"
    r"you've got|you have|you remember|i(?:'ve)? (?:told|said)(?: you)?))?(?: about me)?(?=\W*(?:$|[,.;!]))|"
    r"^\W*(?:ok(?:ay)? )?(?:fresh start|clean slate|start (?:over|fresh|from scratch))\W*$"
)
"""'wipe everything you know about me', 'fresh start': every line goes."""
_BROKE_UP = re.compile(
    r"(?i)^\W*(?:(?:so|well|ugh|sadly|update:?)\W+)*(?:we|i)(?:'ve| have)? (?:just |finally )?"
    r"(?:broke up|split up|separated|got divorced|divorced|called it off)\b"
)
_PARTNER = re.compile(
    r"(?i)\b(?:boyfriend|girlfriend|bf|gf|partner|husband|wife|fianc[ée]e?|spouse)\b"
)
"""'we broke up': the lines about the partner go."""
_TAKE_BACK = re.compile(
    r"\b(?:forget|drop|delete|remove|erase|clear|scrap|wipe|don'?t (?:keep|save|store|remember)|"
    r"do not (?:keep|save|store|remember)|stop (?:keeping|saving|storing|remembering))\b",
    re.I,
)


def names_kind(new: str) -> bool:
    """'Forget everything about my health conditions', "don't keep any note about my meds",
    'forget the formatting rules'."""
    if _ALL.search(new) or _BROKE_UP.search(new):
        return True
    return bool(_TAKE_BACK.search(new)) and any(named.search(new) for named, _ in _KINDS)


def takes_back_kind(old: str, new: str) -> bool:
    """The new line takes back a kind of line (health, formatting) and the old line is of it."""
    if _BROKE_UP.search(new):
        return bool(_PARTNER.search(old))
    return (
        bool(_ALL.search(new))
        or bool(_TAKE_BACK.search(new))
        and any(named.search(new) and member.search(old) for named, member in _KINDS)
    )
