"""LLM backends behind one small interface."""
