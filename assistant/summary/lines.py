"""A summary as lines: parse, render, split a directive into lines, compare lines."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.text import clean_line

MAX_LINE_CHARS = 300
MAX_LINES = 40


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
    return "\n".join(f"- {x}" for x in map(_clean_line, lines) if re.search(r"[^\W_]", x))


def sentence(text: str) -> str:
    text = _clean_line(text).strip(" ;,")
    if not re.search(r"[^\W_]", text):  # '.' left when a part was cut ('use grams;.')
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?…" else text + "."


def directive_lines(directive: str) -> list[str]:
    """'Keep answers short; skip bullet points.' → ['Keep answers short.', 'Skip bullet points.']"""
    parts = re.split(
        r"\s*;\s*|\n+|(?<=[.!?])(?<!\b[MD]r\.)(?<!\bMs\.)(?<!\bMrs\.)(?<!\bSt\.)\s+(?=[A-Z])",
        directive,
    )
    out = []
    for part in parts:
        line = sentence(re.sub(r"^\s*(?:[-*•]|\d+[.)](?!\d))\s*", "", part))
        if line and norm(line) not in {norm(x) for x in out}:
            out.append(line)
    return out


_POLITE = frozenset({"please", "pls", "plz", "kindly"})


def norm(line: str) -> str:
    """Lower-case words without politeness: 'Please call me Sam.' is 'Call me Sam.'"""
    return " ".join(w for w in re.findall(r"[a-z0-9']+", line.lower()) if w not in _POLITE)


def similar(a: str, b: str, threshold: float = 0.8) -> bool:
    wa, wb = set(norm(a).split()), set(norm(b).split())
    if not wa or not wb:
        return wa == wb
    return len(wa & wb) / len(wa | wb) >= threshold


_FRAGMENT_LEAD = re.compile(
    r"^(same (for|with|goes for|in)|(and|or|but|also) (for|in|with|on|when)|not (for|in|with|when|on)|"
    r"but not|except|including|ditto|likewise)\b"
)
_FRAGMENT_TAIL = re.compile(r"\b(too|as well|also|either)$")
_NOT_A_FRAGMENT = re.compile(
    r"^(i|i'm|im|i've|i'd|we|we're|you|it|it's|this|that|no|don't|never|always|please|use|keep|"
    r"give|make|add|put|write|be|stop|avoid|skip|include|correct|answer|reply|call|show|cite)\b"
)


def is_fragment(line: str) -> bool:
    """A line that only makes sense with the one before it: 'Same for the examples.', 'Or in
    texts.', 'My husband too.', 'Code comments as well.'"""
    low = norm(line)
    n = len(low.split())
    if not 0 < n <= 6:
        return False
    if _FRAGMENT_LEAD.match(low):
        return True
    return (
        bool(_FRAGMENT_TAIL.search(low))
        and not _NOT_A_FRAGMENT.match(low)
        and not _OWN_PREDICATE.search(low)
        and not _OWN_VERB.search(low)
    )


_OWN_PREDICATE = re.compile(
    r"^\w+(?: \w+){0,3} (?:is|are|was|were) (?:fine|ok|okay|good|great|welcome|allowed)\b|"
    r"^(?:my|our|his|her|their) \S+(?: \S+){0,2} (?:is|are) \w+ing\b"  # 'my sister is coming too'
)
"""'Piano examples are fine too.': a sentence with its own subject, not a fragment of the last."""
_OWN_VERB = re.compile(r"^(?:my|our|his|her|their) [\w'-]+ [a-z]{2,}s (?!(?:too|as well)\b)\w+")
"""'My partner reads these chats too.': a person and what they do, no fragment of the last."""


_ONLY_A_POINTER = re.compile(
    r"^(please |just |so )?((use|do|try|keep|include|add|ask|give|call me) (that|this|it|them|those|"
    r"these|one)|(don'?t|never|stop) (do|doing|use|using|say|saying) (that|this|it|them|those|these)|"
    r"(they|it|that|those|these)('re| are|'s| is) (fine|ok|okay|good|allowed|welcome|back|great))"
    r"( (now|instead|again|too|please|anymore|any more|from now on|for me))*$"
)


def only_points_back(line: str) -> bool:
    """'Use that.', 'Don't do that.', 'They're fine now.': nothing of its own, it only points at
    the clause before it (the same message), so it is kept with that clause, not alone."""
    return bool(_ONLY_A_POINTER.match(norm(line)))


def joined(line: str, fragment: str) -> str:
    """'Use Celsius for weather.' + 'And for oven temps too.' → 'Use Celsius for weather, and
    for oven temps too.'"""
    rest = fragment.strip().rstrip(".!?…")
    if not re.match(r"^I\b|^I'", rest):
        rest = rest[:1].lower() + rest[1:]
    return sentence(f"{line.rstrip().rstrip('.!?…')}, {rest}")


def _takes_back(line: str) -> bool:
    from assistant.summary.retraction import is_retraction  # merge imports this module

    return is_retraction(line)


def _clashes(line: str, fragment: str) -> bool:
    """The fragment gives a slot of the line another value: it is a line of its own."""
    from assistant.summary.slots import slots

    said = {s.name: s.value for s in slots(line)}
    return any(said.get(s.name) not in (None, s.value) for s in slots(fragment))


def norm_case(line: str) -> str:
    return line.strip().rstrip(".!?…")


def join_fragments(old: Sequence[str], new: Sequence[str]) -> list[tuple[str | None, str]]:
    """New lines with each fragment joined to the line it continues: the previous new line, else
    the newest existing line (which the joined line then replaces). (replaced old line, line)."""
    out: list[tuple[str | None, str]] = []
    for line in new:
        if out and only_points_back(line):
            out[-1] = (out[-1][0], joined(out[-1][1], line))
            continue
        target = out[-1][1] if out else old[-1] if old else ""
        if is_fragment(line) and _clashes(target, line):  # 'code comments in Korean too'
            out.append((None, sentence(_FRAGMENT_TAIL.sub("", norm_case(line)))))
            continue
        if is_fragment(line) and not _takes_back(line) and (out or old):
            if out:
                out[-1] = (out[-1][0], joined(out[-1][1], line))
            else:
                out.append((old[-1], joined(old[-1], line)))
            continue
        out.append((None, line))
    return out
