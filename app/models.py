"""Model servers on this machine: find OpenAI-compatible ones on loopback, list their models, and
save the one the user picks in the config file (`plural models`; the app's "Switch model")."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import sys
import tomllib
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from assistant.config import ConfigError, Settings

LOOPBACK = "127.0.0.1"
KNOWN_PORTS: tuple[tuple[int, str], ...] = (
    (11434, "Ollama"),
    (1234, "LM Studio"),
    (8080, "llama.cpp server"),
    (8000, "vLLM"),
)
"""Where the usual local servers listen by default, and what usually listens there."""
OWNERS = {
    "library": "Ollama",
    "llamacpp": "llama.cpp server",
    "vllm": "vLLM",
    "me": "llama-cpp-python server",
}
"""`owned_by` of a listed model → the server that says so (port 8000 is also llama-cpp-python's)."""
PROBE_TIMEOUT_S = 0.5
EMBEDDED = "embedded SmolLM2-135M (llama.cpp, in-process)"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
ENV_OVERRIDES = ("PLURAL_BACKEND", "PLURAL_BASE_URL", "OPENAI_BASE_URL", "PLURAL_MODEL")


@dataclass(frozen=True)
class Server:
    """An OpenAI-compatible endpoint that answered GET /v1/models."""

    name: str
    base_url: str
    models: tuple[str, ...]


@dataclass(frozen=True)
class ModelChoice:
    """What answers: the embedded model (backend "local"), or `model` at `base_url`."""

    backend: str = "local"
    base_url: str | None = None
    model: str | None = None
    server: str = ""

    @property
    def label(self) -> str:
        if self.backend != "openai":
            return EMBEDDED if self.backend == "local" else f"the {self.backend} backend"
        where = self.server or self.base_url
        return f"{self.model} · {where}" if self.model else f"first model · {where}"


def _get_json(url: str, *, timeout: float, api_key: str | None = None) -> object:
    # no proxies: a proxy from the environment must not see (or answer for) loopback probes
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    if api_key:
        request.add_header("Authorization", f"Bearer {api_key}")
    with opener.open(request, timeout=timeout) as response:
        return json.loads(response.read(1_000_000))


def list_models(
    base_url: str, *, name: str = "", timeout: float = PROBE_TIMEOUT_S, api_key: str | None = None
) -> Server | None:
    """The server at `base_url` (…/v1) and its models; None if nothing OpenAI-like answers."""
    base = base_url.rstrip("/")
    try:
        data = _get_json(f"{base}/models", timeout=timeout, api_key=api_key)
    except (OSError, ValueError, urllib.error.URLError):  # refused, timed out, not JSON
        return None
    entries = data.get("data") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return None
    models = tuple(str(m["id"]) for m in entries if isinstance(m, dict) and m.get("id"))
    owners = {str(m.get("owned_by", "")) for m in entries if isinstance(m, dict)}
    named = next((OWNERS[o] for o in sorted(owners) if o in OWNERS), None)
    return Server(named or name or "OpenAI-compatible server", base, models)


def is_loopback(url: str | None) -> bool:
    return bool(url) and (urlsplit(url).hostname or "") in LOCAL_HOSTS


def probe(
    extra_urls: tuple[str, ...] = (),
    *,
    ports: tuple[tuple[int, str], ...] = KNOWN_PORTS,
    timeout: float = PROBE_TIMEOUT_S,
    api_key: str | None = None,
) -> list[Server]:
    """Every known loopback port and every extra URL, in parallel, within about `timeout`.
    `api_key` goes to the extra URLs only (the configured endpoint), never to the usual ports."""
    jobs = [(f"http://{LOOPBACK}:{port}/v1", name, None) for port, name in ports]
    known = {url for url, _, _ in jobs}
    jobs += [(u.rstrip("/"), "", api_key) for u in dict.fromkeys(extra_urls) if u not in known]
    with ThreadPoolExecutor(max_workers=max(1, len(jobs))) as pool:
        found = pool.map(
            lambda job: list_models(job[0], name=job[1], timeout=timeout, api_key=job[2]), jobs
        )
        return [s for s in found if s is not None]


def settings_probe(settings: Settings, ports: tuple[int, ...] = ()) -> list[Server]:
    """The usual ports, extra loopback `ports`, and the configured endpoint if it is local."""
    extra = tuple(f"http://{LOOPBACK}:{p}/v1" for p in ports)
    if is_loopback(settings.llm.base_url):
        extra += (str(settings.llm.base_url),)
    return probe(extra, ports=KNOWN_PORTS, api_key=settings.llm.api_key)


def choices(servers: list[Server]) -> list[ModelChoice]:
    """The embedded model first, then every model of every server found."""
    found = [
        ModelChoice("openai", s.base_url, m, s.name) for s in servers for m in s.models or ("",)
    ]
    return [ModelChoice(), *[dataclasses.replace(c, model=c.model or None) for c in found]]


def current(settings: Settings) -> ModelChoice:
    llm = settings.llm
    if llm.backend != "openai":
        return ModelChoice(llm.backend)
    return ModelChoice("openai", (llm.base_url or "").rstrip("/") or None, llm.model)


def same(a: ModelChoice, b: ModelChoice) -> bool:
    """Same model in use (the name a server lists it under is not part of the identity)."""
    return (a.backend, a.base_url, a.model) == (b.backend, b.base_url, b.model)


def applied(settings: Settings, choice: ModelChoice) -> Settings:
    """`settings` answering with `choice` (what the config file says after save_choice)."""
    if choice.backend != "openai":
        return dataclasses.replace(settings, llm=dataclasses.replace(settings.llm, backend="local"))
    llm = dataclasses.replace(
        settings.llm, backend="openai", base_url=choice.base_url, model=choice.model
    )
    return dataclasses.replace(settings, llm=llm)


def save_choice(path: Path, choice: ModelChoice) -> Path:
    """Set llm.backend (and llm.base_url, llm.model) in the TOML file, keeping every other
    setting; written whole or not at all. A rewrite drops TOML comments, so the previous file is
    kept next to it as `<name>.bak`."""
    path = Path(path).expanduser()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read it to save the model choice ({exc})") from None
    llm = data.setdefault("llm", {})
    if not isinstance(llm, dict):
        raise ConfigError(f"{path}: [llm] must be a table")
    if choice.backend == "openai":
        llm.update(backend="openai", base_url=choice.base_url)
        if choice.model:
            llm["model"] = choice.model
        else:
            llm.pop("model", None)
    else:
        llm["backend"] = choice.backend
    import tomli_w

    text = tomli_w.dumps(data)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        shutil.copy2(path, path.with_name(path.name + ".bak"))
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return path


def overridden_by_env(env: dict[str, str] | None = None) -> list[str]:
    """Environment variables that win over the config file's model settings."""
    env = os.environ if env is None else env
    return [v for v in ENV_OVERRIDES if env.get(v)]


def describe(servers: list[Server], settings: Settings) -> str:
    """What `plural models` prints: servers found, their models, the one in use."""
    using = current(settings)
    lines = []
    if servers:
        lines.append("Model servers on this machine (OpenAI-compatible):")
        for s in servers:
            lines.append(f"  {s.name} at {s.base_url}")
            for m in s.models or ("(lists no models)",):
                mark = "   ← in use" if same(using, ModelChoice("openai", s.base_url, m)) else ""
                lines.append(f"    {m}{mark}")
    else:
        where = ", ".join(f"{port} ({name})" for port, name in KNOWN_PORTS)
        lines.append(f"No model server answered on {LOOPBACK} ports {where}.")
        lines.append("Start one (e.g. `ollama serve`), or set llm.base_url for a hosted API.")
    lines.append(f"In use: {using.label}")
    lines.append(
        f"Switch: plural models --use MODEL (or --use local); saved in {settings.config_path}"
    )
    return "\n".join(lines)


def pick(servers: list[Server], model: str, base_url: str | None = None) -> ModelChoice:
    """The choice for `--use MODEL` (and `--base-url URL` when two servers list it)."""
    if model in ("local", "embedded"):
        return ModelChoice()
    base = base_url.rstrip("/") if base_url else None
    hits = [
        ModelChoice("openai", s.base_url, model, s.name)
        for s in servers
        if model in s.models and (base is None or s.base_url == base)
    ]
    if not hits:
        where = f" at {base}" if base else ""
        raise ValueError(f"no server{where} lists the model {model!r}; `plural models` shows them")
    if len(hits) > 1:
        urls = " and ".join(h.base_url or "" for h in hits)
        raise ValueError(f"{model!r} is served by {urls}: add --base-url URL to pick one")
    return hits[0]


def run_models_command(settings: Settings, args: object) -> int:
    """`plural models [--port N …] [--use MODEL]`: list what is found, or save a choice."""
    explicit_url = getattr(args, "llm.base_url", None)
    ports = tuple(getattr(args, "port", None) or ())
    extra = (explicit_url,) if explicit_url else ()
    servers = settings_probe(settings, ports)
    if extra and not any(s.base_url == explicit_url.rstrip("/") for s in servers):
        servers += probe(extra, ports=(), timeout=5.0, api_key=settings.llm.api_key)
    use = getattr(args, "use", None)
    if not use:
        print(describe(servers, settings))
        return 0
    choice = pick(servers, use, explicit_url)
    path = save_choice(settings.config_path, choice)
    print(f"saved in {path}: {choice.label} answers from the next start")
    if overridden_by_env():
        names = ", ".join(overridden_by_env())
        print(f"note: {names} in the environment still wins over the file", file=sys.stderr)
    return 0
