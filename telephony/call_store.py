"""SQL-backed state of each call, so that any worker can answer any webhook of it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import update
from sqlalchemy.orm import Session

from frontdoor.errors import NotFoundError
from storage.database import Database
from storage.models import utcnow
from telephony.base import Awaiting
from telephony.call_tables import CallRow

__all__ = ["CallState", "CallStore", "PageLink"]


@dataclass(frozen=True, slots=True)
class PageLink:
    """A council page an answer used, for the text message."""

    title: str
    url: str


@dataclass(frozen=True, slots=True)
class CallState:
    """One call as the careline sees it."""

    call_sid: str
    conversation_id: str
    council_id: str
    awaiting: Awaiting
    silent_turns: int
    sms_links: tuple[PageLink, ...]
    handoff_id: str | None
    started_at: datetime
    ended_at: datetime | None


class CallStore:
    """Calls by CallSid. Every method is one short transaction."""

    def __init__(self, database: Database) -> None:
        self._db = database

    def start(self, call_sid: str, conversation_id: str, council_id: str) -> CallState:
        """Record a new call, or return the call already recorded under ``call_sid``."""
        with self._db.session() as s:
            row = s.get(CallRow, call_sid)
            if row is None:
                row = CallRow(
                    call_sid=call_sid,
                    conversation_id=conversation_id,
                    council_id=council_id,
                    awaiting=Awaiting.QUESTION.value,
                    silent_turns=0,
                    caller_number_vaulted=0,
                )
                s.add(row)
                s.flush()
            return _state(row)

    def get(self, call_sid: str) -> CallState | None:
        """The call, if known."""
        with self._db.session() as s:
            row = s.get(CallRow, call_sid)
            return None if row is None else _state(row)

    def heard(self, call_sid: str, awaiting: Awaiting, links: Sequence[PageLink] = ()) -> None:
        """The caller said or pressed something: reset the silence count and set what we wait for next."""
        with self._db.session() as s:
            row = self._row(s, call_sid)
            row.silent_turns, row.awaiting = 0, awaiting.value
            row.sms_links = [{"title": p.title, "url": p.url} for p in links] or None

    def silence(self, call_sid: str) -> int:
        """Count one more silent turn (the next prompt is a question again); returns the consecutive count."""
        with self._db.session() as s:
            row = self._row(s, call_sid)
            row.silent_turns, row.awaiting = row.silent_turns + 1, Awaiting.QUESTION.value
            return row.silent_turns

    def transferred(self, call_sid: str, handoff_id: str | None, cause: str) -> None:
        """Remember the transfer (and the handoff it belongs to)."""
        with self._db.session() as s:
            row = self._row(s, call_sid)
            row.awaiting, row.transfer_cause, row.silent_turns = Awaiting.TRANSFERRED.value, cause, 0
            row.handoff_id = handoff_id or row.handoff_id

    def claim_number_vaulting(self, call_sid: str) -> bool:
        """True exactly once per call: the caller's number is vaulted by whoever gets True."""
        with self._db.session() as s:
            result = s.execute(
                update(CallRow)
                .where(CallRow.call_sid == call_sid, CallRow.caller_number_vaulted == 0)
                .values(caller_number_vaulted=1)
            )
            return bool(result.rowcount)  # type: ignore[attr-defined]

    def ended(self, call_sid: str, status: str, duration_seconds: int | None) -> CallState | None:
        """Record the end of the call; None if the call was never seen."""
        with self._db.session() as s:
            row = s.get(CallRow, call_sid)
            if row is None:
                return None
            row.ended_at, row.final_status, row.duration_seconds = utcnow(), status[:32], duration_seconds
            return _state(row)

    @staticmethod
    def _row(s: Session, call_sid: str) -> CallRow:
        row = s.get(CallRow, call_sid)
        if row is None:
            raise NotFoundError(f"call {call_sid} not found")
        return row


def _state(row: CallRow) -> CallState:
    links = tuple(PageLink(str(p["title"]), str(p["url"])) for p in (row.sms_links or []))
    return CallState(
        row.call_sid,
        row.conversation_id,
        row.council_id,
        Awaiting(row.awaiting),
        row.silent_turns,
        links,
        row.handoff_id,
        row.started_at,
        row.ended_at,
    )
