"""``POST /api/v1/chat/stream``: the same turn as ``POST /api/v1/chat``, sent as server-sent events.

Events: ``delta`` (``{"text": ...}``) one sentence at a time — concatenating every delta gives the reply
text exactly — then ``done`` with the full ``ChatResponse`` (citations, outcome, handoff).

The whole turn runs first, through the full pipeline, so the output guardrails, the stored transcript and
any handoff are exactly those of ``POST /chat``. This costs no latency: the LLM composer verifies the whole
draft before it releases a sentence (see ``bot.llm.llm_composer``), so nothing could be sent earlier.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from bot.base import Channel, Turn
from frontdoor.api.chat import ChatRequest, reply_to_response
from frontdoor.api.deps import ServicesDep
from frontdoor.api.sse import SseEvent, sse_response
from frontdoor.errors import InputError

__all__ = ["router", "split_for_stream"]

router = APIRouter(prefix="/api/v1", tags=["chat"])

_BOUNDARY = re.compile(r"(?<=[.!?])(?:\s*\[\d+(?:,\s*\d+)*\])?\s+")


def split_for_stream(text: str) -> list[str]:
    """Sentence-sized pieces of ``text`` (markers and spacing kept) whose concatenation is ``text``."""
    pieces: list[str] = []
    last = 0
    for match in _BOUNDARY.finditer(text):
        pieces.append(text[last : match.end()])
        last = match.end()
    if last < len(text):
        pieces.append(text[last:])
    return pieces


@router.post("/chat/stream")
async def chat_stream(body: ChatRequest, services: ServicesDep) -> StreamingResponse:
    """Answer a resident's message as an event stream (validation errors are ordinary problem responses)."""
    if not body.message.strip():
        raise InputError("message: must not be empty")
    if len(body.message) > services.settings.max_message_chars:
        raise InputError(f"message: must be at most {services.settings.max_message_chars} characters")
    council = services.councils.get(body.council) if body.council else services.councils.default
    turn = Turn(body.message, council.id, Channel.WEB, body.conversation_id)
    reply = await services.conversations.handle(turn)
    response = reply_to_response(reply)

    async def events() -> AsyncIterator[str]:
        for piece in split_for_stream(response.reply):
            yield SseEvent("delta", {"text": piece}).encode()
        yield SseEvent("done", response.model_dump(mode="json")).encode()

    return sse_response(events())
