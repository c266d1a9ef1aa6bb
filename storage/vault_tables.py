"""Tables of the originals vault and its read audit (see :mod:`redaction.vault`).

``ciphertext`` columns hold Fernet tokens only; nothing in these tables is readable without the key
except ids, kinds, timestamps and who read what and why.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base, utcnow

__all__ = ["VaultAuditRow", "VaultEntryRow", "VaultMapRow"]


class VaultEntryRow(Base):
    """One encrypted original: a turn's placeholder→original map, or a secret such as a caller's number."""

    __tablename__ = "vault_entries"
    __table_args__ = (Index("ix_vault_entries_conversation", "conversation_id", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = mapped_column(String(64))
    council_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(32))
    """``turn`` for a turn's originals, otherwise the secret's kind (e.g. ``caller_number``)."""
    ciphertext: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(index=True)


class VaultMapRow(Base):
    """A conversation's placeholder map (it holds originals, so it is encrypted too)."""

    __tablename__ = "vault_maps"

    conversation_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    council_id: Mapped[str] = mapped_column(String(64))
    ciphertext: Mapped[bytes] = mapped_column(LargeBinary)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(index=True)


class VaultAuditRow(Base):
    """One read of a conversation's originals: who, when, why, and how many entries they saw."""

    __tablename__ = "vault_audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = mapped_column(String(64), index=True)
    reader_id: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(Text)
    entries_read: Mapped[int] = mapped_column(Integer)
    read_at: Mapped[datetime] = mapped_column(default=utcnow)
