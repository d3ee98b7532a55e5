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


# -- global options anywhere, no silent wrong user (issue: flags before the command were dropped) --

GLOBAL_VALUES = {
    "--user": "eve",
    "--data-dir": "/tmp/plural-flag-test",
    "--model-path": "/models/x.gguf",
    "--base-url": "http://127.0.0.1:8089/v1",
    "--model": "smol",
    "--candidates": "3",
    "--memory-url": "http://127.0.0.1:8000",
    "--checkpoint-url": "postgresql://u:p@127.0.0.1:5432/db",
}


@pytest.mark.parametrize("command", [["chat"], ["memory", "users"], ["onboard"]])
@pytest.mark.parametrize("flag", [*GLOBAL_VALUES, "--backend", "--config"])
def test_every_global_flag_means_the_same_before_and_after_the_command(env, flag, command):
    from app.cli import GLOBAL_OPTIONS, parser, settings_from

    assert {f for f, _, _ in GLOBAL_OPTIONS} == {*GLOBAL_VALUES, "--backend", "--config"}
    config = env / "given.toml"
    config.write_text('user = "from-file"\n')
    value = {"--backend": "openai", "--config": str(config)}.get(flag) or GLOBAL_VALUES[flag]
    given = [flag, value] + (["--base-url", "http://h:1/v1"] if flag == "--backend" else [])
    before = settings_from(parser().parse_args([*given, *command]))
    after = settings_from(parser().parse_args([*command, *given]))
    plain = settings_from(parser().parse_args(command))
    assert before == after
    assert before != plain, f"{flag} was accepted and ignored"


def test_a_flag_before_and_after_the_command_keeps_the_later_one(env):
    from app.cli import parser, settings_from

    args = parser().parse_args(["--user", "eve", "memory", "users", "--user", "bob"])
    assert settings_from(args).user == "bob"
    args = parser().parse_args(["--user", "eve", "memory", "users"])
    assert settings_from(args).user == "eve"


def test_version(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.startswith("plural ")


def test_memory_users_marks_the_active_user(env, capsys):
    _seed(env, "alice")
    _seed(env, "bob")
    assert main(["--user", "bob", "memory", "users"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "* bob   (active)" in out and "  alice" in out


def test_forget_in_a_script_needs_yes_and_never_tracebacks(env, capsys, monkeypatch):
    import io

    _seed(env)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # closed, not a terminal
    assert main(["memory", "forget", "--user", "alice"]) == 1
    err = capsys.readouterr().err
    assert "--yes" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert main(["memory", "show", "--user", "alice"]) == 0, "nothing was deleted"


@pytest.mark.parametrize(
    "argv",
    [
        ["memory", "import", "--file", "/nonexistent/x.json"],
        ["memory", "import", "--file", "/"],
        ["memory", "export", "--user", "alice", "--file", "/nonexistent/dir/out.json"],
        ["memory", "show", "--user", "nobody"],
        ["memory", "show", "--user", "a/b"],
        ["--data-dir", "/proc/plural", "memory", "users"],
    ],
)
def test_bad_paths_and_users_get_one_line_never_a_traceback(env, capsys, argv):
    _seed(env)
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err.startswith("plural: ") and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_binary_import_file_is_refused_cleanly(env, capsys):
    junk = env / "junk.json"
    junk.write_bytes(b"\xff\xfe\x00garbage\x89PNG")
    assert main(["memory", "import", "--file", str(junk)]) == 1
    assert "plural: " in capsys.readouterr().err


# -- forget forgets everything; export carries conversations and import restores them --


def _chatty_user(env, user: str, marker: str) -> None:
    """A real session (echo LLM, fake encoder): a conversation and a stored preference."""
    from app.local_session import open_session
    from assistant.config import load_settings
    from assistant.feedback import FeedbackClassifier
    from assistant.llm.echo import EchoLLM
    from memory import MemoryStore
    from tests.fakes import FakeEncoder

    settings = load_settings({"user": user}, config_path=env / "none.toml")
    session = open_session(
        settings,
        llm=EchoLLM(),
        memory=MemoryStore(settings.chroma_dir, embedder=FakeEncoder()),
        classifier=FeedbackClassifier.load(encoder=FakeEncoder()),
        load_personalizer=False,
    )
    session.load()
    session.send(f"tell me about {marker} please", mode="request")
    session.send(f"/fb I always want {marker} mentioned, from now on")
    session.new_conversation()
    session.send(f"and {marker} again", mode="request")
    session.close()


def _files_containing(root: Path, needle: str) -> list[str]:
    return [str(p) for p in root.rglob("*") if p.is_file() and needle.encode() in p.read_bytes()]


def test_forget_deletes_conversations_too_and_no_byte_of_the_text_remains(env, capsys):
    _chatty_user(env, "eve", "zebraquartz")
    _chatty_user(env, "ann", "otterbasalt")
    data = env / "data"
    assert _files_containing(data, "zebraquartz"), "the marker was stored in the first place"
    assert main(["memory", "forget", "--user", "eve", "--yes"]) == 0
    out = capsys.readouterr().out
    assert "2 conversations" in out and "statements" in out and "summary versions" in out
    assert _files_containing(data, "zebraquartz") == []
    assert _files_containing(data, "otterbasalt"), "another user's memory is untouched"
    assert main(["memory", "show", "--user", "ann"]) == 0


def test_export_carries_conversations_and_import_restores_them(env, capsys):
    _chatty_user(env, "eve", "zebraquartz")
    dump = env / "eve.json"
    assert main(["memory", "export", "--user", "eve", "--file", str(dump)]) == 0
    exported = json.loads(dump.read_text())
    threads = exported["conversations"]
    assert [t["thread"] for t in threads] == ["0", "1"]
    assert any("zebraquartz" in m["content"] for m in threads[0]["messages"])
    assert main(["memory", "forget", "--user", "eve", "--yes"]) == 0
    assert main(["memory", "import", "--file", str(dump)]) == 0
    assert "2 conversation(s)" in capsys.readouterr().out
    assert main(["memory", "export", "--user", "eve", "--file", str(env / "again.json")]) == 0
    again = json.loads((env / "again.json").read_text())["conversations"]
    assert [[m["content"] for m in t["messages"]] for t in again] == [
        [m["content"] for m in t["messages"]] for t in threads
    ]
