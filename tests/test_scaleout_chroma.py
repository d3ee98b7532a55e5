"""The memory contract (tests/test_memory.py's store tests) on the embedded client AND a Chroma server."""

from __future__ import annotations

import inspect
import shutil

import pytest

import tests.test_memory as contract
from benchmarks.reliability_kit.helpers import (
    chroma_exe,
    chroma_server,
    fast_dir,
    session,
    settings_for,
)
from memory import MemoryStore
from memory.store import STATEMENTS, SUMMARIES, USERS
from tests.fakes import FakeEncoder

_FIXTURES = {"store", "embedder", "monkeypatch", "bad", "path", "value", "field"}
"""Contract tests that need only a store (and their own parameters) run on both backends."""

for _name, _fn in inspect.getmembers(contract, inspect.isfunction):
    _params = set(inspect.signature(_fn).parameters)
    if _name.startswith("test_") and "store" in _params and _params <= _FIXTURES:
        globals()[_name] = _fn


@pytest.fixture(scope="session")
def chroma_url():
    """One `chroma run` for the whole test session, on a random free port; always stopped."""
    if chroma_exe() is None:
        pytest.skip("the chroma server command (chromadb's CLI) is not installed")
    path = fast_dir("plural-chroma-server-")
    try:
        with chroma_server(path) as url:
            yield url
    finally:
        shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def embedder():
    return FakeEncoder()


@pytest.fixture(params=["embedded", "server"])
def store(request, embedder):
    if request.param == "embedded":
        path = fast_dir("plural-test-memory-")
        yield MemoryStore(path / "mem", embedder=embedder)
        shutil.rmtree(path, ignore_errors=True)
        return
    url = request.getfixturevalue("chroma_url")
    store = MemoryStore(url=url, embedder=embedder)
    yield store
    from urllib.parse import urlparse

    import chromadb

    server = chromadb.HttpClient(host=urlparse(url).hostname, port=urlparse(url).port)
    for name in (STATEMENTS, SUMMARIES, USERS):  # the next test starts from an empty server
        server.delete_collection(name)


def test_the_contract_ran_on_both_backends(request):
    names = [n for n in globals() if n.startswith("test_") and hasattr(contract, n)]
    assert len(names) >= 12, names


def test_a_session_keeps_memory_on_the_server(chroma_url, classifier):
    data, data2 = fast_dir("plural-test-session-"), fast_dir("plural-test-session-")
    try:
        settings = settings_for(data, user="server-ann", memory_url=chroma_url)
        s = session(settings, classifier)
        s.send("please keep answers under three sentences and skip the bullet points")
        summary = s.summary()
        assert summary, "the directive should have updated the summary"
        s.close()
        assert not (data / "chroma").exists(), "memory went to the local data dir, not the server"
        direct = MemoryStore(url=chroma_url, embedder=FakeEncoder())
        assert direct.summary("server-ann") == summary
        # a second app instance (its own data dir, e.g. another machine) shares the same memory
        again = session(settings_for(data2, user="server-ann", memory_url=chroma_url), classifier)
        assert again.summary() == summary
        assert len(again.summary_history()) >= 1
        again.close()
    finally:
        shutil.rmtree(data, ignore_errors=True)
        shutil.rmtree(data2, ignore_errors=True)
        MemoryStore(url=chroma_url, embedder=FakeEncoder()).forget("server-ann")
