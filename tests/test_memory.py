"""MemoryStore: per-user summaries, statements, recall, profiles, isolation, export/import/forget."""

from __future__ import annotations

import copy
import json
import os
import shutil
import tempfile
import threading
from pathlib import Path

import numpy as np
import pytest

from memory import ImportValidationError, MemoryError, MemoryStore, Statement, SummaryVersion
from tests.fakes import FakeEncoder


@pytest.fixture
def embedder():
    return FakeEncoder()


@pytest.fixture
def tmp_path(tmp_path_factory):
    """Chroma fsyncs every write; on tmpfs (when there is one) these tests take seconds, not tens."""
    shm = Path("/dev/shm")
    if not (shm.is_dir() and os.access(shm, os.W_OK)):
        yield tmp_path_factory.mktemp("mem")
        return
    path = Path(tempfile.mkdtemp(prefix="plural-test-memory-", dir=shm))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def store(tmp_path, embedder):
    return MemoryStore(tmp_path / "mem", embedder=embedder)


def test_new_user_has_nothing(store):
    assert store.summary("ann") == ""
    assert store.summary_history("ann") == []
    assert store.statements("ann") == []
    assert store.recall("ann", "anything") == []
    assert store.profile("ann") == {}
    assert store.users() == []


def test_summary_versions_and_same_text_is_not_a_new_version(store):
    v1 = store.set_summary(
        "ann", "Prefers short answers.", cause="said 'shorter'", kind="directive"
    )
    assert isinstance(v1, SummaryVersion) and v1.version == 1
    assert store.summary("ann") == "Prefers short answers."
    again = store.set_summary("ann", "Prefers short answers.", cause="repeat", kind="directive")
    assert again.version == 1
    v2 = store.set_summary("ann", "Short answers. Python 3.12.", cause="edited", kind="edit")
    assert v2.version == 2
    history = store.summary_history("ann")
    assert [v.version for v in history] == [1, 2]
    assert [v.kind for v in history] == ["directive", "edit"]
    assert history[0].cause == "said 'shorter'"
    assert history[0].time.endswith("+00:00")
    assert store.users() == ["ann"]


def test_undo_walks_back_through_changes(store):
    assert store.undo_summary("ann") is None
    store.set_summary("ann", "A", cause="c1", kind="directive")
    store.set_summary("ann", "B", cause="c2", kind="directive")
    store.set_summary("ann", "C", cause="c3", kind="edit")
    undo = store.undo_summary("ann")
    assert (undo.version, undo.kind, undo.text) == (4, "undo", "B")
    assert store.summary("ann") == "B"
    assert store.undo_summary("ann").text == "A"
    assert store.undo_summary("ann").text == ""
    assert store.undo_summary("ann") is None
    assert len(store.summary_history("ann")) == 6


def test_statements_roundtrip_oldest_first_with_limit(store):
    first = store.add_statement(
        "ann",
        "no, shorter please",
        kind="directive",
        sign=-1,
        directive="be shorter",
        previous_answer="A very long answer...",
        extras={"score": -0.8, "tags": ["length"]},
    )
    assert isinstance(first, Statement)
    for i in range(4):
        store.add_statement("ann", f"statement {i}", kind="statement")
    got = store.statements("ann")
    assert [s.text for s in got] == ["no, shorter please"] + [f"statement {i}" for i in range(4)]
    assert got[0] == first
    assert got[1].directive is None and got[1].previous_answer is None and got[1].extras == {}
    assert [s.text for s in store.statements("ann", limit=2)] == ["statement 2", "statement 3"]
    assert store.statements("ann", limit=0) == []


def test_recall_finds_the_relevant_statement(store):
    store.add_statement("ann", "I use Python 3.12 on Linux", kind="statement")
    store.add_statement("ann", "never include gluten in recipes", kind="directive")
    store.add_statement("ann", "answers should be short", kind="directive")
    hits = store.recall("ann", "a bread recipe without gluten", k=1)
    assert [h.text for h in hits] == ["never include gluten in recipes"]
    assert len(store.recall("ann", "python", k=10)) == 3
    assert store.recall("ann", "python", k=0) == []
    assert store.recall("ann", "   ") == []


def test_users_with_many_statements_use_the_index_with_the_same_answers(store, monkeypatch):
    import memory.store

    store.add_statement("ann", "I use Python 3.12 on Linux", kind="statement")
    store.add_statement("ann", "never include gluten in recipes", kind="directive")
    store.add_statement("bob", "gluten is fine for me, I love bread recipes", kind="statement")
    exact = store.recall("ann", "a bread recipe without gluten", k=2)
    calls = []
    monkeypatch.setattr(memory.store, "EXACT_RECALL_MAX", 1)
    real = memory.store.nearest_hnsw
    monkeypatch.setattr(memory.store, "nearest_hnsw", lambda *a: calls.append(a[1]) or real(*a))
    assert store.recall("ann", "a bread recipe without gluten", k=2) == exact
    assert [s.user_id for s in store.recall("bob", "gluten", k=4)] == ["bob"]
    assert calls == ["ann"], "ann (2 statements > 1) went through the index, bob (1) did not"


def test_a_second_user_sees_nothing_of_the_first(store):
    store.set_summary("u1", "u1 likes haiku", cause="c", kind="directive")
    store.add_statement("u1", "write everything as haiku", kind="directive")
    store.update_profile("u1", alpha=0.9)
    assert store.summary("u2") == ""
    assert store.summary_history("u2") == []
    assert store.statements("u2") == []
    assert store.recall("u2", "haiku", k=4) == []
    assert store.profile("u2") == {}
    store.add_statement("u2", "I like prose", kind="statement")
    assert [s.text for s in store.recall("u2", "write everything as haiku", k=4)] == [
        "I like prose"
    ]
    assert all(s.user_id == "u1" for s in store.recall("u1", "prose", k=4))


def test_forget_removes_one_user_and_keeps_the_other(store):
    for user in ("u1", "u2"):
        store.set_summary(user, f"{user} summary", cause="c", kind="directive")
        store.set_summary(user, f"{user} summary v2", cause="c", kind="edit")
        store.add_statement(user, f"{user} statement", kind="statement")
        store.update_profile(user, alpha=0.3)
    assert sum(store.forget("u1").values()) == 4  # two versions, one statement, one user record
    assert store.users() == ["u2"]
    assert store.summary("u1") == "" and store.statements("u1") == [] and store.profile("u1") == {}
    assert store.summary("u2") == "u2 summary v2"
    assert len(store.summary_history("u2")) == 2
    assert [s.text for s in store.recall("u2", "statement")] == ["u2 statement"]
    assert store.profile("u2") == {"alpha": 0.3}
    assert sum(store.forget("u1").values()) == 0


def test_profile_merges_and_persists_across_reopen(tmp_path, embedder):
    store = MemoryStore(tmp_path / "mem", embedder=embedder)
    store.update_profile("ann", alpha=0.5, posterior={"mean": [0.1, 0.2], "cov": [[1, 0], [0, 1]]})
    new = store.update_profile("ann", alpha=0.7)
    assert new == {"alpha": 0.7, "posterior": {"mean": [0.1, 0.2], "cov": [[1, 0], [0, 1]]}}
    store.set_summary("ann", "kept", cause="c", kind="edit")
    reopened = MemoryStore(tmp_path / "mem", embedder=embedder)
    assert reopened.profile("ann") == new
    assert reopened.summary("ann") == "kept"
    with pytest.raises(ValueError, match="JSON"):
        store.update_profile("ann", bad=object())
    assert store.profile("ann") == new


def test_numpy_values_in_the_profile_are_stored_as_lists(store):
    mean = np.array([0.25, -0.5], dtype=np.float32)
    store.update_profile("ann", posterior={"mean": mean, "n": np.int64(3)}, alpha=np.float64(0.4))
    assert store.profile("ann") == {"posterior": {"mean": [0.25, -0.5], "n": 3}, "alpha": 0.4}
    json.dumps(store.export_user("ann"))


def test_summary_and_profile_never_embed_and_opening_is_lazy(tmp_path):
    embedder = FakeEncoder()
    store = MemoryStore(tmp_path / "mem", embedder=embedder)
    store.set_summary("ann", "text", cause="c", kind="edit")
    store.update_profile("ann", alpha=0.2)
    store.summary("ann")
    assert embedder.calls == 0


@pytest.mark.parametrize("bad", ["", "x" * 65, "tab\there", "nul\x00", None, 7])
def test_bad_user_ids_are_refused(store, bad):
    with pytest.raises(ValueError, match="user id"):
        store.summary(bad)


def test_text_bounds_control_chars_and_unicode(store):
    with pytest.raises(ValueError, match="limit is 32000"):
        store.add_statement("ann", "x" * 32_001, kind="statement")
    with pytest.raises(ValueError, match="limit is 8000"):
        store.set_summary("ann", "x" * 8001, cause="c", kind="edit")
    with pytest.raises(ValueError, match="statement kind"):
        store.add_statement("ann", "hi", kind="opinion")
    with pytest.raises(ValueError, match="sign"):
        store.add_statement("ann", "hi", kind="statement", sign=2)
    with pytest.raises(ValueError, match="summary kind"):
        store.set_summary("ann", "hi", cause="c", kind="whatever")
    assert store.statements("ann") == [] and store.summary_history("ann") == []
    s = store.add_statement("ann", "a\x00b\x1bc\nd\te 日本語 🙂 \ud800", kind="statement")
    assert s.text == "abc\nd\te 日本語 🙂 ?"  # a lone surrogate becomes "?", never a crash
    assert store.statements("ann")[0].text == s.text
    store.set_summary("ünï", "Ça va — 中文", cause="c", kind="edit")
    assert store.summary("ünï") == "Ça va — 中文"


def test_concurrent_summary_writes_get_distinct_versions(store):
    def write(n):
        for i in range(5):
            store.set_summary("ann", f"thread {n} text {i}", cause="t", kind="edit")

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [v.version for v in store.summary_history("ann")] == list(range(1, 21))


# --- export / import ---------------------------------------------------------------------------


def _filled(store):
    store.set_summary("ann", "Short answers.", cause="said shorter", kind="directive")
    store.set_summary("ann", "Short answers, metric units.", cause="edited", kind="edit")
    store.add_statement("ann", "shorter please", kind="directive", sign=-1, directive="be brief")
    store.add_statement("ann", "use metric units", kind="statement", extras={"k": 1})
    store.update_profile("ann", alpha=0.8, posterior={"mean": [0.5]})
    return store.export_user("ann")


def test_export_import_roundtrip_into_a_fresh_store(store, tmp_path, embedder):
    exported = _filled(store)
    data = json.loads(json.dumps(exported))  # what a file round trip gives
    assert data["format"] == "plural-memory" and data["version"] == 1
    other = MemoryStore(tmp_path / "other", embedder=embedder)
    assert other.import_user(data) == "ann"
    assert other.summary("ann") == "Short answers, metric units."
    assert other.summary_history("ann") == store.summary_history("ann")
    assert other.statements("ann") == store.statements("ann")
    assert other.profile("ann") == {"alpha": 0.8, "posterior": {"mean": [0.5]}}
    assert [s.text for s in other.recall("ann", "metric", k=1)] == ["use metric units"]
    assert other.set_summary("ann", "next", cause="c", kind="edit").version == 3


def test_import_refuses_existing_user_unless_replace(store):
    exported = _filled(store)
    with pytest.raises(ValueError, match="already exists"):
        store.import_user(exported)
    assert store.import_user(exported, user_id="ann-copy") == "ann-copy"
    assert store.summary("ann-copy") == store.summary("ann")
    store.set_summary("ann", "changed since export", cause="c", kind="edit")
    store.add_statement("ann", "extra", kind="statement")
    store.import_user(exported, replace=True)
    assert store.summary("ann") == "Short answers, metric units."
    assert len(store.statements("ann")) == 2
    assert len(store.statements("ann-copy")) == 2


def test_failed_replace_import_keeps_the_old_data(store, monkeypatch):
    exported = _filled(store)
    store.set_summary("ann", "newer than the export", cause="c", kind="edit")
    store.add_statement("ann", "newer statement", kind="statement")
    before = store.export_user("ann")
    real_write = store._write_statements
    calls = []

    def fail_once(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise MemoryError("disk full")
        return real_write(*args, **kwargs)

    monkeypatch.setattr(store, "_write_statements", fail_once)
    with pytest.raises(MemoryError, match="disk full"):
        store.import_user(exported, replace=True)
    after = store.export_user("ann")
    assert after["summary_history"] == before["summary_history"]
    assert after["statements"] == before["statements"]
    assert store.summary("ann") == "newer than the export"


def _corrupt(data, path, value):
    bad = copy.deepcopy(data)
    target = bad
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return bad


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        (("format",), "something-else", "format"),
        (("version",), 99, "version"),
        (("user_id",), "", "user_id"),
        (("statements", 1, "sign"), 5, r"statements\[1\]\.sign: expected -1, 0 or 1"),
        (("statements", 0, "text"), KeyError, r"statements\[0\]\.text: missing"),
        (("statements", 0, "text"), "x" * 32_001, r"statements\[0\]\.text"),
        (("statements", 1, "kind"), "nonsense", r"statements\[1\]\.kind"),
        (("statements", 1, "id"), None, r"statements\[1\]\.id"),
        (("statements",), {"not": "a list"}, "statements: expected a list"),
        (("summary_history", 1, "version"), 1, r"summary_history\[1\]\.version"),
        (("summary_history", 0, "version"), "one", r"summary_history\[0\]\.version"),
        (("summary_history", 0, "kind"), "bogus", r"summary_history\[0\]\.kind"),
        (("summary_history", 0), "text", r"summary_history\[0\]: expected an object"),
        (("profile",), [1, 2], "profile must be a dict"),
    ],
)
def test_malformed_imports_name_the_field_and_write_nothing(store, path, value, field):
    bad = _corrupt(_filled(store), path, value)
    bad["user_id"] = bad.get("user_id") if path == ("user_id",) else "newcomer"
    with pytest.raises(ImportValidationError, match=field):
        store.import_user(bad)
    assert store.users() == ["ann"]
    assert store.summary("newcomer") == "" and store.statements("newcomer") == []


def test_import_rejects_non_dict_and_duplicate_ids(store):
    with pytest.raises(ImportValidationError, match="top level"):
        store.import_user(["not", "a", "dict"])
    data = _filled(store)
    data["statements"][1]["id"] = data["statements"][0]["id"]
    with pytest.raises(ImportValidationError, match="duplicate"):
        store.import_user(data, user_id="dup")
    assert "dup" not in store.users()


# --- broken stores -----------------------------------------------------------------------------


def test_corrupt_store_gives_memory_error_with_path_and_recovery(tmp_path, embedder):
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "chroma.sqlite3").write_bytes(b"this is not sqlite " * 200)
    with pytest.raises(MemoryError, match="move .*broken aside") as info:
        MemoryStore(broken, embedder=embedder)
    assert "import from your last export" in str(info.value)
    assert (broken / "chroma.sqlite3").read_bytes().startswith(b"this is not sqlite")


def test_store_path_that_is_a_file(tmp_path):
    target = tmp_path / "afile"
    target.write_text("x")
    with pytest.raises(MemoryError, match="is a file"):
        MemoryStore(target)


def test_constructor_arguments(tmp_path):
    with pytest.raises(ValueError, match="exactly one"):
        MemoryStore()
    with pytest.raises(ValueError, match="exactly one"):
        MemoryStore(tmp_path, url="http://localhost:8000")
    with pytest.raises(ValueError, match="http://host:port"):
        MemoryStore(url="localhost:8000")


def test_unreachable_server_gives_memory_error():
    with pytest.raises(MemoryError, match="127.0.0.1:9"):
        MemoryStore(url="http://127.0.0.1:9")
