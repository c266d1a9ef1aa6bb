"""Shared SQLAlchemy declarative base and the conversation tables.

Other packages declare their tables (vault, advisor accounts, audit, decision records) in their own
modules on this same :class:`Base`, so one ``metadata`` (and one Alembic history) covers the schema.
Only redacted text is ever stored in clear here.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

__all__ = ["Base", "ConversationRow", "HandoffRow", "MessageRow", "new_id", "utcnow"]


def utcnow() -> datetime:
    """Timezone-aware now in UTC."""
    return datetime.now(UTC)


def new_id() -> str:
    """A random opaque id."""
    return uuid.uuid4().hex


class Base(DeclarativeBase):
    """Declarative base for every Front Door table."""

    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: DateTime(timezone=True)}


class ConversationRow(Base):
    """One conversation (web session or phone call) with one council."""

    __tablename__ = "conversations"

    id: Mapped[str] = mapped_column(String(64), primary_key=True, default=new_id)
    council_id: Mapped[str] = mapped_column(String(64), index=True)
    channel: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    state: Mapped[str] = mapped_column(String(16), default="bot")
    """``bot`` (the assistant answers), ``handoff`` (waiting for a person) or ``human`` (a person owns it)."""
    low_confidence_count: Mapped[int] = mapped_column(Integer, default=0)
    external_ref: Mapped[str | None] = mapped_column(String(128), index=True, default=None)
    """A channel id such as a Twilio CallSid (not personal data)."""

    messages: Mapped[list[MessageRow]] = relationship(
        back_populates="conversation", order_by="MessageRow.seq", cascade="all, delete-orphan"
    )


class MessageRow(Base):
    """One message in a conversation. ``text`` is always redacted."""

    __tablename__ = "messages"
    __table_args__ = (Index("ix_messages_conversation_seq", "conversation_id", "seq", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(16))
    """``resident``, ``bot``, ``advisor`` or ``system``."""
    text: Mapped[str] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(String(16), default=None)
    confidence: Mapped[float | None] = mapped_column(Float, default=None)
    citations: Mapped[list[dict[str, object]] | None] = mapped_column(JSON, default=None)
    rules_fired: Mapped[list[str] | None] = mapped_column(JSON, default=None)
    author_id: Mapped[str | None] = mapped_column(String(64), default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    conversation: Mapped[ConversationRow] = relationship(back_populates="messages")


class HandoffRow(Base):
    """A request for a person: the durable handoff queue (see the advisor console)."""

    __tablename__ = "handoffs"
    __table_args__ = (Index("ix_handoffs_queue", "council_id", "status", "priority", "created_at"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True, default=new_id)
    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"), index=True)
    council_id: Mapped[str] = mapped_column(String(64))
    channel: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(String(32))
    category: Mapped[str | None] = mapped_column(String(32), default=None)
    tier: Mapped[str | None] = mapped_column(String(16), default=None)
    priority: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="waiting")
    """``waiting`` → ``claimed`` → ``closed``; or ``callback`` when nobody could take it."""
    claimed_by: Mapped[str | None] = mapped_column(String(64), default=None)
    outcome_code: Mapped[str | None] = mapped_column(String(32), default=None)
    packet: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
    """Redacted transcript, what the bot said and cited, rules fired, contact preference, safe to contact."""
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    claimed_at: Mapped[datetime | None] = mapped_column(default=None)
    closed_at: Mapped[datetime | None] = mapped_column(default=None)
    queued_at: Mapped[datetime | None] = mapped_column(default=None)
    """When it last joined the queue (created, or handed back by an advisor); starts the claim timeout."""
