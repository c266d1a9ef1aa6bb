"""Stores decision records in the SQL store and reads them back for export, insights and ATRS figures."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict
from datetime import UTC, datetime

from sqlalchemy import select

from bot.base import Outcome
from frontdoor.transparency.decision_record import DecisionRecord, DecisionSource
from storage.database import Database
from storage.decision_tables import DecisionRecordRow

__all__ = ["DecisionRecordStore"]

_PAGE = 500


class DecisionRecordStore:
    """A :class:`~frontdoor.transparency.decision_record.TurnObserver` that writes one row per turn."""

    def __init__(self, database: Database) -> None:
        self._db = database

    def observe(self, record: DecisionRecord) -> None:
        """Write the record (one short transaction)."""
        self.add(record)

    def add(self, record: DecisionRecord) -> str:
        """Write the record and return its id."""
        row = DecisionRecordRow(
            conversation_id=record.conversation_id,
            council_id=record.council_id,
            channel=record.channel,
            created_at=record.created_at,
            redacted_input=record.redacted_input,
            redactions=dict(record.redactions),
            outcome=record.outcome.value,
            handoff_reason=record.handoff_reason,
            handoff_tier=record.handoff_tier,
            handoff_category=record.handoff_category,
            confidence=record.confidence,
            sources=[asdict(s) for s in record.sources],
            rules_fired=list(record.rules_fired),
            composer=record.composer,
            model=record.model,
            latency_ms=record.latency_ms,
            step_ms=dict(record.step_ms),
            bot_enabled=record.bot_enabled,
        )
        with self._db.session() as s:
            s.add(row)
            s.flush()
            return row.id

    def iter_records(
        self, council_id: str | None = None, *, since: datetime | None = None, until: datetime | None = None
    ) -> Iterator[DecisionRecord]:
        """Records oldest first, paged so an export of a year does not load it all at once."""
        last: tuple[datetime, str] | None = None
        while True:
            query = select(DecisionRecordRow).order_by(DecisionRecordRow.created_at, DecisionRecordRow.id)
            if council_id is not None:
                query = query.where(DecisionRecordRow.council_id == council_id)
            if since is not None:
                query = query.where(DecisionRecordRow.created_at >= since)
            if until is not None:
                query = query.where(DecisionRecordRow.created_at < until)
            if last is not None:
                query = query.where(
                    (DecisionRecordRow.created_at > last[0])
                    | ((DecisionRecordRow.created_at == last[0]) & (DecisionRecordRow.id > last[1]))
                )
            with self._db.session() as s:
                rows = list(s.scalars(query.limit(_PAGE)))
                records = [_record(r) for r in rows]
            yield from records
            if len(rows) < _PAGE:
                return
            last = (rows[-1].created_at, rows[-1].id)


def _record(row: DecisionRecordRow) -> DecisionRecord:
    return DecisionRecord(
        conversation_id=row.conversation_id,
        council_id=row.council_id,
        channel=row.channel,
        created_at=row.created_at if row.created_at.tzinfo else row.created_at.replace(tzinfo=UTC),
        redacted_input=row.redacted_input,
        outcome=Outcome(row.outcome),
        confidence=row.confidence,
        latency_ms=row.latency_ms,
        redactions={str(k): int(v) for k, v in (row.redactions or {}).items()},
        handoff_reason=row.handoff_reason,
        handoff_tier=row.handoff_tier,
        handoff_category=row.handoff_category,
        sources=tuple(DecisionSource(**s) for s in (row.sources or [])),  # type: ignore[arg-type]
        rules_fired=tuple(row.rules_fired or ()),
        composer=row.composer,
        model=row.model,
        step_ms={str(k): float(v) for k, v in (row.step_ms or {}).items()},
        bot_enabled=bool(row.bot_enabled),
    )
