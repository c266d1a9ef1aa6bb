"""Runs the Alembic migrations in ``migrations/`` against a database URL (``frontdoor db upgrade``).

Production and the compose stack migrate with this before the API starts; embedded development may still
use :meth:`storage.database.Database.create_all`. Alembic types stay inside this module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, pool
from sqlalchemy.exc import SQLAlchemyError

from frontdoor.errors import StoreError

__all__ = ["SchemaMigrator", "SchemaStatus"]


def _script_location() -> Path:
    return Path(str(resources.files("migrations")))


@dataclass(frozen=True, slots=True)
class SchemaStatus:
    """Where a database stands against the migration history."""

    current: str | None
    head: str

    @property
    def up_to_date(self) -> bool:
        """Whether the database is at the newest revision."""
        return self.current == self.head


class SchemaMigrator:
    """Upgrade, downgrade and inspect one database's schema."""

    def __init__(self, database_url: str) -> None:
        self._url = database_url
        self._config = Config()
        self._config.set_main_option("script_location", str(_script_location()))
        self._config.attributes["database_url"] = database_url

    def upgrade(self, revision: str = "head") -> SchemaStatus:
        """Apply migrations up to ``revision`` (safe to run from several processes at once on PostgreSQL).

        A database whose tables were made by ``create_all`` (embedded mode) has no revision yet: it is
        refused with a hint, rather than failing half-way on "table already exists".
        """
        if self.status().current is None and self._has_tables():
            raise StoreError(
                "the database has tables but no migration revision (made by create_all?): if its schema is "
                "current, run `frontdoor db stamp head`, then upgrade"
            )
        self._run(command.upgrade, revision)
        return self.status()

    def stamp(self, revision: str = "head") -> SchemaStatus:
        """Record ``revision`` as applied without running it (adopting a create_all schema)."""
        self._run(command.stamp, revision)
        return self.status()

    def downgrade(self, revision: str) -> SchemaStatus:
        """Revert migrations down to ``revision`` (``base`` empties the schema)."""
        self._run(command.downgrade, revision)
        return self.status()

    def status(self) -> SchemaStatus:
        """The database's current revision and the newest one available."""
        head = ScriptDirectory.from_config(self._config).get_current_head()
        engine = create_engine(self._url, poolclass=pool.NullPool)
        try:
            with engine.connect() as conn:
                current = MigrationContext.configure(conn).get_current_revision()
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot read schema revision: {exc.__class__.__name__}") from exc
        finally:
            engine.dispose()
        return SchemaStatus(current=current, head=str(head))

    def _has_tables(self) -> bool:
        engine = create_engine(self._url, poolclass=pool.NullPool)
        try:
            return bool(set(inspect(engine).get_table_names()) - {"alembic_version"})
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot inspect the database: {exc.__class__.__name__}") from exc
        finally:
            engine.dispose()

    def _run(self, fn: Callable[[Config, str], None], revision: str) -> None:
        try:
            fn(self._config, revision)
        except SQLAlchemyError as exc:
            raise StoreError(f"migration failed: {exc.__class__.__name__}: {exc}") from exc
