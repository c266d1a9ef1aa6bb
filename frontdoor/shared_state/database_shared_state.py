""":class:`SharedState` on the SQL store: one upsert per call, atomic on PostgreSQL and SQLite alike."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import case, delete, select
from sqlalchemy.dialects import postgresql, sqlite

from storage.database import Database
from storage.shared_state_tables import SharedStateRow

__all__ = ["DatabaseSharedState"]


class DatabaseSharedState:
    """Counters and values in the ``shared_state`` table. Expired rows are ignored, then purged lazily."""

    def __init__(
        self, database: Database, *, clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    ) -> None:
        self._db = database
        self._clock = clock
        self._insert: Any = sqlite.insert if database.is_sqlite else postgresql.insert

    def hit(self, key: str, window_seconds: int) -> int:
        """Increment within the window, or start a new one at 1 (one INSERT ... ON CONFLICT ... RETURNING)."""
        now = self._now()
        expires = now + timedelta(seconds=window_seconds)
        table = SharedStateRow.__table__
        stmt = self._insert(table).values(key=key, counter=1, expires_at=expires, value=None)
        expired = table.c.expires_at <= now
        stmt = stmt.on_conflict_do_update(
            index_elements=[table.c.key],
            set_={
                "counter": case((expired, 1), else_=table.c.counter + 1),
                "expires_at": case((expired, expires), else_=table.c.expires_at),
            },
        ).returning(table.c.counter)
        with self._db.session() as s:
            return int(s.execute(stmt).scalar_one())

    def put(self, key: str, value: str, ttl_seconds: int) -> None:
        """Upsert the value with a new expiry."""
        table = SharedStateRow.__table__
        expires = self._now() + timedelta(seconds=ttl_seconds)
        stmt = self._insert(table).values(key=key, value=value, counter=0, expires_at=expires)
        stmt = stmt.on_conflict_do_update(
            index_elements=[table.c.key], set_={"value": value, "expires_at": expires, "counter": 0}
        )
        with self._db.session() as s:
            s.execute(stmt)

    def get(self, key: str) -> str | None:
        """The value if not expired."""
        now = self._now()
        with self._db.session() as s:
            row = s.execute(
                select(SharedStateRow.value, SharedStateRow.expires_at).where(SharedStateRow.key == key)
            ).first()
        if row is None or _aware(row.expires_at) <= now:
            return None
        return row.value

    def delete(self, key: str) -> None:
        """Remove the key."""
        with self._db.session() as s:
            s.execute(delete(SharedStateRow).where(SharedStateRow.key == key))

    def purge_expired(self) -> int:
        """Delete expired rows (run from a periodic job); returns how many."""
        with self._db.session() as s:
            result = s.execute(delete(SharedStateRow).where(SharedStateRow.expires_at <= self._now()))
            return int(getattr(result, "rowcount", 0) or 0)

    def _now(self) -> datetime:
        return self._clock()


def _aware(value: datetime) -> datetime:
    # SQLite hands back naive datetimes for timezone-aware columns; they were written in UTC.
    return value if value.tzinfo else value.replace(tzinfo=UTC)
