"""Shared fixtures: the real (small, shipped) classifier and stance model once per session, and the
deterministic fakes of tests/fakes.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fakes import FakeEncoder, FakeLLM


@pytest.fixture(scope="session")
def classifier():
    """The shipped feedback classifier on the real MiniLM encoder (loaded once)."""
    from assistant.feedback import FeedbackClassifier

    return FeedbackClassifier.load()


@pytest.fixture(scope="session")
def stance():
    """The shipped stance model (views, agreement, praise) on the real encoder."""
    from assistant.reward.stance_model import StanceModel

    return StanceModel.load()


@pytest.fixture
def fake_llm() -> FakeLLM:
    return FakeLLM()


@pytest.fixture
def fake_encoder() -> FakeEncoder:
    return FakeEncoder()


@pytest.fixture
def session(tmp_path: Path, classifier):
    """A real local session for user 'alice' (fake LLM, real classifier, no personalizer)."""
    from app.local_session import open_session
    from assistant.config import load_settings

    settings = load_settings(
        {"data_dir": tmp_path / "data", "user": "alice"}, env={}, config_path=tmp_path / "none.toml"
    )
    s = open_session(settings, llm=FakeLLM(), classifier=classifier, load_personalizer=False)
    s.load()
    yield s
    s.close()


@pytest.fixture
def open_with(tmp_path: Path, classifier, monkeypatch):
    """Opens real local sessions for 'alice' whose stale-line reader is the one given (a
    deterministic fake), with settings `over` the defaults."""
    from app.local_session import open_session
    from assistant.config import load_settings
    from assistant.summary import stale

    made = []

    def make(reader, **over):
        monkeypatch.setattr(stale, "shipped", lambda: reader)
        settings = load_settings({"data_dir": tmp_path / "data", "user": "alice", **over}, env={},
                                 config_path=tmp_path / "none.toml")  # fmt: skip
        s = open_session(settings, llm=FakeLLM(), classifier=classifier, load_personalizer=False)
        s.load()
        made.append(s)
        return s

    yield make
    for s in made:
        s.close()


class SureReader:
    """A stale-line reader sure that every stored line has ended."""

    def p_stale(self, lines, text):
        return [1.0 for _ in lines]


@pytest.fixture
def sure_session(open_with):
    """A real local session whose stale-line reader ends every stored line it reads."""
    return open_with(SureReader())
