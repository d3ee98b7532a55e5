"""Persistence: per-user summaries, preference statements and profiles in ChromaDB."""

from memory.store import MemoryError, MemoryStore, Statement, SummaryVersion
from memory.validate import ImportValidationError

__all__ = ["ImportValidationError", "MemoryError", "MemoryStore", "Statement", "SummaryVersion"]
