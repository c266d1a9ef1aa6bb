"""The table behind :class:`frontdoor.shared_state.DatabaseSharedState`: small expiring values and counters.

Shared by every worker so that rate limits and sessions hold across processes when Redis is not used.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models import Base

__all__ = ["SharedStateRow"]


class SharedStateRow(Base):
    """One key: a text value or an integer counter, expiring at ``expires_at``."""

    __tablename__ = "shared_state"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    value: Mapped[str | None] = mapped_column(Text, default=None)
    counter: Mapped[int] = mapped_column(Integer, default=0)
    expires_at: Mapped[datetime] = mapped_column(index=True)
