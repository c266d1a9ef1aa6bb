"""A rate limiter every worker shares, with the same ``hit(client)`` contract as the widget's in-process one.

Two fixed windows approximate a token bucket: at most ``per_minute`` posts in a minute, and at most
``burst`` posts in the time ``burst`` tokens take to refill. Counters live in :class:`SharedState` (Redis or
the SQL store), so two workers cannot each grant the full allowance. ``client`` must be an opaque key
(e.g. a hash of the address), never resident text.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from frontdoor.shared_state.base import SharedState

__all__ = ["SharedRateDecision", "SharedRateLimiter"]


@dataclass(frozen=True, slots=True)
class SharedRateDecision:
    """Whether the request may proceed, and if not, whole seconds until it may."""

    allowed: bool
    retry_after: int = 0


class SharedRateLimiter:
    """Drop-in for ``web_widget.rate_limiter.RateLimiter`` when several workers serve the widget."""

    def __init__(
        self,
        state: SharedState,
        per_minute: int,
        burst: int,
        *,
        namespace: str = "ratelimit",
        clock: Callable[[], float] = time.time,
    ) -> None:
        if per_minute < 1 or burst < 1:
            raise ValueError("per_minute and burst must be at least 1")
        self._state = state
        self._per_minute = per_minute
        self._burst = burst
        self._burst_window = max(1, math.ceil(60 * burst / per_minute))
        self._namespace = namespace
        self._clock = clock

    def hit(self, client: str) -> SharedRateDecision:
        """Count one request for ``client`` and decide."""
        now = self._clock()
        windows = [("minute", 60, self._per_minute)]
        if self._burst_window < 60:
            windows.insert(0, ("burst", self._burst_window, self._burst))
        for kind, window, limit in windows:
            slot = int(now // window)
            count = self._state.hit(f"{self._namespace}:{kind}:{slot}:{client}", window)
            if count > limit:
                return SharedRateDecision(False, max(1, math.ceil((slot + 1) * window - now)))
        return SharedRateDecision(True)
