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
_TAKE_BACK = re.compile(
    r"\b(?:forget|drop|delete|remove|erase|clear|scrap|wipe|don'?t (?:keep|save|store|remember)|"
    r"do not (?:keep|save|store|remember)|stop (?:keeping|saving|storing|remembering))\b",
    re.I,
)


def names_kind(new: str) -> bool:
    """'Forget everything about my health conditions', "don't keep any note about my meds"."""
    return bool(_TAKE_BACK.search(new) and _HEALTH_NAMED.search(new))


def takes_back_kind(old: str, new: str) -> bool:
    """The new line takes back a kind of line (health) and the old line is of that kind."""
    return names_kind(new) and bool(_HEALTH.search(old))
