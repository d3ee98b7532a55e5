"""Feedback split on held-out text: route, sign, directive and lasting accuracy, the two routing
error rates, per-category routing, and keyword-rule and majority baselines from the same run."""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

from assistant.feedback import DATA_PATH, FeedbackClassifier, FeedbackSplit, load_rows
from assistant.summary import directive_lines, merge_directive, parse
from benchmarks import write_result

TEST_PATH = Path(__file__).parent / "data" / "feedback_test.jsonl"
# a realistic summary the extracted directives are merged into (other axes, some content)
BACKGROUND = (
    "- I'm allergic to peanuts.\n- Cite sources.\n- I use vim.\n- Add type hints.\n- No emojis."
)
_EVALUATIVE_ONLY = re.compile(
    r"\b(thanks|thank you|great|perfect|awful|terrible|wrong|meh|useless)\b"
)

Prediction = tuple[str, int, bool, bool]
"""(kind, sign, has directive, lasting) for one row."""
Predictor = Callable[[dict], Prediction]


def keyword_split(row: dict) -> Prediction:
    """The obvious rule baseline: questions and pasted payloads are requests; word lists for the rest."""
    text = row["text"]
    low = text.lower()
    words = re.findall(r"[a-z']+", low)
    request = (
        "?" in text or ":" in text or (words[:1] and words[0] in ("how", "what", "write", "why"))
    )
    positive = sum(
        w in ("thanks", "great", "perfect", "love", "good", "nice", "awesome") for w in words
    )
    negative = sum(
        w in ("wrong", "bad", "awful", "terrible", "useless", "no", "not", "too") for w in words
    )
    directive = any(
        w
        in ("please", "shorter", "longer", "more", "less", "stop", "use", "don't", "i'm", "prefer")
        for w in words
    )
    lasting = bool(re.search(r"\b(always|never|from now on|in general|in future|i'm|i am)\b", low))
    kind = "request" if request and not (positive or negative) else "feedback"
    sign = 1 if positive > negative else -1 if negative > positive else 0
    return kind, sign, directive, lasting


def majority(train: list[dict]) -> Predictor:
    """Always the most common label of the train split."""
    fb = [r for r in train if r["kind"] == "feedback"]
    kind = Counter(r["kind"] for r in train).most_common(1)[0][0]
    sign = Counter(r["sign"] for r in fb).most_common(1)[0][0]
    directive = Counter(r["directive"] for r in fb).most_common(1)[0][0]
    labelled = [r["lasting"] for r in train if r.get("lasting") is not None]
    lasting = Counter(labelled).most_common(1)[0][0] if labelled else True
    return lambda row: (kind, sign, directive, lasting)


def score(rows: list[dict], preds: list[Prediction]) -> dict:
    """Route accuracy and error rates on every row; sign and directive on gold feedback rows;
    lasting on gold directive rows that carry a lasting label."""
    pairs = list(zip(rows, preds, strict=True))
    fb = [(r, p) for r, p in pairs if r["kind"] == "feedback"]
    req = [(r, p) for r, p in pairs if r["kind"] == "request"]
    lasting = [(r, p) for r, p in fb if r["directive"] and r.get("lasting") is not None]
    by_category = defaultdict(list)
    for r, p in pairs:
        if r.get("category"):
            by_category[r["category"]].append(p[0] == r["kind"])
    return {
        "route_accuracy": _mean([p[0] == r["kind"] for r, p in pairs]),
        "request_as_feedback_rate": _mean([p[0] == "feedback" for _, p in req]),
        "feedback_as_request_rate": _mean([p[0] == "request" for _, p in fb]),
        "sign_accuracy": _mean([p[1] == r["sign"] for r, p in fb]),
        "directive_accuracy": _mean([p[2] == r["directive"] for r, p in fb]),
        "lasting_accuracy": _mean([p[3] == r["lasting"] for r, p in lasting]),
        "n_lasting": len(lasting),
        "route_accuracy_by_category": {c: _mean(v) for c, v in sorted(by_category.items())},
    }


def model_predictions(
    clf: FeedbackClassifier, rows: list[dict]
) -> tuple[list[Prediction], list[FeedbackSplit], list[FeedbackSplit]]:
    """Route as the model routes; sign, directive and lasting as if the user had marked the
    message as feedback, so each head is scored on every gold feedback row, not only those routed
    right. Returns the scored predictions and both raw splits."""
    texts = [r["text"] for r in rows]
    previous = [r.get("previous_answer") for r in rows]
    routed = clf.split_many(texts, previous)
    marked = clf.split_many(texts, previous, explicit=True)
    preds = [
        (a.kind, b.sign, b.directive is not None, b.lasting)
        for a, b in zip(routed, marked, strict=True)
    ]
    return preds, routed, marked


def summary_landing(rows: list[dict], marked: list[FeedbackSplit]) -> dict:
    """How often an extracted directive is fully present in the summary after merging, and how
    often the extraction kept a pure-evaluation word ('thanks', 'awful') it should have dropped."""
    landed, clean, n = 0, 0, 0
    for row, split in zip(rows, marked, strict=True):
        if row["kind"] != "feedback" or not row["directive"] or split.directive is None:
            continue
        n += 1
        lines = parse(merge_directive(BACKGROUND, split.directive))
        landed += all(x in lines for x in directive_lines(split.directive))
        clean += not _EVALUATIVE_ONLY.search(split.directive.lower())
    return {
        "directive_in_summary_rate": round(landed / n, 4) if n else None,
        "directive_clean_rate": round(clean / n, 4) if n else None,
        "n_directives": n,
    }


def items(rows: list[dict], routed: list[FeedbackSplit], marked: list[FeedbackSplit]) -> list[dict]:
    """Per-row predictions, so the run can be scored under another convention: the routed split,
    and what the heads say when the message is marked as feedback."""
    out = []
    for row, a, b in zip(rows, routed, marked, strict=True):
        out.append(
            {
                "text": row["text"],
                "kind": a.kind,
                "sign": a.sign,
                "directive": a.directive,
                "lasting": a.lasting,
                "uncertain": a.uncertain,
                "confidence": round(a.confidence, 4),
                "as_feedback": {"sign": b.sign, "directive": b.directive, "lasting": b.lasting},
            }
        )
    return out


def held_out(rows: list[dict]) -> list[dict]:
    """The test rows of a file; else its dev rows; else all of it."""
    for split in ("test", "dev"):
        chosen = [r for r in rows if r.get("split") == split]
        if chosen:
            return chosen
    return rows


def run(data: Path, quick: bool) -> dict:
    train = [r for r in load_rows(DATA_PATH) if r.get("split", "train") == "train"]
    held = held_out(load_rows(data))
    if quick:
        held = held[::3]
    clf = FeedbackClassifier.load()
    preds, routed, marked = model_predictions(clf, held)
    model = score(held, preds)
    keywords = score(held, [keyword_split(r) for r in held])
    base = majority(train)
    result = {
        "data": str(data),
        "quick": quick,
        "n": len(held),
        "n_feedback": sum(r["kind"] == "feedback" for r in held),
        "route_threshold": round(clf.route_threshold, 4),
        **model,
        "uncertain_rate": _mean([s.uncertain for s in routed]),
        "feedback_flagged_uncertain_rate": _mean(
            [s.uncertain for s, r in zip(routed, held, strict=True) if r["kind"] == "feedback"]
        ),
        **summary_landing(held, marked),
        "baseline_keywords": keywords,
        "baseline_majority": score(held, [base(r) for r in held]),
        "items": items(held, routed, marked),
    }
    return result


def _mean(values: list[bool]) -> float | None:
    return round(sum(values) / len(values), 4) if values else None


def main(argv: list[str] | None = None) -> dict | None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--data",
        type=Path,
        default=None,
        help=f"labelled JSONL (default: {TEST_PATH}; with --quick the dev rows of {DATA_PATH}, so "
        "CI's run on every change never looks at the test split)",
    )
    parser.add_argument("--quick", action="store_true", help="every third held-out row")
    args = parser.parse_args(argv)
    if args.data is None:
        args.data = DATA_PATH if args.quick else TEST_PATH
    if not args.data.exists():
        print(f"skipped: no labelled data at {args.data}", file=sys.stderr)
        return None
    try:
        result = run(args.data, args.quick)
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        raise SystemExit(2) from None
    write_result("feedback", result, args.quick)
    sys.stdout.flush()
    return result


if __name__ == "__main__":
    main()
