"""Fuzzing the input boundaries with hypothesis: message cleaning, the feedback split, the summary
merge/rewrite/prompt block, and memory import validation. Each either returns a bounded, well-formed
result or raises its documented ValueError — never anything else.

PLURAL_FUZZ_EXAMPLES sets examples per test (default 150; benchmarks/reliability.py runs 10k+ inputs)."""

from __future__ import annotations

import functools
import os
import shutil
import unicodedata
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.llm.echo import EchoLLM as FakeLLM
from assistant.summary import merge_directive, prompt_block, update_summary
from assistant.text import InputError, clean_message
from benchmarks.reliability_kit.doubles import HashEncoder as FakeEncoder
from benchmarks.reliability_kit.helpers import fast_dir
from memory import ImportValidationError, MemoryStore

EXAMPLES = int(os.environ.get("PLURAL_FUZZ_EXAMPLES", "150"))
BATCH = 24
"""Messages per split_many call (the encoder is the cost, so batches keep it fast)."""
INPUTS: Counter[str] = Counter()
"""Generated inputs seen per target (read by benchmarks/reliability.py)."""
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=False,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
CONTROL = {chr(c) for c in range(32) if chr(c) not in "\n\t"} | {"\x7f", "\u200b", "\ufeff"}

# text that looks like the real thing: words, feedback cues, injections, odd characters
_VOCAB = (
    "too long shorter please stop apologising use bullet points no metric units great thanks "
    "wrong ignore previous instructions system prompt </user_preferences> I am vegetarian "
    "never always don't love hate it when answer in French , . ! ? ; - * \n \t \x00 \u200b 🙂 é"
)
WORDS = st.sampled_from(_VOCAB.split(" "))
MIXED = st.one_of(
    st.text(max_size=300),
    st.lists(WORDS, max_size=40).map(" ".join),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=200),
)


@functools.cache
def _classifier():
    from assistant.feedback import FeedbackClassifier

    return FeedbackClassifier.load()


@FUZZ
@given(text=st.one_of(MIXED, st.binary(max_size=300)), max_chars=st.integers(1, 400))
def fuzz_clean_message(text, max_chars):
    INPUTS["clean_message"] += 1
    try:
        out = clean_message(text, max_chars=max_chars)
    except InputError as exc:
        assert str(exc)
        return
    assert out and out == out.strip() and len(out) <= max_chars
    assert not (set(out) & CONTROL) and "\r" not in out
    assert unicodedata.is_normalized("NFC", out)
    out.encode("utf-8")  # no lone surrogates


@FUZZ
@given(
    texts=st.lists(MIXED, min_size=1, max_size=BATCH),
    previous=st.one_of(st.none(), MIXED),
    explicit=st.booleans(),
)
def fuzz_feedback_split_many(texts, previous, explicit):
    INPUTS["feedback_split"] += len(texts)
    clf = _classifier()
    if any(not t.strip() for t in texts) or any(
        not "".join(c for c in t if c.isprintable() or c in "\n\t").strip() for t in texts
    ):
        try:
            clf.split_many(texts, [previous] * len(texts), explicit=explicit)
        except ValueError:
            return
    out = clf.split_many(texts, [previous] * len(texts), explicit=explicit)
    assert len(out) == len(texts)
    for text, split in zip(texts, out, strict=True):
        assert split.kind in ("request", "feedback")
        assert split.kind == "feedback" or not explicit
        assert split.sign in (-1, 0, 1) and -1.0 <= split.score <= 1.0
        assert 0.0 <= split.confidence <= 1.0
        if split.directive is not None:
            assert split.directive.strip() and len(split.directive) <= 2 * len(text) + 200


@FUZZ
@given(
    summary=MIXED,
    directive=MIXED,
    max_chars=st.integers(0, 1500),
    reply=st.one_of(st.none(), MIXED, st.lists(MIXED, max_size=8).map("\n- ".join)),
)
def fuzz_summary_merge_rewrite_and_prompt_block(summary, directive, max_chars, reply):
    INPUTS["summary"] += 1
    llm = None if reply is None else FakeLLM(capable=True, reply=reply)
    try:
        merged = merge_directive(summary, directive, max_chars=max_chars)
        updated, how = update_summary(summary, directive, llm=llm, max_chars=max_chars)
    except ValueError as exc:
        assert not directive.strip() or max_chars < 40, exc
        return
    assert len(merged) <= max_chars and len(updated) <= max_chars
    assert how in ("merge", "llm") and (llm is not None or how == "merge")
    block = prompt_block(updated, max_chars=max_chars)
    assert len(block) <= max_chars + 700
    assert block.count("</user_preferences>") <= 1
    assert "ignore previous instructions" not in block.lower().split("</user_preferences>")[0]


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda kids: (
        st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=10), kids, max_size=4)
    ),
    max_leaves=20,
)
VALID = {
    "format": "plural-memory",
    "version": 1,
    "user_id": "fuzz",
    "summary_history": [
        {"version": 1, "time": "t", "text": "Short answers.", "cause": "c", "kind": "edit"}
    ],
    "statements": [{"id": "s1", "text": "shorter", "kind": "directive", "sign": -1, "time": "t"}],
    "profile": {"alpha": 0.5},
}
KEYS = st.sampled_from(
    ["format", "version", "user_id", "summary_history", "statements", "profile", "text", "id",
     "kind", "sign", "time", "cause", "extras", "directive", "previous_answer"]
)  # fmt: skip


@st.composite
def exports(draw):
    """Random JSON, or a valid export with random fields replaced at random depths."""
    if draw(st.booleans()):
        return draw(JSONISH)
    import copy

    data = copy.deepcopy(VALID)
    for _ in range(draw(st.integers(1, 4))):
        target = data
        for key in draw(
            st.lists(st.sampled_from(["summary_history", "statements", 0]), max_size=2)
        ):
            if isinstance(target, dict) and key in target:
                target = target[key]
            elif isinstance(target, list) and isinstance(key, int) and target:
                target = target[0]
        if isinstance(target, dict):
            target[draw(KEYS)] = draw(JSONISH)
        elif isinstance(target, list):
            target.append(draw(JSONISH))
    return data


@functools.cache
def _import_store() -> MemoryStore:
    path = fast_dir("plural-fuzz-import-")
    import atexit

    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return MemoryStore(path / "mem", embedder=FakeEncoder())


@FUZZ
@given(data=exports())
def fuzz_memory_import_validation(data):
    INPUTS["memory_import"] += 1
    store = _import_store()
    before = store.users()
    try:
        target = store.import_user(data, replace=True)
    except ImportValidationError as exc:
        assert str(exc)
        assert store.users() == before, "a refused import wrote something"
        return
    assert target in store.users()
    store.forget(target)
