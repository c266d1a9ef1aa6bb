"""The breaker opens after N consecutive failures, half-opens after the cool-down, and closes on success."""

from __future__ import annotations

import pytest

from bot.llm.circuit_breaker import BreakerState, CircuitBreaker


class FakeClock:
    """Seconds that only move when a test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _breaker(clock: FakeClock, threshold: int = 3) -> CircuitBreaker:
    return CircuitBreaker(failure_threshold=threshold, cooldown_seconds=30.0, clock=clock)


@pytest.mark.parametrize(
    ("failures", "expected"),
    [
        (0, BreakerState.CLOSED),
        (1, BreakerState.CLOSED),
        (2, BreakerState.CLOSED),
        (3, BreakerState.OPEN),
        (5, BreakerState.OPEN),
    ],
)
def test_when_consecutive_failures_reach_threshold_then_open(failures: int, expected: BreakerState) -> None:
    breaker = _breaker(FakeClock())
    for _ in range(failures):
        breaker.record_failure()
    assert breaker.state is expected
    assert breaker.allow() is (expected is BreakerState.CLOSED)


def test_when_a_success_comes_between_failures_then_count_restarts() -> None:
    breaker = _breaker(FakeClock())
    for outcome in ("fail", "fail", "ok", "fail", "fail"):
        breaker.record_failure() if outcome == "fail" else breaker.record_success()
    assert breaker.state is BreakerState.CLOSED


@pytest.mark.parametrize(
    ("elapsed", "expected"),
    [
        (0.0, BreakerState.OPEN),
        (29.9, BreakerState.OPEN),
        (30.0, BreakerState.HALF_OPEN),
        (300.0, BreakerState.HALF_OPEN),
    ],
)
def test_when_cooldown_passes_then_half_open(elapsed: float, expected: BreakerState) -> None:
    clock = FakeClock()
    breaker = _breaker(clock)
    for _ in range(3):
        breaker.record_failure()
    clock.now += elapsed
    assert breaker.state is expected


def test_when_half_open_then_exactly_one_trial_is_let_through() -> None:
    clock = FakeClock()
    breaker = _breaker(clock)
    for _ in range(3):
        breaker.record_failure()
    clock.now += 31
    assert breaker.allow() is True
    assert breaker.allow() is False


def test_when_trial_succeeds_then_closed() -> None:
    clock = FakeClock()
    breaker = _breaker(clock)
    for _ in range(3):
        breaker.record_failure()
    clock.now += 31
    assert breaker.allow()
    breaker.record_success()
    assert breaker.state is BreakerState.CLOSED
    assert breaker.allow() and breaker.allow()


def test_when_trial_fails_then_open_again_for_a_full_cooldown() -> None:
    clock = FakeClock()
    breaker = _breaker(clock)
    for _ in range(3):
        breaker.record_failure()
    clock.now += 31
    assert breaker.allow()
    breaker.record_failure()
    assert breaker.state is BreakerState.OPEN
    clock.now += 29
    assert breaker.state is BreakerState.OPEN
    clock.now += 1
    assert breaker.state is BreakerState.HALF_OPEN


def test_when_threshold_below_one_then_rejected() -> None:
    with pytest.raises(ValueError, match="failure_threshold"):
        CircuitBreaker(failure_threshold=0)
