"""A line that only asks for this answer's content is no preference to keep: 'Explain how
vaccines train the immune system.', 'Suggest a cozy soup for tonight.', 'Critique my plan to
learn the cello in six months.', 'Translate "good luck" into Japanese.'. Such lines reached the
summary from messages that mixed a rule and a request ('be blunt with me. critique my plan ...').

A line with a lasting cue ('always', 'whenever I ask', 'from now on', 'sometimes') or that says
how to answer rather than what ('Explain things simply.', 'Give me recipes in grams.', 'Explain
grammar terms in Korean.') is not one: only an ask for a named thing, a question or the user's own
piece of work is."""

from __future__ import annotations

import re

from assistant.feedback.cues import LASTING_CUE

_LEAD = (
    r"(?:^|[:;,]\s+)\W*(?:(?:so|and|also|now|anyway|jk|ok|okay|for now|right now|just|please|pls|"
    r"but first|first)\W+)*"
    r"(?:(?:right now )?(?:can|could|would|will) (?:you|u) (?:please |pls )?|i (?:need|want) to "
    r"know |i need you to |(?:please )?help me )?"
)
_QUESTION_ASK = re.compile(
    rf"(?i){_LEAD}(?:explain|tell me|teach me|describe|show me)\s+(?:how|what|why|whether|who|"
    r"where|which)\s+(?!not\b|just\b|it\b|things\b)(?![^.]*\byou\b)\w"
)
"""'Explain how vaccines train the immune system.'; not 'explain how you got there', 'tell me
why, not just what'."""
_WORK_ASK = re.compile(
    rf"(?i){_LEAD}(?:critique|rate|review|proofread|rewrite|summari[sz]e|scale|grade|score|"
    r"translate)\s+(?:my|this|that|these|the following)\s+[\w'-]+"
)
"""'Rate my business idea: ...', 'can you scale this chili recipe to that'."""
_QUOTED_ASK = re.compile(rf"(?i){_LEAD}(?:translate|say|write|spell)\s+['\"\u2018\u201c]")
_ONE_THING = re.compile(
    rf"(?i){_LEAD}(?:(?:write me|make me|draft(?: me)?|compose(?: me)?|come up with|find me)\s+"
    r"(?:a|an|one)\b|(?:suggest|recommend|give me|write|plan|create|generate|brainstorm)\s+(?:me\s+)?"
    r"(?:a|an|one|some)\s+(?:[\w'-]+\s+){0,4}?(?:recipe|soup|lunch|dinner|breakfast|snack|meal|bio|"
    r"poem|story|haiku|msg|toast|speech|gift|itinerary|workout|playlist|caption|tweet|letter|card|"
    r"joke|song|invitation|invite|name|slogan|tagline)s?\b)"
)
"""'Suggest a cozy soup for tonight.', 'write me a two-line bio for a conference badge'."""
_SOME_THINGS = re.compile(
    rf"(?i){_LEAD}(?:(?:suggest|recommend)\s+(?:some\s+)?[\w'-]+s\s+for\s+(?:a|an|my|the|our)\b|"
    r"^\W*(?!(?:give|use|keep|write|the|my|this|same|your|each|every|any)\b)(?:[a-z'-]+ ){1,2}"
    r"recipe(?:\s+(?:pls|please|plz))?\s*(?:[,.!?]|$))"
)
"""'suggest colors for a 4-series line chart', 'pancake recipe pls, we're celebrating'."""
_TOPIC_ONLY = re.compile(
    rf"(?i){_LEAD}(?:explain|define|describe)\s+(?!(?:things|stuff|concepts?|everything|it|them|"
    r"that|this|those|these|terms|words|jargon|code|answers?|more|less|again|after|first|before|"
    r"accordingly|properly|briefly|simply|fully|clearly|why|how|what)\b)[\w'-]+(?:\s+[\w'-]+)?\W*$"
)
"""'Explain electronegativity.': a topic alone, no way of explaining it."""
_QUESTION_LINE = re.compile(
    rf"(?i){_LEAD}(?:what|what's|whats|how|how's|why)\s+(?!i\b|i'm\b|we\b|about\b|you\b)"
)
"""'Jk, what is best way to learn phrasal verbs.', "I'm 43, what vitamins should I take.": a
question kept as a line; not 'who' or 'where', which open relative clauses as often ('Kit, 14,
who lives with us half the time', 'My mum, who is 80, ...')."""
_SOMETIMES = re.compile(r"(?i)\b(?:sometimes|often|regularly|every|each|when|whenever|if)\b")


def _asks(line: str) -> re.Match | None:
    """Where in the line an ask for this answer's content starts."""
    found = [m for p in (_QUESTION_ASK, _WORK_ASK, _QUOTED_ASK, _ONE_THING, _SOME_THINGS, _QUESTION_LINE)
             if (m := p.search(line))]  # fmt: skip
    return min(found, key=lambda m: m.start()) if found else _TOPIC_ONLY.match(line)


def task_line(line: str) -> bool:
    """The line asks for this answer's content, with no lasting cue."""
    return not (LASTING_CUE.search(line) or _SOMETIMES.search(line)) and bool(_asks(line))


def without_task(line: str) -> str | None:
    """The line without the ask for this answer's content that ends it: what was said before it
    ('I want everything: explain how mortgages work.' -> 'I want everything.'), or None when
    nothing of two words or more was; the line itself when it asks for nothing."""
    m = _asks(line) if task_line(line) else None
    if m is None:
        return line
    before = re.sub(r"\W+$", "", line[: m.start()]).strip()
    return before + "." if len(before.split()) >= 2 else None


def without_tasks(directive: str | None) -> str | None:
    """A directive less the lines that only ask for this answer's content (without_task); the
    directive itself when none does, None when nothing is left. Every directive the summary takes
    passes here (graph.nodes), whatever path through the router it took ('ok back to normal.
    explain how vaccines ...' after a one-off came back as a restore)."""
    from assistant.summary.lines import directive_lines

    said = directive_lines(directive) if directive else []
    kept = [y for x in said if (y := without_task(x))]
    if kept == said:
        return directive
    return "; ".join(x.rstrip(".") for x in kept) + "." if kept else None


def only_asks(directive: str | None) -> bool:
    """Every line of the directive asks for this answer's content ('Critique my plan to learn the
    oboe in a year.'): a message whose only directive that is, is a request, whatever the router
    read (graph.nodes.route; it was taken as feedback on the answer before it and got no answer)."""
    return bool(directive) and without_tasks(directive) is None
