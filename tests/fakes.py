"""Deterministic test doubles shared by the suite (conftest.py hands them out as fixtures)."""

from __future__ import annotations

from assistant.llm.echo import EchoLLM
from benchmarks.reliability_kit.doubles import HashEncoder

FakeLLM = EchoLLM
"""The product's deterministic echo backend: answers depend only on the input."""

FakeEncoder = HashEncoder
"""The one fake sentence encoder (it lives with the reliability runs that need it too)."""
