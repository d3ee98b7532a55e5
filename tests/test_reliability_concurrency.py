"""Isolation under concurrency: many users in parallel sessions on one store never see each other.

PLURAL_CONCURRENT_USERS sets the number of users (default 200; benchmarks/reliability.py runs 1,000)."""

from __future__ import annotations

import os
import shutil

import pytest

from benchmarks.reliability_kit.concurrency import run_users
from benchmarks.reliability_kit.doubles import LeakyStore
from benchmarks.reliability_kit.helpers import fast_dir
from memory import MemoryStore
from tests.fakes import FakeEncoder

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


def test_the_check_catches_a_store_that_leaks(data_dir, classifier):
    store = LeakyStore(MemoryStore(data_dir / "chroma", embedder=FakeEncoder()))
    report = run_users(data_dir, store, classifier, 6, threads=3)
    assert report.errors == []
    assert report.cross_user_leaks > 0
