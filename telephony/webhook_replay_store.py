"""Answers a retried Twilio webhook with the TwiML of its first delivery.

Twilio retries a webhook (same ``I-Twilio-Idempotency-Token``) when our first answer was slow or lost. The
key is the token plus the CallSid and the path; the first delivery *claims* the key by inserting a row,
and a retry that arrives while it is still being worked on waits briefly for its TwiML. The table is in
the shared database, so this holds across workers.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError

from frontdoor.errors import StoreError
from storage.database import Database
from storage.models import utcnow
from telephony.call_tables import WebhookReplyRow

__all__ = ["WebhookReplayStore", "replay_key"]

KEEP_FOR = timedelta(hours=24)


def replay_key(token: str, call_sid: str, path: str) -> str:
    """The stored key of one Twilio request (a hash: fixed length, nothing to read in it)."""
    return hashlib.sha256(f"{token}\x1f{call_sid}\x1f{path}".encode()).hexdigest()


class WebhookReplayStore:
    """Claim a request key, store its TwiML, and replay it for a retry."""

    def __init__(
        self, database: Database, *, wait_seconds: float = 5.0, sleep: Callable[[float], None] = time.sleep
    ) -> None:
        self._db = database
        self._wait = wait_seconds
        self._sleep = sleep

    def claim(self, key: str, call_sid: str) -> str | None:
        """The TwiML of the first delivery if this is a retry; None when the caller must do the work (and
        then :meth:`save`): a first delivery, or a retry whose first delivery did not finish within the
        wait (answering twice is better than leaving a caller in silence)."""
        try:
            with self._db.session() as s:
                s.execute(delete(WebhookReplyRow).where(WebhookReplyRow.created_at < utcnow() - KEEP_FOR))
                s.add(WebhookReplyRow(key=key, call_sid=call_sid))
            return None
        except StoreError as exc:
            if not isinstance(exc.__cause__, IntegrityError):
                raise
        deadline = time.monotonic() + self._wait
        while True:
            with self._db.session() as s:
                row = s.get(WebhookReplyRow, key)
                twiml = None if row is None else row.twiml
            if twiml is not None or time.monotonic() >= deadline:
                return twiml
            self._sleep(0.1)

    def save(self, key: str, twiml: str) -> None:
        """Store the TwiML answered to the claimed key."""
        with self._db.session() as s:
            row = s.get(WebhookReplyRow, key)
            if row is not None:
                row.twiml = twiml
