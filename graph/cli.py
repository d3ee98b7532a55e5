"""The `plural` command line: chat (TUI or plain), memory show/export/import/forget, prior, onboard.

The Textual app is injected by tui.main (imports flow tui → graph, never back)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

EXIT_USAGE, EXIT_ERROR = 2, 1


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--user", help="who is chatting (memory, slider and conversations are per user)"
    )
    common.add_argument(
        "--data-dir", help="where memory and conversations live (or $PLURAL_DATA_DIR)"
    )
    common.add_argument("--config", dest="config_path", help="a TOML config file")
    common.add_argument(
        "--backend", dest="llm.backend", choices=["local", "transformers", "openai"]
    )
    common.add_argument(
        "--model-path", dest="llm.model_path", help="GGUF file or Hugging Face folder"
    )
    common.add_argument("--base-url", dest="llm.base_url", help="OpenAI-compatible endpoint")
    common.add_argument("--model", dest="llm.model", help="model name at the endpoint")
    common.add_argument("--candidates", dest="n_candidates", type=int, help="best-of-N (default 4)")
    common.add_argument("--memory-url", dest="memory_url", help="a Chroma server, http://host:port")

    p = argparse.ArgumentParser(
        prog="plural",
        parents=[common],
        description="A chat assistant that learns how you want to be answered.",
    )
    sub = p.add_subparsers(dest="command")
    chat = sub.add_parser("chat", parents=[common], help="chat (the Textual UI, or --no-tui)")
    chat.add_argument("--no-tui", action="store_true", help="a plain line-by-line chat loop")

    mem = sub.add_parser(
        "memory", parents=[common], help="show, export, import or forget a user's memory"
    )
    mem.add_argument("action", choices=["show", "export", "import", "forget", "users"])
    mem.add_argument(
        "--file", help="export: write here (default stdout); import: read this JSON file"
    )
    mem.add_argument("--replace", action="store_true", help="import over an existing user")
    mem.add_argument("--yes", action="store_true", help="forget without asking")

    prior = sub.add_parser("prior", parents=[common], help="fit or build the group reward prior")
    prior.add_argument("action", choices=["fit", "build"])
    prior.add_argument("--data", help="group preference JSONL (fit)")
    prior.add_argument("--out", required=True, help="output folder for the fitted prior")

    sub.add_parser("onboard", parents=[common], help="answer ~10 questions to place you quickly")
    return p


def _settings(args: argparse.Namespace):
    from assistant.config import load_settings

    keys = ("user", "data_dir", "config_path", "llm.backend", "llm.model_path", "llm.base_url")
    keys += ("llm.model", "n_candidates", "memory_url")
    return load_settings({k: getattr(args, k, None) for k in keys})


def main(argv: Sequence[str] | None = None, *, run_tui: Callable[[Any], None] | None = None) -> int:
    args = _parser().parse_args(argv)
    from assistant.config import ConfigError
    from assistant.llm.base import LLMError
    from assistant.text import InputError

    try:
        settings = _settings(args)
        command = args.command or "chat"
        if command == "chat":
            if getattr(args, "no_tui", False) or run_tui is None:
                from graph.chat import chat_loop

                return chat_loop(settings)
            run_tui(settings)
            return 0
        if command == "memory":
            return _memory(settings, args)
        if command == "prior":
            return _prior(args)
        if command == "onboard":
            from graph.chat import onboard_loop

            return onboard_loop(settings)
    except (ConfigError, InputError, LLMError, RuntimeError, OSError, ValueError) as exc:
        print(f"plural: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    return EXIT_USAGE


def _open_memory(settings):
    from memory import MemoryStore

    if settings.memory_url:
        return MemoryStore(url=settings.memory_url)
    from memory.lock import DataDirLock

    # the same lock the app takes: never edit an embedded store under a running app; the lock is
    # released when this short-lived command exits
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    lock = DataDirLock(settings.data_dir).acquire()
    store = MemoryStore(settings.chroma_dir)
    store.cli_lock = (
        lock  # held as long as the store is in use (the lock frees on garbage collection)
    )
    return store


def _memory(settings, args: argparse.Namespace) -> int:
    store = _open_memory(settings)
    user = settings.user
    if args.action == "users":
        print("\n".join(store.users()) or "(no users yet)")
        return 0
    if args.action == "import":
        if not args.file:
            raise ValueError("memory import needs --file FILE (a JSON export)")
        try:
            data = json.loads(Path(args.file).read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise ValueError(
                f"{args.file}: not valid JSON (line {exc.lineno}: {exc.msg})"
            ) from None
        existing = args.user or (data.get("user_id") if isinstance(data, dict) else None)
        if args.replace and existing in store.users():
            # a replace deletes before it writes: keep the old memory on disk first, so a crash or
            # a kill in between can always be undone with `plural memory import --replace`
            backup = _backup(settings, store, existing)
            print(f"backed up the current memory of {existing!r} to {backup}")
        target = store.import_user(data, user_id=args.user, replace=args.replace)
        print(f"imported memory for user {target!r}")
        return 0
    if user not in store.users():
        raise ValueError(
            f"no memory for user {user!r} (known: {', '.join(store.users()) or 'none'})"
        )
    if args.action == "show":
        _show(store, user)
    elif args.action == "export":
        text = json.dumps(store.export_user(user), indent=2, ensure_ascii=False)
        if args.file:
            Path(args.file).write_text(text + "\n", encoding="utf-8")
            print(f"wrote {args.file}")
        else:
            print(text)
    elif args.action == "forget":
        if (
            not args.yes
            and input(f"Forget everything about {user!r}? [y/N] ").strip().lower() != "y"
        ):
            print("kept")
            return 0
        n = store.forget(user)
        print(f"forgot {n} items of {user!r}")
    return 0


def _backup(settings, store, user: str) -> Path:
    import time

    folder = settings.data_dir / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{user}-{time.strftime('%Y%m%dT%H%M%S')}.json"
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(store.export_user(user), ensure_ascii=False, indent=2), "utf-8")
    tmp.replace(path)  # atomic: a backup file is whole or absent
    return path


def _show(store, user: str) -> None:
    print(f"user: {user}")
    profile = store.profile(user)
    print(f"alpha (personal vs group): {profile.get('alpha', 'default')}")
    print("summary:\n" + (store.summary(user) or "  (empty)"))
    history = store.summary_history(user)
    print(f"history ({len(history)} versions):")
    for v in history[-10:]:
        print(f"  v{v.version} {v.time} [{v.kind}] {v.cause[:70]!r}")
    statements = store.statements(user)
    print(f"statements ({len(statements)}):")
    for s in statements[-10:]:
        print(f"  {s.time} [{s.kind} {s.sign:+d}] {s.text[:70]!r}")


def _prior(args: argparse.Namespace) -> int:
    from assistant.reward import cli as reward_cli

    if args.action == "fit":
        if not args.data:
            raise ValueError("prior fit needs --data FILE (group preference JSONL)")
        reward_cli.cli_fit(Path(args.data), Path(args.out))
    else:
        reward_cli.cli_build_default(Path(args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
