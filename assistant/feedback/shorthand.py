"""Text typed the way people type on a phone, spelled out before it is read for the summary:
'im not doing keto anymore, doc said to stop' → "I'm not doing keto anymore, doc said to stop".
Only words that mean one thing are expanded ('its' and 'were' are words of their own); the
request itself is answered as typed."""

from __future__ import annotations

import re

_APOSTROPHE = {
    "im": "I'm",
    "ive": "I've",
    "dont": "don't",
    "doesnt": "doesn't",
    "didnt": "didn't",
    "cant": "can't",
    "wont": "won't",
    "isnt": "isn't",
    "arent": "aren't",
    "wasnt": "wasn't",
    "werent": "weren't",
    "havent": "haven't",
    "hasnt": "hasn't",
    "shouldnt": "shouldn't",
    "wouldnt": "wouldn't",
    "couldnt": "couldn't",
    "thats": "that's",
    "whats": "what's",
    "theyre": "they're",
    "youre": "you're",
    "hes": "he's",
    "shes": "she's",
}
_SHORT = {
    "i": "I",
    "u": "you",
    "ur": "your",
    "r": "are",
    "thx": "thanks",
    "ty": "thank you",
    "bc": "because",
    "b/c": "because",
    "cuz": "because",
    "coz": "because",
    "w/": "with",
    "w/o": "without",
    "abt": "about",
    "ppl": "people",
    "tmrw": "tomorrow",
    "gonna": "going to",
    "wanna": "want to",
    "vegeterian": "vegetarian",
    "vegitarian": "vegetarian",
    "alergic": "allergic",
    "allergik": "allergic",
    "alergy": "allergy",
    "rember": "remember",
    "remeber": "remember",
    "recomend": "recommend",
    "becuase": "because",
    "tommorow": "tomorrow",
}
_WORDS = {**_APOSTROPHE, **_SHORT}
_TYPED = re.compile(
    r"(?<![\w'/])(" + "|".join(re.escape(w) for w in sorted(_WORDS, key=len, reverse=True)) + r")"
    r"(?![\w'/])",
    re.I,
)


def _spelled(m: re.Match) -> str:
    word = m.group(1)
    if word.isupper() and word != "I":  # 'IM', 'R' (the language), 'U': kept as written
        return word
    full = _WORDS[word.lower()]
    return full[:1].upper() + full[1:] if word[:1].isupper() else full


_IN_LAW = {"MIL": "mother", "FIL": "father", "SIL": "sister", "BIL": "brother"}
_IN_LAWS = re.compile(r"(?i:\b(?:my |our )?)\b(MIL|FIL|SIL|BIL)\b")


_HE_DONT = re.compile(
    r"\b((?i:he|she|it)|(?i:my|our|his|her) [a-z]+|(?!(?:Actually|Please|Pls|Just|Also|So|And|But|"
    r"Then|Now|Ok|Okay|Oh|Still|Really|Honestly|Seriously|Maybe|Why|Guys|You|We|They|Ya|Yeah|No|"
    r"Nah|Wait|Hey|Hi|Hmm|Um|Well|Lol|Srsly)\b)[A-Z][a-z]+) don't\b"
)
"""'he don't eat pork' as typed, read as 'he doesn't eat pork'."""


def spelled_out(text: str) -> str:
    """'ok u can drop the emojis, im at work' → 'ok you can drop the emojis, I'm at work';
    'MIL went home' → 'my mother-in-law went home'."""
    from assistant.summary.terse import style_labels

    text = _IN_LAWS.sub(lambda m: f"my {_IN_LAW[m.group(1)]}-in-law", text)
    text = _HE_DONT.sub(r"\1 doesn't", _TYPED.sub(_spelled, text))  # 'he dont eat pork'
    return style_labels(text)  # 'emojis: yes' → 'use emojis'
