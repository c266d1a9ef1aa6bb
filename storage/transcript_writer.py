"""Appends a message to a conversation inside a caller's transaction (for handoff state changes).

:class:`storage.conversation_store.ConversationStore.append` opens its own transaction; a claim or a close
must write its notice to the resident in the *same* transaction as the state change, hence this helper.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from frontdoor.errors import NotFoundError
from storage.models import ConversationRow, MessageRow, utcnow

__all__ = ["append_message"]


def append_message(
    session: Session,
    conversation_id: str,
    role: str,
    text: str,
    *,
    author_id: str | None = None,
    state: str | None = None,
    lock: bool = True,
) -> int:
    """Append one (already redacted) message, optionally set the conversation's state; return its seq."""
    conv = session.get(ConversationRow, conversation_id, with_for_update=lock)
    if conv is None:
        raise NotFoundError(f"conversation {conversation_id} not found")
    last = (
        session.scalar(select(func.max(MessageRow.seq)).where(MessageRow.conversation_id == conversation_id))
        or 0
    )
    session.add(
        MessageRow(conversation_id=conversation_id, seq=last + 1, role=role, text=text, author_id=author_id)
    )
    if state is not None:
        conv.state = state
    conv.updated_at = utcnow()
    session.flush()
    return last + 1
