"""One module per measured claim: `python -m benchmarks.NAME [--data DIR|FILE] [--quick]`."""

from __future__ import annotations

import json
from pathlib import Path

RESULTS_DIR = Path(__file__).resolve().parent / "results"


def result_path(name: str, quick: bool = False, suffix: str = ".json") -> Path:
    """Where a run writes: results/NAME.json, or NAME_quick.json for a --quick run, so a quick run
    (CI's, or a developer's) never overwrites the committed full-size result."""
    return RESULTS_DIR / f"{name}{'_quick' if quick else ''}{suffix}"


def write_result(name: str, result: dict, quick: bool = False) -> Path:
    """Write result_path(name, quick) and print the same JSON as the run's last stdout line."""
    out = result_path(name, quick)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False), flush=True)
    return out
