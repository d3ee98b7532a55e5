"""TUI latency: process start → first paint, → model ready; enter → first visible token (a draft
or the answer) and → the ranked answer settled on screen; best-of-N next to a single sample.

Method. Each measurement is a fresh `python -m benchmarks.tui --child KIND` subprocess; the parent
passes its wall clock just before spawning, so "process start" includes interpreter start and imports.
The child runs the real PluralApp headless (`App.run_test(headless=True)`, the same compositor and
workers as a terminal, no tty), with the real session (`app.local_session.open_session`, embedded
SmolLM2 via llama.cpp) in a throw-away data dir and a shared throw-away cache dir. The app records
`perf_counter` stamps on the UI thread: first refresh after mount, model ready, the first piece of
text put on screen after enter (a best-of-N draft, or the streamed answer when N = 1), and the turn
settled (the ranked winner in place).
Lanes, in the same run, alternating: `best` — the shipped best-of-N (n_candidates = 4); `single` —
the same app with n_candidates = 1 (no ranking; tokens stream as written), whose answer time is
what best-of-N is compared with. Baselines: `bare` — a minimal Textual app with one Label (first
paint floor); `direct` — the best-of-N session without UI (first piece and whole turn via the
callbacks). Medians over --runs (3; --quick 1) of each run's first turn. The first run of each lane
also asks 10 questions in a row (not with --quick) and reports turn 10 next to turn 1.
A warm-up `direct` run first fills the cache (classifier etc.) and is not counted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import result_path

PROMPTS = (
    "Give me one tip for writing clear emails.",
    "How do I keep basil alive on a windowsill?",
    "What is a quick dinner I can cook in 15 minutes?",
    "Explain what a mortgage is in simple words.",
    "How can I fall asleep faster?",
    "What should I pack for a weekend hike?",
    "How do I ask my manager for a raise?",
    "Suggest a name for a small bakery.",
    "Why is the sky blue?",
    "How do I remove a coffee stain from a shirt?",
)
TIMEOUT_S = 600
LANES = {"best": 4, "single": 1}
TARGET_FIRST_VISIBLE_S = 1.0
TARGET_RANKED_VS_SINGLE = 1.3


def _settings(data_dir: Path, cache_dir: Path, backend: str = "local", n: int = 4):
    from assistant.config import load_settings

    overrides = {
        "data_dir": str(data_dir),
        "cache_dir": str(cache_dir),
        "user": "bench",
        "llm.backend": backend,
        "n_candidates": n,
    }
    return load_settings(overrides, env={}, config_path=data_dir / "absent.toml")


def _session(kind: str, data_dir: Path, cache_dir: Path, n: int = 4):
    """`real`: the shipped session; `real-no-prior`: the same without the group prior (ranking
    off, one candidate); `echo`: the shipped session with the offline echo LLM (UI, memory and
    ranking cost without the language model)."""
    from app.local_session import open_session

    backend = "echo" if kind == "echo" else "local"
    extra = {"load_personalizer": False} if kind == "real-no-prior" else {}
    return open_session(_settings(data_dir, cache_dir, backend, n), **extra)


async def _wait(pilot, ready, timeout: float) -> bool:
    end = time.perf_counter() + timeout
    while not ready():
        if time.perf_counter() > end:
            return False
        await pilot.pause(0.01)
    return True


async def _turn(app, pilot, prompt: str) -> dict:
    """One question through the prompt; seconds from enter to first visible text and to settle."""
    for key in ("first_token", "answer"):
        app.timings.pop(key, None)
    await _wait(pilot, lambda: not any(w.is_running for w in app.workers), 30)
    app.query_one("#prompt").value = prompt
    await pilot.press("enter")
    await _wait(pilot, lambda: app.busy or "answer" in app.timings, 30)
    await _wait(pilot, lambda: not app.busy, TIMEOUT_S)
    if "answer" not in app.timings:
        said = [n.message for n in app._notifications if n.severity == "error"]
        return {"error": f"the turn did not finish: {' | '.join(said) or 'no error shown'}"}
    if "first_token" not in app.timings:
        return {"error": "nothing was shown before the answer settled"}
    start = app.timings["turn_start"]
    return {
        "first_visible_token_s": round(app.timings["first_token"] - start, 4),
        "answer_s": round(app.timings["answer"] - start, 4),
    }


async def child_app(
    t0: float, sess_kind: str, data_dir: Path, cache_dir: Path, n: int, turns: int
) -> dict:
    """Run the real app headless; report seconds since the parent spawned us."""
    offset = time.time() - time.perf_counter()  # perf_counter → wall clock

    def since(stamp: float) -> float:
        return round(stamp + offset - t0, 4)

    from tui import PluralApp

    app = PluralApp(_session(sess_kind, data_dir, cache_dir, n), export_dir=data_dir)
    out: dict = {}
    async with app.run_test(headless=True, size=(120, 40)) as pilot:
        await _wait(pilot, lambda: "first_paint" in app.timings, 30)
        out["first_paint_s"] = since(app.timings["first_paint"])
        if not await _wait(pilot, lambda: app.ready or app.load_error, TIMEOUT_S):
            return {**out, "error": "model did not load in time"}
        if app.load_error:
            return {**out, "error": f"model failed to load: {app.load_error}"}
        out["model_ready_s"] = since(app.timings["model_ready"])
        out["turns"] = []
        for i in range(turns):
            out["turns"].append(await _turn(app, pilot, PROMPTS[i % len(PROMPTS)]))
            if "error" in out["turns"][-1]:
                return {**out, "error": out["turns"][-1]["error"]}
    return {**out, **out["turns"][0]}


async def child_bare(t0: float) -> dict:
    from textual.app import App
    from textual.widgets import Label

    stamps: dict = {}

    class Bare(App):
        def compose(self):
            yield Label("hello")

        def on_mount(self) -> None:
            self.call_after_refresh(lambda: stamps.setdefault("paint", time.time()))

    async with Bare().run_test(headless=True, size=(120, 40)) as pilot:
        await _wait(pilot, lambda: "paint" in stamps, 30)
    return {"first_paint_s": round(stamps["paint"] - t0, 4)}


def child_direct(t0: float, sess_kind: str, data_dir: Path, cache_dir: Path, n: int) -> dict:
    session = _session(sess_kind, data_dir, cache_dir, n)
    session.load(None)
    ready = time.time() - t0
    start, first = time.perf_counter(), []

    def piece(*_args) -> None:
        first or first.append(time.perf_counter())

    session.send(PROMPTS[0], on_token=piece, on_draft=piece)
    return {
        "model_ready_s": round(ready, 4),
        "first_visible_token_s": round(first[0] - start, 4),
        "answer_s": round(time.perf_counter() - start, 4),
    }


def spawn(kind: str, sess_kind: str, cache_dir: Path, n: int = 4, turns: int = 1) -> dict:
    with tempfile.TemporaryDirectory(prefix="plural-bench-") as data:
        cmd = [sys.executable, "-m", "benchmarks.tui", "--child", kind, "--session", sess_kind]
        cmd += ["--data-dir", data, "--cache-dir", str(cache_dir), "--n", str(n)]
        cmd += ["--turns", str(turns), "--t0"]
        env = {**os.environ, "ANONYMIZED_TELEMETRY": "False", "TQDM_DISABLE": "1"}
        limit = TIMEOUT_S * turns
        t0 = time.time()
        try:
            proc = subprocess.run(
                [*cmd, repr(t0)], capture_output=True, text=True, timeout=limit, env=env
            )
        except subprocess.TimeoutExpired:
            return {"error": f"{kind} child ran past {limit} s"}
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode or not lines:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        return {"error": f"{kind} child failed: {' | '.join(tail)}"}
    return json.loads(lines[-1])


def median(runs: list[dict], key: str) -> float | None:
    values = [r[key] for r in runs if key in r]
    return round(statistics.median(values), 4) if values else None


def ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 3) if a and b else None


def tenth_vs_first(runs: list[dict]) -> dict | None:
    """Turn 10 against turn 1 in the run that asked ten questions (a longer conversation)."""
    turns = next((r["turns"] for r in runs if len(r.get("turns", [])) >= 10), None)
    if turns is None:
        return None
    first, tenth = turns[0], turns[9]
    return {
        "turn_1": first,
        "turn_10": tenth,
        "answer_ratio": ratio(tenth["answer_s"], first["answer_s"]),
        "first_visible_ratio": ratio(
            tenth["first_visible_token_s"], first["first_visible_token_s"]
        ),
        "median_over_10": {
            "first_visible_token_s": median(turns, "first_visible_token_s"),
            "answer_s": median(turns, "answer_s"),
        },
    }


def run(runs: int, sess_kind: str, long_turns: int) -> dict:
    lanes: dict[str, list[dict]] = {lane: [] for lane in LANES}
    with tempfile.TemporaryDirectory(prefix="plural-bench-cache-") as cache:
        cache_dir = Path(cache)
        warm = spawn("direct", sess_kind, cache_dir)
        bare, direct = [], []
        for i in range(runs):
            for lane, n in LANES.items():  # alternate, so drifting load hits both lanes alike
                turns = long_turns if i == 0 else 1
                lanes[lane].append(spawn("app", sess_kind, cache_dir, n, max(1, turns)))
            bare.append(spawn("bare", sess_kind, cache_dir))
            direct.append(spawn("direct", sess_kind, cache_dir))
    best, single = lanes["best"], lanes["single"]
    result = {
        "benchmark": "tui",
        "session": sess_kind,
        "runs": runs,
        "n_candidates": LANES["best"],
        "first_paint_s": median(best, "first_paint_s"),
        "model_ready_s": median(best, "model_ready_s"),
        "first_visible_token_s": median(best, "first_visible_token_s"),
        "ranked_answer_s": median(best, "answer_s"),
        "single_first_visible_token_s": median(single, "first_visible_token_s"),
        "single_answer_s": median(single, "answer_s"),
        "baseline_bare_first_paint_s": median(bare, "first_paint_s"),
        "baseline_direct_model_ready_s": median(direct, "model_ready_s"),
        "baseline_direct_first_visible_token_s": median(direct, "first_visible_token_s"),
        "baseline_direct_answer_s": median(direct, "answer_s"),
        "warmup_direct": warm,
        "target_first_paint_s": 1.5,
        "target_first_visible_token_s": TARGET_FIRST_VISIBLE_S,
        "target_ranked_vs_single": TARGET_RANKED_VS_SINGLE,
        "samples": {
            lane: [{k: r.get(k) for k in ("first_visible_token_s", "answer_s")} for r in rs]
            for lane, rs in lanes.items()
        },
        "tenth_vs_first": {lane: tenth_vs_first(rs) for lane, rs in lanes.items()},
    }
    r = result
    r["first_paint_vs_bare"] = ratio(r["first_paint_s"], r["baseline_bare_first_paint_s"])
    r["model_ready_vs_direct"] = ratio(r["model_ready_s"], r["baseline_direct_model_ready_s"])
    r["ranked_vs_single"] = ratio(r["ranked_answer_s"], r["single_answer_s"])
    r["ranked_vs_direct"] = ratio(r["ranked_answer_s"], r["baseline_direct_answer_s"])
    r["meets_first_paint_target"] = bool(r["first_paint_s"] and r["first_paint_s"] <= 1.5)
    r["meets_first_visible_target"] = bool(
        r["first_visible_token_s"] and r["first_visible_token_s"] <= TARGET_FIRST_VISIBLE_S
    )
    r["meets_ranked_vs_single_target"] = bool(
        r["ranked_vs_single"] and r["ranked_vs_single"] <= TARGET_RANKED_VS_SINGLE
    )
    every = best + single + bare + direct
    r["errors"] = sorted({x["error"] for x in every if "error" in x})
    r["load_average"] = os.getloadavg()[0]
    return r


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="one run per lane, no 10-turn run")
    p.add_argument("--runs", type=int, default=None)
    p.add_argument("--data", help="unused (no data set needed)")
    p.add_argument("--session", choices=("real", "real-no-prior", "echo"), default="real")
    p.add_argument("--child", choices=("app", "bare", "direct"), help=argparse.SUPPRESS)
    p.add_argument("--t0", type=float, help=argparse.SUPPRESS)
    p.add_argument("--data-dir", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--cache-dir", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--n", type=int, default=4, help=argparse.SUPPRESS)
    p.add_argument("--turns", type=int, default=1, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child == "app":
        where = (args.t0, args.session, args.data_dir, args.cache_dir)
        print(json.dumps(asyncio.run(child_app(*where, args.n, args.turns))))
        return 0
    if args.child == "bare":
        print(json.dumps(asyncio.run(child_bare(args.t0))))
        return 0
    if args.child == "direct":
        where = (args.t0, args.session, args.data_dir, args.cache_dir)
        print(json.dumps(child_direct(*where, args.n)))
        return 0
    result = run(args.runs or (1 if args.quick else 3), args.session, 1 if args.quick else 10)
    # the shipped session's numbers are the claim; other sessions never overwrite them
    out = result_path("tui" if args.session == "real" else f"tui-{args.session}", args.quick)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
