"""`plural memory show|export|import|forget|users`: a user's memory and conversations, by hand."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from app.checkpoints import Checkpoints, open_checkpoints


def open_memory(settings) -> Any:
    """The memory store, with the same data-dir lock the app takes (never edit an embedded store
    under a running app); the lock is released when this short-lived command exits."""
    from memory import MemoryStore

    if settings.memory_url:
        return MemoryStore(url=settings.memory_url)
    from memory.lock import DataDirLock

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    lock = DataDirLock(settings.data_dir).acquire()
    store = MemoryStore(settings.chroma_dir)
    store.cli_lock = lock  # held as long as the store is in use
    return store


def run_memory_command(settings, args: argparse.Namespace) -> int:
    store = open_memory(settings)
    user = settings.user
    if args.action == "users":
        users = store.users()
        for name in users:
            print(f"* {name}   (active)" if name == user else f"  {name}")
        if user not in users:
            print(f"(active user {user!r} has no memory yet)" if users else "(no users yet)")
        return 0
    if args.action == "import":
        return _import(settings, store, args)
    if user not in store.users():
        known = ", ".join(store.users()) or "none"
        raise ValueError(f"no memory for user {user!r} (known: {known}); pick one with --user")
    if args.action == "show":
        _show(store, user)
    elif args.action == "export":
        data = export_all(settings, store, user)
        if args.file:
            write_json_atomic(Path(args.file), data)
            print(f"wrote {args.file}")
        else:
            print(json.dumps(data, indent=2, ensure_ascii=False))
    elif args.action == "forget":
        if not _confirmed(args, f"Forget everything about {user!r}, conversations included?"):
            print("kept")
            return 0
        counts = forget_all(settings, store, user)
        print(f"forgot {user!r}: " + ", ".join(f"{n} {kind}" for kind, n in counts.items()))
    return 0


def _confirmed(args: argparse.Namespace, question: str) -> bool:
    if args.yes:
        return True
    if not sys.stdin or not sys.stdin.isatty():
        raise ValueError(
            "memory forget deletes for good; in a script or pipe pass --yes to confirm"
        )
    try:
        return input(f"{question} [y/N] ").strip().lower() in ("y", "yes")
    except EOFError:
        return False


def export_all(settings, store, user: str) -> dict:
    """The user's memory export plus their conversations (every thread's messages)."""
    data = store.export_user(user)
    with _conversations(settings) as conversations:
        data["conversations"] = conversations.export_user(user)
    return data


def forget_all(settings, store, user: str) -> dict[str, int]:
    """Delete the user's memory and every conversation thread; counts by kind."""
    with _conversations(settings) as conversations:
        threads = conversations.delete_user(user)
    counts = store.forget(user)
    return {**counts, "conversations": threads}


def _import(settings, store, args: argparse.Namespace) -> int:
    if not args.file:
        raise ValueError("memory import needs --file FILE (a JSON export)")
    try:
        data = json.loads(Path(args.file).read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{args.file}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
    except UnicodeDecodeError:
        raise ValueError(f"{args.file}: not a text file (expected a JSON export)") from None
    existing = args.user or (data.get("user_id") if isinstance(data, dict) else None)
    if args.replace and existing in store.users():
        # a replace deletes before it writes: keep the old memory on disk first, so a crash or
        # a kill in between can always be undone with `plural memory import --replace`
        backup = _backup(settings, store, existing)
        print(f"backed up the current memory of {existing!r} to {backup}")
    target = store.import_user(data, user_id=args.user, replace=args.replace)
    threads = data.get("conversations") or [] if isinstance(data, dict) else []
    if threads:
        with _conversations(settings) as conversations:
            if args.replace:
                conversations.delete_user(target)
            n = conversations.import_user(target, threads)
        print(f"imported memory and {n} conversation(s) for user {target!r}")
    else:
        print(f"imported memory for user {target!r}")
    return 0


def write_json_atomic(path: Path, data: Any) -> Path:
    """Write JSON through a temp file and a rename: the file is whole or absent, never torn."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    tmp.replace(path)
    return path


def _backup(settings, store, user: str) -> Path:
    folder = settings.data_dir / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{user}-{time.strftime('%Y%m%dT%H%M%S')}.json"
    return write_json_atomic(path, export_all(settings, store, user))


class _conversations:
    """Context manager: the checkpointer, opened for one command and closed after it."""

    def __init__(self, settings):
        self.settings = settings
        self.checkpoints: Checkpoints | None = None

    def __enter__(self) -> Checkpoints:
        self.checkpoints = open_checkpoints(self.settings)
        return self.checkpoints

    def __exit__(self, *exc: object) -> None:
        if self.checkpoints is not None:
            self.checkpoints.close()


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
