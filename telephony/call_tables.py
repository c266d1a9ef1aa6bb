"""Tables of the careline: one row per call, and the TwiML answered per Twilio request (for retries).

Kept in the database, not in process memory, so that any worker can take any webhook of a call. Nothing
here is personal data: a CallSid, our own TwiML (council text and redacted packets only) and counters.
The caller's number lives only in the vault, encrypted.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base, utcnow

__all__ = ["CallRow", "WebhookReplyRow"]


class CallRow(Base):
    """One phone call and where it has got to."""

    __tablename__ = "telephony_calls"

    call_sid: Mapped[str] = mapped_column(String(64), primary_key=True)
    conversation_id: Mapped[str] = mapped_column(String(64), index=True)
    council_id: Mapped[str] = mapped_column(String(64))
    awaiting: Mapped[str] = mapped_column(String(16), default="question")
    silent_turns: Mapped[int] = mapped_column(Integer, default=0)
    """Consecutive turns with no speech and no key press."""
    sms_links: Mapped[list[dict[str, str]] | None] = mapped_column(JSON, default=None)
    """Titles and URLs of the council pages the last answer used (offered by text message)."""
    caller_number_vaulted: Mapped[int] = mapped_column(Integer, default=0)
    handoff_id: Mapped[str | None] = mapped_column(String(64), default=None)
    transfer_cause: Mapped[str | None] = mapped_column(String(32), default=None)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(default=None)
    final_status: Mapped[str | None] = mapped_column(String(32), default=None)
    duration_seconds: Mapped[int | None] = mapped_column(Integer, default=None)


class WebhookReplyRow(Base):
    """The TwiML we answered to one Twilio request, keyed by its idempotency token and CallSid.

    ``twiml`` is None while the first delivery is still being worked on.
    """

    __tablename__ = "telephony_webhook_replies"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    call_sid: Mapped[str] = mapped_column(String(64), index=True)
    twiml: Mapped[str | None] = mapped_column(Text, default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
