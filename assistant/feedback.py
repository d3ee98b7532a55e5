"""Route a message (new request or feedback), and split feedback into a signed score and a directive."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np

DATA_PATH = Path(__file__).parent / "data" / "feedback.jsonl"
PACKAGED_HEADS_DIR = Path(__file__).parent / "data" / "feedback_heads"
FEATURE_VERSION = "4"
MAX_DIRECTIVE_CHARS = 400
SIGNS = (-1, 0, 1)
STRONG_DIRECTIVE = 0.8
L2 = 0.1
PREVIOUS_WEIGHT = 0.3
LEXICAL_WEIGHT = 2.0
N_LEXICAL = 16

# Labelling guide for data/feedback.jsonl (kept here so the data and the model agree):
#   kind      "feedback" = about the previous answer or about how to answer this person in general
#             (a stated preference with no previous answer counts); "request" = anything asking for
#             new content, even "make this poem shorter: <text>" or "thanks! now how do I ...?".
#   sign      -1 / +1 only when the text evaluates the previous answer ("too long", "wrong", "great");
#             a pure instruction or a stated preference is 0.
#   directive true when the text says how answers should change or states a lasting preference.


@dataclass(frozen=True)
class FeedbackSplit:
    """What a message means for learning: its route, evaluation and directive."""

    kind: Literal["request", "feedback"]
    sign: int
    score: float
    """p(positive) - p(negative), in [-1, 1]; 0 for requests."""
    directive: str | None
    """How answers should change, cleaned to preference lines joined by '; ', or None."""
    confidence: float
    """Probability of the chosen route (1.0 when the user marked it as feedback)."""


_EXPLICIT = re.compile(r"^\s*(?:/(?:fb|feedback)\b|feedback\s*:)\s*(.*)\Z", re.I | re.S)


def parse_explicit(text: str) -> tuple[bool, str]:
    """'/fb ...', '/feedback ...' or 'feedback: ...' → (True, rest); anything else → (False, text)."""
    m = _EXPLICIT.match(text or "")
    if m is None:
        return False, text
    return True, m.group(1).strip()


def clean_text(text: str) -> str:
    """Replace undecodable code points and control characters; keep newlines and tabs."""
    if not isinstance(text, str):
        raise ValueError(f"expected text, got {type(text).__name__}")
    safe = text.encode("utf-8", "replace").decode("utf-8", "replace")
    return "".join(ch if ch in "\n\t" or ch >= " " else " " for ch in safe).replace("\x7f", " ")


# ---------------------------------------------------------------- lexical cues

_IMPERATIVES = {
    "keep", "make", "use", "give", "skip", "stop", "avoid", "be", "write", "answer", "add", "include",
    "drop", "cut", "put", "show", "explain", "try", "remove", "respond", "reply", "tell", "talk",
    "speak", "format", "limit", "mention", "focus", "start", "end", "list", "don't", "dont", "never",
    "always", "say", "call", "assume", "remember", "note", "consider", "offer", "provide", "ask",
    "cite", "double-check", "check", "go", "tone", "quit", "leave", "lose", "ditch", "get", "switch",
    "follow", "sign", "trim", "double", "shorten", "lengthen", "simplify", "expand", "elaborate", "less",
    "more", "fewer", "no", "only", "just", "rhyme", "stick", "break", "split", "bold", "number",
}  # fmt: skip
_COMPARATIVES = {
    "shorter", "longer", "simpler", "clearer", "briefer", "funnier", "friendlier", "politer",
    "smaller", "bigger", "easier", "harder", "deeper", "more", "less", "fewer", "concise",
    "casual", "formal", "detailed", "instead",
}  # fmt: skip
_POSITIVE = {
    "great", "perfect", "love", "good", "nice", "awesome", "brilliant", "excellent", "helpful",
    "thanks", "thank", "thx", "ty", "cheers", "wonderful", "amazing", "fantastic", "clear",
    "correct", "lovely", "beautiful", "cool", "exactly", "works", "worked", "appreciated",
    "spot", "lifesaver", "haha", "lol", "cute", "funny", "10/10", "gr8", "yes", "super",
}  # fmt: skip
_NEGATIVE = {
    "wrong", "bad", "awful", "terrible", "useless", "meh", "incorrect", "garbage", "boring",
    "annoying", "hate", "ugh", "nope", "disappointing", "confusing", "broke", "error", "ugly",
    "inaccurate", "irritating", "rambling", "gibberish", "unreadable", "childish", "cheesy",
    "weird", "kidding", "missed", "not", "doesn't", "doesnt", "don't", "isn't", "no",
}  # fmt: skip
_QUESTION_START = {
    "how", "what", "what's", "whats", "why", "who", "where", "when", "which", "is", "are", "do",
    "does", "can", "could", "should", "would", "will", "any", "tell", "write", "give", "explain",
}  # fmt: skip
_CUES = ("please", "pls", "next time", "from now on", "in future", "always", "never", "instead")
_PREFERENCE = re.compile(
    r"\b(i'?m|i am|i prefer|i'?d (rather|prefer|like)|i (really )?(like|love|hate|dislike|enjoy)|"
    r"i (don'?t|do not|can'?t|never|always|mostly|use|work|live|eat|have|write|code)|"
    r"i (just |only |really )?(want|need)|my (favou?rite|boss)|"
    r"i'?m (not|a|an|on|in|more|learning|training|allergic|vegetarian|vegan))\b",
    re.I,
)
_WORD = re.compile(r"[a-z0-9']+(?:/10)?")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("\u2019", "'"))


def lexical_features(text: str, previous_answer: str | None) -> np.ndarray:
    """Cheap cues the embedding misses: imperative start, 'too', thanks, negation, length..."""
    low = text.lower().replace("\u2019", "'")
    words = _words(low)
    first = words[0] if words else ""
    colon_payload = bool(re.search(r":\s*\S+(\s+\S+){2,}", text)) or text.count('"') >= 2
    feats = [
        first in _IMPERATIVES,
        any(w in ("you", "your", "you're", "u") for w in words),
        bool(re.search(r"\btoo\s+(\w+)", low)),
        any(w in _COMPARATIVES for w in words),
        any(w in ("thanks", "thank", "thx", "ty", "cheers") for w in words),
        any(w in ("not", "no", "don't", "dont", "never", "nope", "n't") for w in words),
        "?" in text,
        min(len(words), 60) / 20.0,
        previous_answer is not None,
        colon_payload,
        sum(w in _POSITIVE for w in words) > 0,
        sum(w in _NEGATIVE for w in words) > 0,
        bool(_PREFERENCE.search(low)),
        first in _QUESTION_START,
        any(c in low for c in _CUES),
        len(words) <= 3,
    ]
    return np.asarray(feats, dtype=np.float32)


def _encode(encoder, texts: Sequence[str]) -> np.ndarray:
    """Encode unique texts shortest-first (less padding per batch), returned in input order."""
    unique = sorted(set(texts), key=len)
    if not unique:
        return np.zeros((0, 384), dtype=np.float32)
    vecs = encoder.encode(unique)
    index = {t: i for i, t in enumerate(unique)}
    return vecs[[index[t] for t in texts]]


def featurize(encoder, texts: Sequence[str], previous: Sequence[str | None]) -> np.ndarray:
    """[emb(text), emb(previous answer) or zeros, lexical cues] for each message."""
    emb = _encode(encoder, texts)
    prev_full = np.zeros_like(emb)
    given = [i for i, p in enumerate(previous) if p is not None]
    if given:
        prev_full[given] = _encode(encoder, [previous[i] for i in given])
    lex = np.stack([lexical_features(t, p) for t, p in zip(texts, previous, strict=True)])
    return np.concatenate([emb, prev_full, lex], axis=1).astype(np.float32)


# ---------------------------------------------------------------- the heads


@dataclass(frozen=True)
class Head:
    """A softmax (multinomial logistic) regression over standardised features."""

    weight: np.ndarray  # (d, k)
    bias: np.ndarray  # (k,)
    mean: np.ndarray  # (d,)
    scale: np.ndarray  # (d,)

    def proba(self, x: np.ndarray) -> np.ndarray:
        z = ((x - self.mean) / self.scale) @ self.weight + self.bias
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)


def fit_head(
    x: np.ndarray,
    y: np.ndarray,
    k: int,
    *,
    l2: float = 1e-2,
    steps: int = 300,
    feature_weight: np.ndarray | None = None,
) -> Head:
    """Full-batch gradient descent on cross-entropy + L2; deterministic and fast (<1 s).
    `feature_weight` > 1 lets a column group (the few lexical cues) escape the L2 penalty."""
    if len(x) == 0 or len(np.unique(y)) < 2:
        raise ValueError("need at least two classes of labelled examples to train a head")
    mean = x.mean(axis=0)
    scale = x.std(axis=0) + 1e-3
    if feature_weight is not None:
        scale = scale / feature_weight
    xs = (x - mean) / scale
    w = np.zeros((x.shape[1], k), dtype=np.float64)
    b = np.zeros(k, dtype=np.float64)
    onehot = np.eye(k)[y]
    # class weights: rare classes (e.g. positive+directive) should not be ignored
    counts = np.bincount(y, minlength=k).astype(np.float64)
    cw = (len(y) / (k * np.maximum(counts, 1)))[y][:, None]
    lr = 0.5
    for _ in range(steps):
        z = xs @ w + b
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        g = cw * (p - onehot) / len(y)
        w -= lr * (xs.T @ g + l2 * w)
        b -= lr * g.sum(axis=0)
    return Head(w.astype(np.float32), b.astype(np.float32), mean, scale)


def load_rows(path: Path) -> list[dict]:
    """Read and validate a labelled JSONL file; a bad row raises ValueError naming its line."""
    rows = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise ValueError(f"cannot read feedback data {path}: {e}") from None
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            raise ValueError(f"{path}:{n}: not JSON ({e.msg})") from None
        _check_row(row, f"{path}:{n}")
        rows.append(row)
    if not rows:
        raise ValueError(f"{path}: no labelled rows")
    return rows


def _check_row(row: object, where: str) -> None:
    if not isinstance(row, dict) or not isinstance(row.get("text"), str):
        raise ValueError(f"{where}: each row needs a 'text' string")
    if row.get("kind") not in ("request", "feedback"):
        raise ValueError(f"{where}: 'kind' must be 'request' or 'feedback'")
    if row.get("sign") not in SIGNS or not isinstance(row.get("directive"), bool):
        raise ValueError(f"{where}: 'sign' must be -1, 0 or 1 and 'directive' true or false")
    prev = row.get("previous_answer")
    if prev is not None and not isinstance(prev, str):
        raise ValueError(f"{where}: 'previous_answer' must be a string or null")


class FeedbackClassifier:
    """Three small heads on MiniLM embeddings + lexical cues: route, sign (3-way), directive."""

    def __init__(self, encoder, route: Head, sign: Head, directive: Head):
        self.encoder = encoder
        self.route_head = route
        self.sign_head = sign
        self.directive_head = directive

    @classmethod
    def load(
        cls,
        encoder=None,
        cache_dir: Path | None = None,
        *,
        data_path: Path = DATA_PATH,
    ) -> FeedbackClassifier:
        """Train on the train split (~2 s), or load weights cached under the data file's hash."""
        if encoder is None:
            from assistant.encoder import get_encoder

            encoder = get_encoder()
        raw = Path(data_path).read_bytes() if Path(data_path).exists() else b""
        key = hashlib.sha256(raw + FEATURE_VERSION.encode()).hexdigest()[:16]
        name = f"feedback-heads-{key}.npz"
        cache_file = Path(cache_dir) / name if cache_dir else None
        # heads shipped with the package (built by `python -m assistant.feedback`) come first; a
        # changed data file changes the key, so stale shipped heads are never used
        for candidate in (PACKAGED_HEADS_DIR / name, cache_file):
            if candidate is not None and candidate.exists():
                heads = _read_heads(candidate)
                if heads is not None:
                    return cls(encoder, *heads)
        rows = [r for r in load_rows(data_path) if r.get("split", "train") == "train"]
        heads = train_heads(encoder, rows)
        if cache_file is not None:
            _write_heads(cache_file, heads)
        return cls(encoder, *heads)

    @classmethod
    def build_packaged(cls, encoder=None) -> Path:
        """Train on the train split and ship the heads inside the package (so first start is fast)."""
        for old in PACKAGED_HEADS_DIR.glob("feedback-heads-*.npz"):
            old.unlink()
        cls.load(encoder, cache_dir=PACKAGED_HEADS_DIR)
        return next(PACKAGED_HEADS_DIR.glob("feedback-heads-*.npz"))

    def split(
        self, text: str, previous_answer: str | None, *, explicit: bool = False
    ) -> FeedbackSplit:
        """Route one message and, if feedback, its sign, score and cleaned directive."""
        return self.split_many([text], [previous_answer], explicit=explicit)[0]

    def split_many(
        self,
        texts: Sequence[str],
        previous: Sequence[str | None],
        *,
        explicit: bool = False,
    ) -> list[FeedbackSplit]:
        """Batch form of split (one encoder call for all messages)."""
        texts = [_checked(t) for t in texts]
        previous = [clean_text(p) if p is not None and p.strip() else None for p in previous]
        x = featurize(self.encoder, texts, previous)
        p_route = self.route_head.proba(x)[:, 1]
        p_sign = self.sign_head.proba(x)
        p_dir = self.directive_head.proba(x)[:, 1]
        out = []
        for i, text in enumerate(texts):
            is_fb = explicit or p_route[i] >= 0.5
            if not is_fb:
                out.append(FeedbackSplit("request", 0, 0.0, None, float(1.0 - p_route[i])))
                continue
            sign = SIGNS[int(np.argmax(p_sign[i]))]
            score = float(np.clip(p_sign[i, 2] - p_sign[i, 0], -1.0, 1.0))
            directive = _directive_for(text, float(p_dir[i]))
            conf = 1.0 if explicit else float(p_route[i])
            out.append(FeedbackSplit("feedback", sign, score, directive, conf))
        return out


def _directive_for(text: str, p_directive: float) -> str | None:
    """The head decides; a clause-level cue can veto a weak yes (pure praise like 'good, thanks')."""
    if p_directive < 0.5:
        return None
    found = find_directive(text)
    if found is None and p_directive < STRONG_DIRECTIVE:
        return None
    return found or extract_directive(text)


def _checked(text: str) -> str:
    text = clean_text(text)
    if not text.strip():
        raise ValueError("empty message: type a request, or feedback on the last answer")
    return text


def feature_weights(n_features: int, n_embedding: int) -> np.ndarray:
    """Column weights chosen by 5-fold CV on the train split: what the user wrote counts most,
    the previous answer little, and the 16 lexical cues twice (they carry route and sign)."""
    w = np.ones(n_features, dtype=np.float64)
    half = n_embedding // 2
    w[half:n_embedding] = PREVIOUS_WEIGHT
    w[n_embedding:] = LEXICAL_WEIGHT
    return w


def train_heads(encoder, rows: list[dict]) -> tuple[Head, Head, Head]:
    """Fit route on all rows; sign and directive on the feedback rows."""
    x = featurize(encoder, [r["text"] for r in rows], [r.get("previous_answer") for r in rows])
    route_y = np.array([r["kind"] == "feedback" for r in rows], dtype=np.int64)
    fb = route_y == 1
    sign_y = np.array([SIGNS.index(r["sign"]) for r in rows], dtype=np.int64)[fb]
    dir_y = np.array([r["directive"] for r in rows], dtype=np.int64)[fb]
    w = feature_weights(x.shape[1], x.shape[1] - N_LEXICAL)
    route = fit_head(x, route_y, 2, l2=L2, feature_weight=w)
    sign = fit_head(x[fb], sign_y, 3, l2=L2, feature_weight=w)
    directive = fit_head(x[fb], dir_y, 2, l2=L2, feature_weight=w)
    return route, sign, directive


_HEAD_NAMES = ("route", "sign", "directive")
_HEAD_FIELDS = ("weight", "bias", "mean", "scale")


def _write_heads(path: Path, heads: tuple[Head, Head, Head]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    arrays = {
        f"{n}_{f}": getattr(h, f)
        for n, h in zip(_HEAD_NAMES, heads, strict=True)
        for f in _HEAD_FIELDS
    }
    tmp = path.with_suffix(".tmp.npz")
    np.savez(tmp, **arrays)
    tmp.replace(path)


def _read_heads(path: Path) -> tuple[Head, Head, Head] | None:
    """A corrupt cache is ignored (retrained), never fatal."""
    try:
        with np.load(path) as z:
            return tuple(Head(*(z[f"{n}_{f}"] for f in _HEAD_FIELDS)) for n in _HEAD_NAMES)
    except (OSError, KeyError, ValueError):
        return None


# ---------------------------------------------------------------- directive extraction

_CLAUSE_SPLIT = re.compile(
    r"([.!?;\n]+(?:\s+|$)|,\s*|\s+-\s+|\s+(?:but|and|also|though|so)\s+)", re.I
)
_EVALUATIVE = (_POSITIVE | _NEGATIVE | {"realistic", "helpful", "useful"}) - {
    "not", "no", "don't", "doesn't", "doesnt", "isn't"
}  # fmt: skip
_LEAD_FILLERS = re.compile(
    r"^(?:(?:and|but|also|so|then|ok|okay|well|oh|hmm+|actually|honestly|just so you know|fyi|"
    r"btw|by the way|note:?|remember that|remember|keep in mind that|keep in mind|please|pls|plz|"
    r"kindly|can you|could you|would you|will you|can u|could u|maybe|i'?d like you to|"
    r"i want you to|i need you to|next time|from now on|in future|in the future|for the future|"
    r"nope|yes|ugh|way|wow|tbh|haha|lol|now)\b[\s,:]*)+",
    re.I,
)
_TRAIL_FILLERS = re.compile(
    r"(?:[\s,]*\b(?:please|pls|plz|thanks|thank you|next time|from now on|in future|"
    r"in the future|though|by the way|tbh|already|ok)\b)+[\s.!?]*$",
    re.I,
)
_META = re.compile(r"^(keep (that|this) in mind|remember (that|this)|noted|just saying)$", re.I)
_ABOUT_ANSWER = re.compile(
    r"\bi (really )?(don'?t |do not )?(like|love|hate|understand|find) (this|that|it)\b(?! when)",
    re.I,
)
_TOO = {
    ("long", "lengthy", "wordy", "verbose", "much"): "Keep answers shorter.",
    ("short", "brief", "terse"): "Give longer, fuller answers.",
    ("formal", "stiff", "stuffy"): "Be less formal.",
    ("casual", "informal", "chatty", "childish"): "Be more formal.",
    ("technical", "complicated", "complex", "hard", "advanced", "dense"): "Use simpler language.",
    ("simple", "simplistic", "basic", "shallow"): "Go into more depth.",
    ("vague", "general", "generic", "wishy-washy", "abstract"): "Be more specific.",
}
_ADJECTIVES = {
    "formal", "casual", "concise", "detailed", "specific", "polite", "direct", "friendly", "technical",
    "serious", "playful", "decisive", "confident", "enthusiastic", "vivid", "professional", "precise",
    "thorough", "careful", "relaxed", "natural", "honest", "brief", "patient", "creative", "blunt",
}  # fmt: skip


def _has_cue(clause: str) -> bool:
    low = clause.lower()
    words = _words(low)
    if not words or _ABOUT_ANSWER.search(low) or words in (["no"], ["just"], ["more"]):
        return False
    if words[0] in _IMPERATIVES or words[0] in _COMPARATIVES:
        return True
    if re.search(r"\btoo (much|many|\w+)", low) or _PREFERENCE.search(low):
        return True
    return any(c in low for c in _CUES) or any(w in _COMPARATIVES for w in words)


def _strip_fillers(clause: str) -> str:
    clause = clause.strip(" \t`*-–—")
    for _ in range(3):
        new = _TRAIL_FILLERS.sub("", _LEAD_FILLERS.sub("", clause)).strip(" \t,.:;!?")
        if new == clause:
            break
        clause = new
    return clause


def _rewrite_too(clause: str) -> str:
    """'too long' → 'Keep answers shorter.'; 'too many emojis' → 'Use fewer emojis.'"""
    low = clause.lower()
    m = re.search(r"\btoo (many|much) ([a-z][\w' -]*)", low)
    if m and m.group(2).split()[0] not in ("for", "to", "of"):
        return f"Use {'fewer' if m.group(1) == 'many' else 'less'} {m.group(2).strip()}"
    m = re.search(r"^(?:the |your )?([a-z][\w -]*?) (?:is|are) too (much|many)$", low)
    if m:
        return f"Use {'fewer' if m.group(2) == 'many' else 'less'} {m.group(1)}"
    m = re.search(r"\btoo ([\w-]+)", low)
    if m:
        for keys, line in _TOO.items():
            if m.group(1) in keys:
                return line
        return f"Be less {m.group(1)}"
    return clause


def _imperative(clause: str) -> str:
    """Turn a bare comparative ('shorter', 'more formal', 'less jargon') into an instruction."""
    words = clause.split()
    first = words[0].lower()
    lowered = clause[0].lower() + clause[1:]
    if first in ("more", "less", "fewer") and len(words) > 1:
        verb = "Be" if words[1].lower() in _ADJECTIVES else "Use"
        return f"{verb} {lowered}"
    if first in _COMPARATIVES - {"more", "less", "fewer", "instead"}:
        return f"Make answers {lowered}" if len(words) == 1 else f"Use {lowered}"
    return clause


def _sentence(clause: str) -> str:
    clause = re.sub(r"\s+", " ", clause).strip()
    clause = re.sub(r"^i'm\b", "I'm", clause)
    clause = re.sub(r"^i\b", "I", clause)
    return clause[0].upper() + clause[1:].rstrip(".!?,;:") + "."


_PLURAL_NOUN = re.compile(
    r"\b(?:the|those|these|all the|your) ([a-z][a-z-]*(?: [a-z-]+)?s)\b", re.I
)


def _resolve_pronoun(clause: str, noun: str | None) -> str:
    """'The emojis are annoying, stop using them' → 'stop using the emojis'."""
    if noun and re.search(r"\b(them|those)\b", clause, re.I):
        return re.sub(r"\b(them|those)\b", f"the {noun}", clause, count=1, flags=re.I)
    return clause


def _lower_first(line: str) -> str:
    if re.match(r"^I(\b|')", line):
        return line
    return line[0].lower() + line[1:]


def _clauses(text: str) -> list[tuple[str, str, str]]:
    """(clause with fillers stripped, separator before it, raw clause); empties dropped."""
    parts = _CLAUSE_SPLIT.split(text)
    out, sep = [], ""
    for i, part in enumerate(parts):
        if i % 2:
            sep = part
            continue
        clause = _strip_fillers(part)
        if clause:
            out.append((clause, sep, part))
    return out


def _keep_clauses(pairs: list[tuple[str, str, str]]) -> list[str]:
    """Clauses with a directive cue; a neutral fragment after a kept one is glued back
    ('use fahrenheit and pounds', 'write it as prose, not a list')."""
    kept: list[str] = []
    last_kept = False
    noun = None
    for clause, sep, raw in pairs:
        neutral = not set(_words(clause)) & _EVALUATIVE and "." not in sep
        if _META.match(clause):
            last_kept = False
        elif _has_cue(clause):
            kept.append(_resolve_pronoun(clause, noun))
            last_kept = True
        elif last_kept and neutral:
            kept[-1] = f"{kept[-1]}{sep if sep.strip() else ' '}{clause}".replace("  ", " ")
        elif _has_cue(raw) and not _ABOUT_ANSWER.search(raw):  # 'bullet points please'
            kept.append(clause)
            last_kept = True
        else:
            last_kept = False
        m = _PLURAL_NOUN.search(clause)
        noun = m.group(1).lower() if m else noun
    return kept


def find_directive(text: str) -> str | None:
    """The directive part of a message, or None when no clause says how to change."""
    text = clean_text(text)[:4000]
    pairs = _clauses(text)
    kept = _keep_clauses(pairs)
    if not kept:
        return None
    lines: list[str] = []
    for c in kept:
        line = _sentence(_imperative(_rewrite_too(c)))
        if line.lower() not in (x.lower() for x in lines):
            lines.append(line)
    parts = [lines[0].rstrip(".")] + [_lower_first(x.rstrip(".")) for x in lines[1:]]
    joined = "; ".join(parts) + "."
    if len(joined) > MAX_DIRECTIVE_CHARS:
        joined = joined[:MAX_DIRECTIVE_CHARS].rsplit(" ", 1)[0].rstrip(",;") + "…"
    return joined


def extract_directive(text: str) -> str:
    """Like find_directive, but never empty: falls back to the whole message, cleaned."""
    found = find_directive(text)
    if found:
        return found
    whole = re.sub(r"\s+", " ", clean_text(text)).strip()[:MAX_DIRECTIVE_CHARS] or "(empty)"
    return _sentence(whole)


if __name__ == "__main__":
    print(FeedbackClassifier.build_packaged())
