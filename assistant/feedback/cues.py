"""Lexical cues the sentence embedding misses: imperatives, thanks, negation, emoji and ratings."""

from __future__ import annotations

import re
import unicodedata

import numpy as np

from assistant.summary.clauses import vetoed
from assistant.summary.slots import _OTHERS

IMPERATIVES = {
    "keep", "make", "use", "give", "skip", "stop", "avoid", "be", "write", "answer", "add", "include",
    "drop", "cut", "put", "show", "explain", "try", "remove", "respond", "reply", "tell", "talk",
    "speak", "format", "limit", "mention", "focus", "start", "end", "list", "don't", "dont", "never",
    "always", "say", "call", "assume", "remember", "note", "consider", "offer", "provide", "ask",
    "cite", "double-check", "check", "go", "tone", "quit", "leave", "lose", "ditch", "get", "switch",
    "follow", "sign", "trim", "double", "shorten", "lengthen", "simplify", "expand", "elaborate", "less",
    "more", "fewer", "no", "only", "just", "rhyme", "stick", "break", "split", "bold", "number",
}  # fmt: skip
COMPARATIVES = {
    "shorter", "longer", "simpler", "clearer", "briefer", "funnier", "friendlier", "politer",
    "smaller", "bigger", "easier", "harder", "deeper", "more", "less", "fewer", "concise",
    "casual", "formal", "detailed", "instead",
}  # fmt: skip
POSITIVE = {
    "great", "perfect", "love", "good", "nice", "awesome", "brilliant", "excellent", "helpful",
    "thanks", "thank", "thx", "ty", "cheers", "wonderful", "amazing", "fantastic", "clear",
    "correct", "lovely", "beautiful", "cool", "exactly", "works", "worked", "appreciated",
    "spot", "lifesaver", "haha", "lol", "cute", "funny", "10/10", "gr8", "yes", "super",
}  # fmt: skip
NEGATIVE = {
    "wrong", "bad", "awful", "terrible", "useless", "meh", "incorrect", "garbage", "boring",
    "annoying", "hate", "ugh", "nope", "disappointing", "confusing", "broke", "error", "ugly",
    "inaccurate", "irritating", "rambling", "gibberish", "unreadable", "childish", "cheesy",
    "weird", "kidding", "missed", "not", "doesn't", "doesnt", "don't", "isn't", "no",
}  # fmt: skip
REACTION_POSITIVE = {
    "yes", "yup", "nice", "solid", "bingo", "great", "perfect", "awesome", "cool", "thanks", "thx",
    "ty", "love", "good", "exactly", "lol",
}  # fmt: skip
"""Words a one-line thumbs-up is made of; each occurs in the labelled train/dev rows (a test checks)."""
REACTION_NEGATIVE = {
    "no", "nope", "nah", "meh", "ugh", "yikes", "lame", "bad", "wrong", "useless", "boring", "hmm",
    "not", "great",
}  # fmt: skip
"""Words a one-line thumbs-down is made of ('not great'); each occurs in the train/dev rows."""
QUESTION_START = {
    "how", "what", "what's", "whats", "why", "who", "where", "when", "which", "is", "are", "do",
    "does", "can", "could", "should", "would", "will", "any", "tell", "write", "give", "explain",
}  # fmt: skip
CUES = ("please", "pls", "next time", "from now on", "in future", "always", "never", "instead")
PREFERENCE = re.compile(
    r"\b(i'?m|i am|i prefer|i'?d (rather|prefer|like)|i (really )?(like|love|hate|dislike|enjoy)|"
    r"i (don'?t|do not|can'?t|never|always|mostly|use|work|live|eat|have|write|code)|"
    r"i (just |only |really )?(want|need)|my (favou?rite|boss)|"
    r"i'?m (not|a|an|on|in|more|learning|training|allergic|vegetarian|vegan))\b",
    re.I,
)
WHEN_I_ASK = re.compile(r"(?i)^(?:(?:also|and|oh|plus)\s+)?(?:(?:when(?:ever)?|if|any ?time|every time) i (?:ask|paste|send|share|want|need|request)\b|(?:please\s+)?(?P<all>(?:write|explain|give|show|answer|format|do)\s+(?:all (?:of )?(?:my |your |the )?\w+|every \w+|things|stuff|everything)\b(?=.*\b(?:in|like|as|with|using|simply)\b)))[^?]*$")  # fmt: skip
"""A rule for the user's later asks ('when I ask SQL questions just give me the query'; 'explain
things like I'm new to this', 'write all my code examples in Go': every ask of a kind)."""
LASTING_CUE = re.compile(
    r"\b(from now on|going forward|in general|in future|in the future|every time|whenever|"
    r"always|never|by default|for me|remember|keep in mind|all my|any time|anytime|next time|"
    r"generally|keep doing|do more of|(?:in|for) (?:every|each|all|all of your|all your) "
    r"(?:answers?|replies|reply|responses?))\b",
    re.I,
)
ONE_OFF_CUE = re.compile(
    r"\b(this one|this time|for now|just this|that one|this draft|this version|redo|again|"
    r"rewrite (it|that|this)|change (it|that|this)|in (that|this) (one|draft|answer|list|email))\b",
    re.I,
)
NEW_CONTENT = re.compile(
    r"^(?:(?:please|pls|ok|okay|now|also|hey|hi|different question|new question)[\s,:!.-]*)*"
    r"(?:(?:can|could|would|will) you |help me )?"
    r"(?:write|draft|compose|create|make|give|generate|plan|suggest|list|tell|explain|translate|"
    r"summari[sz]e|recommend|describe|find)(?: me| us)? "
    r"(?:a|an|some|\d+|my|one|two|three|five|ten)\b",
    re.I,
)
"""'Write a short thank-you note...': a request for new content even when it names a style."""
NEXT_REQUEST = re.compile(
    r"(?:^|[.!,;]\s*)(?:(?:ok|okay|and|great|cool|thanks)[\s,!]+)?now\b(?! on\b)", re.I
)
"""'now do Kyoto', 'great, now give me...': the next request after an answer."""
EDIT_THIS = re.compile(
    r"\b(make|put|turn|rewrite|redo|convert|change|trim|cut|shorten|translate|format)\b"
    r"[^.?!]{0,30}\b(it|that|this|them)\b",
    re.I,
)
"""'could you put it in a table': a change to the answer just given."""


ONCE_SAID = r"(?<!real )(?:just )?this (?:one )?(?:time|once)"  # not 'for real this time'
THIS_ANSWER = re.compile(
    r"\b(for|in|to) (this|that) (reply|answer|response|message|one|draft|version|time|question)\b|"
    r"^\W*(?:and |but |ok |okay )?(?:for|in) (?:this|that) (?:email|letter|note|post|essay|recipe|"
    r"list|plan|story|poem|text|memo|speech|caption|toast)\b|"
    r"\b(this|that|the) (last|first|second|third|previous|next) (bit|part|paragraph|line|sentence|"
    r"section|one|step|point|item|bullet|option)\b|"
    r"\b(your|the|this) next (reply|answer|response|message|one)\b|\bjust for fun\b|\bjust this once\b|"
    r"\bfor (this|that) (?:\w+ ){0,2}\w+ only\b|\b(just|only) for (this|that) \w+\b|"
    r"\b(today|tonight) only\b|\b(just|only) for (today|tonight)\b|\b" + ONCE_SAID + r"\b|"
    r"^\W*right now,? (?:i|we) (?:need|want)\b|"
    r"^\W*(?:but |and |ok |okay )?(just|only) (for )?this (week|weekend|month)\b|"
    r"\bfor (today|tonight|tomorrow)'?s? [\w' -]{1,30}? only\b|"
    r"^\W*(today|tonight)\b|\bi'?m [\w ]{2,25}?\b(today|tonight|rn)\b|\bi'?m in a (rush|hurry)\b",
    re.I,
)


_THIS_TEXT = re.compile(
    r"^\W*(?:please |pls |can you |could you )?(?:translate|summari[sz]e|proofread|reword) "
    r"(?:this|that|the following|these)\b",
    re.I,
)


def only_this_answer(text: str) -> bool:
    """'For this one only, ...', 'just for this reply', 'translate this paragraph for me': said
    to be a one-off, and nothing says it should last ('from now on', 'always')."""
    if _THIS_TEXT.match(text):
        return not LASTING_CUE.search(re.sub(r"(?i)\bfor me\b", "", text))
    return bool(THIS_ANSWER.search(text)) and not LASTING_CUE.search(text)


def points_at_answer(text: str) -> bool:
    """'redo that one', 'translate that last bit', 'write me a poem': about the answer in front of
    the user or a new piece of content, not about how to answer them in general."""
    return any(p.search(text) for p in (ONE_OFF_CUE, EDIT_THIS, NEW_CONTENT, THIS_ANSWER))


_FIRST_PERSON = re.compile(r"\b(i|i'm|i've|i'd|me|my|mine|myself|we|we're|our|ours|us)\b", re.I)
_AT_THE_ANSWER = re.compile(
    r"\b(this|that|these|those|it|its|you|your|yours|you're|answers?|responses?|repl(y|ies)|above|"
    r"here|again|now|rewrite|redo|was|were|did|didn't|ever|saved|made|worked|best)\b|[!?+]",
    re.I,
)


def about_the_user(text: str) -> bool:
    """'Dogs make me wheeze', 'Everything in my house has to be childproof': the user says
    something about themselves and their life, not about the answer in front of them (no 'this',
    'you', 'was', praise, blame or a question; not an imperative). Given as feedback, that is
    something to remember."""
    low = text.lower().replace("\u2019", "'")
    said = words(low)
    return (
        len(said) >= 3
        and said[0] not in IMPERATIVES
        and bool(_FIRST_PERSON.search(low))
        and not _AT_THE_ANSWER.search(low)
        and not set(said)
        & (POSITIVE | NEGATIVE)
        - {"hate", "hated", "spot", "no", "not", "don't", "doesn't", "isn't"}
        and not vetoed(low)
        and not points_at_answer(low)
    )


_CONTEXT_LABEL = re.compile(r"^\W*(?:(?:for|quick|some|bit of|a bit of) context|(?:a )?bit about me|about me|fyi|btw|background)\b\W*")  # fmt: skip
_HOUSEHOLD = re.compile(rf"^(?:both |all |the |my |our )*(?:{_OTHERS})\b(?! (?:and|&) me\b)|^(?:both |all )?(?:my|our) (?:\w+ )?(?:{_OTHERS})\b")  # fmt: skip
"""'Kids are Ollie 11, Hana 8', 'Both my kids, Ivy and Rex, are allergic to strawberries': said of
the household, asking nothing."""
_WANTS = re.compile(r"\b(?:i|we) (?:really |just )?(?:need|want|would like|'d like|am looking|'m looking)\b|\b(?:ideas|suggestions|tips|recommendations|recs|advice|help)\b")  # fmt: skip
_FOR_NOW = re.compile(r"\b(?:next (?:week|month)|tomorrow|tonight|this (?:week|weekend|evening)|visiting|coming over)\b")  # fmt: skip
"""'My mom is visiting from Manila next week': what is coming up, context for the next request."""
_SELF_START = {"i", "i'm", "im", "i've", "my", "we", "we're", "we've", "our"}
_ASKING = re.compile(
    r"^(?:i|we)(?: really| just)? (?:need|want|would like|'d like|am looking|'m looking|was wondering|"
    r"wonder|have a question|am trying|'m trying|am planning|'m planning|plan)\b"
)

_OPINION = re.compile(
    r"\b(?:believes?|convinced|reckons?|opinion|thinks?|suspects?|doubts?|heard|swears?|sure|certain|claims?|"
    r"feel like|read that|my view|my take)\b"
)
"""A claim about the world said in the first person ('I'm convinced X'): a view to answer on the
evidence, not a fact about the user."""


_REMEMBER = re.compile(
    r"\b(?:keep (?:that|this|it|them|him|her) in mind|bear (?:that|this|it) in mind|"
    r"for (?:future|later) (?:questions|reference|chats|answers|conversations)|"
    r"just so you know|for future reference|remember that|please remember|fyi|"
    r"(?:take|taking) (?:that|this|it) into account)\b",
    re.I,
)


_FROM_NOW = re.compile(r"\b(?:from now on|going forward|moving forward|from here on)\b", re.I)


_WHEN_RULE = re.compile(
    r"\b(?:use|give|add|include|put|keep|make|mention)\b[^.?!]*\bwhen(?:ever)? (?:i ask|"
    r"i'm asking|you explain|you're explaining|explaining|you suggest|suggesting|you recommend)\b|"
    r"\bwhen(?:ever)? i ask (?:for|about)\b[^.?!]*\b(?:put|use|add|include|give|make|keep|mention)\b|"
    r"\bwhen(?:ever)? you (?:give|write|explain|suggest|recommend|answer|reply)\b[^.?!]*\b(?:please |pls )?"
    r"(?:cite|use|add|include|put|keep|mention|show|skip|avoid)\b",
    re.I,
)
"""'use them when explaining math', 'when I ask for bedtime stories put them in': a rule."""
_WHEN_I_ASK = re.compile(r"\bwhen(?:ever)? i ask\b", re.I)


def asks_to_remember(text: str) -> bool:
    """'my husband has type 2 diabetes so keep that in mind', 'fyi for future questions: ...',
    'ts examples from now on': something said to be remembered, not a question to answer."""
    if "?" in text:
        return False
    return bool(_REMEMBER.search(text)) or bool(
        (_FROM_NOW.search(text) and not asks_for_something(text))
        or (_WHEN_RULE.search(text) and (_WHEN_I_ASK.search(text) or not points_at_answer(text)))
    )


def tells_about_self(text: str) -> bool:
    """'I teach primary school in Nairobi.': a plain statement about the user, opening with I/my/we,
    that asks for nothing ('I need a toast for my sister's wedding' asks). Not a request even when
    it is the first message: there is nothing to answer, only something to remember. A view said in
    the first person ('I'm convinced X') is answered as a request. So is a fact about the
    household said alone ('Kids are Ollie 11, Hana 8'), after any 'for context' label."""
    low = _CONTEXT_LABEL.sub("", text.strip().lower().replace("\u2019", "'"))
    said = words(low)
    household = said and "?" not in low and _HOUSEHOLD.match(low) and not _OPINION.search(low)
    if household and not (asks_for_something(low) or _WANTS.search(low) or _FOR_NOW.search(low)):
        return True
    return (
        bool(said)
        and said[0] in _SELF_START
        and not _ASKING.match(low)
        and not _OPINION.search(low)
        and about_the_user(low)
    )


_ASK_VERBS = {
    "suggest", "recommend", "plan", "find", "help", "draft", "translate", "compose", "summarize",
    "summarise", "create", "design", "generate", "describe", "compare", "calculate", "convert",
    "show", "list", "write", "give", "tell", "explain", "make", "name", "teach", "quiz", "rate",
    "check", "fix", "review", "brainstorm", "outline", "estimate", "book", "pick", "choose",
}  # fmt: skip
_FILLER_START = {
    "ok", "okay", "so", "hey", "hi", "please", "pls", "actually", "and", "also", "now", "oh", "ooh",
    "hmm", "um", "uh", "btw", "quick", "q", "question", "right", "well", "alright", "cool",
}  # fmt: skip


def asks_for_something(text: str) -> bool:
    """A question, or a request for content ('give me a vegan lasagna recipe', 'I need a toast'):
    something to answer, whatever it says about the user along the way."""
    low = text.strip().lower().replace("\u2019", "'")
    said = [w for w in words(low)]
    while said and said[0] in _FILLER_START:
        said = said[1:]
    if "?" in low or not said:
        return "?" in low
    return (
        said[0] in QUESTION_START
        or (said[0] in _ASK_VERBS and said[1:2] not in (["it"], ["that"], ["this"], ["them"]))
        or bool(_ASKING.match(" ".join(said)))
        or " ".join(said[:2]) in ("i need", "i want", "help me", "let's", "lets")
    )


USER_FACT = re.compile(
    r"\b(my (name|husband|wife|partner|kids?|son|daughter|dog|cat)|name's|call me|i run|i've|"
    r"we (have|live|are))\b",
    re.I,
)
ABOUT_ANSWERS = re.compile(r"\b(answers?|responses?|repl(y|ies)|explanations)\b", re.I)

# Written from general knowledge of how people react in chat, not from any evaluation data.
POSITIVE_EMOJI = set(
    "👍👌🙌👏🙏💯🔥✨⭐🌟🎉🥳❤♥💖💕💗💓💞💘💙💚💛💜🧡😍🥰😘😊☺🙂😀😃😄😁😆😂🤣😻🤩😎✅✔🏆🥇💪🤗😇🆗🆒🤘🤙"
)
NEGATIVE_EMOJI = set("👎😕🙁☹😞😟😒🙄😠😡🤬😤😑😐😶🤦🤷💩❌✖🚫😬😩😫😣😖😭😢🥱😴🤮🤢🤨😵🫤💔")
_EMOJI_NAMES = {"❤": "red heart", "♥": "heart", "👍": "thumbs up", "👎": "thumbs down"}
_INVISIBLE = re.compile("[\ufe0e\ufe0f\u200d\U0001f3fb-\U0001f3ff]")
_POSITIVE_EMOTICON = re.compile(r"(?<![\w:/])(?::-?\)+|:-?D\b|;-?\)|<3+)")
_NEGATIVE_EMOTICON = re.compile(r"(?<![\w:/])(?::-?\(+|:-?/(?![/\w])|:-?\|)")
_PLUS_ONE = re.compile(r"(?<![\w+])\+1\b")
_MINUS_ONE = re.compile(r"(?<![\w\-])-1\b")
_RATING = re.compile(r"\b(\d+(?:\.\d+)?)\s*(?:/|out of)\s*10\b", re.I)

_EXPLICIT = re.compile(r"^\s*(?:/(?:fb|feedback)\b|feedback\s*:)\s*(.*)\Z", re.I | re.S)
_WORD = re.compile(r"[a-z0-9']+(?:/10)?")


def parse_explicit(text: str) -> tuple[bool, str]:
    """'/fb ...', '/feedback ...' or 'feedback: ...' → (True, rest); anything else → (False, text)."""
    m = _EXPLICIT.match(text or "")
    if m is None:
        return False, text
    return True, m.group(1).strip()


def words(text: str) -> list[str]:
    """Lower-case word tokens; curly apostrophes count as straight ones."""
    return _WORD.findall(text.lower().replace("\u2019", "'"))


def is_emoji(ch: str) -> bool:
    return ch in POSITIVE_EMOJI or ch in NEGATIVE_EMOJI or unicodedata.category(ch) == "So"


def gloss_emoji(text: str) -> str:
    """Spell emoji out by their Unicode names ('👍🏼' → 'thumbs up'): MiniLM's tokenizer maps every
    emoji to [UNK], so without this the embedding of '👍' and '👎' is the same."""
    text = _INVISIBLE.sub("", text)
    if text.isascii():
        return text
    out = []
    for ch in text:
        if is_emoji(ch):
            name = _EMOJI_NAMES.get(ch) or unicodedata.name(ch, "symbol").lower()
            out.append(f" {name.removesuffix(' sign').removesuffix(' symbol')} ")
        else:
            out.append(ch)
    return re.sub(r"[ \t]+", " ", "".join(out)).strip()


def reaction_polarity(text: str) -> tuple[bool, bool]:
    """(positive, negative) signals from emoji, emoticons, '+1'/'-1' and 'n/10' ratings."""
    chars = set(_INVISIBLE.sub("", text))
    positive = bool(chars & POSITIVE_EMOJI) or bool(_POSITIVE_EMOTICON.search(text))
    negative = bool(chars & NEGATIVE_EMOJI) or bool(_NEGATIVE_EMOTICON.search(text))
    positive |= bool(_PLUS_ONE.search(text))
    negative |= bool(_MINUS_ONE.search(text))
    for m in _RATING.finditer(text):
        score = float(m.group(1))
        positive |= score >= 7
        negative |= score <= 4
    return positive, negative


def is_bare_reaction(text: str) -> bool:
    """Only reaction words, emoji, emoticons or ratings: '👍', 'nope', 'yes!! 🎉', '+1', '2/10'."""
    rest = _RATING.sub(" ", _PLUS_ONE.sub(" ", _MINUS_ONE.sub(" ", text)))
    rest = _POSITIVE_EMOTICON.sub(" ", _NEGATIVE_EMOTICON.sub(" ", rest))
    rest = "".join(" " if is_emoji(ch) else ch for ch in _INVISIBLE.sub("", rest))
    tokens = words(rest)
    reaction_words = REACTION_POSITIVE | REACTION_NEGATIVE
    return len(tokens) <= 4 and all(w in reaction_words for w in tokens) and text.strip() != ""


def lexical_features(text: str, previous_answer: str | None) -> np.ndarray:
    """One row of cues: imperative start, 'too', thanks, negation, emoji, ratings, length..."""
    low = text.lower().replace("\u2019", "'")
    tokens = words(low)
    first = tokens[0] if tokens else ""
    colon_payload = bool(re.search(r":\s*\S+(\s+\S+){2,}", text)) or text.count('"') >= 2
    positive, negative = reaction_polarity(text)
    feats = [
        first in IMPERATIVES,
        any(w in ("you", "your", "you're", "u") for w in tokens),
        bool(re.search(r"\btoo\s+(\w+)", low)),
        any(w in COMPARATIVES for w in tokens),
        any(w in ("thanks", "thank", "thx", "ty", "cheers") for w in tokens),
        any(w in ("not", "no", "don't", "dont", "never", "nope", "n't") for w in tokens),
        "?" in text,
        min(len(tokens), 60) / 20.0,
        previous_answer is not None,
        colon_payload,
        any(w in POSITIVE for w in tokens),
        any(w in NEGATIVE for w in tokens),
        bool(PREFERENCE.search(low)),
        first in QUESTION_START,
        any(c in low for c in CUES),
        len(tokens) <= 3,
        positive,
        negative,
        is_bare_reaction(text),
        not tokens,
        bool(LASTING_CUE.search(low)),
        bool(ONE_OFF_CUE.search(low)),
        bool(NEW_CONTENT.search(low)),
        bool(ABOUT_ANSWERS.search(low)),
        bool(NEXT_REQUEST.search(low)),
        bool(EDIT_THIS.search(low)),
        bool(USER_FACT.search(low)),
    ]
    return np.asarray(feats, dtype=np.float32)


N_LEXICAL = len(lexical_features("x", None))


MORE_IMPERATIVES = {  # verbs that open a rule, beside IMPERATIVES
    "comment", "spell", "flag", "label", "sprinkle", "throw", "indent", "translate", "quiz",
    "remind", "warn", "mark", "suggest", "recommend", "lead", "greet", "address", "treat",
    "loosen", "relax", "chill", "lighten", "soften", "tighten", "highlight", "link", "correct",
    "double-check", "frame", "describe", "stick", "prefer", "round", "convert",
}  # fmt: skip
