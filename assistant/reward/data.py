"""Group comparison data: one JSONL format, validated on load.

Format — one JSON object per line (blank lines are skipped):

    {"user_id": "u17", "prompt": "How do I boil an egg?",
     "response_a": "...", "response_b": "...",
     "label": "a" | "b" | "tie",
     "condition": "swapped"}            # optional: "original", "swapped", "reworded", ...

`label` names the response the user preferred ("tie" = no preference). Every string must be
non-empty; `condition` marks re-asked questions so consistency can be measured.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

LABELS = ("a", "b", "tie")
_REQUIRED = ("user_id", "prompt", "response_a", "response_b", "label")


@dataclass(frozen=True)
class Comparison:
    """One user's judgement between two responses to one prompt."""

    user_id: str
    prompt: str
    response_a: str
    response_b: str
    label: str
    condition: str | None = None

    @property
    def outcome(self) -> float:
        """1.0 if a won, 0.0 if b won, 0.5 for a tie (the Bradley–Terry target for a ≻ b)."""
        return {"a": 1.0, "b": 0.0, "tie": 0.5}[self.label]


def _row_error(row: object) -> str | None:
    if not isinstance(row, dict):
        return "each line must be a JSON object"
    for key in _REQUIRED:
        if key not in row:
            return f"missing field {key!r}"
        if not isinstance(row[key], str) or not row[key].strip():
            return f"field {key!r} must be a non-empty string"
    if row["label"] not in LABELS:
        return f"label must be a, b or tie (got {row['label']!r})"
    if row.get("condition") is not None and not isinstance(row["condition"], str):
        return "field 'condition' must be a string when given"
    return None


def parse_comparison(row: object) -> Comparison:
    """Validate one decoded row; ValueError says what is wrong."""
    error = _row_error(row)
    if error:
        raise ValueError(error)
    assert isinstance(row, dict)
    return Comparison(**{k: row.get(k) for k in (*_REQUIRED, "condition")})


def load_comparisons(path: Path | str) -> list[Comparison]:
    """Read and validate a comparisons JSONL file; a bad row raises ValueError naming file:line."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"comparison file not found: {path}")
    comparisons = []
    with path.open(encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                comparisons.append(parse_comparison(json.loads(line)))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path.name}:{number}: not valid JSON ({exc.msg})") from None
            except ValueError as exc:
                raise ValueError(f"{path.name}:{number}: {exc}") from None
    if not comparisons:
        raise ValueError(f"{path.name}: no comparisons found (expected one JSON object per line)")
    return comparisons


def save_comparisons(comparisons: Iterable[Comparison], path: Path | str) -> None:
    """Write comparisons in the documented JSONL format (condition omitted when None)."""
    with Path(path).open("w", encoding="utf-8") as f:
        for c in comparisons:
            row = {k: v for k, v in asdict(c).items() if v is not None}
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
