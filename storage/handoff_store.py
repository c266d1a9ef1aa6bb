"""Creates handoff records in the durable queue and tells a resident their place in it.

The advisor console (advisor_console/, through storage.handoff_queue) claims, replies to and closes them;
this module is the part the conversation core and the careline need. Given the council registry, a handoff
created while the council is closed becomes a callback request at once (see storage.callback_desk). Every
creation and priority rise is audited in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select

from councils import CouncilRegistry
from storage.audit_log import AuditEntry, record_audit
from storage.callback_desk import CallbackDesk
from storage.database import Database
from storage.models import ConversationRow, HandoffRow, utcnow

__all__ = ["HandoffStore", "HandoffTicket", "NewHandoff"]


@dataclass(frozen=True, slots=True)
class NewHandoff:
    """What the core knows when it hands over. The packet holds only redacted text."""

    conversation_id: str
    council_id: str
    channel: str
    reason: str
    priority: int
    category: str | None = None
    tier: str | None = None
    packet: dict[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class HandoffTicket:
    """A handoff as the resident side sees it."""

    id: str
    status: str
    position: int
    """1 = next to be picked up (0 once claimed)."""
    priority: int
    reason: str
    category: str | None
    tier: str | None


class HandoffStore:
    """Writes handoffs; at most one open handoff per conversation (a new reason may raise its priority)."""

    def __init__(
        self,
        database: Database,
        councils: CouncilRegistry | None = None,
        *,
        claim_timeout_minutes: int = 10,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._db = database
        self._clock = clock
        self.callbacks = (
            CallbackDesk(councils, timedelta(minutes=claim_timeout_minutes), clock) if councils is not None else None
        )

    def create(self, new: NewHandoff) -> HandoffTicket:
        """Create (or upgrade) the conversation's open handoff and mark the conversation as waiting."""
        now = self._clock()
        with self._db.session() as s:
            conv = s.get(ConversationRow, new.conversation_id, with_for_update=not self._db.is_sqlite)
            existing = s.scalars(
                select(HandoffRow).where(
                    HandoffRow.conversation_id == new.conversation_id,
                    HandoffRow.status.in_(("waiting", "claimed", "callback")),
                )
            ).first()
            audit: AuditEntry | None = AuditEntry(
                "resident",
                "handoff.created",
                new.council_id,
                None,
                new.conversation_id,
                {"reason": new.reason, "priority": new.priority, "tier": new.tier},
                now,
            )
            if existing is None:
                existing = HandoffRow(
                    conversation_id=new.conversation_id,
                    council_id=new.council_id,
                    channel=new.channel,
                    reason=new.reason,
                    category=new.category,
                    tier=new.tier,
                    priority=new.priority,
                    status="waiting",
                    packet=new.packet or {},
                    created_at=now,
                    queued_at=now,
                )
                s.add(existing)
            elif new.priority > existing.priority:
                audit = AuditEntry(
                    "resident",
                    "handoff.priority_raised",
                    new.council_id,
                    existing.id,
                    new.conversation_id,
                    {"from": existing.priority, "to": new.priority, "reason": new.reason, "tier": new.tier},
                    now,
                )
                existing.priority, existing.reason = new.priority, new.reason
                existing.category, existing.tier = new.category, new.tier
                existing.packet = {**(existing.packet or {}), **(new.packet or {})}
            else:
                audit = None
            if conv is not None and conv.state == "bot":
                conv.state = "handoff"
            s.flush()
            if audit is not None:
                record_audit(
                    s,
                    AuditEntry(
                        audit.actor,
                        audit.action,
                        audit.council_id,
                        existing.id,
                        audit.conversation_id,
                        audit.detail,
                        now,
                    ),
                )
            if self.callbacks is not None and self.callbacks.due(existing, now) == "out_of_hours":
                self.callbacks.divert(s, existing, "out_of_hours", now)
            return self._ticket(s, existing)

    def ticket(self, handoff_id: str) -> HandoffTicket | None:
        """Current status and queue position."""
        with self._db.session() as s:
            row = s.get(HandoffRow, handoff_id)
            return None if row is None else self._ticket(s, row)

    @staticmethod
    def _ticket(s: Any, row: HandoffRow) -> HandoffTicket:
        position = 0
        if row.status == "waiting":
            ahead = s.scalar(
                select(func.count())
                .select_from(HandoffRow)
                .where(
                    HandoffRow.council_id == row.council_id,
                    HandoffRow.status == "waiting",
                    HandoffRow.id != row.id,
                    or_(
                        HandoffRow.priority > row.priority,
                        and_(HandoffRow.priority == row.priority, HandoffRow.created_at < row.created_at),
                    ),
                )
            )
            position = int(ahead or 0) + 1
        return HandoffTicket(row.id, row.status, position, row.priority, row.reason, row.category, row.tier)
