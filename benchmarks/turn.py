"""Turn speed: personalization overhead per turn (recall, routing, ranking, learning), without generation.

Method. A real LocalSession (embedded Chroma memory and SQLite conversations in a throw-away data dir
on the ordinary disk, the packaged feedback classifier, group prior and text scorer) talks to an
instant canned LLM: each request gets 4 distinct, realistic candidate answers, so what is timed is
everything plural adds around the model. A conversation alternates requests and natural feedback
(directives, which update the summary and trigger a revision, and evaluative remarks, which move the
posterior); every text is distinct, so the encoder cache helps only where a turn really repeats a
text. Warm-up turns first (not counted), then p50/p95 of `send()` wall time over the measured turns.

Baselines in the same run: `no_personalizer` — the same conversation through the same kind of
session with the group prior off (recall + routing + summary update + one streamed candidate, no
ranking, no posterior); `encode_5` — one bare encoder call for 5 new texts (prompt + 4 candidates),
the irreducible MiniLM cost of ranking; `storage_write` — one Chroma profile write (the disk's
fsync cost, which no compute fix removes).
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

RESULT = Path(__file__).parent / "results" / "turn.json"

TOPICS = [
    "boiling an egg", "writing a cover letter", "learning Rust", "training for a 10k run",
    "repotting a fiddle-leaf fig", "choosing a laptop", "baking sourdough", "negotiating a raise",
    "setting up a home network", "planning a trip to Lisbon", "reading a balance sheet",
    "fixing a leaky tap", "teaching a kid fractions", "writing unit tests in Python",
    "making cold brew coffee", "sleeping better", "cleaning a cast-iron pan", "saving for a house",
    "starting a vegetable garden", "giving a wedding toast", "learning chess openings",
    "caring for a new puppy", "reducing screen time", "choosing running shoes", "meal prep for a week",
    "writing a haiku", "understanding inflation", "painting a bedroom", "speaking at a meetup",
    "picking a database", "keeping houseplants alive", "making a budget spreadsheet",
    "learning to juggle", "preparing for a job interview", "stretching after a run",
    "organising a small kitchen", "writing a short story", "brewing green tea",
    "migrating to PostgreSQL", "building a birdhouse",
]  # fmt: skip
ASKS = [
    "How do I get started with {t}?", "Any advice on {t}?", "What's the most common mistake in {t}?",
    "Can you explain {t} to a beginner?", "Give me a quick plan for {t}.",
    "What should I know before {t}?",
]  # fmt: skip
FEEDBACK = [
    "too long, keep it to three sentences please", "great, thanks!", "that's not what I asked",
    "can you skip the bullet points and just write normally", "perfect, exactly what I needed",
    "less formal please, talk to me like a friend", "meh, this is pretty generic",
    "I'm vegetarian, so leave out any meat", "use metric units from now on", "nice one",
    "too many caveats, just tell me what to do", "hmm, that doesn't really help",
    "please add a concrete example next time", "that was clear, thank you",
    "stop starting with 'Great question'", "wrong, that's outdated advice",
    "shorter answers please, I read on my phone", "love it",
    "I use Python 3.12, so assume modern syntax", "not helpful at all",
]  # fmt: skip
STYLES = [
    "{T}: start small. Pick one step today and do it.",
    "Here is a short answer about {t}: focus on the basics first, then build a routine.",
    "Great question! When it comes to {t}, there are several things worth considering. First, "
    "understand your goal. Second, gather what you need. Third, practise regularly and track "
    "progress. Finally, ask for feedback from people who have done it before. Good luck!",
    "- Learn the fundamentals of {t}\n- Make a simple plan\n- Avoid the usual beginner mistakes\n"
    "- Review after a week and adjust",
    "Honestly, {t} is easier than it looks. Do the obvious thing, skip the fancy gear, and "
    "you'll be fine.",
    "In my experience {t} rewards patience: expect a few failures, note what went wrong each "
    "time, and change one thing at a time.",
]  # fmt: skip


class CannedLLM:
    """An instant model: 4 distinct realistic answers per request (no generation cost)."""

    name = "canned"
    capable = False

    def __init__(self) -> None:
        self.turn = 0
        self.seconds = 0.0

    def _answers(self, messages, n: int) -> list[str]:
        t0 = time.perf_counter()
        last = next(m["content"] for m in reversed(messages) if m["role"] == "user")
        topic = next((t for t in TOPICS if t in last), last[:40])
        self.turn += 1
        out = [
            STYLES[(self.turn + i) % len(STYLES)].format(t=topic, T=topic.capitalize())
            + f" (#{self.turn}.{i})"
            for i in range(n)
        ]
        self.seconds += time.perf_counter() - t0
        return out

    def chat(self, messages, **_kw) -> str:
        return self._answers(messages, 1)[0]

    def stream(self, messages, **_kw):
        yield self._answers(messages, 1)[0]

    def sample(self, messages, n, **_kw) -> list[str]:
        return self._answers(messages, n)


def conversation(n_turns: int, offset: int = 0) -> list[tuple[str, str]]:
    """(kind, text) pairs alternating request / feedback, every text distinct."""
    turns = []
    for i in range(n_turns):
        j = offset + i // 2
        if i % 2 == 0:
            t = TOPICS[j % len(TOPICS)]
            ask = ASKS[(j // len(TOPICS) + j) % len(ASKS)].format(t=t)
            turns.append(("request", ask))
        else:
            fb = FEEDBACK[j % len(FEEDBACK)]
            suffix = "" if j < len(FEEDBACK) else f" (again, about {TOPICS[j % len(TOPICS)]})"
            turns.append(("feedback", fb + suffix))
    return turns


def _settings(data_dir: Path):
    from assistant.config import load_settings

    overrides = {"data_dir": str(data_dir), "user": "bench"}
    return load_settings(overrides, env={}, config_path=data_dir / "absent.toml")


def _pct(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def run_session(data_dir: Path, turns, warmup, *, personalizer: bool, classifier) -> dict:
    """Time every send() (ms), minus the canned model's own time; warm-up turns not counted."""
    from graph.runtime import open_session

    llm = CannedLLM()
    extra = {} if personalizer else {"load_personalizer": False}
    session = open_session(_settings(data_dir), llm=llm, classifier=classifier, **extra)
    session.load()
    try:
        for _kind, text in warmup:
            session.send(text)
        times: dict[str, list[float]] = {"request": [], "feedback": []}
        routed_right = 0
        for kind, text in turns:
            before = llm.seconds
            t0 = time.perf_counter()
            result = session.send(text)
            ms = (time.perf_counter() - t0 - (llm.seconds - before)) * 1000
            times[kind].append(ms)
            routed_right += result.kind == kind
    finally:
        session.close()
    both = times["request"] + times["feedback"]
    return {
        "turns": len(both),
        "routed_as_intended": routed_right,
        "ms_p50": round(statistics.median(both), 1),
        "ms_p95": round(_pct(both, 0.95), 1),
        "request_ms_p50": round(statistics.median(times["request"]), 1),
        "request_ms_p95": round(_pct(times["request"], 0.95), 1),
        "feedback_ms_p50": round(statistics.median(times["feedback"]), 1),
        "feedback_ms_p95": round(_pct(times["feedback"], 0.95), 1),
    }


def encode_baseline(rounds: int) -> float:
    """p50 ms of one encoder call for 5 new texts (a prompt and 4 candidate answers)."""
    from assistant.encoder import get_encoder

    enc = get_encoder()
    times = []
    for r in range(rounds):
        texts = [f"How do I get better at {TOPICS[r % len(TOPICS)]}? ({r})"] + [
            STYLES[i].format(t=TOPICS[r % len(TOPICS)], T="X") + f" [{r}]" for i in range(4)
        ]
        t0 = time.perf_counter()
        enc.encode(texts)
        times.append((time.perf_counter() - t0) * 1000)
    return round(statistics.median(times), 1)


def storage_baseline(data_dir: Path, rounds: int) -> float:
    """p50 ms of one Chroma profile write on this disk."""
    from memory import MemoryStore

    store = MemoryStore(data_dir / "chroma-probe")
    times = []
    for r in range(rounds):
        t0 = time.perf_counter()
        store.update_profile("probe", alpha=r / rounds)
        times.append((time.perf_counter() - t0) * 1000)
    return round(statistics.median(times), 1)


def load_average() -> float | None:
    try:
        return float(Path("/proc/loadavg").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--turns", type=int, default=80, help="measured turns (default 80)")
    ap.add_argument("--quick", action="store_true", help="20 measured turns (CI)")
    ap.add_argument("--data", type=Path, default=None, help="where to put the throw-away data dir")
    ap.add_argument("--no-save", action="store_true", help="print only, keep the saved result")
    ap.add_argument("--label", default=None, help="record this run in the history as this change")
    args = ap.parse_args(argv)
    n = 20 if args.quick else max(args.turns, 2)
    if args.data is not None:
        args.data.mkdir(parents=True, exist_ok=True)
    from assistant.feedback import FeedbackClassifier

    classifier = FeedbackClassifier.load()
    warmup = conversation(8, offset=1000)
    turns = conversation(n)
    load_before = load_average()
    with tempfile.TemporaryDirectory(dir=args.data) as tmp:
        tmp = Path(tmp)
        full = run_session(tmp / "on", turns, warmup, personalizer=True, classifier=classifier)
        off = run_session(tmp / "off", turns, warmup, personalizer=False, classifier=classifier)
        storage = storage_baseline(tmp, 20)
    encode5 = encode_baseline(20)
    import torch

    result = {
        "benchmark": "turn",
        "quick": args.quick,
        "turns": full["turns"],
        "overhead_ms_p50": full["ms_p50"],
        "overhead_ms_p95": full["ms_p95"],
        "request_ms_p50": full["request_ms_p50"],
        "request_ms_p95": full["request_ms_p95"],
        "feedback_ms_p50": full["feedback_ms_p50"],
        "feedback_ms_p95": full["feedback_ms_p95"],
        "routed_as_intended": full["routed_as_intended"],
        "baseline_no_personalizer": off,
        "baseline_encode_5_ms_p50": encode5,
        "baseline_storage_write_ms_p50": storage,
        "ratio_overhead_to_no_personalizer": round(full["ms_p50"] / max(off["ms_p50"], 1e-9), 2),
        "ratio_overhead_to_encode_5": round(full["ms_p50"] / max(encode5, 1e-9), 2),
        "torch_threads": torch.get_num_threads(),
        "load_average": [load_before, load_average()],
    }
    if RESULT.is_file():
        old = json.loads(RESULT.read_text())
        for key in ("before_ms_p50", "before", "history"):
            if key in old:
                result[key] = old[key]
    if args.label:
        entry = {k: result[k] for k in ("overhead_ms_p50", "overhead_ms_p95")}
        entry["baseline_encode_5_ms_p50"] = encode5
        entry["load_average"] = result["load_average"]
        result.setdefault("history", []).append({"change": args.label, **entry})
    if not args.no_save:
        RESULT.parent.mkdir(parents=True, exist_ok=True)
        RESULT.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
