"""`python -m assistant.reward.text_scorer build`: retrain the shipped weights (seeded, reproducible)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from assistant.reward.text_scorer.facets import FACETS_PATH, WEIGHTS_PATH
from assistant.reward.text_scorer.fit import build


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m assistant.reward.text_scorer", description=__doc__)
    ap.add_argument("command", choices=["build"])
    ap.add_argument("--out", type=Path, default=WEIGHTS_PATH, help="weights file to write")
    ap.add_argument("--facets", type=Path, default=FACETS_PATH, help="facets file to train on")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    print(json.dumps(build(args.out, facets_path=args.facets, seed=args.seed)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
