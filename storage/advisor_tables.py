"""Tables of the handoff queue's companions and the advisor console: accounts, server-side sessions,
callback requests and the audit log.

Nothing here holds a password or a session token in clear: accounts keep an argon2 hash, sessions keep a
SHA-256 of the token. Audit rows hold ids, action names and small key-values, never resident text.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base, new_id, utcnow

__all__ = ["AdvisorAccountRow", "AdvisorSessionRow", "AuditRow", "CallbackRow"]


class AdvisorAccountRow(Base):
    """A local console account: one role, scoped to one or more councils."""

    __tablename__ = "advisor_accounts"

    id: Mapped[str] = mapped_column(String(64), primary_key=True, default=new_id)
    username: Mapped[str] = mapped_column(String(128), unique=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    """An argon2id hash (``$argon2id$...``); the password itself is never stored."""
    role: Mapped[str] = mapped_column(String(16))
    """``advisor``, ``supervisor`` or ``admin``."""
    councils: Mapped[list[str]] = mapped_column(JSON, default=list)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AdvisorSessionRow(Base):
    """A console session stored server-side, so every worker sees the same sessions."""

    __tablename__ = "advisor_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    """SHA-256 (hex) of the session token; the token itself lives only in the advisor's cookie."""
    account_id: Mapped[str] = mapped_column(ForeignKey("advisor_accounts.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(index=True)
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)


class CallbackRow(Base):
    """A callback request: nobody could take the handoff (out of hours, or unclaimed in time)."""

    __tablename__ = "handoff_callbacks"

    id: Mapped[str] = mapped_column(String(64), primary_key=True, default=new_id)
    handoff_id: Mapped[str] = mapped_column(ForeignKey("handoffs.id", ondelete="CASCADE"), index=True)
    conversation_id: Mapped[str] = mapped_column(String(64), index=True)
    council_id: Mapped[str] = mapped_column(String(64), index=True)
    why: Mapped[str] = mapped_column(String(32))
    """``out_of_hours`` or ``unclaimed``."""
    contact_preference: Mapped[str | None] = mapped_column(String(32), default=None)
    status: Mapped[str] = mapped_column(String(16), default="open")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AuditRow(Base):
    """One recorded state change or sensitive read: who did what to which handoff, and when."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_handoff", "handoff_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(64))
    """An account id, or ``resident`` / ``system``."""
    action: Mapped[str] = mapped_column(String(48), index=True)
    council_id: Mapped[str | None] = mapped_column(String(64), default=None)
    handoff_id: Mapped[str | None] = mapped_column(String(64), default=None)
    conversation_id: Mapped[str | None] = mapped_column(String(64), default=None)
    detail: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
