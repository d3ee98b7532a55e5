"""Turn speed: personalization overhead per turn (recall, routing, ranking, learning), without generation.

Method. A real LocalSession (embedded Chroma memory and SQLite conversations in a throw-away data dir
on the ordinary disk, the packaged feedback classifier, group prior and text scorer) talks to an
instant canned LLM: each request gets 4 distinct, realistic candidate answers (one line to ~200
tokens, cycling through 8 styles; the embedded model answers in up to 256 tokens), so what is timed is
everything plural adds around the model. A conversation alternates requests and natural feedback
(directives, which update the summary and trigger a revision, and evaluative remarks, which move the
posterior); every text is distinct, so the encoder cache helps only where a turn really repeats a
text. Warm-up turns first (not counted), then p50/p95 of `send()` wall time over the measured turns.
The machine is shared with other jobs, so every lane below runs interleaved turn by turn with the
measured session: a load spike hits the baselines too, and the ratios are what to compare.

Baselines in the same run: `no_personalizer` — the same conversation through the same kind of
session with the group prior off (recall + routing + summary update + one streamed candidate, no
ranking, no posterior; other topics, so it never reuses the measured session's cached encodings);
`before_fixes` — the full session with this file's speed fixes undone in-process (default torch
and BLAS threads for small work, one padded encoder batch, fsync per SQLite checkpoint); `encode_5` — one bare encoder call for 5 new texts (prompt + 4 candidates),
the irreducible MiniLM cost of ranking (and the same at torch's default thread count, the code
before the small-batch fix); `storage_write` — one Chroma profile write (the disk's
fsync cost, which no compute fix removes).

Then the embedded model itself (benchmarks/turn_model.py; --no-model skips it): turn10_over_turn1
over one 10-question conversation with the KV cache kept vs emptied each turn, the first drafted
piece's latency, and an int8 MiniLM probe (faster, but does its embedding agree?).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks import result_path

RESULT = result_path("turn")
OTHER_OFFSET = 23
BEFORE_OFFSET = 11
"""The baseline sessions talk about other topics, so they never hit texts the encoder has cached."""

TEXTS = json.loads((Path(__file__).parent / "data" / "turn_texts.json").read_text())
TOPICS, ASKS, FEEDBACK, STYLES = (TEXTS[k] for k in ("TOPICS", "ASKS", "FEEDBACK", "STYLES"))
QUESTIONS = TEXTS["QUESTIONS"]
"""The embedded-model lane's conversation: ten everyday questions, one after another."""


class CannedLLM:
    """An instant model: 4 distinct realistic answers per request (no generation cost)."""

    name = "canned"
    capable = False

    def __init__(self, tag: str = "") -> None:
        self.tag = tag
        self.turn = 0
        self.seconds = 0.0

    def _answers(self, messages, n: int) -> list[str]:
        t0 = time.perf_counter()
        last = next(m["content"] for m in reversed(messages) if m["role"] == "user")
        topic = next((t for t in TOPICS if t in last), last[:40])
        self.turn += 1
        out = [
            STYLES[(self.turn + i) % len(STYLES)].format(t=topic, T=topic.capitalize())
            + f" (#{self.tag}{self.turn}.{i})"
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


class Meter:
    """Where the measured session's time goes: MiniLM, Chroma reads and writes (per turn, ms).
    Patches the classes for the run; counts only while `active` (the measured lane's turns)."""

    PARTS = {
        "encoder": ("assistant.encoder", "Encoder", ["_embed"]),
        "memory_read": ("memory.store", "MemoryStore", ["_user_record", "recall"]),
        "memory_write": (
            "memory.store",
            "MemoryStore",
            ["_write_user_records", "_store_versions", "_write_statements"],
        ),
    }

    def __init__(self, stack: contextlib.ExitStack):
        import importlib

        self.active = False
        self.ms = dict.fromkeys(self.PARTS, 0.0)
        for part, (module, cls_name, methods) in self.PARTS.items():
            cls = getattr(importlib.import_module(module), cls_name)
            for name in methods:
                original = getattr(cls, name)
                setattr(cls, name, self._timed(part, original))
                stack.callback(setattr, cls, name, original)

    def _timed(self, part: str, fn):
        def timed(*args, **kwargs):
            if not self.active:
                return fn(*args, **kwargs)
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.ms[part] += (time.perf_counter() - t0) * 1000

        return timed

    def per_turn(self, turns: int) -> dict:
        return {f"{k}_ms": round(v / max(turns, 1), 1) for k, v in self.ms.items()}


class Lane:
    """One measured stream of turns: a session (or a bare probe) timed turn by turn."""

    def __init__(self, name: str, step):
        self.name, self.step = name, step
        self.times: dict[str, list[float]] = {"request": [], "feedback": []}
        self.routed_right = 0

    def run(self, i: int, kind: str) -> None:
        ms, routed = self.step(i)
        self.times[kind].append(ms)
        self.routed_right += routed == kind

    def summary(self) -> dict:
        both = self.times["request"] + self.times["feedback"]
        return {
            "turns": len(both),
            "routed_as_intended": self.routed_right,
            "ms_p50": round(statistics.median(both), 1),
            "ms_p95": round(_pct(both, 0.95), 1),
            "request_ms_p50": round(statistics.median(self.times["request"]), 1),
            "request_ms_p95": round(_pct(self.times["request"], 0.95), 1),
            "feedback_ms_p50": round(statistics.median(self.times["feedback"]), 1),
            "feedback_ms_p95": round(_pct(self.times["feedback"], 0.95), 1),
        }


@contextlib.contextmanager
def fixes_undone():
    """The code as it was before the speed fixes: torch's and BLAS's default thread counts for
    small work, and uncached texts encoded in one padded batch in input order."""
    import assistant.encoder as encoder_module

    saved = encoder_module.one_thread, encoder_module.length_chunks
    encoder_module.one_thread = contextlib.nullcontext
    encoder_module.length_chunks = lambda texts, size: [
        texts[i : i + size] for i in range(0, len(texts), size)
    ]
    try:
        yield
    finally:
        encoder_module.one_thread, encoder_module.length_chunks = saved


def session_lane(
    name, data_dir: Path, turns, warmup, *, personalizer: bool, classifier, stack, meter=None,
    undo_fixes: bool = False,
):  # fmt: skip
    """A real session; each step is one send() in ms, minus the canned model's own time. With
    undo_fixes, the session runs as before the speed fixes (fixes_undone, fsync per checkpoint)."""
    from app.local_session import open_session

    llm = CannedLLM(tag=name)
    extra = {} if personalizer else {"load_personalizer": False}
    session = open_session(_settings(data_dir), llm=llm, classifier=classifier, **extra)
    session.load()
    stack.callback(session.close)
    if undo_fixes:
        session.checkpoints.conn.execute("PRAGMA synchronous=FULL")
    undo = fixes_undone if undo_fixes else contextlib.nullcontext
    with undo():
        for _kind, text in warmup:
            session.send(text)

    def step(i: int) -> tuple[float, str]:
        before = llm.seconds
        if meter is not None:
            meter.active = True
        t0 = time.perf_counter()
        with undo():
            result = session.send(turns[i][1])
        if meter is not None:
            meter.active = False
        return (time.perf_counter() - t0 - (llm.seconds - before)) * 1000, result.kind

    return Lane(name, step)


def encode_lane(name: str, *, one_thread: bool) -> Lane:
    """One encoder call for 5 new texts (a prompt and 4 candidate answers) per step; with
    one_thread=False, small batches use torch's default thread count (the code before the fix)."""
    import assistant.encoder as encoder_module

    enc = encoder_module.get_encoder()
    tag = "a" if one_thread else "b"

    def step(i: int) -> tuple[float, str]:
        topic = TOPICS[i % len(TOPICS)]
        texts = [f"How do I get better at {topic}? ({tag}{i})"] + [
            STYLES[(i + j) % len(STYLES)].format(t=topic, T=topic) + f" [{tag}{i}]"
            for j in range(4)
        ]
        saved = encoder_module.SMALL_BATCH_TOKENS
        encoder_module.SMALL_BATCH_TOKENS = saved if one_thread else -1
        try:
            t0 = time.perf_counter()
            enc.encode(texts)
            return (time.perf_counter() - t0) * 1000, ""
        finally:
            encoder_module.SMALL_BATCH_TOKENS = saved

    return Lane(name, step)


def storage_lane(name: str, data_dir: Path) -> Lane:
    """One Chroma profile write on this disk per step."""
    from memory import MemoryStore

    store = MemoryStore(data_dir / "chroma-probe")

    def step(i: int) -> tuple[float, str]:
        t0 = time.perf_counter()
        store.update_profile("probe", alpha=(i % 100) / 100)
        return (time.perf_counter() - t0) * 1000, ""

    return Lane(name, step)


def load_average() -> float | None:
    try:
        return float(Path("/proc/loadavg").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def embedded_model(quick: bool, tmp: Path, classifier) -> dict:
    """The embedded-model lanes and the int8 encoder probe (benchmarks/turn_model.py)."""
    from assistant.config import load_settings
    from benchmarks.turn_model import int8_encoder_probe, model_lanes, settings_factory

    questions = QUESTIONS[: 2 if quick else 10]
    lanes = model_lanes(
        questions, settings_factory(tmp, load_settings), classifier, baseline=not quick
    )
    cached = lanes["cached"]
    key = f"turn{len(questions)}_over_turn1"
    texts = [QUESTIONS[0], *(STYLES[i].format(t="tea", T="Tea") for i in range(4))]
    return {
        "model": "embedded SmolLM2-135M, best-of-4 as shipped, one conversation",
        key: cached[key],
        f"{key}_per_piece": cached[f"{key}_per_piece"],
        "first_piece_s_p50": cached["first_piece_s_p50"],
        "model_lanes": lanes,
        "encoder_int8_probe": int8_encoder_probe(texts, 5 if quick else 20),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--turns", type=int, default=80, help="measured turns (default 80)")
    ap.add_argument("--quick", action="store_true", help="20 measured turns (CI)")
    ap.add_argument("--data", type=Path, default=None, help="where to put the throw-away data dir")
    ap.add_argument("--no-save", action="store_true", help="print only, keep the saved result")
    ap.add_argument("--label", default=None, help="record this run in the history as this change")
    ap.add_argument("--no-model", action="store_true", help="skip the embedded-model lanes")
    args = ap.parse_args(argv)
    n = 20 if args.quick else max(args.turns, 2)
    if args.data is not None:
        args.data.mkdir(parents=True, exist_ok=True)
    from assistant.feedback import FeedbackClassifier

    classifier = FeedbackClassifier.load()
    turns, other = conversation(n), conversation(n, offset=OTHER_OFFSET)
    before_turns = conversation(n, offset=BEFORE_OFFSET)
    load_before = load_average()
    with tempfile.TemporaryDirectory(dir=args.data) as tmp, contextlib.ExitStack() as stack:
        tmp = Path(tmp)
        kw = {"classifier": classifier, "stack": stack}
        meter = Meter(stack)
        warm = conversation(8, 1000)
        lanes = [
            session_lane("full", tmp / "on", turns, warm, personalizer=True, meter=meter, **kw),
            session_lane(
                "off", tmp / "off", other, conversation(8, 2000), personalizer=False, **kw
            ),
            session_lane(
                "before",
                tmp / "before",
                before_turns,
                conversation(8, 3000),
                personalizer=True,
                undo_fixes=True,
                **kw,
            ),  # fmt: skip
            encode_lane("encode5", one_thread=True),
            encode_lane("encode5_default_threads", one_thread=False),
            storage_lane("storage", tmp),
        ]
        for i, (kind, _text) in enumerate(turns):
            for lane in lanes:  # interleaved, so load from other jobs hits every lane alike
                lane.run(i, kind)
        model = {} if args.no_model else embedded_model(args.quick, tmp, classifier)
    full, off, old, encode5, encode5_mt, storage = (lane.summary() for lane in lanes)
    encode5, storage = encode5["ms_p50"], storage["ms_p50"]
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
        "breakdown_per_turn": meter.per_turn(full["turns"]),
        "baseline_no_personalizer": off,
        "baseline_before_fixes": old,
        "speedup_vs_before_fixes_p50": round(old["ms_p50"] / max(full["ms_p50"], 1e-9), 2),
        "baseline_encode_5_ms_p50": encode5,
        "baseline_encode_5_default_threads_ms_p50": encode5_mt["ms_p50"],
        "baseline_storage_write_ms_p50": storage,
        "ratio_overhead_to_no_personalizer": round(full["ms_p50"] / max(off["ms_p50"], 1e-9), 2),
        "ratio_overhead_to_encode_5": round(full["ms_p50"] / max(encode5, 1e-9), 2),
        "note": "compare within one run (ratios, baseline_before_fixes); history entries are "
        "runs at different machine loads (load_average) and, before the last ones, shorter answers",
        "target_overhead_ms_p50": 50,
        **model,
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
        out = result_path("turn", args.quick)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
