"""State changes of a handoff made by advisors: claim, reply, hand back, close. Each is one transaction
with its notice to the resident (a ``system`` message) and its audit row.

Claiming is a conditional UPDATE (``status`` waiting/callback → claimed only if it still is), so exactly one
of two simultaneous claims wins — across processes, on SQLite and PostgreSQL alike; the loser gets
:class:`~frontdoor.errors.ConflictError`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import datetime
from enum import StrEnum

from sqlalchemy import update
from sqlalchemy.orm import Session

from frontdoor.errors import ConflictError, NotFoundError
from storage.advisor_tables import CallbackRow
from storage.audit_log import AuditEntry, record_audit
from storage.database import Database
from storage.handoff_queue import QueueItem, to_item
from storage.models import HandoffRow, utcnow
from storage.transcript_writer import append_message

__all__ = ["HandoffActions", "OutcomeCode"]


class OutcomeCode(StrEnum):
    """How an advisor closed a handoff."""

    RESOLVED = "resolved"
    SIGNPOSTED = "signposted"
    ASSESSMENT_REFERRAL = "assessment_referral"
    SAFEGUARDING_REFERRAL = "safeguarding_referral"
    CALLBACK_ARRANGED = "callback_arranged"
    EMERGENCY_SERVICES = "emergency_services"
    NO_RESPONSE = "no_response"
    DUPLICATE = "duplicate"


JOINED = "You're now talking to an adviser from the council."
HANDED_BACK = "The adviser has passed your conversation back to the queue. Someone else will pick it up soon."
CLOSED = "The adviser has closed this conversation. You can keep asking the assistant questions here."


class HandoffActions:
    """Advisor-side changes to handoffs of the councils an advisor may act for."""

    def __init__(self, database: Database, clock: Callable[[], datetime] = utcnow) -> None:
        self._db = database
        self._clock = clock

    def claim(self, handoff_id: str, advisor_id: str, councils: Collection[str]) -> QueueItem:
        """Take a waiting (or callback) handoff; ConflictError if someone else got there first."""
        now = self._clock()
        with self._db.session() as s:
            # UPDATE first, so the write lock is taken before anything is read (SQLite and PostgreSQL).
            won = self._update(
                s,
                handoff_id,
                councils,
                ("waiting", "callback"),
                None,
                status="claimed",
                claimed_by=advisor_id,
                claimed_at=now,
            )
            row = self._row(s, handoff_id, councils)
            if not won:
                raise ConflictError(f"handoff {handoff_id} is already {row.status}")
            s.execute(
                update(CallbackRow)
                .where(CallbackRow.handoff_id == handoff_id, CallbackRow.status == "open")
                .values(status="taken")
            )
            append_message(s, row.conversation_id, "system", JOINED, state="human")
            record_audit(
                s,
                AuditEntry(
                    advisor_id, "handoff.claimed", row.council_id, row.id, row.conversation_id, {}, now
                ),
            )
            return to_item(row, now)

    def reply(self, handoff_id: str, advisor_id: str, councils: Collection[str], redacted_text: str) -> int:
        """Store the claiming advisor's (redacted) message for the resident; return its seq."""
        now = self._clock()
        with self._db.session() as s:
            row = self._claimed_by(s, handoff_id, advisor_id, councils)
            seq = append_message(s, row.conversation_id, "advisor", redacted_text, author_id=advisor_id)
            record_audit(
                s,
                AuditEntry(
                    advisor_id,
                    "handoff.message",
                    row.council_id,
                    row.id,
                    row.conversation_id,
                    {"seq": seq},
                    now,
                ),
            )
            return seq

    def release(
        self, handoff_id: str, actor_id: str, councils: Collection[str], *, any_owner: bool = False
    ) -> QueueItem:
        """Hand a claimed handoff back to the queue (the claimer, or a supervisor with ``any_owner``)."""
        now = self._clock()
        with self._db.session() as s:
            done = self._update(
                s,
                handoff_id,
                councils,
                ("claimed",),
                None if any_owner else actor_id,
                status="waiting",
                claimed_by=None,
                claimed_at=None,
                queued_at=now,
            )
            row = self._row(s, handoff_id, councils)
            if not done:
                raise ConflictError(f"handoff {handoff_id} is not claimed by you")
            append_message(s, row.conversation_id, "system", HANDED_BACK, state="handoff")
            record_audit(
                s,
                AuditEntry(
                    actor_id, "handoff.released", row.council_id, row.id, row.conversation_id, {}, now
                ),
            )
            return to_item(row, now)

    def close(
        self,
        handoff_id: str,
        actor_id: str,
        councils: Collection[str],
        outcome: OutcomeCode,
        *,
        any_owner: bool = False,
    ) -> QueueItem:
        """Close with an outcome code; the conversation returns to the assistant and the resident is told."""
        now = self._clock()
        with self._db.session() as s:
            allowed = ("claimed",) if not any_owner else ("claimed", "waiting", "callback")
            done = self._update(
                s,
                handoff_id,
                councils,
                allowed,
                None if any_owner else actor_id,
                status="closed",
                outcome_code=outcome.value,
                closed_at=now,
            )
            row = self._row(s, handoff_id, councils)
            if not done:
                raise ConflictError(f"handoff {handoff_id} cannot be closed by you (it is {row.status})")
            append_message(s, row.conversation_id, "system", CLOSED, state="bot")
            record_audit(
                s,
                AuditEntry(
                    actor_id,
                    "handoff.closed",
                    row.council_id,
                    row.id,
                    row.conversation_id,
                    {"outcome": outcome.value},
                    now,
                ),
            )
            return to_item(row, now)

    def set_contact(self, handoff_id: str, preference: str | None, safe_to_contact: bool | None) -> None:
        """Record the resident's contact preference and whether contacting them is safe (resident action)."""
        now = self._clock()
        with self._db.session() as s:
            row = s.get(HandoffRow, handoff_id)
            if row is None:
                raise NotFoundError(f"handoff {handoff_id} not found")
            packet = dict(row.packet or {})
            if preference is not None:
                packet["contact_preference"] = preference
            if safe_to_contact is not None:
                packet["safe_to_contact"] = safe_to_contact
            row.packet = packet
            record_audit(
                s,
                AuditEntry(
                    "resident",
                    "handoff.contact_updated",
                    row.council_id,
                    row.id,
                    row.conversation_id,
                    {"preference": preference, "safe": safe_to_contact},
                    now,
                ),
            )

    @staticmethod
    def _update(
        s: Session,
        handoff_id: str,
        councils: Collection[str],
        statuses: tuple[str, ...],
        owner: str | None,
        **values: object,
    ) -> bool:
        """The conditional UPDATE: True if this call changed the row (in ``statuses``, owned if asked)."""
        query = update(HandoffRow).where(
            HandoffRow.id == handoff_id,
            HandoffRow.council_id.in_(list(councils)),
            HandoffRow.status.in_(statuses),
        )
        if owner is not None:
            query = query.where(HandoffRow.claimed_by == owner)
        done = s.execute(query.values(**values).execution_options(synchronize_session=False))
        return int(done.rowcount or 0) == 1  # type: ignore[attr-defined]

    @staticmethod
    def _row(s: Session, handoff_id: str, councils: Collection[str]) -> HandoffRow:
        row = s.get(HandoffRow, handoff_id)
        if row is None or row.council_id not in councils:
            raise NotFoundError(f"handoff {handoff_id} not found")
        return row

    def _claimed_by(
        self, s: Session, handoff_id: str, advisor_id: str, councils: Collection[str]
    ) -> HandoffRow:
        row = self._row(s, handoff_id, councils)
        if row.status != "claimed" or row.claimed_by != advisor_id:
            raise ConflictError(f"handoff {handoff_id} is not claimed by you")
        return row
