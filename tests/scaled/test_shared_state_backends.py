"""Rate-limit counters and session values shared by workers: SQLite, PostgreSQL and Redis behave alike."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from frontdoor.settings import Settings
from frontdoor.shared_state import (
    DatabaseSharedState,
    RedisSharedState,
    SharedRateLimiter,
    SharedState,
    build_shared_state,
)
from storage.database import Database


class _Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(params=["sqlite", "postgresql", "redis"])
def shared(
    request: pytest.FixtureRequest, database_factory: Callable[[str], Database]
) -> Iterator[SharedState]:
    """A SharedState on each backend workers can share."""
    if request.param != "redis":
        yield DatabaseSharedState(database_factory(request.param))
        return
    state = RedisSharedState(request.getfixturevalue("redis_url"), prefix=f"fdtest:{uuid.uuid4().hex}:")
    yield state
    state.close()


def test_when_key_hit_repeatedly_then_count_rises_by_one_each_time(shared: SharedState) -> None:
    assert [shared.hit("ratelimit:web:abc", 60) for _ in range(4)] == [1, 2, 3, 4]


def test_when_keys_differ_then_counts_are_separate(shared: SharedState) -> None:
    shared.hit("ratelimit:web:a", 60)

    assert shared.hit("ratelimit:web:b", 60) == 1


def test_when_value_put_then_it_reads_back_until_deleted(shared: SharedState) -> None:
    shared.put("session:s1", '{"user": "advisor-7", "role": "supervisor"}', 60)

    assert shared.get("session:s1") == '{"user": "advisor-7", "role": "supervisor"}'
    shared.delete("session:s1")
    assert shared.get("session:s1") is None


def test_when_value_replaced_then_latest_wins(shared: SharedState) -> None:
    shared.put("session:s2", "first", 60)
    shared.put("session:s2", "second", 60)

    assert shared.get("session:s2") == "second"


def test_when_sixteen_workers_hit_at_once_then_no_count_is_lost(shared: SharedState) -> None:
    with ThreadPoolExecutor(max_workers=16) as pool:
        counts = list(pool.map(lambda _: shared.hit("ratelimit:phone:burst", 60), range(64)))

    assert sorted(counts) == list(range(1, 65))


def test_when_window_passes_then_counter_starts_again(database: Database) -> None:
    clock = _Clock()
    state = DatabaseSharedState(database, clock=clock)
    state.hit("ratelimit:web:x", 60)
    state.hit("ratelimit:web:x", 60)

    clock.now += timedelta(seconds=61)

    assert state.hit("ratelimit:web:x", 60) == 1


def test_when_value_expires_then_it_is_gone_and_purged(database: Database) -> None:
    clock = _Clock()
    state = DatabaseSharedState(database, clock=clock)
    state.put("session:old", "v", 30)
    state.put("session:new", "v", 300)

    clock.now += timedelta(seconds=31)

    assert state.get("session:old") is None
    assert state.get("session:new") == "v"
    assert state.purge_expired() == 1


def test_when_redis_url_configured_then_redis_is_used(tmp_path: Path, database: Database) -> None:
    with_redis = build_shared_state(
        Settings(data_dir=tmp_path, redis_url="redis://127.0.0.1:1/0"), database
    )
    without = build_shared_state(Settings(data_dir=tmp_path), database)

    assert isinstance(with_redis, RedisSharedState)
    assert isinstance(without, DatabaseSharedState)


def test_when_two_workers_share_a_limiter_then_the_burst_is_granted_once(shared: SharedState) -> None:
    now = [1_000_040.0]
    worker_a = SharedRateLimiter(shared, per_minute=20, burst=8, clock=lambda: now[0])
    worker_b = SharedRateLimiter(shared, per_minute=20, burst=8, clock=lambda: now[0])

    decisions = [(worker_a if i % 2 else worker_b).hit("client-1") for i in range(10)]

    assert [d.allowed for d in decisions] == [True] * 8 + [False] * 2
    assert 1 <= decisions[-1].retry_after <= 24
    assert worker_a.hit("client-2").allowed


def test_when_minute_allowance_is_spent_then_limited_until_the_next_minute(shared: SharedState) -> None:
    now = [1_000_040.0]
    limiter = SharedRateLimiter(shared, per_minute=3, burst=3, clock=lambda: now[0])
    assert all(limiter.hit("c").allowed for _ in range(3))

    denied = limiter.hit("c")
    now[0] += 60.0

    assert not denied.allowed and denied.retry_after == 40
    assert limiter.hit("c").allowed
