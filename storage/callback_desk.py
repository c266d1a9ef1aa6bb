"""When nobody can take a handoff: out of hours, or unclaimed within the timeout.

The resident is told the council's numbers (a ``system`` message they receive on their event stream) and
a callback request is recorded. The conversation stays with people (state ``handoff``): it is never
silently returned to the bot.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlalchemy.orm import Session

from councils import Council, CouncilRegistry
from storage.advisor_tables import CallbackRow
from storage.audit_log import AuditEntry, record_audit
from storage.models import HandoffRow, utcnow
from storage.transcript_writer import append_message

__all__ = ["CallbackDesk", "callback_notice"]


def callback_notice(council: Council, why: str) -> str:
    """What the resident is told when their handoff becomes a callback request."""
    opening = (
        "The team is closed at the moment"
        if why == "out_of_hours"
        else "Everyone at the team is busy at the moment"
    )
    return (
        f"{opening}, so we've asked someone from {council.name} to get back to you. "
        f"You can also call {council.phones.front_door} during opening hours, or the out-of-hours "
        f"Emergency Duty Team on {council.phones.out_of_hours} if it can't wait. "
        "If anyone is in danger now, call 999."
    )


class CallbackDesk:
    """Turns waiting handoffs into callback requests when no person can take them."""

    def __init__(
        self, councils: CouncilRegistry, claim_timeout: timedelta, clock: Callable[[], datetime] = utcnow
    ) -> None:
        self._councils = councils
        self._timeout = claim_timeout
        self.clock = clock

    def due(self, row: HandoffRow, now: datetime) -> str | None:
        """``out_of_hours``, ``unclaimed`` or None (keep waiting)."""
        if row.status != "waiting":
            return None
        if not self._councils.get(row.council_id).opening_hours.is_open(now):
            return "out_of_hours"
        since = row.queued_at or row.created_at
        if since.tzinfo is None:  # SQLite returns naive datetimes; we only ever store UTC
            since = since.replace(tzinfo=now.tzinfo)
        return "unclaimed" if now - since >= self._timeout else None

    def divert(self, session: Session, row: HandoffRow, why: str, now: datetime) -> bool:
        """Move ``row`` from waiting to callback (if still waiting), record it and tell; True if it moved."""
        moved = session.execute(
            update(HandoffRow)
            .where(HandoffRow.id == row.id, HandoffRow.status == "waiting")
            .values(status="callback")
            .execution_options(synchronize_session=False)
        )
        if int(moved.rowcount or 0) != 1:  # type: ignore[attr-defined]
            return False
        council = self._councils.get(row.council_id)
        preference = (row.packet or {}).get("contact_preference")
        session.add(
            CallbackRow(
                handoff_id=row.id,
                conversation_id=row.conversation_id,
                council_id=row.council_id,
                why=why,
                contact_preference=str(preference) if preference else None,
                created_at=now,
            )
        )
        append_message(session, row.conversation_id, "system", callback_notice(council, why))
        record_audit(
            session,
            AuditEntry(
                "system", "handoff.callback", row.council_id, row.id, row.conversation_id, {"why": why}, now
            ),
        )
        session.refresh(row)
        return True
