"""The originals vault: per-conversation originals, encrypted at rest, readable through one audited call.

Writes come from the conversation pipeline (:meth:`Vault.keep`, :meth:`Vault.store_secret`); the only
read of originals is :meth:`Vault.read_originals`, which the advisor console calls and which writes an
audit row (who, when, why) in the same transaction. :meth:`Vault.purge` deletes what is past retention.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import cast

from cryptography.fernet import Fernet, InvalidToken
from sqlalchemy import delete, select

from frontdoor.errors import ConfigurationError, InputError, StoreError
from frontdoor.settings import Environment, Settings
from redaction.base import PlaceholderMap, RedactionResult
from redaction.vault_records import ConversationOriginals, Secret
from storage.database import Database
from storage.models import utcnow
from storage.vault_tables import VaultAuditRow, VaultEntryRow, VaultMapRow

__all__ = ["ConversationOriginals", "Secret", "Vault"]  # the records are re-exported for callers

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

_TURN = "turn"


class Vault:
    """Implements :class:`redaction.base.OriginalsVault` on the SQL store with Fernet encryption."""

    def __init__(
        self,
        database: Database,
        key: bytes,
        *,
        retention: timedelta,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        try:
            self._fernet = Fernet(key)
        except (ValueError, TypeError) as exc:
            raise ConfigurationError("FRONTDOOR_VAULT_KEY: not a valid Fernet key") from exc
        self._db = database
        self._retention = retention
        self._clock = clock

    @classmethod
    def from_settings(cls, settings: Settings, database: Database) -> Vault:
        """Key from ``settings.vault_key``. Without one (development/test only: production settings
        refuse to load) an ephemeral key is generated, so originals are unreadable after a restart."""
        if settings.vault_key is not None:
            key = settings.vault_key.get_secret_value().encode()
        elif settings.environment is Environment.PRODUCTION:
            raise ConfigurationError("FRONTDOOR_VAULT_KEY is required in production")
        else:
            logger.warning("vault.ephemeral_key", extra={"environment": settings.environment.value})
            key = Fernet.generate_key()
        return cls(database, key, retention=timedelta(days=settings.retention_days))

    def placeholders(self, conversation_id: str) -> PlaceholderMap:
        """The conversation's placeholder map so far (empty for a new conversation)."""
        with self._db.session() as session:
            row = session.get(VaultMapRow, conversation_id)
            if row is None:
                return PlaceholderMap()
            return PlaceholderMap.from_dict(
                cast("dict[str, dict[str, str] | dict[str, int]]", self._decrypt(row.ciphertext))
            )

    def keep(
        self, conversation_id: str, council_id: str, result: RedactionResult, placeholders: PlaceholderMap
    ) -> None:
        """Store this turn's originals (if any) and the updated map, encrypted; both expire together."""
        now = self._clock()
        expires = now + self._retention
        with self._db.session() as session:
            if result.originals:
                session.add(self._entry(conversation_id, council_id, _TURN, dict(result.originals), now, expires))
            row = session.get(VaultMapRow, conversation_id)
            ciphertext = self._encrypt(placeholders.to_dict())
            if row is None:
                session.add(
                    VaultMapRow(
                        conversation_id=conversation_id,
                        council_id=council_id,
                        ciphertext=ciphertext,
                        updated_at=now,
                        expires_at=expires,
                    )
                )
            else:
                row.ciphertext, row.updated_at, row.expires_at = ciphertext, now, expires

    def store_secret(self, conversation_id: str, council_id: str, kind: str, value: str) -> None:
        """Keep another original (e.g. ``kind="caller_number"``) under the same encryption and retention."""
        if not kind or kind == _TURN:
            raise InputError(f"secret kind must be non-empty and not {_TURN!r}")
        now = self._clock()
        with self._db.session() as session:
            session.add(self._entry(conversation_id, council_id, kind, {"value": value}, now, now + self._retention))

    def read_originals(self, conversation_id: str, reader_id: str, reason: str) -> ConversationOriginals:
        """The one way to see originals. Every call is audited, including one that finds nothing."""
        if not reader_id.strip() or not reason.strip():
            raise InputError("reading the vault needs a reader id and a reason")
        now = self._clock()
        with self._db.session() as session:
            rows = session.scalars(
                select(VaultEntryRow)
                .where(VaultEntryRow.conversation_id == conversation_id, VaultEntryRow.expires_at > now)
                .order_by(VaultEntryRow.created_at, VaultEntryRow.id)
            ).all()
            originals: dict[str, str] = {}
            secrets: list[Secret] = []
            for row in rows:
                data = self._decrypt(row.ciphertext)
                if row.kind == _TURN:
                    originals.update({str(k): str(v) for k, v in data.items()})
                else:
                    secrets.append(Secret(row.kind, str(data["value"]), _aware(row.created_at)))
            session.add(
                VaultAuditRow(
                    conversation_id=conversation_id,
                    reader_id=reader_id,
                    reason=reason.strip(),
                    entries_read=len(rows),
                    read_at=now,
                )
            )
        logger.info("vault.read", extra={"conversation_id": conversation_id, "reader_id": reader_id})
        return ConversationOriginals(conversation_id, originals, tuple(secrets))

    def purge(self, now: datetime | None = None) -> int:
        """Delete every original and map past retention; return how many rows went. Audit rows stay."""
        cutoff = now or self._clock()
        with self._db.session() as session:
            entries = session.execute(delete(VaultEntryRow).where(VaultEntryRow.expires_at <= cutoff))
            maps = session.execute(delete(VaultMapRow).where(VaultMapRow.expires_at <= cutoff))
            removed = int(entries.rowcount or 0) + int(maps.rowcount or 0)  # type: ignore[attr-defined]
        logger.info("vault.purged", extra={"rows": removed})
        return removed

    def _entry(
        self,
        conversation_id: str,
        council_id: str,
        kind: str,
        data: dict[str, str],
        now: datetime,
        expires: datetime,
    ) -> VaultEntryRow:
        return VaultEntryRow(
            conversation_id=conversation_id,
            council_id=council_id,
            kind=kind,
            ciphertext=self._encrypt(data),
            created_at=now,
            expires_at=expires,
        )

    def _encrypt(self, data: object) -> bytes:
        return self._fernet.encrypt(json.dumps(data).encode("utf-8"))

    def _decrypt(self, token: bytes) -> dict[str, object]:
        try:
            data = json.loads(self._fernet.decrypt(token))
        except InvalidToken as exc:
            raise StoreError("vault entry cannot be decrypted with the configured key") from exc
        if not isinstance(data, dict):
            raise StoreError("vault entry is not a mapping")
        return data


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; every time we store is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
