"""What the console shows: pydantic views of queue items, handoffs with their packets, and waits.

Shared by the JSON API and the pages so both show the same fields. Only redacted text appears here.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel

from storage.conversation_store import StoredConversation
from storage.handoff_queue import QueueItem, WaitSummary

__all__ = [
    "HandoffView",
    "MessageView",
    "QueueItemView",
    "WaitView",
    "handoff_view",
    "item_view",
    "wait_view",
]


class QueueItemView(BaseModel):
    """One handoff in the queue."""

    id: str
    conversation_id: str
    council: str
    channel: str
    reason: str
    category: str | None
    tier: str | None
    priority: str
    priority_rank: int
    status: str
    claimed_by: str | None
    outcome_code: str | None
    created_at: datetime
    claimed_at: datetime | None
    closed_at: datetime | None
    waited_seconds: int
    safe_to_contact: bool | None
    contact_preference: str | None


class MessageView(BaseModel):
    """One (redacted) message of the conversation."""

    seq: int
    role: str
    text: str
    created_at: datetime


class HandoffView(QueueItemView):
    """A handoff with its packet and conversation."""

    packet: dict[str, Any]
    conversation_state: str
    messages: list[MessageView]


class WaitView(BaseModel):
    """Supervisor view row."""

    council: str
    reason: str
    waiting: int
    callbacks: int
    claimed: int
    longest_wait_seconds: int
    mean_wait_seconds: int


def item_view(item: QueueItem) -> QueueItemView:
    """The list view of a handoff."""
    packet = item.packet
    safe = packet.get("safe_to_contact")
    pref = packet.get("contact_preference")
    return QueueItemView(
        id=item.id,
        conversation_id=item.conversation_id,
        council=item.council_id,
        channel=item.channel,
        reason=item.reason,
        category=item.category,
        tier=item.tier,
        priority=item.priority_name,
        priority_rank=item.priority,
        status=item.status,
        claimed_by=item.claimed_by,
        outcome_code=item.outcome_code,
        created_at=item.created_at,
        claimed_at=item.claimed_at,
        closed_at=item.closed_at,
        waited_seconds=item.waited_seconds,
        safe_to_contact=safe if isinstance(safe, bool) else None,
        contact_preference=str(pref) if pref else None,
    )


def handoff_view(item: QueueItem, conversation: StoredConversation) -> HandoffView:
    """The detail view: packet and transcript."""
    return HandoffView(
        **item_view(item).model_dump(),
        packet=item.packet,
        conversation_state=conversation.state,
        messages=[
            MessageView(seq=m.seq, role=m.role, text=m.text, created_at=m.created_at)
            for m in conversation.messages
        ],
    )


def wait_view(row: WaitSummary) -> WaitView:
    """One supervisor summary row."""
    return WaitView(
        council=row.council_id,
        reason=row.reason,
        waiting=row.waiting,
        callbacks=row.callbacks,
        claimed=row.claimed,
        longest_wait_seconds=row.longest_wait_seconds,
        mean_wait_seconds=row.mean_wait_seconds,
    )
