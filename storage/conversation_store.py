"""Conversations and their (redacted) messages, and the handoff records the core creates."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from frontdoor.errors import NotFoundError
from storage.database import Database
from storage.models import ConversationRow, HandoffRow, MessageRow, new_id, utcnow

__all__ = ["ConversationState", "ConversationStore", "NewMessage", "StoredConversation", "StoredMessage"]


class ConversationState:
    """Who holds the conversation."""

    BOT = "bot"
    HANDOFF = "handoff"
    HUMAN = "human"


@dataclass(frozen=True, slots=True)
class NewMessage:
    """A message to append. ``text`` must already be redacted."""

    role: str
    text: str
    outcome: str | None = None
    confidence: float | None = None
    citations: list[dict[str, object]] | None = None
    rules_fired: list[str] | None = None
    author_id: str | None = None


@dataclass(frozen=True, slots=True)
class StoredMessage:
    """A stored message (redacted)."""

    seq: int
    role: str
    text: str
    outcome: str | None
    confidence: float | None
    citations: list[dict[str, object]]
    created_at: datetime


@dataclass(frozen=True, slots=True)
class StoredConversation:
    """A conversation with its transcript."""

    id: str
    council_id: str
    channel: str
    state: str
    created_at: datetime
    low_confidence_count: int
    messages: tuple[StoredMessage, ...]


class ConversationStore:
    """SQL-backed conversations. Every method is one short transaction."""

    def __init__(self, database: Database) -> None:
        self._db = database

    def ensure(
        self, conversation_id: str | None, council_id: str, channel: str, external_ref: str | None = None
    ) -> tuple[str, str]:
        """Return (id, state) of the conversation, creating it if new. A known id of another council is refused."""
        with self._db.session() as s:
            if conversation_id:
                row = s.get(ConversationRow, conversation_id)
                if row is not None:
                    if row.council_id != council_id:
                        raise NotFoundError(f"conversation {conversation_id} not found for council {council_id}")
                    return row.id, row.state
            row = ConversationRow(
                id=conversation_id or new_id(), council_id=council_id, channel=channel, external_ref=external_ref
            )
            s.add(row)
            s.flush()
            return row.id, row.state

    def state(self, conversation_id: str) -> str:
        """Current state (bot, handoff, human)."""
        with self._db.session() as s:
            row = s.get(ConversationRow, conversation_id)
            if row is None:
                raise NotFoundError(f"conversation {conversation_id} not found")
            return row.state

    def recent_resident_texts(self, conversation_id: str, limit: int = 4) -> list[str]:
        """The resident's last ``limit`` messages (redacted), oldest first."""
        with self._db.session() as s:
            rows = s.scalars(
                select(MessageRow.text)
                .where(MessageRow.conversation_id == conversation_id, MessageRow.role == "resident")
                .order_by(MessageRow.seq.desc())
                .limit(limit)
            ).all()
        return list(reversed(rows))

    def append(
        self,
        conversation_id: str,
        messages: Sequence[NewMessage],
        *,
        state: str | None = None,
        low_confidence: bool | None = None,
    ) -> list[int]:
        """Append messages (and optionally change state); returns their sequence numbers."""
        with self._db.session() as s:
            conv = s.get(ConversationRow, conversation_id, with_for_update=not self._db.is_sqlite)
            if conv is None:
                raise NotFoundError(f"conversation {conversation_id} not found")
            last = s.scalar(select(func.max(MessageRow.seq)).where(MessageRow.conversation_id == conversation_id)) or 0
            seqs = []
            for offset, m in enumerate(messages, start=1):
                s.add(
                    MessageRow(
                        conversation_id=conversation_id,
                        seq=last + offset,
                        role=m.role,
                        text=m.text,
                        outcome=m.outcome,
                        confidence=m.confidence,
                        citations=m.citations,
                        rules_fired=m.rules_fired,
                        author_id=m.author_id,
                    )
                )
                seqs.append(last + offset)
            if state is not None:
                conv.state = state
            if low_confidence is not None:
                conv.low_confidence_count = conv.low_confidence_count + 1 if low_confidence else 0
            conv.updated_at = utcnow()
            return seqs

    def get(self, conversation_id: str) -> StoredConversation:
        """The conversation and its redacted transcript."""
        with self._db.session() as s:
            row = s.get(ConversationRow, conversation_id)
            if row is None:
                raise NotFoundError(f"conversation {conversation_id} not found")
            msgs = tuple(
                StoredMessage(m.seq, m.role, m.text, m.outcome, m.confidence, list(m.citations or []), m.created_at)
                for m in row.messages
            )
            return StoredConversation(
                row.id, row.council_id, row.channel, row.state, row.created_at, row.low_confidence_count, msgs
            )

    def open_handoff(self, conversation_id: str) -> HandoffRow | None:
        """The conversation's handoff that is still waiting, claimed or awaiting a callback, if any."""
        with self._db.session() as s:
            return s.scalars(
                select(HandoffRow)
                .where(
                    HandoffRow.conversation_id == conversation_id,
                    HandoffRow.status.in_(("waiting", "claimed", "callback")),
                )
                .order_by(HandoffRow.created_at.desc())
            ).first()
