"""The console's JSON API under ``/api/v1/advisor/``: sign-in, the live queue, and handoff actions.

Every route needs a signed-in session (cookie); every state-changing call also needs the session's CSRF
token in ``X-CSRF-Token``. A handoff of a council outside the user's scope is "not found" (404).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Annotated

import anyio
import anyio.to_thread
from fastapi import APIRouter, Depends, FastAPI, Query, Request, Response
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field

from advisor_console.deps import (
    LOGIN_CSRF_COOKIE,
    ConsoleDep,
    PrincipalDep,
    clear_session_cookie,
    get_console,
    require_api_csrf,
    session_token,
    set_login_cookie,
    set_session_cookie,
)
from advisor_console.views import HandoffView, QueueItemView, WaitView, handoff_view, item_view, wait_view
from frontdoor.api.sse import Poll, SseEvent, event_stream, sse_response
from frontdoor.errors import StoreError

__all__ = ["router"]

log = logging.getLogger(__name__)

SWEEP_SECONDS = 30.0
POLL_SECONDS = 1.0


@asynccontextmanager
async def _sweeper(app: FastAPI) -> AsyncIterator[None]:
    """Every 30 s, turn handoffs nobody can take (closed, or unclaimed too long) into callbacks."""

    async def loop() -> None:
        while True:
            services = getattr(app.state, "services", None)
            if services is not None:
                try:
                    await anyio.to_thread.run_sync(get_console(services).queue.sweep)
                except StoreError:
                    log.error("handoff.sweep_failed")
            await anyio.sleep(SWEEP_SECONDS)

    async with anyio.create_task_group() as group:
        group.start_soon(loop)
        yield
        group.cancel_scope.cancel()


router = APIRouter(prefix="/api/v1/advisor", tags=["advisor"], lifespan=_sweeper)
CsrfDep = Depends(require_api_csrf)


class LoginRequest(BaseModel):
    """Credentials for a local account."""

    username: str = Field(min_length=1, max_length=128)
    password: str = Field(min_length=1, max_length=1024)


class MeOut(BaseModel):
    """The signed-in user and the CSRF token for state-changing calls."""

    username: str
    role: str
    councils: list[str]
    csrf_token: str
    expires_at: datetime | None = None


class CsrfOut(BaseModel):
    """A sign-in CSRF token (also set as a cookie)."""

    csrf_token: str


class ReplyIn(BaseModel):
    """An advisor's message to the resident."""

    text: str = Field(min_length=1, max_length=4000)


class CloseIn(BaseModel):
    """How the handoff ended."""

    outcome: str = Field(min_length=1, max_length=32)


class RevealIn(BaseModel):
    """Why the original words are needed (audited)."""

    reason: str = Field(min_length=3, max_length=500)


class SentOut(BaseModel):
    """A stored advisor message."""

    seq: int


class OriginalsOut(BaseModel):
    """Placeholder → original, and other kept originals (e.g. a caller's number)."""

    originals: dict[str, str]
    secrets: dict[str, str]


@router.get("/csrf", response_model=CsrfOut)
def login_csrf(response: Response, console: ConsoleDep) -> CsrfOut:
    """Start signing in: a CSRF token to echo in ``X-CSRF-Token`` when posting credentials."""
    token = console.csrf.new_login_token()
    set_login_cookie(response, console.services.settings, token)
    return CsrfOut(csrf_token=token)


@router.post("/login", response_model=MeOut)
def login(body: LoginRequest, request: Request, response: Response, console: ConsoleDep) -> MeOut:
    """Sign in; sets the session cookie and returns the session's CSRF token."""
    console.csrf.check_login(request.cookies.get(LOGIN_CSRF_COOKIE), request.headers.get("X-CSRF-Token"))
    principal = console.authenticator.authenticate(body.username, body.password)
    session = console.sessions.start(principal)
    set_session_cookie(response, console.services.settings, session)
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/")
    return MeOut(
        username=principal.username,
        role=principal.role.value,
        councils=sorted(principal.councils),
        csrf_token=console.csrf.for_session(session.token),
        expires_at=session.expires_at,
    )


@router.post("/logout", status_code=204, dependencies=[CsrfDep])
def logout(request: Request, response: Response, who: PrincipalDep, console: ConsoleDep) -> Response:
    """End the session."""
    console.sessions.end(session_token(request, console))
    out = Response(status_code=204)
    clear_session_cookie(out, console.services.settings)
    return out


@router.get("/me", response_model=MeOut)
def me(request: Request, who: PrincipalDep, console: ConsoleDep) -> MeOut:
    """Who is signed in (and the CSRF token, for a page that lost it)."""
    token = session_token(request, console) or ""
    return MeOut(
        username=who.username,
        role=who.role.value,
        councils=sorted(who.councils),
        csrf_token=console.csrf.for_session(token),
    )


@router.get("/queue", response_model=list[QueueItemView])
def queue(who: PrincipalDep, console: ConsoleDep) -> list[QueueItemView]:
    """Open handoffs of the user's councils: highest priority first, then longest wait."""
    return [item_view(i) for i in console.open_queue(who)]


@router.get("/queue/events", response_class=StreamingResponse)
def queue_events(
    who: PrincipalDep, console: ConsoleDep, wait: Annotated[float, Query(ge=0, le=60)] = 25
) -> StreamingResponse:
    """Server-sent ``queue`` events: the whole visible queue whenever it changes."""
    last: list[str] = []

    def poll() -> Poll:
        items = [item_view(i).model_dump(mode="json") for i in console.open_queue(who)]
        digest = hashlib.sha256(
            repr([(i["id"], i["status"], i["priority"]) for i in items]).encode()
        ).hexdigest()
        if last and last[0] == digest:
            return Poll([])
        last[:] = [digest]
        return Poll([SseEvent("queue", {"items": items})])

    return sse_response(event_stream(poll, wait=wait, interval=POLL_SECONDS))


@router.get("/handoffs/{handoff_id}", response_model=HandoffView)
def handoff(handoff_id: str, who: PrincipalDep, console: ConsoleDep) -> HandoffView:
    """A handoff with its packet and redacted conversation."""
    return handoff_view(console.handoff(who, handoff_id), console.transcript(who, handoff_id))


@router.get("/handoffs/{handoff_id}/events", response_class=StreamingResponse)
def handoff_events(
    handoff_id: str,
    request: Request,
    who: PrincipalDep,
    console: ConsoleDep,
    after: Annotated[int, Query(ge=0)] = 0,
    wait: Annotated[float, Query(ge=0, le=60)] = 25,
) -> StreamingResponse:
    """Server-sent ``message`` events (every role, after ``after``/Last-Event-ID) and ``status`` changes."""
    item = console.handoff(who, handoff_id)
    cursor = [max(after, _last_event_id(request))]
    seen: list[str] = []

    def poll() -> Poll:
        current = console.handoff(who, handoff_id)
        state, messages = console.queue.messages_after(item.conversation_id, cursor[0])
        events = [
            SseEvent(
                "message",
                {"seq": m.seq, "role": m.role, "text": m.text, "created_at": m.created_at.isoformat()},
                str(m.seq),
            )
            for m in messages
        ]
        if messages:
            cursor[0] = messages[-1].seq
        status = f"{current.status}:{current.claimed_by}:{state}"
        if not seen or seen[0] != status:
            seen[:] = [status]
            events.append(
                SseEvent(
                    "status",
                    {
                        "status": current.status,
                        "claimed_by": current.claimed_by,
                        "conversation_state": state,
                        "priority": current.priority_name,
                    },
                )
            )
        return Poll(events, finished=current.status == "closed")

    return sse_response(event_stream(poll, wait=wait, interval=POLL_SECONDS))


@router.post("/handoffs/{handoff_id}/claim", response_model=QueueItemView, dependencies=[CsrfDep])
def claim(handoff_id: str, who: PrincipalDep, console: ConsoleDep) -> QueueItemView:
    """Claim (409 if someone else already has)."""
    return item_view(console.claim(who, handoff_id))


@router.post(
    "/handoffs/{handoff_id}/messages", response_model=SentOut, status_code=201, dependencies=[CsrfDep]
)
def send(handoff_id: str, body: ReplyIn, who: PrincipalDep, console: ConsoleDep) -> SentOut:
    """Send the resident a message (redacted before it is stored)."""
    return SentOut(seq=console.reply(who, handoff_id, body.text))


@router.post("/handoffs/{handoff_id}/release", response_model=QueueItemView, dependencies=[CsrfDep])
def release(handoff_id: str, who: PrincipalDep, console: ConsoleDep) -> QueueItemView:
    """Hand back to the queue."""
    return item_view(console.release(who, handoff_id))


@router.post("/handoffs/{handoff_id}/close", response_model=QueueItemView, dependencies=[CsrfDep])
def close(handoff_id: str, body: CloseIn, who: PrincipalDep, console: ConsoleDep) -> QueueItemView:
    """Close with an outcome code."""
    return item_view(console.close(who, handoff_id, body.outcome))


@router.post("/handoffs/{handoff_id}/reveal", response_model=OriginalsOut, dependencies=[CsrfDep])
def reveal(handoff_id: str, body: RevealIn, who: PrincipalDep, console: ConsoleDep) -> OriginalsOut:
    """Reveal the original words (holder or supervisor/admin only; audited)."""
    found = console.reveal(who, handoff_id, body.reason)
    return OriginalsOut(originals=found.originals, secrets={s.kind: s.value for s in found.secrets})


@router.get("/summary", response_model=list[WaitView])
def summary(who: PrincipalDep, console: ConsoleDep) -> list[WaitView]:
    """Supervisor view: waiting counts and waits by council and reason."""
    return [wait_view(r) for r in console.summary(who)]


def _last_event_id(request: Request) -> int:
    raw = request.headers.get("Last-Event-ID", "")
    return int(raw) if raw.isdigit() else 0
