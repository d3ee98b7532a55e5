"""A line that asks for one piece of content is no line of the summary: 'write a msg to invite them
to bbq', said beside 'casual is ok now', is for this answer; 'Explain things simply.' and 'Give me
recipes in grams.' are rules for every answer and stay."""

from __future__ import annotations

import re

from assistant.summary.lines import directive_lines

_TASK = re.compile(
    r"(?i)^(?:(?:first up|next|now|ok|okay|so|and|also|then|please|pls)\W+)*"
    r"(?:(?:can|could|would|will) you |help me )?(?:(?:write|draft|compose|suggest|plan|translate|"
    r"rate|critique|review|explain|summari[sz]e|describe|compare|recommend|find)(?: me| us)? "
    r"(?:a|an|the|my|our|this|that|these|some|\d+|one|two|three|five|ten|how|what|why|which|whether)"
    r"\s+\S+\s+\S|(?:explain|define)\s+(?!(?:reasoning|jargon|after|before|later|again|more|less|\w+ly)\b)[\w-]{5,}(?<![^siu]s)\W*$|"
    r"give me (?:a|an) [\w -]*\b(?:recipe|poem|story|itinerary|workout|speech|toast|caption)\b)"
)
_SCOPED = re.compile(
    r"(?i)\b(?:when(?:ever)?|if|always|never|every|each|any|all|anything|everything|in general|"
    r"sometimes|usually|by default|from now on|going forward|answers?|repl(?:y|ies)|responses?|"
    r"questions?|stuff|things|like i'?m|you|your|at the (?:top|end|start|bottom)|first|recipes|meals|"
    r"dishes|emails|messages)\b"
)


def one_task(line: str) -> bool:
    """'Write a msg to invite them to bbq.', 'Rate my business idea: subscription socks.',
    'Explain electronegativity.': an ask for one piece of content, no rule for later answers
    (nothing scoped, no style axis or slot: 'Explain things simply.' and 'Give me recipes in
    grams.' are rules)."""
    from assistant.feedback.request_facts import names_a_rule

    said = line.strip()
    return bool(_TASK.match(said)) and not _SCOPED.search(said) and not names_a_rule(said)


def without_tasks(directive: str | None) -> str | None:
    """The directive less its lines that each ask for one piece of content (one_task); None when
    nothing else is left. A task said beside a rule is for this answer, not for the summary."""
    if not directive:
        return directive
    lines = directive_lines(directive)
    kept = [x for x in lines if not one_task(x)]
    if len(kept) == len(lines):
        return directive
    return "; ".join(x.rstrip(".") for x in kept) + "." if kept else None
