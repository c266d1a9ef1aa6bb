"""A circuit breaker for the model endpoint: stop calling a model that keeps failing, try again later.

::

    CLOSED --N consecutive failures--> OPEN --cool-down elapsed--> HALF_OPEN
      ^                                  ^                             |
      |                                  +------- trial fails ---------+
      +------------------------------- trial succeeds -----------------+

While OPEN no call is made at all (the composer answers extractively at once, so a dead endpoint costs
residents no waiting). HALF_OPEN lets exactly one trial call through.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from enum import StrEnum

__all__ = ["BreakerState", "CircuitBreaker"]


class BreakerState(StrEnum):
    """Where the breaker is."""

    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half_open"


class CircuitBreaker:
    """Opens after ``failure_threshold`` consecutive failures; half-opens after ``cooldown_seconds``.

    ``clock`` returns seconds (monotonic); tests inject their own. Thread-safe.
    """

    def __init__(
        self,
        *,
        failure_threshold: int = 3,
        cooldown_seconds: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if failure_threshold < 1:
            raise ValueError("failure_threshold must be at least 1")
        self._threshold = failure_threshold
        self._cooldown = cooldown_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._failures = 0
        self._opened_at: float | None = None
        self._trial_in_flight = False

    @property
    def state(self) -> BreakerState:
        """The current state (OPEN turns HALF_OPEN once the cool-down has passed)."""
        with self._lock:
            return self._state()

    def allow(self) -> bool:
        """Whether a call may be made now. In HALF_OPEN only one trial is let through at a time."""
        with self._lock:
            state = self._state()
            if state is BreakerState.CLOSED:
                return True
            if state is BreakerState.HALF_OPEN and not self._trial_in_flight:
                self._trial_in_flight = True
                return True
            return False

    def record_success(self) -> None:
        """A call worked: close the breaker."""
        with self._lock:
            self._failures = 0
            self._opened_at = None
            self._trial_in_flight = False

    def record_failure(self) -> None:
        """A call failed: count it; open at the threshold, or re-open after a failed trial."""
        with self._lock:
            trial = self._trial_in_flight
            self._trial_in_flight = False
            self._failures += 1
            if trial or self._failures >= self._threshold:
                self._opened_at = self._clock()

    def _state(self) -> BreakerState:
        if self._opened_at is None:
            return BreakerState.CLOSED
        if self._clock() - self._opened_at >= self._cooldown:
            return BreakerState.HALF_OPEN
        return BreakerState.OPEN
