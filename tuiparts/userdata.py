"""Export and forget as the user sees them: where the file goes, what was deleted."""

from __future__ import annotations

import time
from pathlib import Path

from app.memory_commands import write_json_atomic


def export_file(folder: Path, user_id: str, data: dict) -> Path:
    """Write one export as `<folder>/<user>-<time>.json`, whole or not at all (temp file + rename)."""
    folder.mkdir(parents=True, exist_ok=True)
    return write_json_atomic(folder / f"{user_id}-{time.strftime('%Y%m%d-%H%M%S')}.json", data)


def forgot_text(user_id: str, counts: dict[str, int]) -> str:
    """`forgot alice: 3 statements, 2 summary versions, 1 profile, 2 conversations`."""
    if not counts:
        return f"forgot {user_id}: nothing was stored"
    parts = [
        f"{n} {kind[:-1] if n == 1 and kind.endswith('s') else kind}" for kind, n in counts.items()
    ]
    return f"forgot {user_id}: " + ", ".join(parts)
