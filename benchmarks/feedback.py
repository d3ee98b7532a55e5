"""Feedback split on held-out text: route, sign and directive accuracy vs keyword rules and majority."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from assistant.feedback import DATA_PATH, FeedbackClassifier, load_rows
from assistant.summary import directive_lines, merge_directive, parse

RESULTS = Path(__file__).parent / "results" / "feedback.json"
# a realistic summary the extracted directives are merged into (other axes, some content)
BACKGROUND = (
    "- I'm allergic to peanuts.\n- Cite sources.\n- I use vim.\n- Add type hints.\n- No emojis."
)
_EVALUATIVE_ONLY = re.compile(
    r"\b(thanks|thank you|great|perfect|awful|terrible|wrong|meh|useless)\b"
)


def keyword_split(text: str, previous_answer: str | None) -> tuple[str, int, bool]:
    """The obvious rule baseline: questions and pasted payloads are requests; word lists for the rest."""
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
    kind = "request" if request and not (positive or negative) else "feedback"
    sign = 1 if positive > negative else -1 if negative > positive else 0
    return kind, sign, directive


def score_rows(rows: list[dict], predict) -> dict:
    """Accuracies of a predictor (text, previous) → (kind, sign, directive) on gold rows."""
    fb = [r for r in rows if r["kind"] == "feedback"]
    preds = [predict(r["text"], r.get("previous_answer")) for r in rows]
    fb_preds = [p for p, r in zip(preds, rows, strict=True) if r["kind"] == "feedback"]
    return {
        "route_accuracy": _mean([p[0] == r["kind"] for p, r in zip(preds, rows, strict=True)]),
        "sign_accuracy": _mean([p[1] == r["sign"] for p, r in zip(fb_preds, fb, strict=True)]),
        "directive_accuracy": _mean(
            [p[2] == r["directive"] for p, r in zip(fb_preds, fb, strict=True)]
        ),
    }


def majority(train: list[dict]):
    """Always the most common label of the train split."""
    fb = [r for r in train if r["kind"] == "feedback"]
    kind = Counter(r["kind"] for r in train).most_common(1)[0][0]
    sign = Counter(r["sign"] for r in fb).most_common(1)[0][0]
    directive = Counter(r["directive"] for r in fb).most_common(1)[0][0]
    return lambda text, prev: (kind, sign, directive)


def model_predictor(clf: FeedbackClassifier, rows: list[dict]):
    """Route as the model routes; sign and directive as if the user marked it feedback (so each
    head is scored on every gold feedback row, not only the ones routed right)."""
    routed = clf.split_many([r["text"] for r in rows], [r.get("previous_answer") for r in rows])
    marked = clf.split_many(
        [r["text"] for r in rows], [r.get("previous_answer") for r in rows], explicit=True
    )
    table = {
        (r["text"], r.get("previous_answer")): (a.kind, b.sign, b.directive is not None)
        for r, a, b in zip(rows, routed, marked, strict=True)
    }
    return lambda text, prev: table[(text, prev)], marked


def summary_landing(rows: list[dict], marked) -> dict:
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


def timings(rows: list[dict]) -> dict:
    """Training from scratch vs a cached load, and per-message split vs a bare one-text encoder
    call (wall times on a shared machine: the load average is recorded beside them)."""
    from assistant.encoder import get_encoder

    encoder = get_encoder()
    with tempfile.TemporaryDirectory() as cache:
        t0, c0 = time.perf_counter(), time.process_time()
        clf = FeedbackClassifier.load(encoder=encoder, cache_dir=Path(cache))
        train_s, train_cpu_s = time.perf_counter() - t0, time.process_time() - c0
        t0 = time.perf_counter()
        FeedbackClassifier.load(encoder=encoder, cache_dir=Path(cache))
        cached_s = time.perf_counter() - t0
    texts = [f"{r['text']} #{i}" for i, r in enumerate(rows[:40])]  # fresh text: no encoder cache
    t0 = time.perf_counter()
    for t in texts[:20]:
        encoder.encode([t])
    enc_s = (time.perf_counter() - t0) / 20
    t0 = time.perf_counter()
    for t in texts[20:]:
        clf.split(t, None)
    split_s = (time.perf_counter() - t0) / max(1, len(texts[20:]))
    return {
        "train_s": round(train_s, 2),
        "train_cpu_s": round(train_cpu_s, 2),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "cached_load_s": round(cached_s, 3),
        "split_ms": round(split_s * 1000, 1),
        "split_vs_encode_ratio": round(split_s / enc_s, 2) if enc_s else None,
    }


def run(data: Path | None, quick: bool) -> dict:
    train = [r for r in load_rows(DATA_PATH) if r.get("split", "train") == "train"]
    rows = load_rows(data) if data else load_rows(DATA_PATH)
    held = [r for r in rows if r.get("split") == "test"] or rows
    if quick:
        held = held[::3]
    timing = timings(held)
    clf = FeedbackClassifier.load()
    predict, marked = model_predictor(clf, held)
    result = {
        "data": str(data) if data else "assistant/data/feedback.jsonl (test split)",
        "n": len(held),
        "n_feedback": sum(r["kind"] == "feedback" for r in held),
        **score_rows(held, predict),
        **summary_landing(held, marked),
        "baseline_keywords": score_rows(held, keyword_split),
        "baseline_majority": score_rows(held, majority(train)),
        **timing,
    }
    margins = [
        result[k] - v for k, v in result["baseline_keywords"].items() if v is not None and result[k]
    ]
    result["min_margin_over_keywords"] = round(min(margins), 4) if margins else None
    result["quick"] = quick
    return result


def _mean(values: list[bool]) -> float | None:
    return round(sum(values) / len(values), 4) if values else None


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--data", type=Path, help="labelled JSONL (default: the packaged test split)"
    )
    parser.add_argument("--quick", action="store_true", help="every third held-out row")
    args = parser.parse_args(argv)
    try:
        result = run(args.data, args.quick)
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        raise SystemExit(2) from None
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result))
    sys.stdout.flush()
    return result


if __name__ == "__main__":
    main()
