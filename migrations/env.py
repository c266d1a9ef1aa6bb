"""Alembic environment: the URL comes from Settings (or from the caller), never from a global.

:class:`storage.schema_migrator.SchemaMigrator` passes ``database_url`` in ``config.attributes``; the bare
``alembic`` command falls back to ``Settings()`` (FRONTDOOR_DATABASE_URL or SQLite under the data dir).
On PostgreSQL an advisory lock makes concurrent upgrades (several workers starting at once) take turns.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine, pool, text

import storage.tables  # noqa: F401 - registers every table on Base.metadata
from storage.models import Base

_LOCK_ID = 7_240_915_001  # arbitrary, fixed: "frontdoor schema migrations"


def _database_url() -> str:
    url = context.config.attributes.get("database_url")
    if url:
        return str(url)
    from frontdoor.settings import Settings

    return Settings().sqlalchemy_url


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )


def run_offline() -> None:
    """Emit SQL to stdout (``alembic upgrade head --sql``)."""
    context.configure(url=_database_url(), target_metadata=Base.metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    """Migrate a live database, holding an advisory lock on PostgreSQL."""
    engine = create_engine(_database_url(), poolclass=pool.NullPool)
    with engine.connect() as connection:
        is_pg = connection.dialect.name == "postgresql"
        if is_pg:
            connection.execute(text("SELECT pg_advisory_lock(:id)"), {"id": _LOCK_ID})
            connection.commit()
        try:
            _configure(connection)
            with context.begin_transaction():
                context.run_migrations()
        finally:
            if is_pg:
                connection.execute(text("SELECT pg_advisory_unlock(:id)"), {"id": _LOCK_ID})
                connection.commit()
    engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
