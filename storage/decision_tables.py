"""The decision record table: one row per turn, for transparency and insights.

Written by :class:`frontdoor.transparency.DecisionRecordStore`. Only redacted text is stored, and only
the resident's redacted message (never the reply rendered for them, which may hold their own details).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, Float, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base, new_id, utcnow

__all__ = ["DecisionRecordRow"]


class DecisionRecordRow(Base):
    """What the assistant decided for one turn and why: redacted input, evidence, rules, outcome, timing."""

    __tablename__ = "decision_records"
    __table_args__ = (Index("ix_decision_records_council_created", "council_id", "created_at"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True, default=new_id)
    conversation_id: Mapped[str] = mapped_column(String(64), index=True)
    council_id: Mapped[str] = mapped_column(String(64))
    channel: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    redacted_input: Mapped[str] = mapped_column(Text)
    redactions: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    """Entity type → how many were replaced in this turn (counts only)."""
    outcome: Mapped[str] = mapped_column(String(16))
    handoff_reason: Mapped[str | None] = mapped_column(String(32), default=None)
    handoff_tier: Mapped[str | None] = mapped_column(String(16), default=None)
    handoff_category: Mapped[str | None] = mapped_column(String(32), default=None)
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    sources: Mapped[list[dict[str, object]]] = mapped_column(JSON, default=list)
    """Retrieved passages with their scores: doc_id, title, url, section, score, dense, bm25, cited."""
    rules_fired: Mapped[list[str]] = mapped_column(JSON, default=list)
    composer: Mapped[str | None] = mapped_column(String(32), default=None)
    model: Mapped[str | None] = mapped_column(String(128), default=None)
    latency_ms: Mapped[float] = mapped_column(Float, default=0.0)
    step_ms: Mapped[dict[str, float]] = mapped_column(JSON, default=dict)
    bot_enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    """False when the channel's bot switch was off and the turn went straight to people."""
