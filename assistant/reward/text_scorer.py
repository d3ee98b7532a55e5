"""The text-conditioned reward term c(summary, x, y): how well an answer respects the user's stated preferences."""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "text_scorer"
FACETS_PATH = DATA_DIR / "facets.txt"
WEIGHTS_PATH = DATA_DIR / "weights.npz"

# Words that turn a preference clause against its object ("I avoid X", "X makes me sick").
NEG_CUES = frozenset(
    [
        "avoid",
        "avoids",
        "avoiding",
        "dislike",
        "dislikes",
        "don't",
        "dont",
        "not",
        "no",
        "never",
        "hate",
        "hates",
        "allergic",
        "allergy",
        "allergies",
        "intolerance",
        "intolerant",
        "aversion",
        "averse",
        "can't",
        "cannot",
        "won't",
        "refuse",
        "against",
        "stopped",
        "stop",
        "skip",
        "sick",
        "ill",
        "afraid",
        "scared",
        "fear",
        "terrify",
        "terrifies",
        "bother",
        "bothers",
        "upset",
        "upsets",
        "worst",
        "nightmares",
        "anxious",
        "anxiety",
        "stresses",
        "stress",
        "overwhelm",
        "overwhelms",
        "nervous",
        "useless",
        "unacceptable",
        "deal-breaker",
        "dealbreaker",
        "off",
        "without",
        "isn't",
        "aren't",
        "doesn't",
        "didn't",
        "wrong",
        "strictly",
        "no-go",
        "nogo",
        "limit",
        "cutting",
        "reduce",
        "creep",
    ]
)
# Words in an answer that negate the object next to them ("gluten-free", "without cheese").
ANSWER_NEG = frozenset(
    ["no", "without", "free", "non", "zero", "less", "avoid", "skip", "instead", "minus"]
)
STOP = frozenset(
    [
        "i",
        "i'm",
        "im",
        "me",
        "my",
        "mine",
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "for",
        "with",
        "at",
        "by",
        "from",
        "as",
        "is",
        "are",
        "be",
        "been",
        "am",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "any",
        "anything",
        "all",
        "some",
        "very",
        "so",
        "too",
        "really",
        "just",
        "also",
        "only",
        "please",
        "you",
        "your",
        "we",
        "our",
        "they",
        "them",
        "their",
        "there",
        "here",
        "what",
        "which",
        "who",
        "how",
        "when",
        "where",
        "why",
        "do",
        "does",
        "did",
        "have",
        "has",
        "had",
        "can",
        "could",
        "would",
        "should",
        "will",
        "shall",
        "may",
        "might",
        "must",
        "like",
        "want",
        "prefer",
        "love",
        "enjoy",
        "need",
        "get",
        "go",
        "make",
        "makes",
        "made",
        "keep",
        "kept",
        "one",
        "ones",
        "thing",
        "things",
        "something",
        "way",
        "ways",
        "lot",
        "lots",
        "much",
        "more",
        "most",
        "less",
        "because",
        "due",
        "since",
        "about",
        "into",
        "out",
        "up",
        "over",
        "than",
        "then",
        "but",
        "if",
        "while",
        "try",
        "suggest",
        "recommend",
        "i've",
        "i'd",
        "i'll",
        "it's",
        "great",
        "good",
        "best",
        "nice",
    ]
)
_WORD = re.compile(r"[a-z][a-z']*")
_CLAUSE = re.compile(r"[.;:!?]|,\s*(?:but|so|and)\s|\bbut\b")


class TextScorerError(ValueError):
    """Bad input or a missing/corrupt weights file; the message says what to do."""


# -- data: hand-written facets -> (line, prompt, chosen, rejected) pairs ------------------------


@dataclass(frozen=True)
class Facet:
    domain: str
    against: tuple[str, ...]
    toward: tuple[str, ...]
    prompts: tuple[str, ...]
    bad: tuple[str, ...]
    good: tuple[str, ...]

    @property
    def statements(self) -> tuple[str, ...]:
        return self.against + self.toward


def parse_facets(text: str) -> list[Facet]:
    """Parse the facets file (blocks of `D:/N:/P:/Q:/B:/G:` lines separated by blank lines)."""
    facets = []
    for block in re.split(r"\n\s*\n", text):
        fields: dict[str, tuple[str, ...]] = {}
        for raw in block.splitlines():
            line = raw.strip()
            if not line or line.startswith("#") or ":" not in line[:3]:
                continue
            key, _, rest = line.partition(":")
            fields[key] = tuple(p.strip() for p in rest.split("|") if p.strip())
        if not fields:
            continue
        if not (fields.get("B") and fields.get("G") and fields.get("Q")):
            raise TextScorerError(f"facet block lacks B/G/Q lines: {block[:80]!r}")
        facets.append(
            Facet(
                domain=(fields.get("D") or ("misc",))[0],
                against=fields.get("N", ()),
                toward=fields.get("P", ()),
                prompts=fields["Q"],
                bad=fields["B"],
                good=fields["G"],
            )
        )
    return facets


def load_facets(path: Path = FACETS_PATH) -> list[Facet]:
    return parse_facets(Path(path).read_text(encoding="utf-8"))


ANSWER_TEMPLATES = (
    "{Item}.",
    "I'd recommend {item}.",
    "Try {item} - it's a favorite for a reason.",
    "You'll love {item}!",
    "How about {item}? It's a great choice.",
    "{Item} would be perfect for this.",
    "Here's an idea: {item}. Many people swear by it.",
    "Definitely go for {item}; it's highly rated.",
    "My top pick: {item}.",
    "Consider {item}.",
    "{Item} is hard to beat, honestly.",
    "A great option is {item}, which people rave about.",
)
PAIR_TEMPLATES = (
    "A couple of ideas: {a}, or {b}.",
    "You could try {a}. Another option is {b}.",
    "Top picks: {a} and {b}.",
)


def render(item: str, rng: random.Random, second: str | None = None) -> str:
    """One assistant-style answer built around `item` (and optionally a second item)."""
    if second is not None:
        return rng.choice(PAIR_TEMPLATES).format(a=item, b=second)
    t = rng.choice(ANSWER_TEMPLATES)
    return t.format(item=item, Item=item[:1].upper() + item[1:])


def make_pairs(facets: list[Facet], seed: int = 0, per_prompt: int = 3) -> list[dict]:
    """(line, prompt, chosen, rejected, facet) rows: every statement x prompt, a few answer pairs."""
    rng = random.Random(seed)
    rows = []
    for fi, f in enumerate(facets):
        for line in f.statements:
            for prompt in f.prompts:
                for _ in range(per_prompt):
                    two = rng.random() < 0.2
                    g = rng.sample(f.good, 2) if two else [rng.choice(f.good)]
                    b = rng.sample(f.bad, 2) if two else [rng.choice(f.bad)]
                    rows.append(
                        {
                            "line": line,
                            "prompt": prompt,
                            "chosen": render(g[0], rng, g[1] if two else None),
                            "rejected": render(b[0], rng, b[1] if two else None),
                            "facet": fi,
                        }
                    )
    return rows


# -- features -----------------------------------------------------------------------------------


def _stem(word: str) -> str:
    word = word.strip("'")
    for suf in ("'s", "ies", "es", "s", "ing", "ed"):
        if word.endswith(suf) and len(word) - len(suf) >= 4:
            word = word[: -len(suf)]
            break
    return word[:6]


def line_terms(line: str) -> dict[str, float]:
    """Content stems of a preference line with their polarity: -1 in a clause against, +1 toward."""
    terms: dict[str, float] = {}
    for clause in _CLAUSE.split(line.lower().replace("-", " - ")):
        words = _WORD.findall(clause)
        sign = -1.0 if any(w in NEG_CUES or w.endswith("n't") for w in words) else 1.0
        for w in words:
            if w in STOP or w in NEG_CUES or len(w) < 3:
                continue
            terms[_stem(w)] = min(terms.get(_stem(w), sign), sign)
    return terms


def answer_terms(text: str) -> dict[str, float]:
    """Content stems of an answer: -1 where negated next to it ("gluten-free", "no cheese"), else +1."""
    words = _WORD.findall(text.lower().replace("-", " "))
    out: dict[str, float] = {}
    for i, w in enumerate(words):
        if w in STOP or w in ANSWER_NEG or len(w) < 3:
            continue
        near = words[max(0, i - 2) : i] + words[i + 1 : i + 2]
        sign = -1.0 if any(n in ANSWER_NEG for n in near) else 1.0
        s = _stem(w)
        out[s] = min(out.get(s, sign), sign)
    return out


N_LEX = 6


def lexical_features(line: str, answer: str) -> np.ndarray:
    """[agreement, overlap, line is against, answer negates, against-overlap, toward-overlap]."""
    lt, at = line_terms(line), answer_terms(answer)
    shared = [s for s in lt if s in at]
    agree = sum(lt[s] * at[s] for s in shared)
    against = sum(1 for s in shared if lt[s] < 0 and at[s] > 0)
    toward = sum(1 for s in shared if lt[s] > 0 and at[s] > 0)
    neg_line = float(any(v < 0 for v in lt.values()))
    neg_answer = float(any(v < 0 for v in at.values()))
    return np.array(
        [
            np.tanh(agree),
            np.tanh(len(shared)),
            neg_line,
            neg_answer,
            np.tanh(against),
            np.tanh(toward),
        ],
        dtype=np.float32,
    )


def pair_features(u: np.ndarray, v: np.ndarray, lex: np.ndarray) -> np.ndarray:
    """Features of (line, answer) rows: [u, v, u*v, |u-v|, cos, lexical cues]."""
    cos = np.sum(u * v, axis=1, keepdims=True)
    return np.concatenate([u, v, u * v, np.abs(u - v), cos, lex], axis=1).astype(np.float32)


# -- model --------------------------------------------------------------------------------------


def _mlp_forward(params: dict[str, np.ndarray], x: np.ndarray) -> np.ndarray:
    h = (x - params["mean"]) / params["std"]
    h = np.maximum(h @ params["w1"] + params["b1"], 0.0)
    return (h @ params["w2"] + params["b2"]).reshape(-1)


class TextScorer:
    """c(summary, x, y): each summary line scored against each answer by a small MLP over MiniLM
    embeddings and lexical contradiction cues, aggregated by the line's relevance to the prompt."""

    def __init__(
        self, params: dict[str, np.ndarray], encoder: Any = None, temperature: float = 0.1
    ):
        self.params = params
        self._encoder = encoder
        self.temperature = temperature

    @classmethod
    def load(cls, path: Path | None = None, encoder: Any = None) -> TextScorer:
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
                f"text scorer weights at {path} are unreadable ({exc}); rebuild them"
            ) from None
        missing = {"mean", "std", "w1", "b1", "w2", "b2"} - set(params)
        if missing:
            raise TextScorerError(
                f"text scorer weights at {path} lack {sorted(missing)}; rebuild them"
            )
        return cls(params, encoder=encoder)

    @property
    def encoder(self) -> Any:
        if self._encoder is None:
            from assistant.encoder import get_encoder

            self._encoder = get_encoder()
        return self._encoder

    def score(
        self, summary: str, prompt: str, responses: list[str], *, llm: Any = None
    ) -> np.ndarray:
        """(n,) scores in [-1, 1]: how well each response respects the summary; 0 for an empty one."""
        if not isinstance(summary, str) or not isinstance(prompt, str):
            raise TextScorerError("summary and prompt must be strings")
        if isinstance(responses, str) or not all(isinstance(r, str) for r in responses):
            raise TextScorerError("responses must be a list of strings")
        lines = summary_lines(summary)
        if not lines or not responses:
            return np.zeros(len(responses), dtype=np.float32)
        if llm is not None and getattr(llm, "capable", False):
            judged = judge_with_llm(llm, lines, prompt, responses)
            if judged is not None:
                return judged
        return self._score_lines(lines, prompt, list(responses))

    def line_scores(self, lines: list[str], responses: list[str]) -> np.ndarray:
        """(n_lines, n_responses) raw MLP scores."""
        emb = self.encoder.encode(lines + responses)
        u, v = emb[: len(lines)], emb[len(lines) :]
        ui = np.repeat(np.arange(len(lines)), len(responses))
        vi = np.tile(np.arange(len(responses)), len(lines))
        lex = np.stack(
            [lexical_features(lines[i], responses[j]) for i, j in zip(ui, vi, strict=True)]
        )
        raw = _mlp_forward(self.params, pair_features(u[ui], v[vi], lex))
        return raw.reshape(len(lines), len(responses))

    def _score_lines(self, lines: list[str], prompt: str, responses: list[str]) -> np.ndarray:
        from assistant.encoder import one_thread

        with one_thread():  # small matrices: BLAS threads only add waiting (benchmarks/turn)
            raw = self.line_scores(lines, responses)
            weights = self._relevance(lines, prompt, responses)
        # Centre per line so a line that is irrelevant to every answer adds no offset.
        centred = raw - raw.mean(axis=1, keepdims=True) if len(responses) > 1 else raw
        return np.tanh(weights @ centred).astype(np.float32)

    def _relevance(self, lines: list[str], prompt: str, responses: list[str]) -> np.ndarray:
        """Softmax weights over lines by cosine to the prompt and answers (the lines that matter here)."""
        if len(lines) == 1:
            return np.ones(1, dtype=np.float32)
        emb = self.encoder.encode(lines + [prompt] + responses)
        u, ctx = emb[: len(lines)], emb[len(lines) :]
        sim = (u @ ctx.T).max(axis=1) / self.temperature
        w = np.exp(sim - sim.max())
        return (w / w.sum()).astype(np.float32)


def summary_lines(summary: str) -> list[str]:
    """Bullet lines of a summary, without markers; headings and blank lines dropped."""
    out = []
    for raw in summary.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        line = re.sub(r"^(?:[-*•]|\d+[.)])\s*", "", line)
        line = re.sub(r"^\((?:tentative|unsure)\)\s*", "", line, flags=re.I)
        if line:
            out.append(line)
    return out


# -- optional LLM judge -------------------------------------------------------------------------

JUDGE_PROMPT = (
    "The user has these preferences:\n{prefs}\n\nThe user asked: {prompt}\n\nAnswer:\n{answer}\n\n"
    "Rate from 1 to 10 how well the answer respects the user's preferences (10 = fully respects, "
    "1 = clearly goes against them). Reply with the number only."
)


def judge_with_llm(
    llm: Any, lines: list[str], prompt: str, responses: list[str]
) -> np.ndarray | None:
    """A capable LLM rates each answer 1-10; None (fall back to the trained scorer) on any failure."""
    from assistant.llm.base import LLMError

    prefs = "\n".join(f"- {line}" for line in lines)
    out = []
    for answer in responses:
        msg = JUDGE_PROMPT.format(prefs=prefs, prompt=prompt, answer=answer)
        try:
            reply = llm.chat([{"role": "user", "content": msg}], max_tokens=4, temperature=0.0)
        except LLMError:
            return None
        m = re.search(r"\b(10|[1-9])\b", reply or "")
        if m is None:
            return None
        out.append((int(m.group(1)) - 5.5) / 4.5)
    return np.asarray(out, dtype=np.float32)


# -- fit ----------------------------------------------------------------------------------------


def featurize_rows(rows: list[dict], encoder: Any) -> tuple[np.ndarray, np.ndarray]:
    """Feature matrices (chosen, rejected) for pair rows."""
    texts = sorted({r[k] for r in rows for k in ("line", "chosen", "rejected")})
    emb = encoder.encode(texts, batch_size=64)
    index = {t: i for i, t in enumerate(texts)}

    def side(key: str) -> np.ndarray:
        u = emb[[index[r["line"]] for r in rows]]
        v = emb[[index[r[key]] for r in rows]]
        lex = np.stack([lexical_features(r["line"], r[key]) for r in rows])
        return pair_features(u, v, lex)

    return side("chosen"), side("rejected")


def fit(
    xc: np.ndarray,
    xr: np.ndarray,
    *,
    hidden: int = 64,
    epochs: int = 60,
    lr: float = 1e-3,
    weight_decay: float = 1e-2,
    dropout: float = 0.2,
    seed: int = 0,
) -> dict[str, np.ndarray]:
    """Pairwise (Bradley-Terry) training of the MLP: -logsigmoid(s(chosen) - s(rejected))."""
    import torch

    if xc.shape != xr.shape or len(xc) == 0:
        raise TextScorerError("fit needs equally shaped, non-empty chosen/rejected features")
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # a tiny MLP: extra threads only contend (and vary the result)
    try:
        return _fit_torch(torch, xc, xr, hidden, epochs, lr, weight_decay, dropout, seed)
    finally:
        torch.set_num_threads(threads)


def _fit_torch(torch, xc, xr, hidden, epochs, lr, weight_decay, dropout, seed):
    torch.manual_seed(seed)
    both = np.concatenate([xc, xr])
    mean, std = both.mean(0), both.std(0) + 1e-6
    tc = torch.from_numpy((xc - mean) / std)
    tr = torch.from_numpy((xr - mean) / std)
    model = torch.nn.Sequential(
        torch.nn.Dropout(dropout),
        torch.nn.Linear(xc.shape[1], hidden),
        torch.nn.ReLU(),
        torch.nn.Linear(hidden, 1),
    )
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=weight_decay)
    gen = torch.Generator().manual_seed(seed)
    for _ in range(epochs):
        for idx in torch.randperm(len(tc), generator=gen).split(256):
            loss = -torch.nn.functional.logsigmoid(model(tc[idx]) - model(tr[idx])).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
    lin1, lin2 = model[1], model[3]
    return {
        "mean": mean.astype(np.float32),
        "std": std.astype(np.float32),
        "w1": lin1.weight.detach().numpy().T.copy(),
        "b1": lin1.bias.detach().numpy().copy(),
        "w2": lin2.weight.detach().numpy().T.copy(),
        "b2": lin2.bias.detach().numpy().copy(),
    }


def fit_ensemble(xc: np.ndarray, xr: np.ndarray, *, members: int, seed: int = 0, **config) -> dict:
    """Average `members` MLPs trained with different seeds. A single small MLP's preferences swing
    from seed to seed on paraphrases ("a short hop on a plane"); the average is steadier. Members
    share the input normalisation, so the average is itself one wider MLP (hidden layers side by
    side, output weights divided by the count) and loads and scores like a single model."""
    fits = [fit(xc, xr, seed=seed + m, **config) for m in range(members)]
    return {
        "mean": fits[0]["mean"],
        "std": fits[0]["std"],
        "w1": np.concatenate([f["w1"] for f in fits], axis=1),
        "b1": np.concatenate([f["b1"] for f in fits]),
        "w2": np.concatenate([f["w2"] for f in fits], axis=0) / members,
        "b2": np.mean([f["b2"] for f in fits], axis=0),
    }


def pairwise_accuracy(params: dict[str, np.ndarray], xc: np.ndarray, xr: np.ndarray) -> float:
    return float(np.mean(_mlp_forward(params, xc) > _mlp_forward(params, xr)))


# -- build (reproduces the shipped weights) -----------------------------------------------------

FIT_CONFIG = {"hidden": 64, "epochs": 30, "weight_decay": 0.1, "dropout": 0.5}
ENSEMBLE = 5


def build(
    out: Path = WEIGHTS_PATH,
    *,
    facets_path: Path = FACETS_PATH,
    seed: int = 0,
    encoder: Any = None,
    holdout: float = 0.2,
) -> dict[str, Any]:
    """Train on our facets (a held-out share of facets first, to report generalisation), then on
    all of them; write the weights and a build_info.json beside them. Seeded."""
    if encoder is None:
        from assistant.encoder import get_encoder

        encoder = get_encoder()
    facets = load_facets(facets_path)
    rows = make_pairs(facets, seed=seed)
    xc, xr = featurize_rows(rows, encoder)
    fac = np.array([r["facet"] for r in rows])
    held = np.random.default_rng(seed).permutation(len(facets))[
        : max(1, int(holdout * len(facets)))
    ]
    test = np.isin(fac, held)
    probe = fit_ensemble(xc[~test], xr[~test], members=ENSEMBLE, seed=seed, **FIT_CONFIG)
    params = fit_ensemble(xc, xr, members=ENSEMBLE, seed=seed, **FIT_CONFIG)
    cos_col = 4 * ((xc.shape[1] - 1 - N_LEX) // 4)  # [u, v, u*v, |u-v|, cos, lex]
    info = {
        "facets": len(facets),
        "pairs": len(rows),
        "seed": seed,
        "config": FIT_CONFIG,
        "ensemble": ENSEMBLE,
        "heldout_facets_pairwise_accuracy": round(pairwise_accuracy(probe, xc[test], xr[test]), 4),
        "heldout_facets_cosine_accuracy": round(
            float(np.mean(xc[test, cos_col] > xr[test, cos_col])), 4
        ),
        "train_pairwise_accuracy": round(pairwise_accuracy(params, xc, xr), 4),
    }
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out, **{k: v.astype(np.float32) for k, v in params.items()})
    out.with_name("build_info.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    return info


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(prog="python -m assistant.reward.text_scorer")
    ap.add_argument("command", choices=["build"])
    ap.add_argument("--out", type=Path, default=WEIGHTS_PATH)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    print(json.dumps(build(args.out, seed=args.seed)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
