"""Corrections that stick: after one lasting directive in natural words, do later answers comply?

Method. Per directive kind (sentence limit, word limit, no bullet points, no emoji, language) and
per α ∈ {1, 0}: a fresh user of a real LocalSession (embedded SmolLM2-135M, packaged prior,
best-of-4 as shipped) asks 3 everyday questions (α = 1 users only: α only ranks, so one base rate
per kind), then gives the directive in plain words (routed, learned into the summary like any
correction; its revision is not generated, to save time), then asks 6 more questions. Compliance =
share of answers after the directive that satisfy it; `compliance_before` = the same share over
the answers before it (the model's own base rate, same run).
The compliance judge below is this file's own (whitespace words, a plain sentence split that
counts "e.g." as an end, line-start list markers, emoji by code point, Spanish by its own word
list and letters), written apart from the enforcement code (assistant.constraints)."""

from __future__ import annotations

import argparse
import json
import re
import tempfile
import time
from pathlib import Path

from benchmarks import result_path, write_result

QUESTIONS = [
    "How do I make a cup of tea?", "What should I pack for a weekend camping trip?",
    "How can I sleep better?", "What is a good way to start running?",
    "How do I keep basil alive on a windowsill?", "What should I know before adopting a cat?",
    "How do I clean a cast-iron pan?", "Any tips for a job interview?",
    "How do I save money on groceries?",
]  # fmt: skip
DIRECTIVES = {
    "sentences": "Too long. Keep every answer to two sentences at most from now on.",
    "words": "Please keep every answer under 50 words from now on.",
    "lists": "Stop using bullet points or numbered lists; always write plain paragraphs from now on.",
    "emoji": "No emoji in your answers from now on, please.",
    "language": "From now on, always answer in Spanish.",
}
COUNTABLE = ("sentences", "words", "lists", "emoji")
_SPANISH = set(["el", "la", "los", "las", "un", "una", "unos", "unas", "y", "o", "pero", "que", "de", "del", "al", "en", "con", "para", "por", "es", "son", "está", "están", "muy", "más", "también", "como", "cuando", "porque", "puedes", "tu", "tus", "su", "sus", "este", "esta"])  # fmt: skip
_ENGLISH = set(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "but",
        "that",
        "of",
        "in",
        "on",
        "with",
        "for",
        "to",
        "is",
        "are",
        "be",
        "you",
        "your",
        "it",
        "this",
    ]
)
_EMOJI_RANGES = ((0x1F000, 0x1FAFF), (0x2600, 0x27BF), (0x2B00, 0x2BFF))


def complies(kind: str, answer: str) -> bool:
    """The benchmark's own judge of one answer against one directive kind."""
    text = answer.strip()
    if kind == "sentences":
        parts = [p for p in re.split(r"(?<=[.!?])\s+|\n+", text) if re.search(r"[A-Za-z0-9]", p)]
        return len(parts) <= 2
    if kind == "words":
        return len(text.split()) <= 50
    if kind == "lists":
        return not re.search(r"^\s*([-*•+]|\d+[.)])\s", text, re.M)
    if kind == "emoji":
        return not any(lo <= ord(ch) <= hi for ch in text for lo, hi in _EMOJI_RANGES)
    if kind == "language":
        words = re.findall(r"[a-záéíóúñü]+", text.lower())
        es = sum(w in _SPANISH for w in words) + 2 * len(re.findall(r"[ñ¿¡áéíóú]", text.lower()))
        en = sum(w in _ENGLISH for w in words)
        return bool(words) and es > en
    raise ValueError(f"unknown directive kind {kind!r}")


def one_user(kind: str, alpha: float, n_before: int, n_after: int, tmp: Path, classifier) -> dict:
    from app.local_session import open_session
    from assistant.config import load_settings

    data = tmp / f"{kind}-{alpha:g}"
    settings = load_settings(
        {"data_dir": str(data), "user": "fresh"}, env={}, config_path=data / "absent.toml"
    )
    session = open_session(settings, classifier=classifier)
    session.load()
    try:
        session.set_alpha(alpha)
        asked = QUESTIONS[:n_before] if alpha == 1.0 else []  # α only ranks: one base rate per kind
        before = [session.send(q, mode="request").answer or "" for q in asked]
        routed = session.send(DIRECTIVES[kind], generate=False)
        later = QUESTIONS[n_before : n_before + n_after]
        after = [session.send(q, mode="request").answer or "" for q in later]
        return {
            "kind": kind,
            "alpha": alpha,
            "routed_as": routed.kind,
            "summary": session.summary(),
            "before": [complies(kind, a) for a in before],
            "after": [complies(kind, a) for a in after],
            "answers_after": after,
        }
    finally:
        session.close()


def share(rows: list[dict], key: str) -> float | None:
    flags = [f for r in rows for f in r[key]]
    return round(sum(flags) / len(flags), 3) if flags else None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="sentence limit only, 1 + 2 questions")
    ap.add_argument("--data", type=Path, help="unused: the questions are in this file")
    ap.add_argument("--kinds", default=",".join(DIRECTIVES))
    ap.add_argument("--before", type=int, default=3, help="questions before the directive")
    ap.add_argument("--after", type=int, default=6, help="questions after it")
    ap.add_argument("--resume", action="store_true", help="keep the users of an unfinished run")
    ap.add_argument("--summarise", action="store_true", help="only summarise the users so far")
    args = ap.parse_args(argv)
    kinds = ["sentences"] if args.quick else args.kinds.split(",")
    n_before, n_after = (1, 2) if args.quick else (args.before, args.after)
    from assistant.feedback import FeedbackClassifier

    rows_file = result_path("follow_rows", args.quick, ".jsonl")
    resume = (args.resume or args.summarise) and rows_file.is_file()
    rows = [json.loads(x) for x in rows_file.read_text().splitlines()] if resume else []
    t0 = time.perf_counter()
    if not args.summarise:
        classifier = FeedbackClassifier.load()
        done = {(r["kind"], r["alpha"]) for r in rows}
        rows_file.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
        with tempfile.TemporaryDirectory() as tmp:
            for alpha in (1.0, 0.0):  # α = 1 first: a run cut short still answers the main question
                for kind in (k for k in kinds if (k, alpha) not in done):
                    rows.append(one_user(kind, alpha, n_before, n_after, Path(tmp), classifier))
                    with rows_file.open("a") as fh:
                        fh.write(json.dumps(rows[-1], ensure_ascii=False) + "\n")
    kinds = [k for k in kinds if any(r["kind"] == k for r in rows)]
    by = lambda a, key: {  # noqa: E731
        k: share([r for r in rows if r["kind"] == k and r["alpha"] == a], key) for k in kinds
    }
    countable = [r for r in rows if r["kind"] in COUNTABLE and r["alpha"] == 1.0]
    result = {
        "benchmark": "follow",
        "quick": args.quick,
        "n": sum(len(r["after"]) for r in rows),
        "compliance_alpha1": by(1.0, "after"),
        "compliance_alpha0": by(0.0, "after"),
        "compliance_before": {
            k: share([r for r in rows if r["kind"] == k], "before") for k in kinds
        },
        "countable_compliance_alpha1": share(countable, "after"),
        "target_countable_alpha1": 0.9,
        "routed": {f"{r['kind']}@{r['alpha']:g}": r["routed_as"] for r in rows},
        "summaries": {r["kind"]: r["summary"] for r in rows if r["alpha"] == 1.0},
        "examples_after": {r["kind"]: r["answers_after"][:2] for r in rows if r["alpha"] == 1.0},
        "wall_s": round(time.perf_counter() - t0, 1),
    }
    write_result("follow", result, args.quick)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
