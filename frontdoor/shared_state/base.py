"""Shared state for several workers: expiring values (sessions) and windowed counters (rate limits).

In-process dicts break as soon as uvicorn runs two workers: a resident's second request may land on the
other process. Anything that must hold across requests — rate-limit counters, console sessions, widget
session tokens, one-time nonces — goes through a :class:`SharedState`: Redis when ``FRONTDOOR_REDIS_URL``
is set, otherwise the SQL store (SQLite for one worker, PostgreSQL for many). Keys are namespaced by the
caller (``ratelimit:web:<client-hash>``, ``session:<id>``) and must never contain resident text.
"""

from __future__ import annotations

from typing import Protocol

__all__ = ["SharedState"]


class SharedState(Protocol):
    """A small key-value store shared by every worker of a deployment."""

    def hit(self, key: str, window_seconds: int) -> int:
        """Count one event in the current fixed window of ``key`` and return the count so far (atomic)."""
        ...

    def put(self, key: str, value: str, ttl_seconds: int) -> None:
        """Store ``value`` under ``key`` for ``ttl_seconds``."""
        ...

    def get(self, key: str) -> str | None:
        """The live value of ``key``, or None if absent or expired."""
        ...

    def delete(self, key: str) -> None:
        """Remove ``key`` (no error if absent)."""
        ...
