"""One frozen Settings object, built once from TOML (XDG config dir) + environment + CLI flags."""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from platformdirs import user_cache_dir, user_config_dir, user_data_dir

from assistant.text import MESSAGE_MAX

APP_NAME = "plural"
BACKENDS = ("local", "transformers", "openai", "echo")


class ConfigError(ValueError):
    """A configuration problem the user can fix; the message says where and how."""


def default_config_path() -> Path:
    return Path(user_config_dir(APP_NAME)) / "config.toml"


def default_data_dir() -> Path:
    return Path(user_data_dir(APP_NAME))


def default_cache_dir() -> Path:
    return Path(user_cache_dir(APP_NAME))


@dataclass(frozen=True, kw_only=True)
class LLMSettings:
    """Which language model answers, and how it is called."""

    backend: str = "local"
    """`local` (embedded GGUF via llama.cpp), `transformers` (a local HF folder) or `openai`."""
    model_path: str | None = None
    """GGUF file (local) or Hugging Face model folder (transformers); None = the packaged SmolLM2."""
    base_url: str | None = None
    """OpenAI-compatible endpoint, e.g. http://localhost:11434/v1 for Ollama."""
    api_key: str | None = field(default=None, repr=False)
    model: str | None = None
    """Model name at the endpoint (openai backend)."""
    timeout_s: float = 60.0
    max_retries: int = 2
    max_tokens: int = 256
    temperature: float = 0.7
    n_ctx: int = 2048
    n_threads: int | None = None
    capable: bool | None = None
    """Whether the model can follow structured instructions (summary rewrite, judging).
    None = decide by backend (openai → yes, the embedded 135M model → no)."""


@dataclass(frozen=True, kw_only=True)
class Settings:
    """Everything configurable, resolved once at the entry point and passed down."""

    user: str = "default"
    data_dir: Path = field(default_factory=default_data_dir)
    cache_dir: Path = field(default_factory=default_cache_dir)
    config_path: Path = field(default_factory=default_config_path)
    llm: LLMSettings = field(default_factory=LLMSettings)
    n_candidates: int = 4
    """Best-of-N: how many candidate answers to generate and rank."""
    recall_k: int = 4
    """How many past preference statements to recall per turn."""
    summary_max_chars: int = 1200
    max_message_chars: int = MESSAGE_MAX
    """Longer messages are refused with a clear error (the text is kept, never truncated silently);
    at most MESSAGE_MAX, the longest feedback the store keeps."""
    memory_url: str | None = None
    """A Chroma server (http://host:port); None = embedded PersistentClient in data_dir."""
    checkpoint_url: str | None = None
    """A PostgreSQL URL for conversations; None = SQLite in data_dir."""
    prior_dir: Path | None = None
    """A fitted group prior; None = the packaged default."""
    guard: bool = True
    """Protected directions (agreement, flattery) never exceed the group's weight."""
    stale_lines: bool = True
    """A learned reader retires stored lines a message ends that the merge kept (summary.stale).
    On by default since it learned from the dev conversations too: held-out sequence sets 1,194 ->
    1,222 right (benchmarks/results/summary_updates_test*_stale_lines.json); false: the merge
    alone."""
    default_alpha: float = 0.5

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def checkpoint_path(self) -> Path:
        return self.data_dir / "conversations.sqlite"


_ENV_MAP: dict[str, tuple[str, ...]] = {
    "PLURAL_USER": ("user",),
    "PLURAL_DATA_DIR": ("data_dir",),
    "PLURAL_CACHE_DIR": ("cache_dir",),
    "PLURAL_MEMORY_URL": ("memory_url",),
    "PLURAL_CHECKPOINT_URL": ("checkpoint_url",),
    "PLURAL_PRIOR_DIR": ("prior_dir",),
    "PLURAL_N_CANDIDATES": ("n_candidates",),
    "PLURAL_BACKEND": ("llm", "backend"),
    "PLURAL_MODEL_PATH": ("llm", "model_path"),
    "PLURAL_BASE_URL": ("llm", "base_url"),
    "OPENAI_BASE_URL": ("llm", "base_url"),
    "PLURAL_API_KEY": ("llm", "api_key"),
    "OPENAI_API_KEY": ("llm", "api_key"),
    "PLURAL_MODEL": ("llm", "model"),
    "PLURAL_TIMEOUT": ("llm", "timeout_s"),
}


def _coerce(cls: type, name: str, value: Any, source: str) -> Any:
    """Convert a raw TOML/env/CLI value to the field's declared type, or raise ConfigError."""
    f = {f.name: f for f in dataclasses.fields(cls)}.get(name)
    if f is None:
        known = ", ".join(sorted(x.name for x in dataclasses.fields(cls)))
        raise ConfigError(f"{source}: unknown setting {name!r} (known: {known})")
    kind = str(f.type)
    if value is None:
        return None
    try:
        if "Path" in kind:
            return Path(str(value)).expanduser()
        if kind.startswith("bool"):
            if isinstance(value, bool):
                return value
            if str(value).lower() in ("1", "true", "yes", "on"):
                return True
            if str(value).lower() in ("0", "false", "no", "off"):
                return False
            raise ValueError(value)
        if kind.startswith("int"):
            if isinstance(value, bool):
                raise ValueError(value)
            return int(value)
        if kind.startswith("float"):
            return float(value)
        if kind.startswith("str"):
            if not isinstance(value, str | int | float):
                raise ValueError(value)
            return str(value)
    except (TypeError, ValueError):
        raise ConfigError(f"{source}: {name} = {value!r} is not a valid {kind}") from None
    return value


def _read_toml(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc}); fix or remove the file") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the config file ({exc.strerror})") from None


def _apply(raw: dict[str, Any], top: dict[str, Any], llm: dict[str, Any], source: str) -> None:
    for key, value in raw.items():
        if key == "llm":
            if not isinstance(value, Mapping):
                raise ConfigError(f"{source}: [llm] must be a table")
            for k, v in value.items():
                llm[k] = _coerce(LLMSettings, k, v, f"{source} [llm]")
        else:
            top[key] = _coerce(Settings, key, value, source)


def load_settings(
    overrides: Mapping[str, Any] | None = None,
    *,
    env: Mapping[str, str] | None = None,
    config_path: Path | None = None,
) -> Settings:
    """TOML file < environment < overrides (CLI flags). `overrides` may hold `llm.*` keys."""
    env = os.environ if env is None else env
    overrides = dict(overrides or {})
    path = Path(
        overrides.pop("config_path", None)
        or config_path
        or env.get("PLURAL_CONFIG")
        or default_config_path()
    ).expanduser()
    top: dict[str, Any] = {"config_path": path}
    llm: dict[str, Any] = {}
    _apply(_read_toml(path), top, llm, str(path))
    for var, target in _ENV_MAP.items():
        if env.get(var):
            if len(target) == 2:
                llm[target[1]] = _coerce(LLMSettings, target[1], env[var], f"${var}")
            else:
                top[target[0]] = _coerce(Settings, target[0], env[var], f"${var}")
    for key, value in overrides.items():
        if value is None:
            continue
        if key.startswith("llm."):
            llm[key[4:]] = _coerce(LLMSettings, key[4:], value, f"--{key[4:]}")
        else:
            top[key] = _coerce(Settings, key, value, f"--{key.replace('_', '-')}")
    settings = Settings(**top, llm=LLMSettings(**llm))
    _validate(settings)
    return settings


def _validate(s: Settings) -> None:
    if s.llm.backend not in BACKENDS:
        raise ConfigError(f"llm.backend = {s.llm.backend!r}; choose one of {', '.join(BACKENDS)}")
    if s.llm.backend == "openai" and not s.llm.base_url and not s.llm.api_key:
        raise ConfigError(
            "the openai backend needs an endpoint: set llm.base_url (and llm.api_key if it asks) "
            "in the config file or PLURAL_BASE_URL / OPENAI_API_KEY"
        )
    if not 1 <= s.n_candidates <= 16:
        raise ConfigError(f"n_candidates = {s.n_candidates}; choose 1..16")
    if not 0.0 <= s.default_alpha <= 1.0:
        raise ConfigError(f"default_alpha = {s.default_alpha}; choose 0..1")
    if s.summary_max_chars < 100:
        raise ConfigError("summary_max_chars must be at least 100")
    if not 1 <= s.max_message_chars <= MESSAGE_MAX:
        raise ConfigError(f"max_message_chars = {s.max_message_chars}; choose 1..{MESSAGE_MAX}")
    if not s.user.strip() or len(s.user) > 64 or any(ord(c) < 32 for c in s.user):
        raise ConfigError(f"user {s.user!r}: use 1-64 printable characters")
