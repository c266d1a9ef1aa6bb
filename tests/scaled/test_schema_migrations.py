"""Alembic migrations on SQLite and PostgreSQL: head builds exactly the models' schema, and reverts."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

import storage.tables  # noqa: F401 - every table registered on Base.metadata
from storage.database import Database
from storage.models import Base
from storage.schema_migrator import SchemaMigrator


def _diff(url: str) -> list[object]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return list(compare_metadata(MigrationContext.configure(conn), Base.metadata))
    finally:
        engine.dispose()


def _tables(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        return set(inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()


def test_when_upgraded_to_head_then_schema_matches_every_model(database_url: str) -> None:
    status = SchemaMigrator(database_url).upgrade()

    assert status.up_to_date
    assert _diff(database_url) == [], (
        "a model changed without a migration: run `alembic revision --autogenerate`"
    )


def test_when_upgraded_then_every_table_of_the_models_exists(database_url: str) -> None:
    SchemaMigrator(database_url).upgrade()

    assert _tables(database_url) == set(Base.metadata.tables)


def test_when_upgraded_twice_then_second_run_is_a_no_op(database_url: str) -> None:
    migrator = SchemaMigrator(database_url)
    first = migrator.upgrade()
    second = migrator.upgrade()

    assert first == second


def test_when_downgraded_to_base_then_no_tables_remain(database_url: str) -> None:
    migrator = SchemaMigrator(database_url)
    migrator.upgrade()

    status = migrator.downgrade("base")

    assert status.current is None
    assert _tables(database_url) == set()


def test_when_database_is_new_then_status_reports_no_revision(database_url: str) -> None:
    status = SchemaMigrator(database_url).status()

    assert status.current is None
    assert not status.up_to_date


def test_when_migrated_database_is_used_then_the_store_reads_and_writes(database_url: str) -> None:
    from storage.conversation_store import ConversationStore, NewMessage

    SchemaMigrator(database_url).upgrade()
    db = Database(database_url)
    try:
        store = ConversationStore(db)
        conversation_id, state = store.ensure(None, "ashby-vale", "web")
        store.append(
            conversation_id, [NewMessage("resident", "Where do I apply for a <UK_POSTCODE_1> badge?")]
        )

        assert state == "bot"
        assert [m.text for m in store.get(conversation_id).messages] == [
            "Where do I apply for a <UK_POSTCODE_1> badge?"
        ]
    finally:
        db.dispose()


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_when_two_processes_upgrade_at_once_then_both_succeed(database_url: str) -> None:
    # Several API workers may start together; the advisory lock in migrations/env.py makes them take turns.
    import subprocess
    import sys

    code = "import sys\nfrom storage.schema_migrator import SchemaMigrator as M\nM(sys.argv[1]).upgrade()"
    procs = [subprocess.Popen([sys.executable, "-c", code, database_url]) for _ in range(2)]

    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    assert SchemaMigrator(database_url).status().up_to_date


def test_when_schema_was_made_by_create_all_then_upgrade_refuses_until_stamped(database_url: str) -> None:
    from frontdoor.errors import StoreError

    db = Database(database_url)
    db.create_all()
    db.dispose()
    migrator = SchemaMigrator(database_url)

    with pytest.raises(StoreError, match="stamp head"):
        migrator.upgrade()
    assert migrator.stamp().up_to_date
    assert migrator.upgrade().up_to_date
    assert _diff(database_url) == []
