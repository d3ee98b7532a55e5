"""The `plural` command line: chat (TUI or plain), memory, prior, onboard, models.

Global options (--user, --data-dir, --backend …) mean the same before or after the subcommand.
The Textual app is injected by tui.main (imports flow tui → app, never back)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

EXIT_USAGE, EXIT_ERROR = 2, 1

GLOBAL_OPTIONS: tuple[tuple[str, str, dict], ...] = (
    ("--user", "user", {"help": "who is chatting (memory, slider and conversations are per user)"}),
    ("--data-dir", "data_dir", {"help": "where memory and conversations live ($PLURAL_DATA_DIR)"}),
    ("--config", "config_path", {"help": "a TOML config file ($PLURAL_CONFIG)"}),
    ("--backend", "llm.backend", {"choices": ["local", "transformers", "openai"]}),
    ("--model-path", "llm.model_path", {"help": "GGUF file or Hugging Face folder"}),
    ("--base-url", "llm.base_url", {"help": "an OpenAI-compatible endpoint"}),
    ("--model", "llm.model", {"help": "model name at the endpoint"}),
    ("--candidates", "n_candidates", {"type": int, "help": "best-of-N (default 4)"}),
    ("--memory-url", "memory_url", {"help": "a Chroma server, http://host:port"}),
    ("--checkpoint-url", "checkpoint_url", {"help": "PostgreSQL URL for conversations"}),
)
"""(flag, settings key, argparse options): one list, so both positions take the same flags."""


def _add_globals(parser: argparse.ArgumentParser, *, under_subcommand: bool) -> None:
    """Under a subcommand an option that is not given must not overwrite one given before the
    subcommand: argparse copies every sub-namespace attribute back, so those default to SUPPRESS."""
    group = parser.add_argument_group("global options (before or after the command)")
    for flag, dest, options in GLOBAL_OPTIONS:
        default = argparse.SUPPRESS if under_subcommand else None
        group.add_argument(flag, dest=dest, default=default, **options)


def version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as package_version

    try:
        return package_version("plural")
    except PackageNotFoundError:
        return "unknown (not installed)"


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="plural", description="A chat assistant that learns how you want to be answered."
    )
    p.add_argument("--version", action="version", version=f"plural {version()}")
    _add_globals(p, under_subcommand=False)
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help_: str) -> argparse.ArgumentParser:
        cmd = sub.add_parser(name, help=help_, description=help_)
        _add_globals(cmd, under_subcommand=True)
        return cmd

    chat = command("chat", "chat (the Textual UI, or --no-tui for a plain loop)")
    chat.add_argument("--no-tui", action="store_true", help="a plain line-by-line chat loop")
    mem = command("memory", "show, export, import or forget a user's memory; list users")
    mem.add_argument("action", choices=["show", "export", "import", "forget", "users"])
    mem.add_argument("--file", help="export: write here (default stdout); import: read this")
    mem.add_argument("--replace", action="store_true", help="import over an existing user")
    mem.add_argument("--yes", action="store_true", help="forget without asking (needed in scripts)")
    prior = command(
        "prior", "fit or build the group reward prior, or refit it from this installation's users"
    )
    prior.add_argument("action", choices=["fit", "build", "refit"])
    prior.add_argument("--data", help="group preference JSONL (fit)")
    prior.add_argument("--out", help="output folder for the fitted prior (fit, build)")
    command("onboard", "answer ~10 questions that place you on the group's preference basis")
    models = command("models", "model servers on this machine (Ollama, LM Studio, llama.cpp, vLLM)")
    models.add_argument(
        "--use", metavar="MODEL", help="answer with MODEL from now on ('local' = embedded)"
    )
    models.add_argument("--port", type=int, action="append", help="also look on this local port")
    return p


def settings_from(args: argparse.Namespace):
    """The frozen Settings for parsed arguments (TOML < environment < these flags)."""
    from assistant.config import load_settings

    return load_settings({dest: getattr(args, dest, None) for _, dest, _ in GLOBAL_OPTIONS})


def main(argv: Sequence[str] | None = None, *, run_tui: Callable[[Any], None] | None = None) -> int:
    args = parser().parse_args(argv)
    from assistant.config import ConfigError
    from assistant.llm.base import LLMError
    from assistant.text import InputError

    try:
        settings = settings_from(args)
        command = args.command or "chat"
        if command == "chat":
            if getattr(args, "no_tui", False) or run_tui is None:
                from app.plain_chat import chat_loop

                return chat_loop(settings)
            run_tui(settings)
            return 0
        if command == "memory":
            from app.memory_commands import run_memory_command

            return run_memory_command(settings, args)
        if command == "prior":
            return _prior(args, settings)
        if command == "onboard":
            from app.plain_chat import onboard_loop

            return onboard_loop(settings)
        if command == "models":
            from app.models import run_models_command

            return run_models_command(settings, args)
    except (ConfigError, InputError, LLMError, RuntimeError, OSError, ValueError) as exc:
        print(f"plural: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # never a traceback for the user; PLURAL_DEBUG=1 shows it
        if os.environ.get("PLURAL_DEBUG"):
            raise
        print(f"plural: unexpected {type(exc).__name__}: {exc} (PLURAL_DEBUG=1 shows where)",
              file=sys.stderr)  # fmt: skip
        return EXIT_ERROR
    return EXIT_USAGE


def _prior(args: argparse.Namespace, settings) -> int:
    if args.action == "refit":  # the users' own posteriors become the group
        from app.community import refit_command

        return refit_command(settings)
    from assistant.reward import cli as reward_cli

    if not args.out:
        raise ValueError(f"prior {args.action} needs --out DIR (where the prior is written)")
    if args.action == "fit":
        if not args.data:
            raise ValueError("prior fit needs --data FILE (group preference JSONL)")
        reward_cli.cli_fit(Path(args.data), Path(args.out))
    else:
        reward_cli.cli_build_default(Path(args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
