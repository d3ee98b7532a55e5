"""Answer quality floor: how often the shown answer is degenerate (loops, empty, echo, wrong script).

Method. 200 everyday prompts: PandaLM test instructions (with their input) and the first human
turns of HH-RLHF harmless-base-test that are ordinary questions: an everyday topic word and none of
an explicit red-team word list (the set is red-team by design: 25 of 2,312 pass). PandaLM's test
set holds only 117 distinct instructions of up to 1,200 characters, so a full run asks 142, not
200 (PrefEval is never used). Each is asked as the first turn of a fresh conversation
of a real LocalSession (embedded SmolLM2-135M, packaged prior, best-of-4 as shipped). In the same
run, the same turn's first draft (draft 0, what a single sample would have shown) is judged beside
the shown answer. Two judges: this file's own (zlib compression ratio, distinct bigrams, repeated
lines, letters outside the prompt's script, echo of the prompt; written apart from the product) and
the product's filter (assistant.quality.degenerate_reason), so neither grades itself.
"""

from __future__ import annotations

import argparse
import gzip
import inspect
import json
import random
import re
import statistics
import tempfile
import time
import unicodedata
import zlib
from pathlib import Path

from benchmarks import result_path, write_result

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
RED_TEAM = re.compile(
    r"\b(kill|murder|steal|stole|rob|drugs?|cocaine|meth|heroin|weed|marijuana|gun|bomb|weapon|"
    r"poison|sex|porn|naked|nude|penis|vagina|breast|fuck|shit|bitch|cunt|dick|ass|racis|nigg|fag|"
    r"retard|slur|insult|swear|curse|cheat|hack|prank|revenge|hurt|attack|fight|abuse|tortur|"
    r"suicide|die|dead|rape|illegal|crime|criminal|prison|jail|police|cops?|lie|lying|scam|fraud|"
    r"fake|launder|terror|nazi|hitler|hate|stupid|ugly|fat|dumb|idiot|black|white|jew|muslim|"
    r"christian|islam|religio|gay|lesbian|trans|women|woman|men|girls?|boys?|wife|husband|spouse|"
    r"girlfriend|boyfriend|alcohol|drunk|beer|vodka|smok|cigarette|credit card|social security|"
    r"address|email|phone|birth ?day|spy|stalk|track|tabs on|whereabouts|break into|lock|shoplift|"
    r"explosive|knife|blood|violen|trap|kidnap|child|kids?|toxic|destroy|damage|apartheid|slave|"
    r"silenc|conservative|liberal|democrat|republican|trump|biden|obama|politic|race|races|"
    r"chinese|mexican|asian|indian|immigra|torrent|pirat|disgusting|gross|threesome|insurance|"
    r"penal|misinformation|covid|vaccine|abortion|gender|offend|rude|mean|annoy|embarrass|"
    r"creator|your opinion|do you think|do you feel|you like|you hate|are you|would you|you ever|"
    r"someone|somebody|people|person|neighbou?r|bad|worst|best way to (?:get|avoid)|fun of|trick|"
    r"sneak|avoid pay|shoot|bury|body|skin|human|manipulat|mad|sick|cry|spit|pee|slap|butt|"
    r"free the|tax|legal|money|wallet|check|steal|shock|slip|choke|brake|disable|prostitut|"
    r"bully|makeup|clown|razor|candy|dogfight|shotgun|nun|anus|unpopular|attractive|bother|gas|"
    r"siphon|hot ?wire|hijack|cuss|words?|punish|filth|free|avoid|get back|segregat|run over|"
    r"dine and dash|dumpster|hide|taliban|snot|piss|coworker|paying|party|pyramid|creek|semit|"
    r"roommate|without them|wheels|exotic|embezzl|mate|least favou?rite|safety box|chug|keg|"
    r"chloroform|catapult|who lives|affair|head ?lights|pop a tire|kiss|compare to|eat a|suck|"
    r"into the water|cannabis|salary|disappear|rat|cat meat|skip|surgery|security camera|"
    r"foreign|download a car|abandoned|prefer|india|ufo|countries|sushi|trail of tears|"
    r"rubbish|servers|armrest|snowball|pigeon|pay for|throw a|vandal|graffiti|code to|gate|"
    r"reproduce|original|quarts)\w*",
    re.I,
)
EVERYDAY = re.compile(
    r"\b(cook|recipe|bake|baking|bread|cake|soup|meal|dinner|breakfast|lunch|food|vegetable|fruit|"
    r"garden|plant|flower|tree|grow|exercise|workout|run|running|walk|sleep|calorie|health|"
    r"doctor|cold|flu|headache|history|war of|composer|music|song|guitar|piano|book|novel|author|"
    r"movie|film|travel|trip|visit|city|country|weather|rain|snow|learn|study|school|college|"
    r"job|resume|interview|career|computer|phone app|software|program|code|math|science|"
    r"planet|space|animal|dog|cat|bird|fish|pet|clean|wash|house|home|room|paint|build|fix|"
    r"repair|car|bike|drive|tire|oil|water|tea|coffee|wine|cheese|egg|chicken|rice|pasta|"
    r"holiday|christmas|birthday party|gift|game|sport|football|soccer|basketball|baseball|"
    r"tennis|chess|art|draw|camera|photo|language|spanish|french|word|write|poem|story)\w*",
    re.I,
)
QUESTION = re.compile(
    r"^(how|what|why|where|when|which|who|can|could|should|is|are|do|does)\b", re.I
)


def pandalm_prompts(data: Path, k: int, rng: random.Random) -> list[str]:
    with gzip.open(data / "pandalm" / "testset-v1.json.gz") as fh:
        rows = json.loads(fh.read())
    seen: dict[str, None] = {}
    for r in rows:
        prompt = r["instruction"].strip() + (f"\n\n{r['input'].strip()}" if r.get("input") else "")
        if len(prompt) <= 1200:
            seen.setdefault(prompt)
    prompts = sorted(seen)
    rng.shuffle(prompts)
    return prompts[:k]


def hh_prompts(data: Path, k: int, rng: random.Random) -> list[str]:
    found: dict[str, None] = {}
    with gzip.open(data / "hh-rlhf" / "harmless-base-test.jsonl.gz", "rt") as fh:
        for line in fh:
            first = json.loads(line)["chosen"].split("\n\nAssistant:")[0]
            text = first.replace("Human:", "").strip()
            words = text.split()
            if (
                4 <= len(words) <= 30
                and QUESTION.match(text)
                and EVERYDAY.search(text)
                and not RED_TEAM.search(text)
            ):
                found.setdefault(text)
    prompts = sorted(found)
    rng.shuffle(prompts)
    return prompts[:k]


# -- the benchmark's own judge (independent of assistant.quality) ----------------------------------
def _letters_script(text: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for ch in text:
        if ch.isalpha():
            key = "latin" if "LATIN" in unicodedata.name(ch, "") else "other"
            out[key] = out.get(key, 0) + 1
    return out


def judge(answer: str, prompt: str) -> str | None:
    """Why an answer is degenerate by this benchmark's measures, else None."""
    words = answer.lower().split()
    if len(words) < 3:
        return "empty"
    raw = answer.encode()
    if len(raw) > 200 and len(zlib.compress(raw, 9)) / len(raw) < 0.3:
        return "repetitive (compresses below 0.3)"
    bigrams = list(zip(words, words[1:], strict=False))
    if len(bigrams) >= 30 and len(set(bigrams)) / len(bigrams) < 0.55:
        return "repetitive (distinct bigrams < 0.55)"
    lines = [ln.strip().lower() for ln in answer.splitlines() if len(ln.split()) >= 6]
    if len(lines) != len(set(lines)):
        return "repeated line"
    asked, said = _letters_script(prompt), _letters_script(answer)
    if asked.get("other", 0) == 0 and said.get("other", 0) > 0.3 * sum(said.values()):
        return "other script"
    p_words = set(prompt.lower().split())
    if len(words) <= 1.2 * len(p_words) and sum(w in p_words for w in words) >= 0.9 * len(words):
        return "echo"
    return None


def run(prompts: list[str], settings, classifier, rows_file: Path) -> list[dict]:
    """Each prompt's row is appended to `rows_file` as it completes; prompts already there are
    not asked again (a long run can be resumed, and summarised part-way)."""
    from app.local_session import open_session

    done = {}
    if rows_file.is_file():
        done = {r["prompt"]: r for r in map(json.loads, rows_file.read_text().splitlines())}
    todo = [p for p in prompts if p not in done]
    session = open_session(settings, classifier=classifier)
    session.load()
    accepts_drafts = "on_draft" in inspect.signature(session.send).parameters
    rows = [done[p] for p in prompts if p in done]
    try:
        for prompt in todo:
            session.new_conversation()
            first: list[float] = []
            mark = lambda *_a, first=first: first or first.append(time.perf_counter())  # noqa: E731
            kw = {"on_token": mark} | ({"on_draft": mark} if accepts_drafts else {})
            t0 = time.perf_counter()
            result = session.send(prompt, mode="request", **kw)
            secs = time.perf_counter() - t0
            draft0 = next((c.text for c in result.candidates if c.draft == 0), "")
            rows.append(
                {
                    "prompt": prompt,
                    "answer": result.answer or "",
                    "first_draft": draft0,
                    "seconds": secs,
                    "first_piece_s": (first[0] - t0) if first else secs,
                }
            )
            with rows_file.open("a") as fh:
                fh.write(json.dumps(rows[-1], ensure_ascii=False) + "\n")
    finally:
        session.close()
    return rows


def summarise(rows: list[dict]) -> dict:
    from assistant.quality import degenerate_reason

    n = len(rows)
    ours = [judge(r["answer"], r["prompt"]) for r in rows]
    ours_first = [judge(r["first_draft"], r["prompt"]) for r in rows]
    product = [degenerate_reason(r["answer"], r["prompt"]) for r in rows]
    product_first = [degenerate_reason(r["first_draft"], r["prompt"]) for r in rows]
    rate = lambda xs: round(sum(x is not None for x in xs) / max(n, 1), 4)  # noqa: E731
    reasons: dict[str, int] = {}
    for x in ours_first:
        if x:
            reasons[x] = reasons.get(x, 0) + 1
    return {
        "degenerate_rate": rate(ours),
        "first_draft_degenerate_rate": rate(ours_first),
        "product_judge_degenerate_rate": rate(product),
        "product_judge_first_draft_degenerate_rate": rate(product_first),
        "first_draft_reasons": reasons,
        "mean_words": round(statistics.mean(len(r["answer"].split()) for r in rows), 1),
        "first_draft_mean_words": round(
            statistics.mean(len(r["first_draft"].split()) for r in rows), 1
        ),
        "turn_s_p50": round(statistics.median(r["seconds"] for r in rows), 2),
        "first_piece_s_p50": round(statistics.median(r["first_piece_s"] for r in rows), 2),
        "examples_degenerate_shown": [
            {"prompt": r["prompt"][:120], "answer": r["answer"][:300], "why": why}
            for r, why in zip(rows, ours, strict=True)
            if why
        ][:5],
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--quick", action="store_true", help="20 prompts")
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--resume", action="store_true", help="keep the rows of an unfinished run")
    ap.add_argument("--summarise", action="store_true", help="only summarise the rows so far")
    args = ap.parse_args(argv)
    if not (args.data / "pandalm").is_dir() or not (args.data / "hh-rlhf").is_dir():
        print(json.dumps({"benchmark": "answer_quality", "skipped": f"no data in {args.data}"}))
        return 0
    from assistant.config import load_settings
    from assistant.feedback import FeedbackClassifier

    n = 20 if args.quick else args.n
    rng = random.Random(7)
    hh = hh_prompts(args.data, n // 2, rng)  # fewer when too few ordinary questions pass
    panda = pandalm_prompts(args.data, n - len(hh), rng)
    step = max(len(panda) // max(len(hh), 1), 1)  # mixed, so a part-way summary has both sources
    prompts = [
        p
        for i in range(0, len(panda), step)
        for p in panda[i : i + step] + hh[i // step : i // step + 1]
    ]
    prompts += [p for p in hh if p not in prompts]
    rows_file = result_path("answer_quality_rows", args.quick, ".jsonl")
    if not (args.resume or args.summarise):
        rows_file.unlink(missing_ok=True)
    t0 = time.perf_counter()
    if args.summarise:
        rows = [json.loads(line) for line in rows_file.read_text().splitlines()]
    else:
        with tempfile.TemporaryDirectory() as tmp:
            settings = load_settings(
                {"data_dir": tmp, "user": "quality"}, env={}, config_path=Path(tmp) / "absent.toml"
            )
            rows = run(prompts, settings, FeedbackClassifier.load(), rows_file)
    result = {"benchmark": "answer_quality", "quick": args.quick, "n": len(rows)}
    result |= summarise(rows)
    result["wall_s"] = round(time.perf_counter() - t0, 1)
    result["judges"] = "degenerate_rate: this benchmark's judge; product_judge_*: assistant.quality"
    write_result("answer_quality", result, args.quick)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
