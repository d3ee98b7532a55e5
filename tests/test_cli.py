"""The `plural` command line: memory show/export/import/forget, clear one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main


@pytest.fixture
def env(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("PLURAL_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("PLURAL_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setenv("PLURAL_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path


def _seed(tmp_path: Path, user: str = "alice") -> None:
    from memory import MemoryStore

    store = MemoryStore(tmp_path / "data" / "chroma")
    store.set_summary(user, "- Keep answers short.", cause="seed", kind="directive")
    store.update_profile(user, alpha=0.7)


def test_show_export_import_forget_round_trip(env, capsys):
    _seed(env)
    assert main(["memory", "show", "--user", "alice"]) == 0
    out = capsys.readouterr().out
    assert "Keep answers short" in out and "0.7" in out
    dump = env / "alice.json"
    assert main(["memory", "export", "--user", "alice", "--file", str(dump)]) == 0
    exported = json.loads(dump.read_text())
    assert exported["user_id"] == "alice"
    assert main(["memory", "forget", "--user", "alice", "--yes"]) == 0
    capsys.readouterr()
    assert main(["memory", "show", "--user", "alice"]) == 1
    assert "no memory for user 'alice'" in capsys.readouterr().err
    assert main(["memory", "import", "--file", str(dump)]) == 0
    assert main(["memory", "show", "--user", "alice"]) == 0
    assert "Keep answers short" in capsys.readouterr().out


def test_malformed_import_is_refused_with_a_clear_message(env, capsys):
    bad = env / "bad.json"
    bad.write_text('{"format": "plural-memory", "version": 1, "user_id": "x", "statements": 3}')
    assert main(["memory", "import", "--file", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("plural: ") and "statements" in err and "Traceback" not in err
    notjson = env / "notjson.json"
    notjson.write_text("{oops")
    assert main(["memory", "import", "--file", str(notjson)]) == 1
    assert "not valid JSON" in capsys.readouterr().err


def test_broken_config_is_one_line(env, capsys, monkeypatch):
    cfg = env / "broken.toml"
    cfg.write_text("n_candidates = [")
    monkeypatch.setenv("PLURAL_CONFIG", str(cfg))
    assert main(["memory", "users"]) == 1
    err = capsys.readouterr().err
    assert "broken.toml: not valid TOML" in err and len(err.strip().splitlines()) == 1


def test_unknown_user_is_explained(env, capsys):
    _seed(env)
    assert main(["memory", "export", "--user", "nobody"]) == 1
    assert "no memory for user 'nobody'" in capsys.readouterr().err


def test_plain_chat_loop_answers_learns_and_survives_errors(tmp_path):
    import io

    from app.plain_chat import chat_loop
    from assistant.config import load_settings
    from tests.fake_session import FakeSession

    session = FakeSession(tmp_path / "store.json", user_id="alice")
    stdin = io.StringIO(
        "How do I boil an egg?\n"
        "/fb please keep answers under three sentences\n"
        "/summary\n"
        "/alpha 0.8\n" + "x" * 40_000 + "\n/quit\n"
    )
    out = io.StringIO()
    settings = load_settings({"data_dir": tmp_path}, env={}, config_path=tmp_path / "none.toml")
    assert chat_loop(settings, session, stdin=stdin, out=out) == 0
    text = out.getvalue()
    assert "plural> " in text
    assert "understood as feedback" in text
    assert "alpha = 0.8" in text
    assert session.alpha == 0.8
    assert "[error:" in text, "a huge message is refused with a message, and the loop goes on"
    assert [m for m, _ in session.sent] == ["auto", "feedback"]


def test_replace_import_keeps_a_backup_of_the_old_memory_first(env, capsys):
    _seed(env)
    dump = env / "alice.json"
    assert main(["memory", "export", "--user", "alice", "--file", str(dump)]) == 0
    data = json.loads(dump.read_text())
    data["summary_history"][-1]["text"] = "- Answer in French."
    dump.write_text(json.dumps(data))
    assert main(["memory", "import", "--file", str(dump), "--replace"]) == 0
    backups = list((env / "data" / "backups").glob("alice-*.json"))
    assert len(backups) == 1
    assert "Keep answers short" in backups[0].read_text()
    assert main(["memory", "show", "--user", "alice"]) == 0
    assert "Answer in French" in capsys.readouterr().out
