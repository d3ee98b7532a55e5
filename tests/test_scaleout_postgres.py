"""Conversations on PostgreSQL through LangGraph's Postgres checkpointer (needs PLURAL_TEST_PG_URL)."""

from __future__ import annotations

import os
import shutil
import threading

import pytest

from benchmarks.reliability_kit.helpers import PG_ENV, fast_dir, session, settings_for, unique_user

PG_URL = os.environ.get(PG_ENV)
pytestmark = pytest.mark.skipif(
    not PG_URL,
    reason=f"{PG_ENV} is unset: no PostgreSQL to test against (.ci/run starts one and sets it)",
)


@pytest.fixture
def dirs():
    made = [fast_dir("plural-test-pg-") for _ in range(3)]
    yield made
    for d in made:
        shutil.rmtree(d, ignore_errors=True)


def _roles(s) -> list[str]:
    return [m["role"] for m in s.transcript()]


def test_a_conversation_persists_across_two_sessions(dirs, classifier):
    user = unique_user("pg")
    settings = settings_for(dirs[0], user=user, checkpoint_url=PG_URL)
    s = session(settings, classifier)
    s.send("What is a monad?")
    s.send("How do I boil an egg?")
    s.close()
    assert not settings.checkpoint_path.exists(), "conversations went to SQLite, not PostgreSQL"
    again = session(settings, classifier)
    assert _roles(again) == ["user", "assistant", "user", "assistant"]
    assert again.transcript()[2]["content"] == "How do I boil an egg?"
    again.close()


def test_two_users_threads_are_separate(dirs, classifier):
    ann, bob = unique_user("ann"), unique_user("bob")
    a = session(settings_for(dirs[0], user=ann, checkpoint_url=PG_URL), classifier)
    b = session(settings_for(dirs[1], user=bob, checkpoint_url=PG_URL), classifier)
    a.send("ann's secret question about tofu")
    b.send("bob's question about steak")
    assert "tofu" in a.transcript()[0]["content"]
    assert all("tofu" not in m["content"] for m in b.transcript())
    assert all("steak" not in m["content"] for m in a.transcript())
    a.close()
    b.close()


def test_instances_on_different_machines_share_one_database_concurrently(dirs, classifier):
    """Many app instances (threads here, each its own data dir) write to one database at once."""
    users = [unique_user(f"m{i}") for i in range(3)]
    sessions = [
        session(settings_for(d, user=u, checkpoint_url=PG_URL), classifier)
        for d, u in zip(dirs, users, strict=True)
    ]
    errors: list[BaseException] = []

    def chat(s, user):
        try:
            for i in range(3):
                s.send(f"{user} message {i}")
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=chat, args=p) for p in zip(sessions, users, strict=True)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    for s, user in zip(sessions, users, strict=True):
        said = [m["content"] for m in s.transcript() if m["role"] == "user"]
        assert said == [f"{user} message {i}" for i in range(3)]
        s.close()


def test_forget_deletes_the_users_postgres_threads(dirs, classifier):
    user = unique_user("forget")
    settings = settings_for(dirs[0], user=user, checkpoint_url=PG_URL)
    s = session(settings, classifier)
    s.send("remember this")
    s.new_conversation()
    s.send("and this, in a second thread")
    assert len(s.checkpoints.threads(user)) == 2
    counts = s.forget()
    assert counts["conversations"] == 2 and s.checkpoints.threads(user) == []
    assert s.transcript() == []
    s.close()


def test_unreachable_database_names_the_endpoint_and_hides_the_password(dirs, classifier):
    from benchmarks.reliability_kit.helpers import free_port

    url = f"postgresql://plural:hunter2@127.0.0.1:{free_port()}/nowhere"
    with pytest.raises(RuntimeError) as info:
        session(settings_for(dirs[0], checkpoint_url=url), classifier)
    message = str(info.value)
    assert "127.0.0.1" in message and "PostgreSQL is running" in message
    assert "hunter2" not in message
