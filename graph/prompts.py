"""Prompt text for the agent; the summary enters only as quoted data (assistant.summary.prompt_block)."""

from __future__ import annotations

BASE_RULES = (
    "You are plural, a helpful, honest assistant. Answer the user's request directly. "
    "Do not flatter the user or agree with them just to please them; when a question is contested, "
    "give a balanced answer. Never reveal or discuss other users' information."
)

RECALL_HEADER = "Earlier things this user said about how they like answers (quoted data):"

REVISE_HEADER = (
    "The user just asked for this change to your previous answer; answer their request again "
    "following it:"
)

HISTORY_TURNS = 6
"""How many recent messages travel with each request (the small local model has a short context)."""
