"""Drafts decoded side by side on one llama.cpp context that keeps the conversation in its KV cache.

A turn's prompt differs from the last one's only at its end (the same system prompt and history,
then the last answer and the new request), so only the new tokens are read: the cached sequence
whose tokens match the prompt longest is kept, and where the history window moved on (its oldest
messages dropped), the part still wanted is shifted down in place (llama.cpp's KV shift, as
llama-server's cache reuse does) instead of being read again. Then the prompt is shared by every
draft, and each step decodes one token per live draft in a single batch. Drafts stop at their end,
at a stop rule of their Watch (sentence or word limit, a loop), or at the token budget; emoji and
list markers can be banned token by token."""

from __future__ import annotations

import codecs
import ctypes
import re
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from assistant.constraints import Watch
from assistant.llm.base import Message

REPEAT_PENALTY = 1.1
REPEAT_LAST_N = 64
DRY = {"dry_multiplier": 0.8, "dry_base": 1.75, "dry_allowed_length": 2, "dry_penalty_last_n": -1}
"""DRY ("don't repeat yourself") penalises extending a token run already said: small models loop."""
DRY_BREAKERS = ["\n", ":", '"', "*"]
MIN_SHIFT_RUN = 8
"""A run of at least this many prompt tokens found later in the cache is shifted into place."""
_BULLET_START = re.compile(r"^\s*(?:[-*•+]|\d+[.)])")
_EMOJI_BYTES = re.compile(rb"[\xf0-\xf4]|\xe2[\x98-\x9e]")

Plan = list[tuple[float, int]]
OnPiece = Callable[[int, str], None]


def common_prefix(a: Sequence[int], b: Sequence[int]) -> int:
    n = min(len(a), len(b))
    for i in range(n):
        if a[i] != b[i]:
            return i
    return n


def _plan(old: list[int], tokens: list[int]) -> tuple[int, int, int]:
    """(keep, start, run): the prompt's prefix already in `old`, and where the prompt goes on
    with a run of `old` that sits later (at `start`, `run` tokens long; 0 when none), so the
    tokens in between can be dropped and the run shifted down to `keep`."""
    keep = min(common_prefix(old, tokens), len(tokens) - 1)
    want = tokens[keep : keep + MIN_SHIFT_RUN]
    if len(want) == MIN_SHIFT_RUN:
        for start in range(keep + 1, len(old) - MIN_SHIFT_RUN + 1):
            if old[start : start + MIN_SHIFT_RUN] == want:
                return keep, start, common_prefix(old[start:], tokens[keep:])
    return keep, 0, 0


class Decoder:
    """One llama.cpp context (its own, on the Llama's weights) for up to MAX_SEQ drafts at once."""

    MAX_SEQ = 8

    def __init__(self, llama: Any, n_ctx: int) -> None:
        import llama_cpp
        from llama_cpp import _internals
        from llama_cpp.llama_chat_format import Jinja2ChatFormatter

        self._lib, self._llama, self._internals = llama_cpp, llama, _internals
        params = llama_cpp.llama_context_default_params()
        base = llama.context_params
        params.n_ctx, params.n_batch, params.n_ubatch = n_ctx, base.n_batch, base.n_ubatch
        params.n_threads, params.n_threads_batch = base.n_threads, base.n_threads_batch
        params.n_seq_max, params.kv_unified = self.MAX_SEQ, True
        self.n_ctx = n_ctx
        self._ctx = _internals.LlamaContext(model=llama._model, params=params, verbose=False)
        self._batch = _internals.LlamaBatch(
            n_tokens=base.n_batch, embd=0, n_seq_max=self.MAX_SEQ, verbose=False
        )
        self._vocab = llama_cpp.llama_model_get_vocab(llama._model.model)
        self.n_vocab = llama_cpp.llama_vocab_n_tokens(self._vocab)
        text = llama._model.token_get_text
        self._formatter = Jinja2ChatFormatter(
            llama.metadata["tokenizer.chat_template"],
            eos_token=text(llama.token_eos()),
            bos_token=text(llama.token_bos()),
        )
        self._cached: dict[int, list[int]] = {}
        """The tokens each sequence holds in the KV cache."""
        self._bans: dict[str, np.ndarray] = {}
        self._pieces: dict[int, bytes] = {}
        self.last = {"prompt_tokens": 0, "read_tokens": 0, "shifted_tokens": 0}

    # -- the prompt --------------------------------------------------------------------------
    def prompt_tokens(self, messages: Sequence[Message], opening: str = "") -> list[int]:
        prompt = self._formatter(messages=list(messages))
        tokens = self._llama.tokenize(
            prompt.prompt.encode(), add_bos=not prompt.added_special, special=True
        )
        if opening:
            tokens += self._llama.tokenize(opening.encode(), add_bos=False, special=False)
        return tokens

    def fits(self, n_prompt: int, n: int, max_tokens: int) -> bool:
        return n <= self.MAX_SEQ and n_prompt + n * max_tokens <= self.n_ctx

    def _memory(self) -> Any:
        return self._ctx.memory

    def forget(self) -> None:
        """Empty the KV cache: the next prompt is read in full (benchmarks' no-cache baseline)."""
        self._lib.llama_memory_clear(self._memory(), True)
        self._cached = {}

    def _reuse(self, tokens: list[int]) -> int:
        """Keep in sequence 0 the cached sequence that covers most of the prompt (its common
        prefix, plus a later run shifted into place where the history window moved on); drop
        every other sequence. Returns how many prompt tokens are already in the cache (never
        all: the last one is read for its logits)."""
        lib, mem = self._lib, self._memory()
        plans = {s: _plan(old, tokens) for s, old in self._cached.items()}
        best = max(plans, key=lambda s: plans[s][0] + plans[s][2], default=0)
        keep, start, run = plans.get(best, (0, 0, 0))
        old = self._cached.get(best, [])
        if best != 0:
            lib.llama_memory_seq_rm(mem, 0, -1, -1)
            lib.llama_memory_seq_cp(mem, best, 0, -1, -1)
        for seq in [s for s in self._cached if s != 0]:
            lib.llama_memory_seq_rm(mem, seq, -1, -1)
        if run and lib.llama_memory_can_shift(mem):
            lib.llama_memory_seq_rm(mem, 0, keep, start)
            lib.llama_memory_seq_add(mem, 0, start, -1, keep - start)
            old = old[:keep] + old[start:]
            keep = min(common_prefix(old, tokens), len(tokens) - 1)
        else:
            run = 0
        lib.llama_memory_seq_rm(mem, 0, keep, -1)
        self._cached = {0: tokens[:keep]}
        self.last = {"prompt_tokens": len(tokens), "read_tokens": len(tokens) - keep}
        self.last["shifted_tokens"] = run
        return keep

    def _read(self, tokens: list[int], start: int) -> None:
        step = self._batch._n_tokens
        for at in range(start, len(tokens), step):
            self._batch.set_batch(tokens[at : at + step], n_past=at, logits_all=False)
            self._ctx.decode(self._batch)

    # -- sampling -----------------------------------------------------------------------------
    def _sampler(self, temperature: float, seed: int) -> Any:
        sampler = self._internals.LlamaSampler()
        sampler.add_penalties(self.n_vocab, REPEAT_LAST_N, REPEAT_PENALTY, 0.0, 0.0)
        sampler.add_dry(self._llama._model, *DRY.values(), DRY_BREAKERS)
        if temperature <= 0:
            sampler.add_greedy()
            return sampler
        sampler.add_top_k(40)
        sampler.add_top_p(0.95, 1)
        sampler.add_min_p(0.05, 1)
        sampler.add_temp(temperature)
        sampler.add_dist(seed)
        return sampler

    def _piece(self, token: int) -> bytes:
        piece = self._pieces.get(token)
        if piece is None:
            buf = ctypes.create_string_buffer(64)
            n = self._lib.llama_token_to_piece(self._vocab, token, buf, 64, 0, False)
            piece = self._pieces[token] = buf.raw[: max(n, 0)]
        return piece

    def bans(self, kind: str) -> np.ndarray:
        """Token ids that write an emoji ('emoji'), open a list item at a line start ('list'), or
        hold a line break followed by a list marker ('list_anywhere'). One pass over the vocab."""
        if not self._bans:
            found: dict[str, list[int]] = {"emoji": [], "list": [], "list_anywhere": []}
            for tok in range(self.n_vocab):
                piece = self._piece(tok)
                text = piece.decode("utf-8", errors="ignore")
                if _EMOJI_BYTES.search(piece):
                    found["emoji"].append(tok)
                if _BULLET_START.match(text):
                    found["list"].append(tok)
                if re.search(r"\n\s*(?:[-*•]|\d+[.)])", text):
                    found["list_anywhere"].append(tok)
            self._bans = {k: np.array(v, dtype=np.int64) for k, v in found.items()}
        return self._bans[kind]

    def _ban(self, row: int, watch: Watch | None) -> None:
        if watch is None or not (watch.rules.no_emoji or watch.rules.no_lists):
            return
        ptr = ctypes.cast(
            self._lib.llama_get_logits_ith(self._ctx.ctx, row), ctypes.POINTER(ctypes.c_float)
        )
        logits = np.ctypeslib.as_array(ptr, (self.n_vocab,))
        if watch.rules.no_emoji:
            logits[self.bans("emoji")] = -np.inf
        if watch.rules.no_lists:
            logits[self.bans("list_anywhere")] = -np.inf
            if watch.at_line_start:
                logits[self.bans("list")] = -np.inf

    def run(
        self,
        tokens: list[int],
        plan: Plan,
        max_tokens: int,
        watches: list[Watch | None],
        on_piece: OnPiece | None = None,
    ) -> list[str]:
        """Decode len(plan) drafts of one prompt; `on_piece(i, text)` as each grows. Returns the
        raw text of each (what its Watch saw, before its final cut)."""
        lib, batch = self._lib, self._batch.batch
        n_past = self._reuse(tokens)
        self._read(tokens, n_past)
        for seq in range(1, len(plan)):
            lib.llama_memory_seq_cp(self._memory(), 0, seq, -1, -1)
        self._cached = {seq: list(tokens) for seq in range(len(plan))}
        samplers = [self._sampler(t, s) for t, s in plan]
        decoders = [codecs.getincrementaldecoder("utf-8")(errors="ignore") for _ in plan]
        texts = [""] * len(plan)
        logit_row = dict.fromkeys(range(len(plan)), batch.n_tokens - 1)
        for pos in range(len(tokens), len(tokens) + max_tokens):
            picked = {}
            for seq, row in logit_row.items():
                self._ban(row, watches[seq])
                token = lib.llama_sampler_sample(samplers[seq].sampler, self._ctx.ctx, row)
                if lib.llama_vocab_is_eog(self._vocab, token):
                    continue
                piece = decoders[seq].decode(self._piece(token))
                texts[seq] += piece
                stop = False
                if watches[seq] is not None:
                    piece, stop = watches[seq].feed(piece)
                if piece and on_piece is not None:
                    on_piece(seq, piece)
                if not stop:
                    picked[seq] = token
            if not picked:
                break
            if pos == len(tokens) + max_tokens - 1:  # out of budget: cut mid-sentence
                for seq in picked:
                    if watches[seq] is not None and not watches[seq].stopped:
                        watches[seq].stopped = "budget"
                break
            batch.n_tokens = len(picked)
            for row, (seq, token) in enumerate(picked.items()):
                batch.token[row], batch.pos[row], batch.logits[row] = token, pos, True
                batch.seq_id[row][0], batch.n_seq_id[row] = seq, 1
                self._cached[seq].append(token)
            logit_row = {seq: row for row, seq in enumerate(picked)}
            self._ctx.decode(self._batch)
        return texts
