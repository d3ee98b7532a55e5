"""Isolation under concurrency: many users in parallel sessions on one store never see each other.

PLURAL_CONCURRENT_USERS sets the number of users (default 200; benchmarks/reliability.py runs 1,000)."""

from __future__ import annotations

import os
import shutil

import pytest

from memory import MemoryStore
from tests.concurrency_sim import run_users
from tests.fakes import FakeEncoder
from tests.reliability_helpers import fast_dir

USERS = int(os.environ.get("PLURAL_CONCURRENT_USERS", "200"))


@pytest.fixture
def data_dir():
    path = fast_dir("plural-test-concurrency-")
    yield path
    shutil.rmtree(path, ignore_errors=True)


def test_parallel_users_never_see_each_other(data_dir, classifier):
    store = MemoryStore(data_dir / "chroma", embedder=FakeEncoder())
    report = run_users(data_dir, store, classifier, USERS, threads=16)
    assert report.errors == []
    assert report.checks == 5 * USERS
    assert report.cross_user_leaks == 0
    assert len(store.users()) == USERS


class LeakyStore:
    """A broken store whose statements() ignores the user: the check must catch it."""

    def __init__(self, store):
        self._store = store

    def __getattr__(self, name):
        return getattr(self._store, name)

    def statements(self, user_id, limit=None):
        return [s for u in self._store.users() for s in self._store.statements(u, limit)]


def test_the_check_catches_a_store_that_leaks(data_dir, classifier):
    store = LeakyStore(MemoryStore(data_dir / "chroma", embedder=FakeEncoder()))
    report = run_users(data_dir, store, classifier, 6, threads=3)
    assert report.errors == []
    assert report.cross_user_leaks > 0
