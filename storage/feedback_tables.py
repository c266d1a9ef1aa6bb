"""The table of residents' "Was this helpful?" votes on the assistant's answers.

``comment`` is only ever the redacted text (see :mod:`frontdoor.api.feedback`); one vote per answer, the
latest wins, so a resident who changes their mind does not count twice.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base, utcnow

__all__ = ["FeedbackRow"]


class FeedbackRow(Base):
    """One resident's verdict on one bot message."""

    __tablename__ = "feedback"
    __table_args__ = (UniqueConstraint("conversation_id", "message_seq", name="uq_feedback_message"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), index=True
    )
    council_id: Mapped[str] = mapped_column(String(64), index=True)
    message_seq: Mapped[int] = mapped_column(Integer)
    helpful: Mapped[bool] = mapped_column(Boolean)
    comment: Mapped[str | None] = mapped_column(Text, default=None)
    """Redacted by the redactor before it is stored; never the resident's raw words."""
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
