"""TextScorer: c(summary, x, y), each summary line scored against each answer by a small MLP and
weighted by how much the line matters to this prompt."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

from assistant.encoder import encode_unique, one_thread
from assistant.llm.base import LLM
from assistant.reward.model import TextEncoder, default_encoder
from assistant.reward.text_scorer.facets import WEIGHTS_PATH, TextScorerError
from assistant.reward.text_scorer.features import lexical_features, pair_features
from assistant.reward.text_scorer.judge import judge_with_llm
from assistant.summary import parse

PARAM_KEYS = frozenset({"mean", "std", "w1", "b1", "w2", "b2"})
RELEVANCE_GATE = (0.10, 0.25)
"""A line counts fully once its MiniLM cosine to the prompt or an answer reaches the upper value,
not at all below the lower one (linear between). On our own data (benchmarks/text_weight) lines of
held-out facets sit at a median 0.33 on their prompts, unrelated lines at 0.07; without the gate an
unrelated stated preference overturned a fifth of the real crowd's choices."""
_TENTATIVE = re.compile(r"^\((?:tentative|unsure)\)\s*|\s*\((?:tentative|unsure)\)$", re.I)


def preference_lines(summary: str) -> list[str]:
    """The summary's lines as the scorer reads them: bullets, headings and the "(tentative)" marker
    (written before a line or after it) left out."""
    lines = (_TENTATIVE.sub("", line) for line in parse(summary) if not line.startswith("#"))
    return [line for line in lines if line]


def mlp_forward(params: dict[str, np.ndarray], x: np.ndarray) -> np.ndarray:
    """(n,) scores of feature rows x under normalise -> ReLU layer -> linear output."""
    h = (x - params["mean"]) / params["std"]
    h = np.maximum(h @ params["w1"] + params["b1"], 0.0)
    return (h @ params["w2"] + params["b2"]).reshape(-1)


class TextScorer:
    """c(summary, x, y): each summary line scored against each answer by a small MLP over MiniLM
    embeddings and lexical contradiction cues, aggregated by the line's relevance to the prompt."""

    def __init__(
        self,
        params: dict[str, np.ndarray],
        encoder: TextEncoder | None = None,
        temperature: float = 0.1,
        gate: tuple[float, float] | None = RELEVANCE_GATE,
    ):
        self.params = params
        self._encoder = encoder
        self.temperature = temperature
        self.gate = gate

    @classmethod
    def load(cls, path: Path | None = None, encoder: TextEncoder | None = None) -> TextScorer:
        """Load weights (the packaged ones by default)."""
        path = Path(path) if path is not None else WEIGHTS_PATH
        if not path.exists():
            raise TextScorerError(
                f"text scorer weights not found at {path}; rebuild them with "
                "`python -m assistant.reward.text_scorer build`"
            )
        try:
            with np.load(path) as z:
                params = {k: z[k].astype(np.float32) for k in z.files}
        except (OSError, ValueError) as exc:
            raise TextScorerError(
                f"text scorer weights at {path} are unreadable ({exc}); rebuild them with "
                "`python -m assistant.reward.text_scorer build`"
            ) from None
        missing = PARAM_KEYS - set(params)
        if missing:
            raise TextScorerError(
                f"text scorer weights at {path} lack {sorted(missing)}; rebuild them with "
                "`python -m assistant.reward.text_scorer build`"
            )
        return cls(params, encoder=encoder)

    @property
    def encoder(self) -> TextEncoder:
        """The packaged MiniLM unless one was given (loaded on first use, ~0.5 s)."""
        if self._encoder is None:
            self._encoder = default_encoder()
        return self._encoder

    def score(
        self, summary: str, prompt: str, responses: list[str], *, llm: LLM | None = None
    ) -> np.ndarray:
        """(n,) scores in [-1, 1]: how well each response respects the summary; 0 for an empty one."""
        if not isinstance(summary, str) or not isinstance(prompt, str):
            raise TextScorerError("summary and prompt must be strings")
        if isinstance(responses, str) or not all(isinstance(r, str) for r in responses):
            raise TextScorerError("responses must be a list of strings")
        lines = preference_lines(summary)
        if not lines or not responses:
            return np.zeros(len(responses), dtype=np.float32)
        if llm is not None and getattr(llm, "capable", False):
            judged = judge_with_llm(llm, lines, prompt, responses)
            if judged is not None:
                return judged
        return self.score_lines(lines, prompt, list(responses))

    def line_scores(self, lines: list[str], responses: list[str]) -> np.ndarray:
        """(n_lines, n_responses) raw MLP scores."""
        emb = encode_unique(self.encoder, lines + responses)
        u, v = emb[: len(lines)], emb[len(lines) :]
        ui = np.repeat(np.arange(len(lines)), len(responses))
        vi = np.tile(np.arange(len(responses)), len(lines))
        lex = np.stack(
            [lexical_features(lines[i], responses[j]) for i, j in zip(ui, vi, strict=True)]
        )
        raw = mlp_forward(self.params, pair_features(u[ui], v[vi], lex))
        return raw.reshape(len(lines), len(responses))

    def score_lines(self, lines: list[str], prompt: str, responses: list[str]) -> np.ndarray:
        """(n,) scores in [-1, 1] from already parsed lines (no judge)."""
        with one_thread():  # small matrices: BLAS threads only add waiting (benchmarks/turn)
            raw = self.line_scores(lines, responses)
            weights = self.relevance(lines, prompt, responses)
        # Centre per line so a line that is irrelevant to every answer adds no offset.
        centred = raw - raw.mean(axis=1, keepdims=True) if len(responses) > 1 else raw
        return np.tanh(weights @ centred).astype(np.float32)

    def relevance(self, lines: list[str], prompt: str, responses: list[str]) -> np.ndarray:
        """Weights over lines by cosine to the prompt and answers (the lines that matter here): a
        softmax among the lines, times the gate (a line unrelated to this exchange counts 0)."""
        emb = encode_unique(self.encoder, lines + [prompt] + responses)
        u, ctx = emb[: len(lines)], emb[len(lines) :]
        sim = (u @ ctx.T).max(axis=1)
        w = np.exp((sim - sim.max()) / self.temperature)
        w = w / w.sum()
        if self.gate is not None:
            low, high = self.gate
            w = w * np.clip((sim - low) / max(high - low, 1e-6), 0.0, 1.0)
        return w.astype(np.float32)
