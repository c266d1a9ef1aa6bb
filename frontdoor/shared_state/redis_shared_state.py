""":class:`SharedState` on Redis (``FRONTDOOR_REDIS_URL``). redis-py types stay in this module."""

from __future__ import annotations

import redis

from frontdoor.errors import StoreError

__all__ = ["RedisSharedState"]


class RedisSharedState:
    """INCR with a window expiry for counters; SET EX for values. Every call is one round trip."""

    def __init__(self, url: str, *, prefix: str = "frontdoor:") -> None:
        self._client = redis.Redis.from_url(url, socket_timeout=2.0, socket_connect_timeout=2.0)
        self._prefix = prefix

    def hit(self, key: str, window_seconds: int) -> int:
        """Count one event; the key expires ``window_seconds`` after its first event."""
        name = self._prefix + key
        try:
            pipe = self._client.pipeline(transaction=True)
            pipe.incr(name)
            pipe.expire(name, window_seconds, nx=True)
            count, _ = pipe.execute()
        except redis.RedisError as exc:
            raise StoreError(f"shared state unavailable: {exc.__class__.__name__}") from exc
        return int(count)

    def put(self, key: str, value: str, ttl_seconds: int) -> None:
        """Store with an expiry."""
        try:
            self._client.set(self._prefix + key, value.encode("utf-8"), ex=ttl_seconds)
        except redis.RedisError as exc:
            raise StoreError(f"shared state unavailable: {exc.__class__.__name__}") from exc

    def get(self, key: str) -> str | None:
        """The live value or None."""
        try:
            raw = self._client.get(self._prefix + key)
        except redis.RedisError as exc:
            raise StoreError(f"shared state unavailable: {exc.__class__.__name__}") from exc
        return None if raw is None else bytes(raw).decode("utf-8")  # type: ignore[arg-type]

    def delete(self, key: str) -> None:
        """Remove the key."""
        try:
            self._client.delete(self._prefix + key)
        except redis.RedisError as exc:
            raise StoreError(f"shared state unavailable: {exc.__class__.__name__}") from exc

    def ping(self) -> bool:
        """Whether Redis answers."""
        try:
            return bool(self._client.ping())
        except redis.RedisError:
            return False

    def close(self) -> None:
        """Close the connection pool."""
        self._client.close()
