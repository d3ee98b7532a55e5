"""Faults: read-only or full disk, corrupt stores, a dead model endpoint. Each gives a clear message
that names the path or endpoint and the way out, and nothing already stored is lost."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.llm.base import LLMError
from benchmarks.reliability_kit.helpers import ROOT, fast_dir, free_port, session, settings_for
from memory import MemoryError
from memory.lock import DataDirError

DIRECTIVE = "please keep answers under three sentences and skip the bullet points"


@pytest.fixture
def data_dir():
    path = fast_dir("plural-test-faults-")
    yield path
    shutil.rmtree(path, ignore_errors=True)


@contextlib.contextmanager
def tmpfs(path: Path, size: str):
    """A small tmpfs at `path` (root only); skips the test where mounting is not allowed."""
    path.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a tmpfs needs root")
    run = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)])
    if run.returncode != 0:
        pytest.skip("this machine does not allow mounting a tmpfs")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


@contextlib.contextmanager
def read_only_view(src: Path, dst: Path):
    """`dst` shows `src` read-only (a read-only bind mount; root only, else the test skips)."""
    dst.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("a read-only bind mount needs root")
    if subprocess.run(["mount", "--bind", str(src), str(dst)]).returncode != 0:
        pytest.skip("this machine does not allow bind mounts")
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(dst)], check=True)
        yield dst
    finally:
        subprocess.run(["umount", "-l", str(dst)], check=False)


def _read_in_fresh_process(data_dir: Path) -> str:
    """The user's summary as a newly started plural would read it."""
    code = (
        "import sys; from memory import MemoryStore; "
        "print(MemoryStore(sys.argv[1]).summary('alice'), end='')"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(data_dir / "chroma")],
        capture_output=True, cwd=ROOT, timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert out.returncode == 0, out.stderr.decode()[-1000:]
    return out.stdout.decode()


def _fill(path: Path) -> None:
    with contextlib.suppress(OSError), open(path / "ballast", "wb") as f:
        while True:
            f.write(b"\0" * 65536)
            f.flush()


def _first_use(data_dir: Path, classifier) -> str:
    s = session(settings_for(data_dir), classifier)
    s.send("What is a monad?")
    s.send(DIRECTIVE)
    summary = s.summary()
    assert summary
    s.close()
    return summary


def test_read_only_data_dir_names_the_dir_and_keeps_the_data(data_dir, classifier):
    summary = _first_use(data_dir / "rw", classifier)
    ro = data_dir / "ro"
    with read_only_view(data_dir / "rw", ro):
        with pytest.raises(DataDirError) as info:
            session(settings_for(ro), classifier)
        assert str(ro) in str(info.value) and "--data-dir" in str(info.value)
    assert _read_in_fresh_process(data_dir / "rw") == summary


def test_an_unwritable_data_dir_as_an_ordinary_user(data_dir, classifier):
    if os.geteuid() == 0:
        pytest.skip("root can write anywhere; the read-only mount test covers this")
    data_dir.chmod(0o555)
    try:
        with pytest.raises(DataDirError, match="cannot write to the data dir"):
            session(settings_for(data_dir / "sub"), classifier)
    finally:
        data_dir.chmod(0o755)


def test_a_full_disk_refuses_the_write_and_keeps_what_was_stored(data_dir, classifier):
    with tmpfs(data_dir / "full", "48m") as root:
        summary = _first_use(root, classifier)
        s = session(settings_for(root), classifier)
        _fill(root)
        with pytest.raises(MemoryError) as info:
            for i in range(50):  # sqlite may still have a free page or two
                s.edit_summary(f"Answer in French, version {i}. " * 20)
        message = str(info.value)
        assert str(root / "chroma") in message and "disk" in message and "free" in message
        with pytest.raises(MemoryError, match="restart plural"):
            s.summary()  # refused at once instead of hanging inside Chroma
        (root / "ballast").unlink()
        s.close()
        assert _read_in_fresh_process(root) in {
            summary,
            *(f"Answer in French, version {i}. " * 20 for i in range(50)),
        }


def test_disk_full_inside_chroma_says_free_space_not_move_aside(data_dir, classifier, monkeypatch):
    s = session(settings_for(data_dir), classifier)
    s.send(DIRECTIVE)
    before, versions = s.summary(), len(s.summary_history())
    store = s._memory

    def full(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store._summaries, "upsert", full)
    with pytest.raises(MemoryError) as info:
        s.edit_summary("Answer in French.")
    assert "disk" in str(info.value) and "free" in str(info.value)
    assert "mv " not in str(info.value)
    monkeypatch.undo()
    with pytest.raises(MemoryError, match="restart plural"):
        s.summary()
    s.close()
    assert _read_in_fresh_process(data_dir) == before
    assert versions >= 1


def test_corrupt_memory_store_names_the_file_and_recovery(data_dir, classifier):
    _first_use(data_dir, classifier)
    db = data_dir / "chroma" / "chroma.sqlite3"
    db.write_bytes(b"this is not a database" * 100)
    import chromadb

    chromadb.api.client.SharedSystemClient.clear_system_cache()
    with pytest.raises(MemoryError) as info:
        session(settings_for(data_dir), classifier)
    message = str(info.value)
    assert str(data_dir / "chroma") in message and "aside" in message and "import" in message


def test_corrupt_conversations_name_the_file_and_keep_preferences(data_dir, classifier):
    summary = _first_use(data_dir, classifier)
    path = data_dir / "conversations.sqlite"
    path.write_bytes(b"garbage" * 1000)
    with pytest.raises(RuntimeError) as info:
        session(settings_for(data_dir), classifier)
    assert str(path) in str(info.value) and "aside" in str(info.value)
    path.rename(path.with_suffix(".broken"))
    s = session(settings_for(data_dir), classifier)
    assert s.summary() == summary and s.transcript() == []
    s.close()


def test_model_endpoint_down_names_it_and_stores_nothing(data_dir, classifier):
    from assistant.config import LLMSettings
    from assistant.llm import make_llm

    url = f"http://127.0.0.1:{free_port()}/v1"
    llm = make_llm(
        LLMSettings(backend="openai", base_url=url, model="m", timeout_s=2, max_retries=0)
    )
    s = session(settings_for(data_dir), classifier, llm=llm)
    with pytest.raises(LLMError) as info:
        s.send("What is a monad?")
    assert "127.0.0.1" in str(info.value)
    assert s.transcript() == [] and s.summary() == ""
    s.close()
