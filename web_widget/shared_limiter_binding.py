"""Binds the resident API's rate limit to state every worker shares, once the app's services exist.

With one worker the in-process token bucket (:mod:`web_widget.rate_limiter`) is exact and fastest. With
several workers (or a Redis URL configured), each worker counting alone would grant a client the full
allowance per worker, so the limit moves to :class:`frontdoor.shared_state.SharedRateLimiter` over Redis or
the SQL store. The store is built in the app's lifespan, after middleware is installed, hence the binding.
Client keys are hashed before they are stored: an IP address is personal data.
"""

from __future__ import annotations

import hashlib
import threading

from fastapi import FastAPI

from frontdoor.settings import Settings
from frontdoor.shared_state import SharedRateLimiter, build_shared_state
from web_widget.rate_limiter import RateDecision

__all__ = ["SharedLimiterBinding", "needs_shared_limits"]


def needs_shared_limits(settings: Settings) -> bool:
    """Whether more than one process serves this deployment's residents."""
    return settings.workers > 1 or settings.redis_url is not None


class SharedLimiterBinding:
    """Same ``hit(client)`` contract as the in-process limiter; builds the shared one on first use."""

    def __init__(self, app: FastAPI, settings: Settings) -> None:
        self._app = app
        self._settings = settings
        self._limiter: SharedRateLimiter | None = None
        self._lock = threading.Lock()

    def hit(self, client: str) -> RateDecision:
        """Count one post for ``client`` across every worker."""
        limiter = self._limiter or self._bind()
        key = hashlib.sha256(client.encode()).hexdigest()[:32]
        decision = limiter.hit(key)
        return RateDecision(decision.allowed, decision.retry_after)

    def _bind(self) -> SharedRateLimiter:
        with self._lock:
            if self._limiter is None:
                database = self._app.state.services.database
                self._limiter = SharedRateLimiter(
                    build_shared_state(self._settings, database),
                    self._settings.api_rate_limit_per_minute,
                    self._settings.api_rate_limit_burst,
                )
            return self._limiter
