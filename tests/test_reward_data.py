"""Group comparison files: valid rows load, bad rows name the file and line."""

import json

import pytest

from assistant.reward.data import Comparison, load_comparisons, save_comparisons

GOOD = {
    "user_id": "u1",
    "prompt": "Hi?",
    "response_a": "Hello.",
    "response_b": "Hey!",
    "label": "a",
}


def write(path, rows):
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n")
    return path


def test_valid_file_loads_with_outcomes(tmp_path):
    rows = [GOOD, {**GOOD, "label": "b", "condition": "swapped"}, "", {**GOOD, "label": "tie"}]
    comps = load_comparisons(write(tmp_path / "groups.jsonl", rows))
    assert [c.outcome for c in comps] == [1.0, 0.0, 0.5]
    assert comps[1].condition == "swapped"


def test_bad_label_names_file_and_line(tmp_path):
    path = write(tmp_path / "groups.jsonl", [GOOD, {**GOOD, "label": "left"}])
    with pytest.raises(ValueError, match=r"groups\.jsonl:2: label must be a, b or tie"):
        load_comparisons(path)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("{not json", "not valid JSON"),
        ({k: v for k, v in GOOD.items() if k != "prompt"}, "missing field 'prompt'"),
        ({**GOOD, "response_b": "  "}, "'response_b' must be a non-empty string"),
        ("[1, 2]", "must be a JSON object"),
    ],
)
def test_malformed_rows_are_reported(tmp_path, row, message):
    path = write(tmp_path / "groups.jsonl", [GOOD, GOOD, row])
    with pytest.raises(ValueError, match=rf"groups\.jsonl:3: .*{message}"):
        load_comparisons(path)


def test_empty_and_missing_files_are_clear(tmp_path):
    with pytest.raises(ValueError, match="no comparisons"):
        load_comparisons(write(tmp_path / "empty.jsonl", [""]))
    with pytest.raises(FileNotFoundError, match="not found"):
        load_comparisons(tmp_path / "absent.jsonl")


def test_save_then_load_round_trips(tmp_path):
    comps = [Comparison("u", "p", "a", "b", "tie", "reworded"), Comparison("v", "p", "x", "y", "b")]
    save_comparisons(comps, tmp_path / "out.jsonl")
    assert load_comparisons(tmp_path / "out.jsonl") == comps
