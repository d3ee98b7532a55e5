"""Shared fixtures: the real (small, shipped) classifier and stance model once per session, and the
deterministic fakes of tests/fakes.py."""

from __future__ import annotations

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
