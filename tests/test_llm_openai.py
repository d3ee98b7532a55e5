"""The openai backend over real HTTP against a fake OpenAI-compatible server on 127.0.0.1."""

from __future__ import annotations

import socket
import time

import pytest

from assistant.config import LLMSettings
from assistant.llm import LLMError, make_llm
from assistant.llm.base import LLM
from assistant.llm.openai_backend import OpenAILLM
from tests.openai_fake_server import FakeOpenAIServer

MESSAGES = [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "hello there"}]


@pytest.fixture
def server():
    with FakeOpenAIServer(api_key="sk-good") as srv:
        yield srv


def backend(server: FakeOpenAIServer, **overrides) -> OpenAILLM:
    fields = {
        "backend": "openai",
        "base_url": server.base_url,
        "api_key": "sk-good",
        "model": "fake-model",
        "timeout_s": 5.0,
        "max_retries": 0,
    }
    fields.update(overrides)
    return make_llm(LLMSettings(**fields))


def test_make_llm_builds_a_capable_openai_backend_without_touching_the_network(server):
    llm = backend(server, base_url="http://127.0.0.1:9/v1")  # nothing listens on port 9
    assert isinstance(llm, OpenAILLM) and isinstance(llm, LLM)
    assert llm.capable is True
    assert backend(server, capable=False).capable is False


def test_chat_returns_the_servers_answer_and_sends_the_conversation(server):
    llm = backend(server)
    assert llm.chat(MESSAGES, max_tokens=12, temperature=0.2, seed=5) == "answer 0: hello there"
    sent = server.requests[-1]
    assert sent["messages"] == MESSAGES
    assert (sent["max_tokens"], sent["temperature"], sent["seed"]) == (12, 0.2, 5)


def test_stream_yields_pieces_that_join_to_the_answer(server):
    pieces = list(backend(server).stream(MESSAGES))
    assert len(pieces) > 3
    assert "".join(pieces) == "answer 0: hello there"


def test_missing_model_name_uses_the_first_model_the_server_lists(server):
    server.models = ("first-model", "second-model")
    llm = backend(server, model=None)
    assert llm.chat(MESSAGES) == "answer 0: hello there"
    assert server.requests[-1]["model"] == "first-model"
    assert "first-model" in llm.name


def test_sample_uses_n_in_one_request_when_supported(server):
    out = backend(server).sample(MESSAGES, 3)
    assert out == [f"answer {i}: hello there" for i in range(3)]
    assert len(server.requests) == 1 and server.requests[0]["n"] == 3


@pytest.mark.parametrize("mode", ["ignore_n", "reject_n"])
def test_sample_falls_back_to_one_request_per_candidate(server, mode):
    server.mode = mode
    llm = backend(server)
    assert len(llm.sample(MESSAGES, 3, seed=1)) == 3
    seeds = [r.get("seed") for r in server.requests if r.get("n", 1) == 1]
    assert len(set(seeds)) == len(seeds), "each fallback candidate needs its own seed"
    server.requests.clear()
    assert len(llm.sample(MESSAGES, 2)) == 2
    assert len(server.requests) == 2 and all(r.get("n", 1) == 1 for r in server.requests)


def test_unreachable_endpoint_says_is_the_server_running():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again before the request: nothing listens
    llm = make_llm(
        LLMSettings(
            backend="openai", base_url=f"http://127.0.0.1:{port}/v1", model="m", max_retries=0
        )
    )
    with pytest.raises(LLMError, match=f"unreachable at http://127.0.0.1:{port}") as err:
        llm.chat(MESSAGES)
    assert "server running" in str(err.value) and err.value.retryable


def test_bad_api_key_is_reported_as_such(server):
    with pytest.raises(LLMError, match="bad API key") as err:
        backend(server, api_key="sk-wrong").chat(MESSAGES)
    assert "api_key" in err.value.hint


def test_unknown_model_is_named_in_the_error(server):
    with pytest.raises(LLMError, match="model 'no-such-model' not found at endpoint"):
        backend(server, model="no-such-model").chat(MESSAGES)


def test_slow_server_times_out_within_the_configured_limit(server):
    server.mode = "slow"
    llm = backend(server, timeout_s=0.3)
    start = time.monotonic()
    with pytest.raises(LLMError, match=r"did not answer within 0.3 s") as err:
        llm.chat(MESSAGES)
    assert time.monotonic() - start < 1.5
    assert "timeout_s" in err.value.hint


def test_dropped_connection_is_an_actionable_error(server):
    server.mode = "drop"
    with pytest.raises(LLMError, match="dropped the connection") as err:
        backend(server).chat(MESSAGES)
    assert "try again" in err.value.hint and err.value.retryable


def test_connection_dropped_mid_stream_raises_llm_error_after_the_first_pieces(server):
    server.mode = "drop_mid_stream"
    got = []
    with pytest.raises(LLMError, match="dropped the connection") as err:
        for piece in backend(server).stream(MESSAGES):
            got.append(piece)
    assert got, "pieces before the drop still reach the user"
    assert err.value.retryable


@pytest.mark.parametrize("mode", ["malformed", "no_choices", "html"])
def test_garbage_response_is_a_clear_error(server, mode):
    server.mode = mode
    llm = backend(server)
    with pytest.raises(LLMError, match="malformed response from http://127.0.0.1"):
        llm.chat(MESSAGES)
    with pytest.raises(LLMError, match="malformed response from http://127.0.0.1"):
        llm.sample(MESSAGES, 2)


def test_endpoint_listing_no_models_asks_for_a_model_name(server):
    server.models = ()
    with pytest.raises(LLMError, match="lists no models") as err:
        backend(server, model=None).chat(MESSAGES)
    assert "llm.model" in err.value.hint
