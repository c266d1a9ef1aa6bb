"""The resident's side of a handoff: ``POST /api/v1/conversations/{id}/handoff`` (ask for a person at any
time) and ``GET /api/v1/conversations/{id}/events`` (server-sent events: advisor and system messages, and
status changes with the queue position).

The resident keeps writing through ``POST /api/v1/chat``; while a person holds the conversation the bot
stays silent and the message goes to the advisor. Knowing the conversation id is what entitles a caller
to it, exactly as for ``GET /api/v1/conversations/{id}``.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel

from advisor_console.console import AdvisorConsole
from advisor_console.deps import ConsoleDep
from bot.base import HandoffReason, Priority
from frontdoor.api.deps import ServicesDep
from frontdoor.api.sse import Poll, SseEvent, event_stream, sse_response
from storage.callback_desk import callback_notice
from storage.handoff_store import HandoffTicket, NewHandoff

__all__ = ["HandoffRequest", "HandoffStatus", "router"]

router = APIRouter(prefix="/api/v1/conversations", tags=["handoff"])
POLL_SECONDS = 1.0


class HandoffRequest(BaseModel):
    """A resident asks for a person. Both fields are optional; neither holds free text."""

    contact_preference: Literal["chat", "phone", "email", "text", "none"] | None = None
    safe_to_contact: bool | None = None


class HandoffStatus(BaseModel):
    """Where the resident's request stands."""

    handoff_id: str
    status: Literal["waiting", "claimed", "callback", "closed"]
    position: int | None
    expected_wait_minutes: int | None
    message: str


def status_of(console: AdvisorConsole, ticket: HandoffTicket, council_id: str) -> HandoffStatus:
    """The resident-facing status of a ticket, with a sentence to show."""
    council = console.services.councils.get(council_id)
    wait = (
        console.queue.expected_wait_minutes(council_id, ticket.position)
        if ticket.status == "waiting"
        else None
    )
    if ticket.status == "callback":
        message = callback_notice(
            council, "out_of_hours" if not council.opening_hours.is_open(console.clock()) else "unclaimed"
        )
    elif ticket.status == "claimed":
        message = "An adviser from the council is with you now."
    elif ticket.status == "waiting":
        message = f"You're number {ticket.position} in the queue for a person at {council.name}."
        if wait is not None:
            message += f" The wait is about {wait} minute{'s' if wait != 1 else ''}."
        message += " If anyone is in danger now, call 999."
    else:
        message = "This conversation with an adviser has ended."
    return HandoffStatus(
        handoff_id=ticket.id,
        status=ticket.status,  # type: ignore[arg-type]
        position=ticket.position or None,
        expected_wait_minutes=wait,
        message=message,
    )


@router.post("/{conversation_id}/handoff", response_model=HandoffStatus, status_code=201)
def ask_for_person(
    conversation_id: str, body: HandoffRequest, services: ServicesDep, console: ConsoleDep
) -> HandoffStatus:
    """Join the queue for a person (or report the place already held). Out of hours: a callback request."""
    conv = services.conversation_store.get(conversation_id)
    last_bot = next((m for m in reversed(conv.messages) if m.role == "bot"), None)
    packet: dict[str, object] = {
        "transcript": [f"{m.role}: {m.text}" for m in conv.messages],
        "bot_said": last_bot.text if last_bot else "",
        "citations": last_bot.citations if last_bot else [],
        "rules_fired": ["resident:asked_for_person"],
        "contact_preference": body.contact_preference,
        "safe_to_contact": body.safe_to_contact,
    }
    ticket = services.handoffs.create(
        NewHandoff(
            conversation_id,
            conv.council_id,
            conv.channel,
            HandoffReason.REQUESTED.value,
            int(Priority.REQUESTED),
            packet=packet,
        )
    )
    if body.contact_preference is not None or body.safe_to_contact is not None:
        console.actions.set_contact(ticket.id, body.contact_preference, body.safe_to_contact)
    fresh = services.handoffs.ticket(ticket.id) or ticket
    return status_of(console, fresh, conv.council_id)


@router.get("/{conversation_id}/events", response_class=StreamingResponse)
def events(
    conversation_id: str,
    request: Request,
    services: ServicesDep,
    console: ConsoleDep,
    after: Annotated[int, Query(ge=0)] = 0,
    wait: Annotated[float, Query(ge=0, le=60)] = 25,
) -> StreamingResponse:
    """Server-sent events: ``message`` (advisor and system messages) and ``status`` (state, queue place)."""
    conv = services.conversation_store.get(conversation_id)  # 404 before the stream starts
    raw = request.headers.get("Last-Event-ID", "")
    cursor = [max(after, int(raw) if raw.isdigit() else 0)]
    seen: list[str] = []

    def poll() -> Poll:
        console.queue.sweep(conversation_id)
        state, messages = console.queue.messages_after(
            conversation_id, cursor[0], roles=("advisor", "system")
        )
        found = [
            SseEvent(
                "message",
                {"seq": m.seq, "role": m.role, "text": m.text, "created_at": m.created_at.isoformat()},
                str(m.seq),
            )
            for m in messages
        ]
        if messages:
            cursor[0] = messages[-1].seq
        item = console.queue.for_conversation(conversation_id)
        ticket = services.handoffs.ticket(item.id) if item is not None else None
        data: dict[str, object] = {"conversation_state": state, "handoff": None}
        if ticket is not None:
            data["handoff"] = status_of(console, ticket, conv.council_id).model_dump()
        key = repr((state, ticket))
        if not seen or seen[0] != key:
            seen[:] = [key]
            found.append(SseEvent("status", data))
        return Poll(found)

    return sse_response(event_stream(poll, wait=wait, interval=POLL_SECONDS))
