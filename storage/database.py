"""Engine and session factory for the SQL store, translating driver errors at the boundary."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from frontdoor.errors import StoreError
from storage.models import Base

__all__ = ["Database"]


class Database:
    """One SQLAlchemy engine and its sessions. SQLite (WAL) by default; PostgreSQL by URL."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        if self.is_sqlite:
            path = url.removeprefix("sqlite:///")
            if path and path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            self.engine: Engine = create_engine(
                url, connect_args={"check_same_thread": False, "timeout": 30}, pool_pre_ping=True
            )
            event.listen(self.engine, "connect", _sqlite_pragmas)
            # Take SQLite's write lock when a transaction starts (BEGIN IMMEDIATE), not at its first write:
            # otherwise two threads both read max(seq) or "no open handoff" and then collide or duplicate.
            event.listen(self.engine, "begin", _sqlite_begin_immediate)
        else:
            self.engine = create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def create_all(self) -> None:
        """Create any missing tables (Alembic migrations do the same for managed deployments)."""
        # Import table modules of other packages so they register on Base.metadata.
        import storage.tables  # noqa: F401

        try:
            Base.metadata.create_all(self.engine)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot create schema: {exc.__class__.__name__}") from exc

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A transactional session: commits on success, rolls back and raises StoreError on failure."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except SQLAlchemyError as exc:
            session.rollback()
            raise StoreError(f"database error: {exc.__class__.__name__}") from exc
        finally:
            session.close()

    def ping(self) -> bool:
        """Whether the database answers."""
        try:
            with self.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            return True
        except SQLAlchemyError:
            return False

    def dispose(self) -> None:
        """Close pooled connections."""
        self.engine.dispose()


def _sqlite_begin_immediate(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    dbapi_connection.isolation_level = None  # type: ignore[attr-defined]  # we emit BEGIN ourselves
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
