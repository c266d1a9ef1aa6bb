"""``POST /api/v1/chat`` and ``GET /api/v1/conversations/{id}``: the contract the widget, the careline and
our evaluation use. Field names are fixed by the API contract in README.md."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel, Field

from bot.base import Channel, Reply, Turn
from frontdoor.api.deps import ServicesDep
from frontdoor.errors import InputError

__all__ = ["router"]

router = APIRouter(prefix="/api/v1", tags=["chat"])


class ChatRequest(BaseModel):
    """One resident message."""

    message: str = Field(min_length=1, description="What the resident typed (at most 2,000 characters)")
    conversation_id: str | None = Field(default=None, max_length=64)
    council: str | None = Field(default=None, max_length=64, description="Council id; default: the first configured")
    channel: Literal["web"] = "web"


class CitationOut(BaseModel):
    """A numbered source."""

    n: int
    doc_id: str
    title: str
    url: str
    section: str
    quote: str


class HandoffOut(BaseModel):
    """The handoff this turn created or joined."""

    id: str
    reason: str
    category: str | None
    priority: str
    message: str
    tier: str | None = None
    position: int | None = None


class ChatResponse(BaseModel):
    """The reply to one message."""

    conversation_id: str
    outcome: Literal["answered", "handoff", "no_answer"]
    reply: str
    citations: list[CitationOut]
    handoff: HandoffOut | None
    confidence: float


class MessageOut(BaseModel):
    """One stored (redacted) message."""

    seq: int
    role: str
    text: str
    outcome: str | None
    citations: list[CitationOut]
    created_at: datetime


class ConversationOut(BaseModel):
    """A redacted transcript."""

    id: str
    council: str
    channel: str
    state: str
    messages: list[MessageOut]


def reply_to_response(reply: Reply) -> ChatResponse:
    """Translate the core's Reply into the public contract."""
    handoff = None
    if reply.handoff is not None:
        h = reply.handoff
        handoff = HandoffOut(
            id=h.id,
            reason=h.reason.value,
            category=h.category,
            priority=h.priority.name.lower(),
            message=h.message or reply.text,
            tier=h.tier,
            position=h.position,
        )
    return ChatResponse(
        conversation_id=reply.conversation_id,
        outcome=reply.outcome.value,
        reply=reply.text,
        citations=[
            CitationOut(n=c.n, doc_id=c.doc_id, title=c.title, url=c.url, section=c.section, quote=c.quote)
            for c in reply.citations
        ],
        handoff=handoff,
        confidence=round(reply.confidence, 4),
    )


@router.post("/chat", response_model=ChatResponse)
async def chat(body: ChatRequest, services: ServicesDep) -> ChatResponse:
    """Answer a resident's message from the council's pages, or hand over to a person."""
    if not body.message.strip():
        raise InputError("message: must not be empty")
    if len(body.message) > services.settings.max_message_chars:
        raise InputError(f"message: must be at most {services.settings.max_message_chars} characters")
    council = services.councils.get(body.council) if body.council else services.councils.default
    reply = await services.conversations.handle(
        Turn(text=body.message, council_id=council.id, channel=Channel.WEB, conversation_id=body.conversation_id)
    )
    return reply_to_response(reply)


@router.get("/conversations/{conversation_id}", response_model=ConversationOut)
async def conversation(conversation_id: str, services: ServicesDep) -> ConversationOut:
    """The redacted transcript of a conversation."""
    conv = services.conversation_store.get(conversation_id)
    return ConversationOut(
        id=conv.id,
        council=conv.council_id,
        channel=conv.channel,
        state=conv.state,
        messages=[
            MessageOut(
                seq=m.seq,
                role=m.role,
                text=m.text,
                outcome=m.outcome,
                citations=[CitationOut(**c) for c in m.citations],  # type: ignore[arg-type]
                created_at=m.created_at,
            )
            for m in conv.messages
        ],
    )
