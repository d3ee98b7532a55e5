"""Two app instances on one data dir: the second gets a clear message; the lock dies with its owner."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys

import pytest

from benchmarks.reliability_kit.helpers import PG_ENV, ROOT, fast_dir, session, settings_for
from memory.lock import AlreadyRunning, DataDirError, DataDirLock

HOLD = "import sys; from memory.lock import DataDirLock; DataDirLock(sys.argv[1]).acquire(); print('locked', flush=True); sys.stdin.read()"


@pytest.fixture
def data_dir():
    path = fast_dir("plural-test-lock-")
    yield path
    shutil.rmtree(path, ignore_errors=True)


def _env() -> dict:
    return {**os.environ, "PYTHONPATH": str(ROOT), "ANONYMIZED_TELEMETRY": "False"}


@pytest.fixture
def holder(data_dir):
    """Another process holding the data dir, as a running plural would."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(data_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        cwd=ROOT,
        env=_env(),
    )
    assert proc.stdout.readline().strip() == b"locked"
    yield proc
    if proc.poll() is None:
        proc.kill()
    proc.wait()


def test_a_second_instance_is_refused_with_the_dir_and_pid(data_dir, holder, classifier):
    with pytest.raises(AlreadyRunning) as info:
        session(settings_for(data_dir), classifier)
    message = str(info.value)
    assert f"plural is already running on {data_dir} (pid {holder.pid})" in message
    assert "close it or use --data-dir" in message
    assert not (data_dir / "chroma").exists(), "nothing was opened before the refusal"


def test_the_lock_is_released_when_its_owner_is_killed(data_dir, holder, classifier):
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    s = session(settings_for(data_dir), classifier)
    assert s.send("How do I boil an egg?").answer
    s.close()


def test_close_releases_the_lock_for_the_next_instance(data_dir, classifier):
    s = session(settings_for(data_dir), classifier)
    assert _try_in_another_process(data_dir) == f"busy {os.getpid()}"
    s.close()
    assert _try_in_another_process(data_dir) == "locked"
    again = session(settings_for(data_dir), classifier)
    again.close()


def test_sessions_in_one_process_share_the_data_dir(data_dir, classifier):
    """A server process serving many users: its sessions share the lock; other processes wait out."""
    a = session(settings_for(data_dir, user="ann"), classifier)
    b = session(settings_for(data_dir, user="bob"), classifier)
    a.close()
    assert _try_in_another_process(data_dir) == f"busy {os.getpid()}"
    b.close()
    assert _try_in_another_process(data_dir) == "locked"


def _try_in_another_process(data_dir) -> str:
    code = (
        "import sys, re\nfrom memory.lock import DataDirLock, AlreadyRunning\n"
        "try:\n    DataDirLock(sys.argv[1]).acquire(); print('locked')\n"
        "except AlreadyRunning as e:\n    print('busy', re.search(r'pid (\\d+)', str(e))[1])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(data_dir)], capture_output=True, cwd=ROOT, env=_env()
    )
    return out.stdout.decode().strip() or out.stderr.decode()[-500:]


def test_the_cli_prints_one_line_and_no_traceback(data_dir, holder):
    out = subprocess.run(
        [sys.executable, "-c", "import tui; raise SystemExit(tui.main())", "chat", "--no-tui"],
        input=b"",
        capture_output=True,
        cwd=ROOT,
        env={**_env(), "PLURAL_DATA_DIR": str(data_dir), "PLURAL_USER": "ann"},
        timeout=120,
    )
    err = out.stderr.decode()
    assert out.returncode != 0
    assert f"plural is already running on {data_dir} (pid {holder.pid})" in err
    assert "Traceback" not in err


@pytest.mark.skipif(not os.environ.get(PG_ENV), reason=f"{PG_ENV} is unset: no PostgreSQL")
def test_with_both_stores_on_servers_the_data_dir_is_not_locked(data_dir, holder, classifier):
    """Memory elsewhere (a server, here an injected store) and conversations on PostgreSQL."""
    from memory import MemoryStore
    from tests.fakes import FakeEncoder

    memory = MemoryStore(data_dir.parent / f"{data_dir.name}-mem", embedder=FakeEncoder())
    settings = settings_for(data_dir, checkpoint_url=os.environ[PG_ENV])
    s = session(settings, classifier, memory=memory)
    assert s.send("How do I boil an egg?").answer
    s.close()
    shutil.rmtree(memory.location, ignore_errors=True)


def test_a_data_dir_that_is_a_file_or_unwritable_names_the_fix(data_dir):
    afile = data_dir / "file"
    afile.write_text("x")
    with pytest.raises(DataDirError, match="is a file, not a directory.*--data-dir"):
        DataDirLock(afile).acquire()
