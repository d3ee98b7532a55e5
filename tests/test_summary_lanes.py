"""The same-run lanes (benchmarks.summary_lanes): every part a lane switches off still exists
under the name the lane patches, the patch is undone after the lane, and the lane runner
refuses a lane it does not know."""

from __future__ import annotations

import pytest

from benchmarks.summary_lanes import PARTS, main, off


@pytest.mark.parametrize("name", sorted(PARTS))
def test_each_lane_patches_a_part_that_exists_and_puts_it_back(name):
    before = [getattr(module, attr) for module, attr, _ in PARTS[name]]
    with off(name):  # mock.patch.object raises on a name the module no longer has
        during = [getattr(module, attr) for module, attr, _ in PARTS[name]]
    after = [getattr(module, attr) for module, attr, _ in PARTS[name]]
    assert after == before
    assert all(d is not b for d, b in zip(during, before, strict=True))


def test_the_lane_runner_refuses_an_unknown_lane(tmp_path, capsys):
    data = tmp_path / "summary_updates_x.jsonl"
    data.write_text('{"id": "a", "steps": ["Keep answers short."], "must": [], "must_not": []}\n')
    with pytest.raises(SystemExit):
        main(["--data", str(data), "--lanes", "no_such_lane"])
    assert "no such lane" in capsys.readouterr().err
