"""The labelled feedback rows: reading, validating, and the train/dev splits the heads learn from."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DATA_PATH = DATA_DIR / "feedback.jsonl"
LASTING_PATH = DATA_DIR / "summary" / "lasting.jsonl"
SIGNS = (-1, 0, 1)

# Labelling guide for data/feedback.jsonl (kept here so the data and the model agree):
#   kind      "feedback" = about the previous answer or about how to answer this person in general
#             (a stated preference with no previous answer counts); "request" = anything asking for
#             new content, even "make this poem shorter: <text>" or "thanks! now how do I ...?".
#   sign      -1 / +1 only when the text evaluates the previous answer ("too long", "wrong", "great",
#             "👍", "nope"); a pure instruction or a stated preference is 0.
#   directive true when the text says how answers should change or states a lasting preference.
#   lasting   (optional, directive rows) true for "from now on" / facts about the user; false for a
#             fix to this one answer ("redo that as a table").
#   split     "train" or "dev"; the test split lives in benchmarks/data/ and is never trained on.


def load_rows(path: Path) -> list[dict]:
    """Read and validate a labelled JSONL file; a bad row raises ValueError naming its line."""
    rows = []
    for where, row in json_lines(path):
        check_row(row, where)
        rows.append(row)
    if not rows:
        raise ValueError(f"{path}: no labelled rows")
    return rows


def check_row(row: object, where: str) -> None:
    """Raise ValueError (naming `where`) unless the row has the fields the heads train on."""
    if not isinstance(row, dict) or not isinstance(row.get("text"), str):
        raise ValueError(f"{where}: each row needs a 'text' string")
    if row.get("kind") not in ("request", "feedback"):
        raise ValueError(f"{where}: 'kind' must be 'request' or 'feedback'")
    if row.get("sign") not in SIGNS or not isinstance(row.get("directive"), bool):
        raise ValueError(f"{where}: 'sign' must be -1, 0 or 1 and 'directive' true or false")
    prev = row.get("previous_answer")
    if prev is not None and not isinstance(prev, str):
        raise ValueError(f"{where}: 'previous_answer' must be a string or null")
    if row.get("lasting") is not None and not isinstance(row["lasting"], bool):
        raise ValueError(f"{where}: 'lasting' must be true, false or null")


def load_lasting_rows(path: Path | None) -> list[dict]:
    """{"text", "lasting"} rows (a missing file is no rows), each given a stable split by the hash
    of its text: about one in five is dev."""
    if path is None or not Path(path).exists():
        return []
    rows = []
    for where, row in json_lines(path):
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            raise ValueError(f"{where}: each row needs a 'text' string")
        if not isinstance(row.get("lasting"), bool):
            raise ValueError(f"{where}: 'lasting' must be true or false")
        rows.append(
            {"text": row["text"], "lasting": row["lasting"], "split": hash_split(row["text"])}
        )
    return rows


def hash_split(text: str, dev_share: int = 5) -> str:
    """'dev' for one text in `dev_share`, else 'train'; the same text always lands the same way."""
    digest = hashlib.sha256(text.strip().lower().encode("utf-8")).digest()
    return "dev" if digest[0] % dev_share == 0 else "train"


def split_of(rows: list[dict], split: str) -> list[dict]:
    """Rows of one split; rows without a split count as train."""
    return [r for r in rows if r.get("split", "train") == split]


def json_lines(path: Path):
    """(where, row) for each non-blank line of a JSONL file; ValueError names a bad line."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise ValueError(f"cannot read feedback data {path}: {e}") from None
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            yield f"{path}:{n}", json.loads(line)
        except json.JSONDecodeError as e:
            raise ValueError(f"{path}:{n}: not JSON ({e.msg})") from None
