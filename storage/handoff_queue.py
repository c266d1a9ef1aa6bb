"""Reading the durable handoff queue: what is waiting (by priority, then wait), one handoff with its packet,
the supervisor's counts and waits, and the sweep that turns unclaimable handoffs into callbacks.

Every read is scoped to a set of council ids: a handoff of another council is simply "not found".
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import datetime
from statistics import median
from typing import Any

from sqlalchemy import select

from bot.base import Priority
from frontdoor.errors import NotFoundError
from storage.callback_desk import CallbackDesk
from storage.conversation_store import StoredMessage
from storage.database import Database
from storage.models import ConversationRow, HandoffRow, MessageRow, utcnow

__all__ = ["HandoffQueue", "QueueItem", "WaitSummary"]

OPEN = ("waiting", "claimed", "callback")


@dataclass(frozen=True, slots=True)
class QueueItem:
    """One handoff as the console lists it. ``packet`` holds only redacted text."""

    id: str
    conversation_id: str
    council_id: str
    channel: str
    reason: str
    category: str | None
    tier: str | None
    priority: int
    status: str
    claimed_by: str | None
    outcome_code: str | None
    created_at: datetime
    claimed_at: datetime | None
    closed_at: datetime | None
    waited_seconds: int
    packet: dict[str, Any] = field(default_factory=dict)

    @property
    def priority_name(self) -> str:
        """``immediate``, ``urgent``, ``requested`` or ``low_confidence``."""
        try:
            return Priority(self.priority).name.lower()
        except ValueError:
            return str(self.priority)


@dataclass(frozen=True, slots=True)
class WaitSummary:
    """Supervisor view: waiting handoffs of one council for one reason."""

    council_id: str
    reason: str
    waiting: int
    callbacks: int
    claimed: int
    longest_wait_seconds: int
    mean_wait_seconds: int


def _aware(value: datetime, like: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=like.tzinfo)


def to_item(row: HandoffRow, now: datetime) -> QueueItem:
    """A row as an immutable view; the wait runs from (re)queueing to claim, close or now."""
    start = _aware(row.queued_at or row.created_at, now)
    end = _aware(row.claimed_at, now) if row.status != "waiting" and row.claimed_at else now
    return QueueItem(
        row.id,
        row.conversation_id,
        row.council_id,
        row.channel,
        row.reason,
        row.category,
        row.tier,
        row.priority,
        row.status,
        row.claimed_by,
        row.outcome_code,
        _aware(row.created_at, now),
        row.claimed_at and _aware(row.claimed_at, now),
        row.closed_at and _aware(row.closed_at, now),
        max(0, int((end - start).total_seconds())),
        dict(row.packet or {}),
    )


class HandoffQueue:
    """Queries over open handoffs, and the callback sweep."""

    def __init__(
        self,
        database: Database,
        callbacks: CallbackDesk | None = None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._db = database
        self._callbacks = callbacks
        self._clock = clock

    def open_items(self, councils: Collection[str]) -> list[QueueItem]:
        """Open handoffs of these councils: by priority (highest first), then by longest wait."""
        now = self._clock()
        with self._db.session() as s:
            rows = s.scalars(
                select(HandoffRow)
                .where(HandoffRow.council_id.in_(list(councils)), HandoffRow.status.in_(OPEN))
                .order_by(HandoffRow.priority.desc(), HandoffRow.created_at, HandoffRow.id)
            ).all()
            return [to_item(r, now) for r in rows]

    def get(self, handoff_id: str, councils: Collection[str]) -> QueueItem:
        """One handoff with its packet; NotFoundError if absent or of another council."""
        with self._db.session() as s:
            row = s.get(HandoffRow, handoff_id)
            if row is None or row.council_id not in councils:
                raise NotFoundError(f"handoff {handoff_id} not found")
            return to_item(row, self._clock())

    def for_conversation(self, conversation_id: str) -> QueueItem | None:
        """The conversation's latest handoff (any status), for the resident's event stream."""
        with self._db.session() as s:
            row = s.scalars(
                select(HandoffRow)
                .where(HandoffRow.conversation_id == conversation_id)
                .order_by(HandoffRow.created_at.desc(), HandoffRow.id)
            ).first()
            return None if row is None else to_item(row, self._clock())

    def messages_after(
        self, conversation_id: str, after: int, roles: Collection[str] | None = None
    ) -> tuple[str, list[StoredMessage]]:
        """The conversation's state and its messages with ``seq > after`` (optionally of some roles only)."""
        with self._db.session() as s:
            conv = s.get(ConversationRow, conversation_id)
            if conv is None:
                raise NotFoundError(f"conversation {conversation_id} not found")
            query = select(MessageRow).where(
                MessageRow.conversation_id == conversation_id, MessageRow.seq > after
            )
            if roles is not None:
                query = query.where(MessageRow.role.in_(list(roles)))
            rows = s.scalars(query.order_by(MessageRow.seq)).all()
            return conv.state, [
                StoredMessage(
                    m.seq, m.role, m.text, m.outcome, m.confidence, list(m.citations or []), m.created_at
                )
                for m in rows
            ]

    def summary(self, councils: Collection[str]) -> list[WaitSummary]:
        """Waiting counts and waits by council and reason (open handoffs only)."""
        groups: dict[tuple[str, str], list[QueueItem]] = {}
        for item in self.open_items(councils):
            groups.setdefault((item.council_id, item.reason), []).append(item)
        out = []
        for (council_id, reason), items in sorted(groups.items()):
            waiting = [i.waited_seconds for i in items if i.status == "waiting"]
            out.append(
                WaitSummary(
                    council_id,
                    reason,
                    len(waiting),
                    sum(i.status == "callback" for i in items),
                    sum(i.status == "claimed" for i in items),
                    max(waiting, default=0),
                    int(sum(waiting) / len(waiting)) if waiting else 0,
                )
            )
        return out

    def expected_wait_minutes(self, council_id: str, position: int, sample: int = 20) -> int | None:
        """Rough estimate: the median recent wait to be claimed, times the position (None without data)."""
        with self._db.session() as s:
            rows = s.execute(
                select(HandoffRow.queued_at, HandoffRow.created_at, HandoffRow.claimed_at)
                .where(HandoffRow.council_id == council_id, HandoffRow.claimed_at.is_not(None))
                .order_by(HandoffRow.claimed_at.desc())
                .limit(sample)
            ).all()
        waits = [(end - (start or made)).total_seconds() for start, made, end in rows if end is not None]
        if not waits or position < 1:
            return None
        return max(1, round(median(waits) * position / 60))

    def sweep(self, conversation_id: str | None = None) -> int:
        """Turn waiting handoffs that nobody can take into callback requests; return how many moved."""
        if self._callbacks is None:
            return 0
        now = self._clock()
        moved = 0
        query = select(HandoffRow).where(HandoffRow.status == "waiting")
        if conversation_id is not None:
            query = query.where(HandoffRow.conversation_id == conversation_id)
        with self._db.session() as s:
            due = [(row.id, why) for row in s.scalars(query).all() if (why := self._callbacks.due(row, now))]
        for handoff_id, why in due:  # one short transaction each, so one failure does not undo the others
            with self._db.session() as s:
                row = s.get(HandoffRow, handoff_id)
                if row is not None and self._callbacks.divert(s, row, why, now):
                    moved += 1
        return moved
