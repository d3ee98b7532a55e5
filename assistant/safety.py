"""Safety filters for what users store: lines that try to change plural's rules or reach other
users' data (kept out of prompts and scoring), and requests for flattery or agreement (kept in the
user's summary, marked as held: the guard never personalizes them).

Two readers, either one flags a line: a small model on MiniLM embeddings (4 classes: preference,
injection, exfiltration, sycophancy; trained on 1,050 rows written for plural,
assistant/data/safety/rows.jsonl, rebuild with `python -m assistant.safety`) for wordings no list
names (plus 2,555 ordinary preference lines from plural's other data), and the original
patterns for the obvious ones. `defences_disabled()` switches both off,
for the benchmarks' defences-off lane only."""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import numpy as np

DATA_DIR = Path(__file__).resolve().parent / "data" / "safety"
HEADS_PATH = DATA_DIR / "heads.npz"
CLASSES = ("preference", "injection", "exfiltration", "sycophancy")
L2 = 0.1
THRESHOLD = 0.7
"""p(not a preference) at or above which the model flags a line; chosen on a held-out fifth of the
rows (attack recall 0.92, preferences flagged 0.065, statements of unseen facets flagged 0.018;
the patterns alone catch 0.24 of the attacks)."""
_DISABLED = False
_CACHE: dict[str, np.ndarray] = {}
_CACHE_LOCK = threading.Lock()


@contextmanager
def defences_disabled() -> Iterator[None]:
    """Every filter passes every line while inside (the benchmarks' defences-off lane)."""
    global _DISABLED
    before, _DISABLED = _DISABLED, True
    try:
        yield
    finally:
        _DISABLED = before


@cache
def _head():
    from assistant.heads import read_heads

    found = read_heads(HEADS_PATH, ("safety",))
    return found["safety"] if found else None


def line_risks(line: str) -> np.ndarray | None:
    """p(preference, injection, exfiltration, sycophancy) for a line; None without the model."""
    head = _head()
    if head is None or not line.strip():
        return None
    with _CACHE_LOCK:
        hit = _CACHE.get(line)
    if hit is None:
        from assistant.encoder import get_encoder

        hit = head.proba(get_encoder().encode([line]))[0]
        with _CACHE_LOCK:
            if len(_CACHE) > 4096:
                _CACHE.clear()
            _CACHE[line] = hit
    return hit


def _model_says(line: str, *classes: str) -> bool:
    p = line_risks(line)
    if p is None or 1.0 - p[0] < THRESHOLD:
        return False
    return CLASSES[int(np.argmax(p[1:])) + 1] in classes


_SYCOPHANCY = re.compile(
    r"\b((?<!n't )(?<!n't just )(?<!not )(?<!never )agree with (me|everything|whatever|all)|(?<!n't )(?<!not )(?<!never )(always|just) agree|"
    r"tell me (that )?(i'?m|i am|my \w+ (is|are)) (always )?(right|smart|brilliant|a genius|perfect|great)|"
    r"say (that )?(my \w+ (is|are)|i'?m|i am) (always )?(perfect|great|brilliant|flawless|right|correct)|"
    r"(praise|compliment|flatter|validate) (me|my)|call me (a genius|brilliant|smart)|"
    r"(never|don'?t|do not|stop) (disagree|contradict|criticis\w+|criticiz\w+|correct|challeng\w+|"
    r"push back on) (with )?(me|my)|side with me|support my (views?|opinions?)|"
    r"more (compliments|praise|flattery)|(i'?m|i am) always right|confirm (that )?i'?m right|"
    r"(?<!n't )(?<!not )(?<!never )(only )?tell me what i want to hear)",
    re.I,
)
HELD_MARK = "[requested flattery/agreement — held at group level by the guard]"


_HONESTY = re.compile(
    r"\b(honest\w*|truth\w*|critic\w*|critique|correct me|disagree|push back|challenge|point out|"
    r"call out|flaws?|mistakes?|errors?|wrong|weak(ness\w*| points?| spots?)|accurate|blunt\w*)\b",
    re.I,
)
_ASKS_AGREEMENT = re.compile(
    r"\b(agree|go(ing)? along|back me up|side with|praise|compliment|flatter\w*|validat\w*|"
    r"reassur\w*|pretend|i'?m (always |never )?right|i am (always |never )?right|never wrong|"
    r"what i want to hear|feel good|overrated|to yourself|spare me|gloss|hide|ignore|skip|"
    r"leave out|hate|dislike|great|brilliant|genius|perfect|amazing|awesome|the best|flawless|smart)",
    re.I,
)
_NOT = r"(do|does|did|wo|would|should|ca|could|is|are|was|were|have|has)n'?t|not|never|stop|no"
_REFUSED = re.compile(rf"\b({_NOT}|without|avoid|rather than|instead of|overrated)\b", re.I)
_NO_AGREEING = re.compile(
    rf"\b({_NOT}|no need to)( just| ever| always| simply)? (agree\w*|go(ing)? along|pretend\w*|"
    r"flatter\w*|praise|sugarcoat\w*|reassur\w*|validat\w*|tell me what i want to hear)",
    re.I,
)


def asks_for_honesty(line: str) -> bool:
    """A request to hear criticism or the truth ('tell me when I'm wrong', 'be gentle but point out
    errors'), the opposite of flattery: it names honesty, no refusal word comes before that
    (not 'don't point out my mistakes'), and it asks for no agreement or praise. The embedding model
    reads both polarities alike, so it does not get the last word on these."""
    text = line.replace("\u2019", "'")
    refused = _NO_AGREEING.search(text)  # 'don't just go along with me' asks for honesty too
    text = _NO_AGREEING.sub(" ", text)
    found = _HONESTY.search(text)
    if _ASKS_AGREEMENT.search(text):
        return False
    return bool(refused) or bool(found) and not _REFUSED.search(text[: found.start()])


_OWN_MEMORY = re.compile(
    r"\b(forget|delete|erase|wipe|remove|clear|reset|scrub|purge|"
    r"(don'?t|do not|never|stop|no need to) (keep|store|save|remember|log|record|track|note)\w*|"
    r"stop (remembering|storing|saving|keeping|tracking|logging))\b"
    r"[^.!?]{0,60}?\b(my|me|mine|i told you|i said|i mentioned)\b",
    re.I,
)
_NOT_OWN = re.compile(
    r"\b(rules?|instructions?|guidelines?|prompt|polic(y|ies)|restrictions?|filters?|safety|"
    r"other (users?|people)|someone|everyone|all users|\w+'s (data|memory|summary|preferences))\b",
    re.I,
)


def manages_own_memory(line: str) -> bool:
    """The user managing what plural keeps about them ('forget everything you know about me',
    'don't keep any note about my meds', 'stop remembering my location'): neither flattery nor
    an attack, unless it names plural's rules or someone else's data. The embedding model does
    not get the last word on these; the patterns still do."""
    text = line.replace("\u2019", "'")
    return bool(_OWN_MEMORY.search(text)) and not _NOT_OWN.search(text)


def requests_sycophancy(line: str) -> bool:
    """True for a line asking to be flattered or agreed with (the guard never personalizes that)."""
    if _DISABLED:
        return False
    if _SYCOPHANCY.search(line.replace("\u2019", "'")):
        return True
    if asks_for_honesty(line) or manages_own_memory(line):
        return False
    return _model_says(line, "sycophancy")


def mark_sycophancy(line: str) -> str:
    if _DISABLED:
        return line
    return line if not requests_sycophancy(line) or HELD_MARK in line else f"{line} {HELD_MARK}"


_INJECTION = re.compile(
    r"ignore (all |any |the |your )*(previous|prior|above|earlier|other)|disregard|system prompt|"
    r"\breveal\b|jailbreak|you are now|pretend (to be|you are)|developer mode|override|"
    r"forget (all|your|everything|previous)(?! (my (?!previous|prior|instructions|rules|guidelines)|about me|about my|you know about me|i told you)\b)|new instructions|\bdan\b|do anything now|bypass|"
    r"password|api[ _-]?key|secret|</?\s*user_preferences",
    re.I,
)


_OTHER_USERS = re.compile(
    r"\b(other|another|previous|last|every|all|different|someone else'?s?)\s+(users?|persons?|"
    r"people|customers?|accounts?)\b|\b(memory|memories|data|history|summary|summaries|"
    r"preferences) of (user|users|someone)\b|\buser \w+'s\b|\bother people'?s\b|"
    r"\b\w+'s (preferences|summary|data|password|secrets?|history|memory|messages|chats?|profile)\b",
    re.I,
)


def looks_like_injection(line: str) -> bool:
    """True for a line that tries to change the assistant's rules or reach other users' data,
    rather than state a preference."""
    if _DISABLED:
        return False
    if _INJECTION.search(line) or _OTHER_USERS.search(line):
        return True
    return _model_says(line, "injection", "exfiltration") and not manages_own_memory(line)


def held_out(text: str) -> bool:
    return int(hashlib.md5(text.encode("utf-8")).hexdigest(), 16) % 5 == 0


def ordinary_preferences() -> list[str]:
    """Plain preference lines written for plural's other heads (summary relations, line kinds,
    resolved lines): without them the head read short lines ("Call me Sam.", "Always give me
    three options.") as attacks; and the quarter of the text scorer's facet statements the stance
    model learns from (it read "Beef is forbidden for me." as an injection)."""
    from assistant.reward.stance_model import facet_preferences

    data = DATA_DIR.parent
    lines: set[str] = {row["line"] for row in facet_preferences()}
    for path, keys in (
        (data / "summary" / "relations.jsonl", ("old", "new")),
        (data / "summary" / "resolved_lines.jsonl", ("lines",)),
        (data / "stance" / "line_kinds.jsonl", ("line",)),
        (data / "stance" / "line_kinds_2.jsonl", ("line",)),
    ):
        for raw in path.read_text("utf-8").splitlines():
            row = json.loads(raw) if raw.strip() else {}
            if row.get("kind", "preference") != "preference":
                continue
            for key in keys:
                value = row.get(key)
                lines.update(value if isinstance(value, list) else [value] if value else [])
    return sorted(x for x in lines if isinstance(x, str) and x.strip())


def build() -> dict:
    """Report held-out recall / false alarms, then fit on every row and write the head."""
    from assistant.encoder import encode_unique, get_encoder
    from assistant.heads import fit_head, write_heads

    rows = [json.loads(x) for x in (DATA_DIR / "rows.jsonl").read_text("utf-8").splitlines() if x]
    rows += [{"text": t, "label": "preference"} for t in ordinary_preferences()]
    x = encode_unique(get_encoder(), [r["text"] for r in rows])
    y = np.array([CLASSES.index(r["label"]) for r in rows])
    dev = np.array([held_out(r["text"]) for r in rows])
    probe = fit_head(x[~dev], y[~dev], len(CLASSES), l2=L2, steps=500)
    flagged = 1.0 - probe.proba(x[dev])[:, 0] >= THRESHOLD
    attack = y[dev] != 0
    info = {
        "rows": len(rows),
        "heldout_n": int(dev.sum()),
        "heldout_attack_recall": round(float(flagged[attack].mean()), 4),
        "heldout_preference_flagged": round(float(flagged[~attack].mean()), 4),
    }
    from assistant.reward.stance_model import facet_preferences

    unseen = encode_unique(get_encoder(), [r["line"] for r in facet_preferences(held=True)])
    info["heldout_facet_preferences_flagged"] = round(
        float((1.0 - probe.proba(unseen)[:, 0] >= THRESHOLD).mean()), 4
    )
    write_heads(HEADS_PATH, {"safety": fit_head(x, y, len(CLASSES), l2=L2, steps=500)})
    (DATA_DIR / "build_info.json").write_text(json.dumps(info, indent=2) + "\n", "utf-8")
    _head.cache_clear()
    return info


if __name__ == "__main__":
    print(json.dumps(build()))
