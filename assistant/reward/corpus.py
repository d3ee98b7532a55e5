"""The shipped response corpus: (prompt, response) turns extracted from Anthropic HH-RLHF (MIT)."""

from __future__ import annotations

import gzip
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

PACKAGED_RESPONSES = Path(__file__).resolve().parent.parent / "data" / "responses.jsonl.gz"
HH_RLHF_SOURCE = "Anthropic HH-RLHF harmless-base test split (MIT), arXiv 2204.05862"

# Red-teaming data: keep only turns a user could be shown without a content warning.
_BLOCK = re.compile(
    r"\b(kill\w*|murder\w*|steal\w*|stole|rob\w*|drug\w*|cocaine|heroin|meth|sex\w*|porn\w*|"
    r"rape\w*|racis\w*|nigg\w*|bomb\w*|gun\w*|weapon\w*|poison\w*|hack\w*|cheat\w*|illegal\w*|"
    r"fuck\w*|shit\w*|bitch\w*|ass|asshole|dick\w*|pussy|cunt|penis|vagina|nazi\w*|hitler|"
    r"suicide|die|dead|death|hurt\w*|abuse\w*|violen\w*|crime\w*|criminal\w*|prison|jail|"
    r"slut|whore|gay|lesbian|jew\w*|muslim\w*|black people|white people|insult\w*|stupid|"
    r"idiot\w*|hate\w*|blood\w*|torture\w*|terror\w*|fight\w*|punch\w*|attack\w*|shoot\w*|"
    r"knife|knives|prank\w*|revenge|fraud\w*|scam\w*|launder\w*|smuggl\w*|alcohol|drunk|"
    r"cigarette\w*|marijuana|weed|naked|nude|breast\w*|fat|ugly|dumb|retard\w*|slave\w*|"
    r"kidnap\w*|explosive\w*|arson|burn\w*|lie|lying|lies|spy\w*|stalk\w*|threat\w*|"
    r"bully\w*|harass\w*|mexican\w*|chinese|asian\w*|immigrant\w*|trans\w*|religio\w*|"
    r"race|races|racial|guilty|gender|arrest\w*|police|cops?|torrent\w*|pirat\w*|wife|husband|suffocat\w*|arous\w*|lust|drag|stink\w*|choke\w*|strangl\w*)\b",
    re.IGNORECASE,
)
_TURN = re.compile(r"\n\nHuman: (.*?)\n\nAssistant: (.*?)(?=\n\nHuman: |\Z)", re.DOTALL)


@dataclass(frozen=True)
class Turn:
    """One user prompt and one real assistant response to it."""

    prompt: str
    response: str


def _clean(text: str) -> str:
    text = (
        text.replace("\u2019", "'")
        .replace("\u2018", "'")
        .replace("\u201c", '"')
        .replace("\u201d", '"')
    )
    return re.sub(r"\s+", " ", text).strip()


def _acceptable(prompt: str, response: str) -> bool:
    if not (15 <= len(prompt) <= 300 and 60 <= len(response) <= 700):
        return False
    if _BLOCK.search(prompt) or _BLOCK.search(response):
        return False
    # Single-sentence fragments and markup give the rewriters nothing to vary.
    return response.count(".") >= 1 and "http" not in response and "Human:" not in response


def extract_turns(src: Path) -> list[Turn]:
    """Every acceptable (human, assistant) turn pair in an HH-RLHF jsonl.gz file, deduplicated."""
    seen: set[tuple[str, str]] = set()
    turns: list[Turn] = []
    with gzip.open(src, "rt", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            for dialogue in (row["chosen"], row["rejected"]):
                for prompt, response in _TURN.findall(dialogue):
                    key = (_clean(prompt), _clean(response))
                    if key not in seen and _acceptable(*key):
                        seen.add(key)
                        turns.append(Turn(*key))
    return turns


def build_extract(src: Path, out: Path = PACKAGED_RESPONSES, n: int = 3000, seed: int = 0) -> int:
    """Write a seeded sample of at most n acceptable turns to out (jsonl.gz); returns the count."""
    turns = extract_turns(src)
    random.Random(seed).shuffle(turns)
    turns = sorted(turns[:n], key=lambda t: (t.prompt, t.response))
    out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(out, "wb", mtime=0) as raw:
        for t in turns:
            raw.write((json.dumps({"prompt": t.prompt, "response": t.response}) + "\n").encode())
    return len(turns)


def load_turns(path: Path | None = None) -> list[Turn]:
    """The shipped corpus (or another extract); a clear error when it is missing."""
    path = path or PACKAGED_RESPONSES
    if not path.exists():
        raise FileNotFoundError(
            f"response corpus not found at {path}; rebuild it with "
            "assistant.reward.corpus.build_extract(<hh-rlhf harmless-base-test.jsonl.gz>)"
        )
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [Turn(**json.loads(line)) for line in f if line.strip()]
