"""`python -m assistant.feedback`: rebuild the shipped heads from the shipped data."""

from assistant.feedback import build

build()
