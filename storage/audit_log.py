"""The audit log: every handoff state change, console sign-in and vault read, as one row each.

Writers pass the SQLAlchemy session of the change they record, so the change and its audit row commit (or
roll back) together. Details are small key-values (ids, codes, counts), never resident text or secrets.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.advisor_tables import AuditRow
from storage.database import Database
from storage.models import utcnow

__all__ = ["AuditEntry", "AuditLog", "record_audit"]


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One audited event."""

    actor: str
    action: str
    council_id: str | None = None
    handoff_id: str | None = None
    conversation_id: str | None = None
    detail: Mapping[str, object] = field(default_factory=dict)
    at: datetime | None = None


def record_audit(session: Session, entry: AuditEntry) -> None:
    """Add ``entry`` to the audit log inside the caller's transaction."""
    session.add(
        AuditRow(
            at=entry.at or utcnow(),
            actor=entry.actor,
            action=entry.action,
            council_id=entry.council_id,
            handoff_id=entry.handoff_id,
            conversation_id=entry.conversation_id,
            detail=dict(entry.detail),
        )
    )


class AuditLog:
    """Reads and standalone writes of the audit log."""

    def __init__(self, database: Database) -> None:
        self._db = database

    def record(self, entry: AuditEntry) -> None:
        """Record one event in its own transaction."""
        with self._db.session() as s:
            record_audit(s, entry)

    def for_handoff(self, handoff_id: str) -> list[AuditEntry]:
        """Every event recorded against a handoff, oldest first."""
        with self._db.session() as s:
            rows = s.scalars(
                select(AuditRow).where(AuditRow.handoff_id == handoff_id).order_by(AuditRow.id)
            ).all()
            return [
                AuditEntry(
                    r.actor, r.action, r.council_id, r.handoff_id, r.conversation_id, dict(r.detail), r.at
                )
                for r in rows
            ]

    def actions(self, *, actor: str | None = None, limit: int = 200) -> list[AuditEntry]:
        """The latest events (optionally of one actor), newest first."""
        query = select(AuditRow).order_by(AuditRow.id.desc()).limit(limit)
        if actor is not None:
            query = query.where(AuditRow.actor == actor)
        with self._db.session() as s:
            return [
                AuditEntry(
                    r.actor, r.action, r.council_id, r.handoff_id, r.conversation_id, dict(r.detail), r.at
                )
                for r in s.scalars(query).all()
            ]
