"""Turn speed on the embedded model (part of benchmarks/turn): latency over one conversation, and a
faster encoder path measured for speed and agreement.

Two sessions (real LocalSession, packaged prior, embedded SmolLM2-135M, best-of-4 as shipped) hold
the same 10-question conversation, turn by turn interleaved so load from other jobs hits both:
`cached` as shipped (the KV cache keeps the conversation; a turn reads only its new tokens) and
`no_cache` (the cache emptied before every turn: the whole prompt is read again, as before). A
turn's time depends on how long its drafts are, so the ratio is also given per drafted piece."""

from __future__ import annotations

import statistics
import time
from pathlib import Path


class CountingLLM:
    """The embedded model, counting each turn's drafted pieces and when the first one came."""

    def __init__(self, llm) -> None:
        self.llm, self.name, self.capable = llm, llm.name, llm.capable
        self.reset()

    def reset(self) -> None:
        self.pieces, self.first, self.t0 = 0, None, time.perf_counter()

    def write_drafts(self, messages, n, rules, on_piece, **kw):
        def counted(i: int, text: str) -> None:
            self.pieces += 1
            if self.first is None:
                self.first = time.perf_counter() - self.t0
            on_piece(i, text)

        return self.llm.write_drafts(messages, n, rules, counted, **kw)

    def __getattr__(self, name: str):
        return getattr(self.llm, name)


def _ratio(rows: list[dict], key: str) -> float:
    per = lambda r: r["s"] / max(r["pieces"], 1) if key == "per_piece" else r["s"]  # noqa: E731
    return round(per(rows[-1]) / max(per(rows[0]), 1e-9), 3)


def model_lanes(questions: list[str], settings_for, classifier, *, baseline: bool) -> dict:
    """`settings_for(name)` gives each lane's Settings (its own data dir)."""
    from app.local_session import open_session
    from assistant.llm import make_llm

    names = ["cached", "no_cache"] if baseline else ["cached"]
    lanes = {}
    for name in names:
        settings = settings_for(name)
        llm = CountingLLM(make_llm(settings.llm, cache_dir=settings.cache_dir))
        session = open_session(settings, llm=llm, classifier=classifier)
        session.load()
        lanes[name] = (session, llm, [])
    try:
        for q in questions:
            for name, (session, llm, rows) in lanes.items():
                if name == "no_cache":
                    llm.llm.decoder.forget()
                llm.reset()
                session.send(q, mode="request")
                last = llm.llm.decoder.last
                rows.append(
                    {
                        "s": round(time.perf_counter() - llm.t0, 2),
                        "first_piece_s": round(llm.first or 0.0, 3),
                        "pieces": llm.pieces,
                        "prompt_tokens": last["prompt_tokens"],
                        "read_tokens": last["read_tokens"],
                    }
                )
    finally:
        for session, _, _ in lanes.values():
            session.close()
    out = {}
    for name, (_, _, rows) in lanes.items():
        out[name] = {
            f"turn{len(rows)}_over_turn1": _ratio(rows, "raw"),
            f"turn{len(rows)}_over_turn1_per_piece": _ratio(rows, "per_piece"),
            "first_piece_s_p50": round(statistics.median(r["first_piece_s"] for r in rows), 3),
            "turn_s_p50": round(statistics.median(r["s"] for r in rows), 2),
            "turns": rows,
        }
    return out


def int8_encoder_probe(texts: list[str], rounds: int) -> dict:
    """MiniLM with its Linear layers quantised to int8 (torch dynamic quantisation) against the
    shipped float32 encoder: encode time for a turn's 5 texts, and how far the embeddings move."""
    import numpy as np
    import torch

    from assistant.encoder import Encoder, one_thread

    fp32 = Encoder(cache_size=0)
    int8 = Encoder(cache_size=0)
    int8.model = torch.ao.quantization.quantize_dynamic(
        int8.model, {torch.nn.Linear}, dtype=torch.qint8
    )
    times: dict[str, list[float]] = {"fp32": [], "int8": []}
    for i in range(rounds):
        batch = [f"{t} ({i})" for t in texts]
        for name, enc in (("fp32", fp32), ("int8", int8)):
            with one_thread():
                t0 = time.perf_counter()
                enc.encode(batch)
                times[name].append((time.perf_counter() - t0) * 1000)
    a, b = fp32.encode(texts), int8.encode(texts)
    cos = (a * b).sum(1) / np.linalg.norm(a, axis=1) / np.linalg.norm(b, axis=1)
    same_order = np.argsort(a @ a[0]).tolist() == np.argsort(b @ b[0]).tolist()
    return {
        "encode5_fp32_ms_p50": round(statistics.median(times["fp32"]), 1),
        "encode5_int8_ms_p50": round(statistics.median(times["int8"]), 1),
        "int8_min_cosine_to_fp32": round(float(cos.min()), 4),
        "int8_same_similarity_order": bool(same_order),
    }


def settings_factory(root: Path, load_settings):
    def settings_for(name: str):
        data = root / f"model-{name}"
        return load_settings(
            {"data_dir": str(data), "user": "bench"}, env={}, config_path=data / "absent.toml"
        )

    return settings_for
