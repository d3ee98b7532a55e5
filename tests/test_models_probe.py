"""Finding model servers on loopback, `plural models`, and saving the choice in the config file."""

from __future__ import annotations

import json
import socket
import threading
import time
import tomllib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from app import models
from app.cli import main
from app.models import ModelChoice, Server, pick, probe, save_choice
from assistant.config import ConfigError, load_settings


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        body, kind = self.server.reply(self.path)  # type: ignore[attr-defined]
        self.send_response(200 if body is not None else 404)
        self.send_header("Content-Type", kind)
        self.end_headers()
        self.wfile.write((body or "not found").encode())

    def log_message(self, *args: object) -> None:
        pass


class ModelServer(ThreadingHTTPServer):
    """GET /v1/models like Ollama (owned_by "library") or any other server; `html` answers a
    web page instead (something that is not a model server)."""

    daemon_threads = True

    def __init__(self, models_=("llama3.1", "qwen2.5"), owner="library", html=False):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.models, self.owner, self.html = models_, owner, html
        threading.Thread(target=self.serve_forever, args=(0.05,), daemon=True).start()

    @property
    def port(self) -> int:
        return self.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def reply(self, path: str) -> tuple[str | None, str]:
        if self.html:
            return "<html>a router's admin page</html>", "text/html"
        if path != "/v1/models":
            return None, "text/plain"
        data = [{"id": m, "object": "model", "owned_by": self.owner} for m in self.models]
        return json.dumps({"object": "list", "data": data}), "application/json"

    def close(self) -> None:
        self.shutdown()
        self.server_close()


@pytest.fixture
def server():
    s = ModelServer()
    yield s
    s.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def silent_port():
    """A port that accepts connections and never answers (a hung server)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    yield sock.getsockname()[1]
    sock.close()


def test_probe_finds_a_server_and_its_models_and_names_it(server):
    found = probe(ports=((server.port, "LM Studio"), (free_port(), "vLLM")))
    assert found == [Server("Ollama", server.base_url, ("llama3.1", "qwen2.5"))]


def test_probe_names_an_unknown_server_by_its_port():
    other = ModelServer(models_=("m",), owner="someone")
    try:
        assert probe(ports=((other.port, "LM Studio"),))[0].name == "LM Studio"
    finally:
        other.close()


def test_a_web_page_or_a_hung_port_is_not_a_model_server_and_costs_little(silent_port):
    page = ModelServer(html=True)
    try:
        start = time.monotonic()
        found = probe(ports=((page.port, "Ollama"), (silent_port, "vLLM")), timeout=0.3)
        assert found == []
        assert time.monotonic() - start < 2.0
    finally:
        page.close()


def test_all_ports_are_probed_at_once(silent_port):
    start = time.monotonic()
    probe(ports=tuple((silent_port, f"s{i}") for i in range(4)), timeout=0.5)
    assert time.monotonic() - start < 1.5, "four hung ports must not cost four timeouts"


def test_pick_finds_the_one_server_with_the_model_or_says_what_to_do():
    a = Server("Ollama", "http://127.0.0.1:11434/v1", ("llama3.1", "phi"))
    b = Server("vLLM", "http://127.0.0.1:8000/v1", ("phi",))
    assert pick([a, b], "llama3.1") == ModelChoice("openai", a.base_url, "llama3.1", "Ollama")
    assert pick([a, b], "phi", b.base_url + "/").base_url == b.base_url
    assert pick([a, b], "local") == ModelChoice()
    with pytest.raises(ValueError, match="add --base-url"):
        pick([a, b], "phi")
    with pytest.raises(ValueError, match="no server lists the model 'gpt'"):
        pick([a, b], "gpt")


def test_saving_a_choice_keeps_every_other_setting(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text(
        '# mine\nuser = "alice"\nn_candidates = 2\n[llm]\nmax_tokens = 99\nmodel_path = "/m.gguf"\n'
    )
    save_choice(config, ModelChoice("openai", "http://127.0.0.1:11434/v1", "llama3.1"))
    data = tomllib.loads(config.read_text())
    assert data == {
        "user": "alice",
        "n_candidates": 2,
        "llm": {
            "max_tokens": 99,
            "model_path": "/m.gguf",
            "backend": "openai",
            "base_url": "http://127.0.0.1:11434/v1",
            "model": "llama3.1",
        },
    }
    assert (tmp_path / "config.toml.bak").read_text().startswith("# mine"), "comments kept aside"
    settings = load_settings({}, env={}, config_path=config)
    assert (settings.llm.backend, settings.llm.model, settings.user) == (
        "openai",
        "llama3.1",
        "alice",
    )
    save_choice(config, ModelChoice())
    data = tomllib.loads(config.read_text())
    assert data["llm"]["backend"] == "local" and data["llm"]["max_tokens"] == 99


def test_saving_into_a_new_config_file_creates_it(tmp_path):
    config = tmp_path / "new" / "config.toml"
    save_choice(config, ModelChoice("openai", "http://127.0.0.1:1234/v1", "qwen"))
    assert tomllib.loads(config.read_text())["llm"]["model"] == "qwen"
    assert not (tmp_path / "new" / "config.toml.bak").exists()


def test_a_broken_config_is_named_and_left_alone(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text("user = [unclosed\n")
    with pytest.raises(ConfigError, match=str(config)):
        save_choice(config, ModelChoice("openai", "http://x/v1", "m"))
    assert config.read_text() == "user = [unclosed\n"


def test_a_failed_write_leaves_the_old_config_whole(tmp_path, monkeypatch):
    config = tmp_path / "config.toml"
    config.write_text('user = "alice"\n')

    def no_rename(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(models.os, "replace", no_rename)
    with pytest.raises(OSError):
        save_choice(config, ModelChoice("openai", "http://x/v1", "m"))
    assert config.read_text() == 'user = "alice"\n'


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def no_usual_ports(monkeypatch):
    """Whatever runs on this machine's usual ports stays out of the CLI tests."""
    monkeypatch.setattr(models, "KNOWN_PORTS", ((free_port(), "Ollama"),))


def test_plural_models_lists_servers_and_marks_the_one_in_use(
    server, tmp_path, capsys, no_usual_ports
):
    config = tmp_path / "c.toml"
    config.write_text(
        f'[llm]\nbackend = "openai"\nbase_url = "{server.base_url}"\nmodel = "qwen2.5"\n'
    )
    code, out, _ = run_cli(capsys, "models", "--config", str(config))
    assert code == 0
    assert f"Ollama at {server.base_url}" in out, "the configured local endpoint is probed"
    assert "    llama3.1\n" in out and "qwen2.5   ← in use" in out


def test_plural_models_use_saves_the_choice_and_never_switches_without_it(
    server, tmp_path, capsys, no_usual_ports
):
    config = tmp_path / "c.toml"
    config.write_text('user = "bob"\n')
    code, out, _ = run_cli(capsys, "--config", str(config), "models", "--port", str(server.port))
    assert code == 0 and "llama3.1" in out
    assert config.read_text() == 'user = "bob"\n', "listing never changes the config"
    code, out, _ = run_cli(
        capsys, "models", "--port", str(server.port), "--use", "llama3.1", "--config", str(config)
    )
    assert code == 0 and "saved in" in out
    settings = load_settings({}, env={}, config_path=config)
    assert settings.llm.base_url == server.base_url and settings.llm.model == "llama3.1"
    assert settings.user == "bob"
    code, _, err = run_cli(capsys, "models", "--use", "gpt-9", "--config", str(config))
    assert code == 1 and "no server lists the model 'gpt-9'" in err


def test_plural_models_with_nothing_running_says_where_it_looked(tmp_path, capsys, no_usual_ports):
    code, out, _ = run_cli(capsys, "models", "--config", str(tmp_path / "none.toml"))
    assert code == 0
    assert "No model server answered on 127.0.0.1" in out
    assert "In use: embedded SmolLM2-135M" in out
