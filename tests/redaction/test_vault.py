"""The originals vault on a real SQLite file: encrypted at rest, audited reads, purge by retention."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from pydantic import SecretStr
from sqlalchemy import select

from frontdoor.errors import ConfigurationError, InputError, StoreError
from frontdoor.settings import Environment, Settings
from redaction.base import PlaceholderMap, RedactionResult
from redaction.vault import Vault
from storage.database import Database
from storage.vault_tables import VaultAuditRow

NOW = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
PLANTED = ("Grace Okafor", "07700 900123", "14 Mill Lane", "+447700900999")


class _Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "vault.db"


@pytest.fixture
def database(db_path: Path) -> Iterator[Database]:
    database = Database(f"sqlite:///{db_path}")
    database.create_all()
    yield database
    database.dispose()


@pytest.fixture
def clock() -> _Clock:
    return _Clock()


@pytest.fixture
def vault(database: Database, clock: _Clock) -> Vault:
    return Vault(database, Fernet.generate_key(), retention=timedelta(days=30), clock=clock)


def _keep_turn(vault: Vault, conversation_id: str, values: dict[str, str]) -> PlaceholderMap:
    placeholders = vault.placeholders(conversation_id)
    originals = {}
    for entity_type, value in values.items():
        originals[placeholders.placeholder_for(entity_type, value)] = value
    result = RedactionResult(text="redacted", entities=(), originals=originals)
    vault.keep(conversation_id, "ashby-vale", result, placeholders)
    return placeholders


def test_when_originals_kept_then_raw_database_holds_no_plaintext(
    vault: Vault, database: Database, db_path: Path
) -> None:
    _keep_turn(vault, "conv-1", {"PERSON": PLANTED[0], "PHONE_NUMBER": PLANTED[1], "STREET_ADDRESS": PLANTED[2]})
    vault.store_secret("conv-1", "ashby-vale", "caller_number", PLANTED[3])
    database.dispose()  # flush WAL into the main file before reading it raw
    raw = db_path.read_bytes()
    for wal in db_path.parent.glob("vault.db-*"):
        raw += wal.read_bytes()
    for value in PLANTED:
        assert value.encode() not in raw
        assert value.lower().encode() not in raw.lower()
    with sqlite3.connect(db_path) as conn:
        dumped = "\n".join(conn.iterdump())
    assert not any(value in dumped for value in PLANTED)


def test_when_read_then_originals_returned_and_read_audited(vault: Vault, database: Database) -> None:
    _keep_turn(vault, "conv-1", {"PERSON": "Grace Okafor"})
    _keep_turn(vault, "conv-1", {"PERSON": "Grace Okafor", "PHONE_NUMBER": "07700 900123"})
    vault.store_secret("conv-1", "ashby-vale", "caller_number", "+447700900999")

    seen = vault.read_originals("conv-1", reader_id="advisor-7", reason="calling the resident back")

    assert seen.originals == {"<PERSON_1>": "Grace Okafor", "<PHONE_NUMBER_1>": "07700 900123"}
    assert [(s.kind, s.value) for s in seen.secrets] == [("caller_number", "+447700900999")]
    with database.session() as session:
        audits = session.scalars(select(VaultAuditRow)).all()
        assert [(a.conversation_id, a.reader_id, a.reason, a.entries_read) for a in audits] == [
            ("conv-1", "advisor-7", "calling the resident back", 3)
        ]


def test_when_read_finds_nothing_then_still_audited(vault: Vault, database: Database) -> None:
    assert vault.read_originals("nobody", "advisor-1", "checking").originals == {}
    with database.session() as session:
        assert len(session.scalars(select(VaultAuditRow)).all()) == 1


@pytest.mark.parametrize(("reader", "reason"), [("", "why"), ("advisor-1", "  ")])
def test_when_read_without_reader_or_reason_then_refused(vault: Vault, reader: str, reason: str) -> None:
    with pytest.raises(InputError):
        vault.read_originals("conv-1", reader, reason)


def test_when_map_kept_then_next_turn_continues_numbering(vault: Vault) -> None:
    _keep_turn(vault, "conv-1", {"PERSON": "Grace Okafor"})
    placeholders = vault.placeholders("conv-1")
    assert placeholders.placeholder_for("PERSON", "grace okafor") == "<PERSON_1>"
    assert placeholders.placeholder_for("PERSON", "Will Patel") == "<PERSON_2>"
    assert vault.placeholders("other").counters == {}


def test_when_purged_then_only_expired_originals_removed(vault: Vault, clock: _Clock, database: Database) -> None:
    _keep_turn(vault, "old", {"PERSON": "Grace Okafor"})
    vault.store_secret("old", "ashby-vale", "caller_number", "+447700900999")
    clock.now = NOW + timedelta(days=20)
    _keep_turn(vault, "new", {"PERSON": "Will Patel"})
    vault.read_originals("old", "advisor-1", "review")

    removed = vault.purge(NOW + timedelta(days=31))

    assert removed == 3  # old: one turn, one secret, one map
    assert vault.read_originals("old", "advisor-1", "after purge").originals == {}
    assert vault.placeholders("old").counters == {}
    assert vault.read_originals("new", "advisor-1", "after purge").originals == {"<PERSON_1>": "Will Patel"}
    with database.session() as session:
        assert len(session.scalars(select(VaultAuditRow)).all()) == 3  # audit rows are never purged


def test_when_key_differs_then_store_error_not_garbage(database: Database, vault: Vault, clock: _Clock) -> None:
    _keep_turn(vault, "conv-1", {"PERSON": "Grace Okafor"})
    # The same frozen clock: on the wall clock the entry would have expired a month after NOW and read as none.
    other = Vault(database, Fernet.generate_key(), retention=timedelta(days=30), clock=clock)
    with pytest.raises(StoreError):
        other.read_originals("conv-1", "advisor-1", "wrong key")


def test_when_key_invalid_then_configuration_error(database: Database) -> None:
    with pytest.raises(ConfigurationError):
        Vault(database, b"not-a-fernet-key", retention=timedelta(days=1))


def test_when_no_key_in_development_then_ephemeral_key_and_warning(
    database: Database, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = Settings(environment=Environment.DEVELOPMENT, data_dir=tmp_path)
    with caplog.at_level("WARNING", logger="redaction.vault"):
        vault = Vault.from_settings(settings, database)
    assert any(r.getMessage() == "vault.ephemeral_key" for r in caplog.records)
    _keep_turn(vault, "conv-1", {"PERSON": "Grace Okafor"})
    assert vault.read_originals("conv-1", "a", "b").originals == {"<PERSON_1>": "Grace Okafor"}


def test_when_production_without_key_then_settings_refuse() -> None:
    with pytest.raises(ValueError, match="VAULT_KEY"):
        Settings(environment=Environment.PRODUCTION, session_secret=SecretStr("a-real-secret-value"))
