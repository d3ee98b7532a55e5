"""The transformers backend: clear errors for bad paths, and the packaged GGUF converted once."""

from __future__ import annotations

import importlib.util
import shutil
import time

import pytest

from assistant.config import LLMSettings
from assistant.llm import LLMError, default_gguf_path, make_llm
from assistant.llm.base import LLM
from assistant.llm.hf import converted_dir

MESSAGES = [{"role": "user", "content": "Name a colour."}]


def settings(**overrides) -> LLMSettings:
    return LLMSettings(backend="transformers", **overrides)


def test_a_folder_without_config_json_is_a_clear_error(tmp_path):
    with pytest.raises(LLMError, match=f"not a model folder or .gguf file: {tmp_path}") as err:
        make_llm(settings(model_path=str(tmp_path)), cache_dir=tmp_path)
    assert "config.json" in err.value.hint


def test_a_missing_path_is_a_clear_error(tmp_path):
    with pytest.raises(LLMError, match="not a model folder or .gguf file"):
        make_llm(settings(model_path=str(tmp_path / "missing.gguf")), cache_dir=tmp_path)


def test_converted_copy_is_keyed_by_the_file_so_a_replaced_gguf_is_reconverted(tmp_path):
    gguf = tmp_path / "m.gguf"
    gguf.write_bytes(b"v1")
    first = converted_dir(gguf, tmp_path / "cache")
    assert first.parent == tmp_path / "cache" / "hf-converted"
    assert converted_dir(gguf, tmp_path / "cache") == first
    gguf.write_bytes(b"version 2")
    assert converted_dir(gguf, tmp_path / "cache") != first


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    if importlib.util.find_spec("gguf") is None or default_gguf_path() is None:
        pytest.skip("the gguf package or the packaged SmolLM2 GGUF is not installed")
    cache = tmp_path_factory.mktemp("hf-cache")
    start = time.perf_counter()
    llm = make_llm(settings(max_tokens=8), cache_dir=cache)
    yield llm, cache, time.perf_counter() - start
    shutil.rmtree(cache, ignore_errors=True)  # ~0.5 GB of float32 weights


@pytest.mark.integration
def test_gguf_loads_through_transformers_and_the_second_load_uses_the_cache(converted):
    llm, cache, first_load_s = converted
    assert isinstance(llm, LLM) and llm.capable is False
    folder = converted_dir(default_gguf_path(), cache)
    assert (folder / "config.json").is_file()
    start = time.perf_counter()
    again = make_llm(settings(max_tokens=8), cache_dir=cache)
    assert time.perf_counter() - start < first_load_s
    assert again.chat(MESSAGES, temperature=0.0) == llm.chat(MESSAGES, temperature=0.0)


@pytest.mark.integration
def test_transformers_backend_chats_streams_and_samples(converted):
    llm, _, _ = converted
    answer = llm.chat(MESSAGES, max_tokens=6, temperature=0.0)
    assert answer.strip()
    pieces = list(llm.stream(MESSAGES, max_tokens=6, temperature=0.0))
    assert len(pieces) > 1 and "".join(pieces).strip() == answer.strip()
    candidates = llm.sample(MESSAGES, 3, max_tokens=6, temperature=0.0, seed=2)
    assert len(candidates) == 3
    assert candidates[0] == answer, "a greedy request keeps the greedy answer first"
    assert llm.sample(MESSAGES, 3, max_tokens=6, temperature=0.0, seed=2) == candidates


@pytest.mark.integration
def test_abandoned_stream_releases_the_model(converted):
    llm, _, _ = converted
    stream = llm.stream(MESSAGES, max_tokens=200, temperature=0.0)
    assert next(stream)
    stream.close()
    assert llm.chat(MESSAGES, max_tokens=4, temperature=0.0).strip(), "not deadlocked"
