"""A per-client token bucket: ``burst`` posts at once, refilled at ``per_minute`` a minute.

Pure and in-process (a clock is passed in). With several workers each process keeps its own buckets, so the
effective limit is per worker; that still stops one client flooding the assistant.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from time import monotonic

__all__ = ["RateDecision", "RateLimiter"]


@dataclass(frozen=True, slots=True)
class RateDecision:
    """Whether a request may proceed, and if not, how many whole seconds until it may."""

    allowed: bool
    retry_after: int = 0


@dataclass(slots=True)
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    """Token buckets keyed by client; the least recently seen clients are forgotten past ``max_clients``."""

    def __init__(self, per_minute: int, burst: int, *, clock: Callable[[], float] = monotonic,
                 max_clients: int = 10_000) -> None:
        if per_minute < 1 or burst < 1:
            raise ValueError("per_minute and burst must be at least 1")
        self._rate = per_minute / 60.0
        self._burst = float(burst)
        self._clock = clock
        self._max = max_clients
        self._buckets: OrderedDict[str, _Bucket] = OrderedDict()
        self._lock = threading.Lock()

    def hit(self, client: str) -> RateDecision:
        """Spend one token for ``client`` if it has one."""
        now = self._clock()
        with self._lock:
            bucket = self._buckets.pop(client, None) or _Bucket(self._burst, now)
            bucket.tokens = min(self._burst, bucket.tokens + (now - bucket.updated) * self._rate)
            bucket.updated = now
            self._buckets[client] = bucket
            while len(self._buckets) > self._max:
                self._buckets.popitem(last=False)
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return RateDecision(True)
            return RateDecision(False, max(1, math.ceil((1.0 - bucket.tokens) / self._rate)))
