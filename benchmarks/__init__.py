"""One module per measured claim: `python -m benchmarks.NAME [--data DIR|FILE] [--quick]`."""

from __future__ import annotations

from pathlib import Path

RESULTS_DIR = Path(__file__).resolve().parent / "results"


def result_path(name: str, quick: bool = False, suffix: str = ".json") -> Path:
    """Where a run writes: results/NAME.json, or NAME_quick.json for a --quick run, so a quick run
    (CI's, or a developer's) never overwrites the committed full-size result."""
    return RESULTS_DIR / f"{name}{'_quick' if quick else ''}{suffix}"
