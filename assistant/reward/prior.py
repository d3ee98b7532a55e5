"""The group prior: labelled base reward functions φ plus the population's coefficients N(w̄, Σ)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from assistant.reward.model import Featurizer, TextEncoder

PACKAGED_PRIOR = Path(__file__).resolve().parent.parent / "data" / "prior"
_META = "prior.json"
_ARRAYS = "prior.npz"
_BANK = "bank.jsonl"


@dataclass
class GroupPrior:
    """φ(x, y) = A·z(x, y) + c, each base at unit variance over the texts it was fitted on (style
    bases: whitened over the simulated corpus; a quality base: over the crowd's answers), so
    coefficients are in Bradley–Terry log-odds per standard deviation of each base function.
    meta["provenance"] says which parts come from real people and which are simulated."""

    labels: list[str]
    directions: list[tuple[str, str]]
    """(positive, negative) readable phrases per base, e.g. ("shorter answers", "longer answers")."""
    w_bar: np.ndarray
    sigma: np.ndarray
    protected: list[bool]
    projection: np.ndarray
    offset: np.ndarray
    feature_mean: np.ndarray
    feature_std: np.ndarray
    attribute_corr: np.ndarray
    """(J, 7) correlation of each base with the measured attributes (ATTRIBUTES order)."""
    meta: dict = field(default_factory=dict)
    bank: list[dict] = field(default_factory=list)
    """Onboarding questions: {"id", "prompt", "a", "b"}."""
    bank_diffs: np.ndarray | None = None
    bounds: np.ndarray | None = None
    """(2, J) low/high of each base over the texts it was fitted on: beyond them a base saturates
    (an empty or garbled answer is not "shorter" or "calmer" without end). None = unbounded."""
    encoder: TextEncoder | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self._featurizer = Featurizer(self.feature_mean, self.feature_std, self.encoder)

    @property
    def J(self) -> int:
        return len(self.labels)

    def features(self, prompt: str, responses: list[str]) -> np.ndarray:
        """(n, J) base reward values of each response to the prompt (encodings are cached)."""
        if not responses:
            return np.zeros((0, self.J))
        return self.features_many([prompt] * len(responses), responses)

    def inputs(self, prompts: list[str], responses: list[str]) -> np.ndarray:
        """(n, D) raw inputs z(x, y) the bases read (fitting a base on other data, baselines)."""
        return self._featurizer.transform(prompts, responses)

    @property
    def basis_id(self) -> str:
        """Names the bases (labels, projection, offset, not w̄ or Σ): a user's posterior stored on
        other bases means nothing here even when J matches, and a refit group keeps the id."""
        h = hashlib.sha1(json.dumps(self.labels).encode())
        for array in (self.projection, self.offset):
            h.update(np.ascontiguousarray(array, dtype=np.float32).tobytes())
        return h.hexdigest()[:16]

    @property
    def provenance(self) -> str:
        """Which parts of the group are real people and which simulated, in one line."""
        return str(self.meta.get("group") or self.meta.get("source") or "")

    def features_many(self, prompts: list[str], responses: list[str]) -> np.ndarray:
        """Bulk φ for parallel lists (fitting, benchmarks)."""
        return self.from_inputs(self._featurizer.transform(prompts, responses))

    def from_inputs(self, z: np.ndarray) -> np.ndarray:
        """φ of raw inputs z (see inputs()), saturating at the bounds."""
        phi = z.astype(np.float64) @ self.projection.T + self.offset
        return phi if self.bounds is None else np.clip(phi, self.bounds[0], self.bounds[1])

    def save(self, directory: Path | str) -> None:
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        meta = {
            "labels": self.labels,
            "directions": [list(d) for d in self.directions],
            "protected": self.protected,
            "meta": self.meta,
        }
        (directory / _META).write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n")
        arrays = {
            "w_bar": self.w_bar,
            "sigma": self.sigma,
            "projection": self.projection.astype(np.float32),
            "offset": self.offset,
            "feature_mean": self.feature_mean,
            "feature_std": self.feature_std,
            "attribute_corr": self.attribute_corr,
        }
        if self.bank_diffs is not None:
            arrays["bank_diffs"] = self.bank_diffs
        if self.bounds is not None:
            arrays["bounds"] = self.bounds
        np.savez_compressed(directory / _ARRAYS, **arrays)
        with (directory / _BANK).open("w", encoding="utf-8") as f:
            for q in self.bank:
                f.write(json.dumps(q, ensure_ascii=False) + "\n")

    @classmethod
    def load(
        cls, directory: Path | str | None = None, encoder: TextEncoder | None = None
    ) -> GroupPrior:
        """Load a saved prior (None = the packaged default); FileNotFoundError if there is none."""
        directory = Path(directory) if directory is not None else PACKAGED_PRIOR
        if not (directory / _META).is_file() or not (directory / _ARRAYS).is_file():
            raise FileNotFoundError(
                f"group prior not found in {directory}: build it with `make prior` "
                "or fit one from your own data with `plural prior fit DATA.jsonl`"
            )
        meta = json.loads((directory / _META).read_text())
        with np.load(directory / _ARRAYS) as npz:
            arrays = {k: npz[k] for k in npz.files}
        bank_path = directory / _BANK
        bank = (
            [json.loads(x) for x in bank_path.read_text().splitlines() if x.strip()]
            if bank_path.is_file()
            else []
        )
        return cls(
            labels=meta["labels"],
            directions=[tuple(d) for d in meta["directions"]],
            protected=[bool(p) for p in meta["protected"]],
            meta=meta.get("meta", {}),
            w_bar=arrays["w_bar"],
            sigma=arrays["sigma"],
            projection=arrays["projection"].astype(np.float64),
            offset=arrays["offset"],
            feature_mean=arrays["feature_mean"],
            feature_std=arrays["feature_std"],
            attribute_corr=arrays["attribute_corr"],
            bank=bank,
            bank_diffs=arrays.get("bank_diffs"),
            bounds=arrays.get("bounds"),
            encoder=encoder,
        )
