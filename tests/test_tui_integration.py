"""The real app in a real terminal (tmux) with the embedded model: load, answer, correct, restart."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[1]
LAUNCH = (
    "from assistant.config import load_settings; from tui import run_tui; "
    "run_tui(load_settings({'user': 'alice'}))"
)


class Tmux:
    """One detached tmux session running the app; read the screen as text."""

    def __init__(self, name: str, env: dict[str, str]) -> None:
        self.name = name
        exports = " ".join(f"{k}={v}" for k, v in env.items())
        cmd = f'cd {ROOT} && env -u COLUMNS -u LINES {exports} {sys.executable} -c "{LAUNCH}"; sleep 600'
        subprocess.run(["tmux", "new", "-d", "-s", name, "-x", "120", "-y", "40", cmd], check=True)
        # a tmux server that already runs may size new windows its own way; insist on 120x40
        subprocess.run(["tmux", "set-option", "-t", name, "window-size", "manual"], check=False)
        subprocess.run(["tmux", "resize-window", "-t", name, "-x", "120", "-y", "40"], check=False)

    def screen(self) -> str:
        out = subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True
        )
        return out.stdout

    def keys(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)

    def wait_for(self, pattern: str, timeout: float) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            text = self.screen()
            if "failed to load" in text:
                pytest.fail(f"the model failed to load:\n{text}")
            if re.search(pattern, text, re.MULTILINE):
                return text
            time.sleep(0.5)
        pytest.fail(f"{pattern!r} did not appear in {timeout}s; screen:\n{self.screen()}")

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


@pytest.fixture
def app_env(tmp_path):
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed (apt-get install tmux)")
    config = tmp_path / "config.toml"
    # short answers keep the whole exchange on one 40-line screen, so it can be read back
    config.write_text("n_candidates = 2\n[llm]\nmax_tokens = 40\n")
    env = {
        "PLURAL_DATA_DIR": str(tmp_path / "data"),
        "PLURAL_CACHE_DIR": str(tmp_path / "cache"),
        "PLURAL_CONFIG": str(config),
        "PLURAL_BACKEND": "local",
        "ANONYMIZED_TELEMETRY": "False",
        "TERM": "xterm-256color",
    }
    return env


def test_real_app_answers_learns_and_restores(app_env):
    name = f"plural-it-{os.getpid()}"
    tui = Tmux(name, app_env)
    try:
        tui.wait_for(r"^\s*ready\s", timeout=420)
        tui.keys("What is the capital of France?", "Enter")
        tui.wait_for(r"thinking|╭─ assistant", timeout=30)
        screen = tui.wait_for(r"╭─ assistant[\s\S]*^\s*ready\s", timeout=300)
        assert "│ What is the capital of France?" in screen, screen
        tui.keys("C-f")
        tui.wait_for("feedback mode", timeout=10)
        tui.keys("From now on, please answer in one short sentence.", "Enter")
        screen = tui.wait_for(r"Understood:[\s\S]*^\s*ready\s", timeout=300)
        assert "Directive:" in screen and "Summary change:" in screen
        assert "one short sentence" in screen.split("What I know")[1], "the panel shows the summary"
        tui.keys("C-q")
        time.sleep(2)
    finally:
        tui.close()
    tui = Tmux(name + "b", app_env)
    try:
        screen = tui.wait_for(r"capital of France", timeout=420)
        assert "alice" in screen
    finally:
        tui.close()
