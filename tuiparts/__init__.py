"""Screens and widgets of the Textual app (tui.py); imports nothing heavy."""
