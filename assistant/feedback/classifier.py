"""Route a message (new request or feedback) and split feedback into a sign, a directive and
whether the directive lasts: four small heads on MiniLM embeddings plus lexical cues."""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np

from assistant.encoder import encode_unique
from assistant.feedback.cues import (
    COMPARATIVES,
    LASTING_CUE,
    N_LEXICAL,
    about_the_user,
    asks_for_something,
    asks_to_remember,
    gloss_emoji,
    lexical_features,
    only_this_answer,
    points_at_answer,
    tells_about_self,
    words,
)
from assistant.feedback.data import (
    DATA_DIR,
    DATA_PATH,
    LASTING_PATH,
    SIGNS,
    load_lasting_rows,
    load_rows,
    split_of,
)
from assistant.feedback.directive import directive_for, extract_directive
from assistant.feedback.heads import Heads, fit_head, read_heads, write_heads
from assistant.feedback.native import language_rule
from assistant.summary.slots import LANGUAGES
from assistant.text import clean_text

PACKAGED_HEADS_DIR = DATA_DIR / "feedback_heads"
FEATURE_VERSION = "5"
PREVIOUS_WEIGHT = 0.3
HEAD_SETTINGS = {
    "route": (0.03, 4.0),
    "sign": (0.3, 2.0),
    "directive": (0.1, 2.0),
    "lasting": (0.1, 2.0),
}
"""(L2 penalty, weight of the lexical cues) per head, chosen by 5-fold cross-validation on the
train and dev rows: routing leans on the cues more, the sign needs more smoothing."""
MAX_REQUEST_AS_FEEDBACK = 0.02
UNSURE_LASTING = 0.25
"""p(lasting) enough for a directive that points at no answer ('Keep it casual.', 'Or in
texts.'): without 'this one', 'redo' or new content, a rule is how to answer from now on."""
"""Routing threshold target: at most this share of dev requests may be taken as feedback (a
request taken as feedback is dropped and its text written to memory; the reverse only costs a
click on "treat this as feedback?")."""
ROUTE_CONFIDENCE = 0.9
"""How sure the dev split must make us that the limit above holds (see choose_threshold)."""


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
    lasting: bool = False
    """Feedback only: the directive holds from now on (a preference, a fact about the user), not
    just for the answer it corrects. Only meaningful when `directive` is set."""
    uncertain: bool = False
    """Requests only: p(feedback) was at least 0.5 but below the routing threshold, so the message
    is answered as a request and the UI may offer "treat this as feedback?"."""


def featurize(encoder, texts: Sequence[str], previous: Sequence[str | None]) -> np.ndarray:
    """[emb(text with emoji spelled out), emb(previous answer) or zeros, lexical cues] per message."""
    emb = encode_unique(encoder, [gloss_emoji(t) for t in texts])
    prev_full = np.zeros_like(emb)
    given = [i for i, p in enumerate(previous) if p is not None]
    if given:
        prev_full[given] = encode_unique(encoder, [previous[i] for i in given])
    lex = np.stack([lexical_features(t, p) for t, p in zip(texts, previous, strict=True)])
    return np.concatenate([emb, prev_full, lex], axis=1).astype(np.float32)


def feature_weights(n_features: int, lexical_weight: float) -> np.ndarray:
    """Column weights: what the user wrote counts most, the previous answer little, and the
    lexical cues more (they carry route and sign for short messages)."""
    w = np.ones(n_features, dtype=np.float64)
    n_embedding = n_features - N_LEXICAL
    w[n_embedding // 2 : n_embedding] = PREVIOUS_WEIGHT
    w[n_embedding:] = lexical_weight
    return w


def _fit(name: str, x: np.ndarray, y: np.ndarray, k: int):
    l2, lexical_weight = HEAD_SETTINGS[name]
    return fit_head(x, y, k, l2=l2, feature_weight=feature_weights(x.shape[1], lexical_weight))


def choose_threshold(
    p_feedback: np.ndarray,
    is_feedback: np.ndarray,
    max_request_as_feedback: float,
    confidence: float = ROUTE_CONFIDENCE,
) -> float:
    """The lowest threshold ≥ 0.5 (so the most feedback recall) at which the share of requests
    with p(feedback) at or above it stays within `max_request_as_feedback` with the given
    confidence: a resample of as many requests, each passing at the observed rate, exceeds the
    limit with probability at most 1 - confidence (a plain count on ~100 dev requests would let
    the threshold sit on one or two lucky examples). Placed halfway to the next probability."""
    p_feedback, is_feedback = np.asarray(p_feedback, float), np.asarray(is_feedback, bool)
    requests = np.sort(p_feedback[~is_feedback])[::-1]
    n = len(requests)
    limit = int(np.floor(max_request_as_feedback * n + 1e-9))
    passing = 0  # how many requests may lie at or above the threshold
    while passing < n and _exceed_probability(n, (passing + 1) / n, limit) <= 1 - confidence:
        passing += 1
    if passing >= n or requests[passing] < 0.5:
        return 0.5
    boundary = requests[passing]
    above = p_feedback[p_feedback > boundary]
    return float((boundary + above.min()) / 2) if len(above) else float(np.nextafter(boundary, 1))


def _exceed_probability(n: int, rate: float, limit: int) -> float:
    """P(Binomial(n, rate) > limit)."""
    at_most = sum(math.comb(n, i) * rate**i * (1 - rate) ** (n - i) for i in range(limit + 1))
    return max(0.0, 1.0 - at_most)


def train_heads(
    encoder,
    rows: list[dict],
    lasting_rows: Sequence[dict] = (),
    *,
    max_request_as_feedback: float = MAX_REQUEST_AS_FEEDBACK,
) -> Heads:
    """Route on the train rows, sign and directive on the train feedback, lasting on every train
    row with a lasting label; the routing threshold is chosen on the dev rows (0.5 without any)."""
    train = split_of(rows, "train")
    x = featurize(encoder, [r["text"] for r in train], [r.get("previous_answer") for r in train])
    route_y = np.array([r["kind"] == "feedback" for r in train], dtype=np.int64)
    fb = route_y == 1
    sign_y = np.array([SIGNS.index(r["sign"]) for r in train], dtype=np.int64)[fb]
    dir_y = np.array([r["directive"] for r in train], dtype=np.int64)[fb]
    route = _fit("route", x, route_y, 2)
    sign = _fit("sign", x[fb], sign_y, 3)
    directive = _fit("directive", x[fb], dir_y, 2)
    lasting = _fit_lasting(encoder, train, split_of(list(lasting_rows), "train"))
    threshold = 0.5
    dev = split_of(rows, "dev")
    if dev:
        x_dev = featurize(
            encoder, [r["text"] for r in dev], [r.get("previous_answer") for r in dev]
        )
        is_fb = np.array([r["kind"] == "feedback" for r in dev])
        threshold = choose_threshold(route.proba(x_dev)[:, 1], is_fb, max_request_as_feedback)
    return Heads(route, sign, directive, lasting, threshold)


def _fit_lasting(encoder, train: list[dict], extra: list[dict]):
    labelled = [r for r in train if r.get("lasting") is not None] + extra
    if len({r["lasting"] for r in labelled}) < 2:
        raise ValueError("the lasting head needs rows labelled lasting true and false")
    x = featurize(
        encoder, [r["text"] for r in labelled], [r.get("previous_answer") for r in labelled]
    )
    y = np.array([r["lasting"] for r in labelled], dtype=np.int64)
    return _fit("lasting", x, y, 2)


def heads_key(data_path: Path, lasting_path: Path | None) -> str:
    """Cache key: both data files and the feature version (a change in any retrains)."""
    digest = hashlib.sha256()
    for path in (data_path, lasting_path):
        if path is not None and Path(path).exists():
            digest.update(Path(path).read_bytes())
        digest.update(b"\0")
    digest.update(FEATURE_VERSION.encode())
    return digest.hexdigest()[:16]


class FeedbackClassifier:
    """Routes messages and splits feedback; see FeedbackSplit for what comes back."""

    def __init__(self, encoder, heads: Heads):
        self.encoder = encoder
        self.heads = heads

    @property
    def route_threshold(self) -> float:
        return self.heads.route_threshold

    @classmethod
    def load(
        cls,
        encoder=None,
        cache_dir: Path | None = None,
        *,
        data_path: Path = DATA_PATH,
        lasting_path: Path | None = LASTING_PATH,
    ) -> FeedbackClassifier:
        """Heads shipped with the package, else cached ones, else trained now (a few seconds)."""
        if encoder is None:
            from assistant.encoder import get_encoder

            encoder = get_encoder()
        name = f"feedback-heads-{heads_key(data_path, lasting_path)}.npz"
        cache_file = Path(cache_dir) / name if cache_dir else None
        # changed data changes the key, so stale shipped heads are never used
        for candidate in (PACKAGED_HEADS_DIR / name, cache_file):
            if candidate is not None and candidate.exists():
                heads = read_heads(candidate)
                if heads is not None:
                    return cls(encoder, heads)
        heads = train_heads(encoder, load_rows(data_path), load_lasting_rows(lasting_path))
        if cache_file is not None:
            write_heads(cache_file, heads)
        return cls(encoder, heads)

    @classmethod
    def build_packaged(cls, encoder=None) -> Path:
        """Train on the shipped data and store the heads inside the package (fast first start)."""
        for old in PACKAGED_HEADS_DIR.glob("feedback-heads-*.npz"):
            old.unlink()
        cls.load(encoder, cache_dir=PACKAGED_HEADS_DIR)
        return next(PACKAGED_HEADS_DIR.glob("feedback-heads-*.npz"))

    def split(
        self, text: str, previous_answer: str | None, *, explicit: bool = False
    ) -> FeedbackSplit:
        """Route one message and, if feedback, its sign, score, cleaned directive and lasting."""
        return self.split_many([text], [previous_answer], explicit=explicit)[0]

    def split_many(
        self,
        texts: Sequence[str],
        previous: Sequence[str | None],
        *,
        explicit: bool = False,
    ) -> list[FeedbackSplit]:
        """Batch form of split (one encoder call for all messages). explicit=True: every message
        is feedback (the user said so)."""
        texts = [_checked(t) for t in texts]
        previous = [clean_text(p) if p is not None and p.strip() else None for p in previous]
        x = featurize(self.encoder, texts, previous)
        p_route = self.heads.route.proba(x)[:, 1]
        p_sign = self.heads.sign.proba(x)
        p_dir = self.heads.directive.proba(x)[:, 1]
        p_lasting = self.heads.lasting.proba(x)[:, 1]
        out = []
        for i, text in enumerate(texts):
            p = float(p_route[i])
            unsure = p < self.route_threshold
            rescued = tells_about_self(text) or sets_a_rule(text) or asks_to_remember(text)
            if not explicit and unsure and not rescued:
                out.append(FeedbackSplit("request", 0, 0.0, None, 1.0 - p, uncertain=p >= 0.5))
                continue
            sign = SIGNS[int(np.argmax(p_sign[i]))]
            score = float(np.clip(p_sign[i, 2] - p_sign[i, 0], -1.0, 1.0))
            directive = directive_for(text, float(p_dir[i]))
            conf = 1.0 if explicit else p
            lasting = (
                bool(p_lasting[i] >= 0.5)
                or bool(
                    sign == 0
                    and p_lasting[i] >= UNSURE_LASTING
                    and not points_at_answer(text)
                    and not asks_for_something(text)  # 'can you do the same for closures'
                )
                or bool(directive and _FOR_GOOD_CUE.search(text) and not only_this_answer(text))
                or bool(directive and _KEEP_GOING.search(text))  # 'loved how concise, keep it up'
                or standing_rule(directive, text)
                or bool(
                    directive
                    and (about_the_user(text) or tells_about_self(text) or asks_to_remember(text))
                )
                or bool(directive and _RELATIVE_CANT.search(text))
            )
            out.append(FeedbackSplit("feedback", sign, score, directive, conf, lasting=lasting))
        return out


_RELATIVE_CANT = re.compile(
    r"\b(?:my|our|his|her|their) (?:\w+ )?(?:brother|sister|son|daughter|mom|mum|dad|wife|husband|"
    r"partner|kid|child|baby|grandma|grandpa|aunt|uncle|niece|nephew|cousin|friend|roommate)"
    r"(?: [A-Z][a-z]+)? (?:can'?t|cannot|doesn'?t|won'?t) (?:have|eat|drink|tolerate|handle)\b|"
    r"^\W*(?:my |our |the )?(?:advisor|adviser|boss|editor|teacher|professor|prof|supervisor|"
    r"manager|client|school|journal|publisher|lab) (?:now )?(?:wants|requires|needs|prefers)\b(?! (?:it|that|this|them)\b)"
)
"""'Also her little brother Idris can't have eggs', 'my advisor wants Chicago style now': what
someone close can't have, and what someone the user works for requires, lasts."""
_EVERY_KIND = re.compile(
    r"\b(?:in|for) (?:every|each|all|all of your|all your|any) (?:[a-z-]+ ){1,2}(?:answers?|"
    r"replies|responses?|explanations?|questions?)\b",
    re.I,
)
"""'do this for all long answers', 'in every code answer': a rule for a kind of answer."""
_FOR_GOOD_CUE = re.compile(f"{LASTING_CUE.pattern}|{_EVERY_KIND.pattern}", re.I)
_KEEP_IT = re.compile(
    r"(?i)^\W*(?:(?:and|but|ok|okay|also|pls|please|just|oh)\W+)*keep (?:it|them)\b"
)
"""'keep it short': a way to go on answering, not a fix of the answer in front of the user."""
_ABOUT_THIS_ANSWER = re.compile(
    r"\b(this|that|these|those|it|here|again|redo|re-?write|this time|for now|just once|"
    r"(first|second|third|last|next) (one|step|paragraph|part|line|point|sentence)|above)\b",
    re.I,
)


def standing_rule(directive: str | None, text: str) -> bool:
    """A directive on a style, format, language or unit axis that does not point at the answer
    in front of the user ("answer in German", not "redo this one in German") is how they want
    answers: lasting, whatever the head says (it reads plain imperatives as one-offs)."""
    if not directive or _ABOUT_THIS_ANSWER.search(_KEEP_IT.sub("", text)):
        return False
    from assistant.summary import classify, directive_lines
    from assistant.summary.clauses import slot_clause

    lines = directive_lines(directive)
    axes = (a for line in lines for a, _ in classify(line))
    return any(not a.startswith("topic:") for a in axes) or any(map(slot_clause, lines))


_RULE_VERBS = {
    "use", "give", "keep", "number", "format", "put", "answer", "reply", "respond", "switch",
    "stick", "measure", "weigh", "quote", "write",
}  # fmt: skip
_ANSWER_NOUNS = {"answers", "replies", "responses", "everything"}
COMPARISON = COMPARATIVES | {"too", "so", "very", "way", "bit"}
_RULE_LEAD = re.compile(
    r"^(?:(?:and|also|but|oh|ok|okay|actually|so)\b[\s,]*)*"
    r"(?:(?:i want|i'd like|i prefer|i need)\s+(?=(?:answers|replies|responses|everything)\b)|"
    r"for (?:[\w/-]+ ){0,4}[\w/-]+(?:,\s*|\s+(?=(?:give|use|put|number|keep|write|answer|do)\b)))?"
)
"""'and for hiking routes, ' or 'I want ' before a rule: what the rule says comes after it."""
_NEW_CONTENT = re.compile(r"\b(a|an|me|us|some|this|that|these|those|it|them|my|about)\b", re.I)


_KEEP_GOING = re.compile(
    r"\bkeep (?:it|that|this) up\b|\bkeep (?:doing|answering|writing) (?:it|th|like)|"
    r"\bkeep (?:them|it|answers|replies|things) (?:that|this|as|so) \w+"
)
_SCOPE_TAIL = re.compile(r"\s+(?:when|whenever|if) .*$")
_GIVE_ME = re.compile(
    r"^(?:give|show|tell) me (?=(?!a |an |some |the )(?:\w+s in\b|\w+ \w+s\W*(?:please|pls|plz)?\W*$))"
)


_IN_LANGUAGE = re.compile(rf"^(?:please |pls |can you |could you )?(?:write|talk|speak|answer|reply|respond|chat)(?: (?:to|with) me| me)? (?:only )?in (?:{LANGUAGES})(?: (?:please|pls|from now on|going forward))*\W*$")  # fmt: skip


def sets_a_rule(text: str) -> bool:
    """'Use grams please.', 'give distances in miles', 'Python please.': a standing rule on a
    style, format, language or unit axis that asks for no new content ('write a haiku in French'
    does) and points at no answer. Remembered even when the router is unsure."""
    low = _RULE_LEAD.sub("", text.strip().lower().replace("\u2019", "'"))
    if language_rule(text) or _IN_LANGUAGE.match(low):  # 'write to me in Italian'
        return True
    said = words(low)
    # 'give me temperatures in celsius', 'use SQL when the question is about databases'
    content = _NEW_CONTENT.search(_SCOPE_TAIL.sub("", _GIVE_ME.sub("", low)))
    if not said or "?" in low or len(said) > 12 or content:
        return False
    # 'Python please.' is a rule; 'way too long' is about the answer in front of the user
    short = len(low.split()) <= 4 or (len(said) <= 7 and said[-1] in ("please", "pls", "plz"))
    bare = short and not asks_for_something(text) and not COMPARISON & set(said)
    if not (bare or said[0] in _RULE_VERBS | _ANSWER_NOUNS) or points_at_answer(text):
        return False
    return standing_rule(extract_directive(text), text)


def _checked(text: str) -> str:
    text = clean_text(text)
    if not text.strip():
        raise ValueError("empty message: type a request, or feedback on the last answer")
    return text
