"""State shared by every worker (rate limits, sessions): Redis if configured, else the SQL store."""

from __future__ import annotations

from frontdoor.settings import Settings
from frontdoor.shared_state.base import SharedState
from frontdoor.shared_state.database_shared_state import DatabaseSharedState
from frontdoor.shared_state.redis_shared_state import RedisSharedState
from frontdoor.shared_state.shared_rate_limiter import SharedRateDecision, SharedRateLimiter
from storage.database import Database

__all__ = [
    "DatabaseSharedState",
    "RedisSharedState",
    "SharedRateDecision",
    "SharedRateLimiter",
    "SharedState",
    "build_shared_state",
]


def build_shared_state(settings: Settings, database: Database) -> SharedState:
    """Redis when ``FRONTDOOR_REDIS_URL`` is set, otherwise the deployment's SQL database."""
    if settings.redis_url:
        return RedisSharedState(settings.redis_url)
    return DatabaseSharedState(database)
