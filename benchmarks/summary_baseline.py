"""The summary merge as it was before line relations (git c91bb61: assistant/summary/axes.py,
lines.py, merge.py), frozen here so benchmarks.summary_updates can run the same sequences through
it in the same run. Never edit it to follow the product: it is the baseline."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.safety import mark_sycophancy
from assistant.summary.changes import SummaryChange
from assistant.text import clean_line

MAX_LINE_CHARS = 300
MAX_LINES = 40

# ---------------------------------------------------------------- axes.py (verbatim)
_NEGATORS = {
    "no", "not", "don't", "dont", "do not", "never", "less", "fewer", "stop", "avoid", "without",
    "skip", "drop", "cut", "hate", "dislike", "lose", "ditch", "remove", "quit", "didn't", "doesn't",
    "nor", "zero", "tone", "minus", "can't", "cannot", "instead of", "rather than", "over",
}  # fmt: skip
_NEGATING_AFTER = re.compile(
    r"^\W*(\w+\W+){0,3}?(out of it|down|are annoying|is annoying|too much|please stop|be gone)\b",
    re.I,
)


@dataclass(frozen=True)
class Axis:
    name: str
    terms: tuple[tuple[str, str], ...]
    """(regex, base polarity) pairs; a negator just before a match flips + and -."""
    content: bool = False
    fixed: tuple[tuple[str, str], ...] = ()
    """(regex, polarity) pairs checked first and never flipped ('under three sentences' = short)."""


def _flip(polarity: str) -> str:
    return {"+": "-", "-": "+", "short": "long", "long": "short", "formal": "casual",
            "casual": "formal", "metric": "imperial", "imperial": "metric"}.get(polarity, polarity)  # fmt: skip


_LANGS = (
    r"english|british english|american english|spanish|french|german|italian|portuguese|dutch|"
    r"japanese|chinese|mandarin|korean|russian|arabic|hindi|polish|swedish|greek|turkish"
)
_PROG = (
    r"python|javascript|typescript|rust|golang|java|c\+\+|c#|ruby|kotlin|swift|php|haskell|scala"
)

AXES: tuple[Axis, ...] = (
    Axis(
        "length",
        (
            (
                r"short|shorter|brief|briefer|concise|succinct|terse|to the point|trim|fluff|tl;?dr",
                "short",
            ),
            (r"long|longer|lengthy|verbose|wordy|fuller|rambl\w*|wall of text|elaborate", "long"),
        ),
        fixed=(
            (
                r"\b(under|at most|max(imum)?|no more than|up to|within)\b[^.;]*\b(sentences?|words?|lines?|paragraphs?)\b",
                "short",
            ),
            (r"\b(one|two|three|1|2|3) (sentences?|lines?|paragraph)\b", "short"),
            (
                r"\b(sentences?|words?|lines?) max\b|\bjust the highlights\b|\bcut it down\b",
                "short",
            ),
        ),
    ),
    Axis(
        "lists",
        ((r"bullets?|bullet points?|lists?|numbered|list formatting", "+"),),
        fixed=((r"\b(prose|paragraphs|write it normally|plain sentences|write sentences)\b", "-"),),
    ),
    Axis("tables", ((r"tables?", "+"),)),
    Axis("markdown", ((r"markdown|headings|headers|bold", "+"),)),
    Axis("code_blocks", ((r"code blocks?", "+"),)),
    Axis(
        "formality",
        (
            (r"formal|formally|professional|stiff|stuffy|like an adult", "formal"),
            (
                r"casual|informal|relaxed|chatty|conversational|slang|laid-back|friendly|friendlier|natural",
                "casual",
            ),
        ),
    ),
    Axis("apologies", ((r"apolog\w*|sorry", "+"),)),
    Axis("humour", ((r"jokes?|humou?r|funny|funnier|witty|puns?|playful", "+"), (r"serious", "-"))),
    Axis("emoji", ((r"emojis?|emoticons?|smileys?", "+"),)),
    Axis("enthusiasm", ((r"exclamation( marks?)?|enthusias\w*|hype|cheerful|excited", "+"),)),
    Axis(
        "filler",
        (
            (
                r"great question|compliments?|flattery|flatter\w*|openers?|preamble|greetings?|"
                r"let me know if|small talk",
                "+",
            ),
        ),
    ),
    Axis(
        "hedging",
        (
            (r"hedg\w*|disclaimers?|caveats?|maybe|wishy-washy", "+"),
            (r"decisive|confident|straight answer|direct|blunt|what you think", "-"),
        ),
    ),
    Axis(
        "technical",
        (
            (r"technical|jargon|medical terms|complex|complicated|advanced", "+"),
            (
                r"simple|simpler|simply|plain (language|english|words)|beginner|like i'?m five|eli5|simplify",
                "-",
            ),
        ),
    ),
    Axis(
        "detail",
        (
            (
                r"detail|detailed|step[- ]by[- ]step|in[- ]depth|depth|deeper|thorough|context|"
                r"background|explain\w*",
                "+",
            ),
        ),
        fixed=((r"\bjust (the|give me the) (answer|code|facts|key|dates|highlights|result)", "-"),),
    ),
    Axis("examples", ((r"examples?", "+"),)),
    Axis("sources", ((r"cite|citations?|sources?|references", "+"),)),
    Axis("clarify", ((r"clarifying questions?|ask me", "+"),)),
    Axis(
        "units",
        (
            (
                r"metric|celsius|kilomet\w*|km|grams?|kg|kilos?|centimet\w*|litres?|liters?",
                "metric",
            ),
            (
                r"imperial|fahrenheit|miles?|pounds|lbs|cups|ounces|oz|feet|inches|gallons?",
                "imperial",
            ),
        ),
    ),
    Axis("type_hints", ((r"type hints?|typing|annotations?", "+"),)),
    Axis("code_comments", ((r"comments?|docstrings?", "+"),)),
)
_CONTENT_AXES = ("language", "prog_lang", "os", "editor", "diet", "currency")
_TOPIC = re.compile(
    r"\b(?:i\s+)?(?:really\s+|strongly\s+|absolutely\s+)?(?P<verb>like|love|enjoy|adore|prefer|"
    r"(?:am|'m) (?:a )?(?:big |huge )?fan of|(?:am|'m) into|dislike|hate|can'?t stand|cannot stand|"
    r"don'?t like|do not like|(?:am|'m) not (?:a )?(?:big )?fan of|(?:am|'m) not into|"
    r"(?:have )?a (?:strong )?dislike (?:of|for)|don'?t eat|do not eat|don'?t drink|do not drink)\s+"
    r"(?P<obj>[^.;,!?]+)",
    re.I,
)
_NEG_VERB = re.compile(r"dislike|hate|stand|don'?t|do not|not", re.I)
_TRAILING = re.compile(r"\s+(now|these days|anymore|any more|actually|either|too|a lot|at all)$")


def _votes(low: str, axis: Axis) -> list[str]:
    for pattern, polarity in axis.fixed:
        if re.search(pattern, low):
            return [polarity]
    votes = []
    for pattern, base in axis.terms:
        for m in re.finditer(rf"\b(?:{pattern})\b", low):
            before = re.findall(r"[a-z']+", low[max(0, m.start() - 30) : m.start()])[-3:]
            pairs = {" ".join(before[i : i + 2]) for i in range(len(before))}
            negated = bool((set(before) | pairs) & _NEGATORS)
            negated = negated or bool(_NEGATING_AFTER.match(low[m.end() :]))
            votes.append(_flip(base) if negated else base)
    return votes


def _special_axes(low: str) -> list[tuple[str, str]]:
    """Content-like axes whose polarity is a value: language, programming language, OS, diet..."""
    found = []
    m = re.search(rf"\b(?:in|into)\s+({_LANGS})\b", low)
    if m:
        found.append(("language", m.group(1)))
    m = re.search(rf"\b({_PROG})\b", low)
    if m and not re.search(rf"\b(not|no)\s+{re.escape(m.group(1))}", low):
        found.append(("prog_lang", m.group(1)))
    m = re.search(r"\b(mac|macos|windows|linux|ubuntu|android|iphone|ios)\b", low)
    if m:
        found.append(("os", m.group(1)))
    m = re.search(r"\b(vim|neovim|emacs|vscode|vs code|pycharm|intellij)\b", low)
    if m:
        found.append(("editor", m.group(1)))
    m = re.search(r"\b(vegetarian|vegan|pescatarian|carnivore|meat[- ]eater|eat meat)\b", low)
    if m:
        negated = re.search(
            r"\b(no longer|not|n't|stopped being)\b[^.;]*" + re.escape(m.group(1)), low
        )
        found.append(("diet", ("not " if negated else "") + m.group(1)))
    m = re.search(r"\b(euros?|dollars|usd|eur|gbp|yen|rupees?)\b", low)
    if m:
        found.append(("currency", m.group(1).rstrip("s")))
    m = re.search(
        r"\b(allergic to|intolerant to) ([a-z ]+?)\b(?:$|[.;,])|\b(\w+) intolerant\b", low
    )
    if m:
        what = (m.group(2) or m.group(3)).strip()
        found.append((f"allergy:{what}", "-" if re.search(r"no longer|not", low) else "+"))
    return found


def classify(line: str) -> list[tuple[str, str]]:
    """(axis, polarity) pairs for a summary line, e.g. [('length', 'short'), ('lists', '-')]."""
    low = line.lower().replace("\u2019", "'")
    found = []
    for axis in AXES:
        votes = _votes(low, axis)
        if votes:
            found.append(
                (axis.name, max(set(votes), key=lambda v: (votes.count(v), -votes.index(v))))
            )
    found += _special_axes(low)
    if not found:
        m = _TOPIC.search(low)
        if m:
            obj = _TRAILING.sub("", re.sub(r"^(the|a|an|some|any)\s+", "", m.group("obj").strip()))
            polarity = "-" if _NEG_VERB.search(m.group("verb")) else "+"
            found.append((f"topic:{' '.join(obj.split()[:4])}", polarity))
    return found


def is_content(line: str) -> bool:
    """A fact about the person (diet, likes, tools) rather than a style rule: dropped last."""
    axes = [a for a, _ in classify(line)]
    if any(a.startswith(("topic:", "allergy:")) or a in _CONTENT_AXES for a in axes):
        return True
    return bool(re.match(r"^(i|i'm|i am|my|i've|i'd)\b", line.strip().lower()))


# ---------------------------------------------------------------- lines.py (verbatim)
def _clean_line(line: str) -> str:
    line = clean_line(line)
    if len(line) > MAX_LINE_CHARS:
        line = line[:MAX_LINE_CHARS].rsplit(" ", 1)[0] + "…"
    return line


def parse(summary: str) -> list[str]:
    """Bullet lines of a summary ('- a\\n- b'); tolerant of '*', '•', '1.' and unbulleted lines."""
    if not summary:
        return []
    lines = []
    for raw in str(summary).splitlines():
        line = _clean_line(re.sub(r"^\s*(?:[-*•]|\d+[.)])\s*", "", raw))
        if line:
            lines.append(line)
    return lines


def render(lines: Sequence[str]) -> str:
    """The summary text: one '- ' bullet per line."""
    return "\n".join(f"- {line}" for line in (_clean_line(x) for x in lines) if line)


def sentence(text: str) -> str:
    text = _clean_line(text).strip(" ;,")
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?…" else text + "."


def directive_lines(directive: str) -> list[str]:
    """'Keep answers short; skip bullet points.' → ['Keep answers short.', 'Skip bullet points.']"""
    parts = re.split(r"\s*;\s*|\n+|(?<=[.!?])\s+(?=[A-Z])", directive)
    out = []
    for part in parts:
        line = sentence(re.sub(r"^\s*(?:[-*•]|\d+[.)])\s*", "", part))
        if line and norm(line) not in {norm(x) for x in out}:
            out.append(line)
    return out


def norm(line: str) -> str:
    return " ".join(re.findall(r"[a-z0-9']+", line.lower()))


def similar(a: str, b: str, threshold: float = 0.8) -> bool:
    wa, wb = set(norm(a).split()), set(norm(b).split())
    if not wa or not wb:
        return wa == wb
    return len(wa & wb) / len(wa | wb) >= threshold


# ---------------------------------------------------------------- merge.py (the merge only)
def _conflicts(old: str, new: str) -> bool:
    """Same axis (whatever polarity: a contradiction is replaced, a repeat refreshed) or same text."""
    old_axes = {a for a, _ in classify(old)}
    new_axes = {a for a, _ in classify(new)}
    return bool(old_axes & new_axes) or similar(old, new)


def bound(lines: list[str], max_chars: int, *, keep: Sequence[str] = ()) -> list[str]:
    """Drop the oldest style lines first, then the oldest content lines, never those in `keep`."""
    lines = list(lines)
    while len(render(lines)) > max_chars:
        droppable = [i for i, x in enumerate(lines) if x not in keep]
        style = [i for i in droppable if not is_content(lines[i])]
        pick = (style or droppable or [None])[0]
        if pick is None:
            break
        del lines[pick]
    while len(render(lines)) > max_chars and lines:
        # only the newest lines remain and they are still too long: shorten the longest
        longest = max(range(len(lines)), key=lambda i: len(lines[i]))
        budget = max(20, len(lines[longest]) - (len(render(lines)) - max_chars) - 1)
        if budget >= len(lines[longest]) or len(lines) > 1 and budget <= 20:
            del lines[0]
            continue
        lines[longest] = lines[longest][:budget].rsplit(" ", 1)[0] + "…"
    return lines


def merge_directive(summary: str, directive: str, *, max_chars: int = 1200) -> str:
    """Add a directive's lines; same-axis lines are replaced, duplicates not repeated, size bounded.
    Lines asking for flattery or agreement are kept (it is the user's summary) but marked as held."""
    if not isinstance(directive, str) or not directive.strip():
        raise ValueError("empty directive: nothing to add to the preference summary")
    if max_chars < 40:
        raise ValueError(f"max_chars={max_chars} is too small for a summary (use at least 40)")
    lines = parse(summary)
    new = [mark_sycophancy(x) for x in directive_lines(directive)]
    old = [x for x in lines if not any(_conflicts(x, n) for n in new)]
    merged = old + new
    return render(bound(merged[-MAX_LINES:], max_chars, keep=new))


def change_summary(before: str, change, *, kind, cause: str, max_chars: int, llm=None):
    """The old change_summary for feedback directives (the benchmark's echo LLM is not capable,
    so the old update_summary was merge_directive)."""
    if kind != "directive":
        raise ValueError("the baseline only replays feedback directives")
    after = merge_directive(before, str(change), max_chars=max_chars)
    return SummaryChange(before, after, kind, cause, "merge")


conflicts = _conflicts
"""The old merge's rule for 'the new line replaces this one' (same axis or similar text)."""
