"""Shared pieces for the scale-out and reliability tests: servers, settings, sessions, tmpfs dirs."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

from assistant.config import Settings, load_settings

ROOT = Path(__file__).resolve().parents[2]
PG_ENV = "PLURAL_TEST_PG_URL"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fast_dir(prefix: str) -> Path:
    """A fresh directory on tmpfs when there is one (Chroma fsyncs every write), else in /tmp."""
    shm = Path("/dev/shm")
    base = str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None
    return Path(tempfile.mkdtemp(prefix=prefix, dir=base))


def chroma_exe() -> str | None:
    exe = shutil.which("chroma") or str(Path(sys.executable).with_name("chroma"))
    return exe if Path(exe).exists() else None


@contextlib.contextmanager
def chroma_server(path: Path, timeout_s: float = 60.0) -> Iterator[str]:
    """`chroma run` on a free local port; yields its URL once it answers, always stops it."""
    exe = chroma_exe()
    if exe is None:
        raise FileNotFoundError("the chroma server command is not installed")
    port = free_port()
    cmd = [exe, "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)]
    env = {**os.environ, "ANONYMIZED_TELEMETRY": "False"}
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        _wait_heartbeat(proc, port, timeout_s)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _wait_heartbeat(proc: subprocess.Popen, port: int, timeout_s: float) -> None:
    import urllib.request

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the chroma server exited with code {proc.returncode}")
        with contextlib.suppress(OSError):
            url = f"http://127.0.0.1:{port}/api/v2/heartbeat"
            with urllib.request.urlopen(url, timeout=1) as resp:
                if resp.status == 200:
                    return
        time.sleep(0.1)
    raise TimeoutError(f"the chroma server on port {port} did not answer within {timeout_s:.0f} s")


def settings_for(data_dir: Path, user: str = "alice", **extra) -> Settings:
    """Settings that read no config file and no environment."""
    values = {"data_dir": data_dir, "cache_dir": data_dir / "cache", "user": user, **extra}
    return load_settings(values, env={}, config_path=data_dir / "none.toml")


def unique_user(prefix: str = "u") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def session(settings: Settings, classifier, **kw):
    """A loaded LocalSession with the fake LLM and no prior (fast)."""
    from app.local_session import open_session
    from assistant.llm.echo import EchoLLM as FakeLLM

    kw.setdefault("llm", FakeLLM())
    s = open_session(settings, classifier=classifier, load_personalizer=False, **kw)
    s.load()
    return s
