"""The careline's Twilio webhooks. They translate and nothing else: form fields in, TwiML out.

``POST /telephony/voice`` (a call arrives), ``POST /telephony/voice/turn`` (after each prompt),
``POST /telephony/voice/after-transfer`` (a ``<Dial>``/``<Enqueue>`` ended) and ``POST /telephony/status``
(the call's status callback). Every route first checks ``X-Twilio-Signature`` (403, no TwiML, if it is
missing or wrong), replays the stored TwiML for a retried request (``I-Twilio-Idempotency-Token`` +
CallSid), and turns any failure into TwiML that apologises and transfers.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Annotated

import anyio.to_thread
from fastapi import APIRouter, Depends, Request, Response
from starlette.datastructures import FormData

from frontdoor.api.deps import ServicesDep
from telephony.base import CallerInput
from telephony.careline import Careline, careline_for
from telephony.webhook_replay_store import replay_key

__all__ = ["IDEMPOTENCY_HEADER", "caller_input", "router"]

log = logging.getLogger(__name__)

IDEMPOTENCY_HEADER = "I-Twilio-Idempotency-Token"
TWIML = "application/xml"

router = APIRouter(prefix="/telephony", tags=["telephony"])


def get_careline(services: ServicesDep) -> Careline:
    """The process's careline."""
    return careline_for(services)


CarelineDep = Annotated[Careline, Depends(get_careline)]


async def verified_form(request: Request, careline: CarelineDep) -> FormData:
    """The webhook's form fields once its Twilio signature checks out (else 403)."""
    return await careline.signature.verified_form(request)


TwilioFormDep = Annotated[FormData, Depends(verified_form)]


def caller_input(form: FormData) -> CallerInput:
    """The fields the careline reads from a Twilio webhook."""

    def field(name: str) -> str:
        value = form.get(name)
        return value if isinstance(value, str) else ""

    duration = field("CallDuration")
    return CallerInput(
        call_sid=field("CallSid"),
        to=field("To"),
        from_=field("From"),
        speech=field("SpeechResult"),
        digits=field("Digits"),
        call_status=field("CallStatus"),
        call_duration=int(duration) if duration.isdigit() else None,
        dial_status=field("DialCallStatus") or field("QueueResult"),
    )


@router.post("/voice")
async def voice(request: Request, form: TwilioFormDep, careline: CarelineDep) -> Response:
    """A call arrives: the notice, then the first question."""
    return await _answer(request, form, careline, careline.flow.incoming)


@router.post("/voice/turn")
async def voice_turn(request: Request, form: TwilioFormDep, careline: CarelineDep) -> Response:
    """The caller spoke, pressed a key, or stayed silent."""
    return await _answer(request, form, careline, careline.flow.turn)


@router.post("/voice/after-transfer")
async def after_transfer(request: Request, form: TwilioFormDep, careline: CarelineDep) -> Response:
    """A transfer ended (answered, or nobody picked up)."""
    return await _answer(request, form, careline, careline.flow.after_transfer)


@router.post("/status")
async def status(request: Request, form: TwilioFormDep, careline: CarelineDep) -> Response:
    """Twilio's status callback: records the end of the call and its duration."""
    return await _answer(request, form, careline, careline.flow.status)


async def _answer(
    request: Request, form: FormData, careline: Careline, handler: Callable[[CallerInput], str]
) -> Response:
    given = caller_input(form)
    token = request.headers.get(IDEMPOTENCY_HEADER)
    twiml = await anyio.to_thread.run_sync(_run, careline, handler, given, token, request.url.path)
    return Response(content=twiml, media_type=TWIML)


def _run(
    careline: Careline,
    handler: Callable[[CallerInput], str],
    given: CallerInput,
    token: str | None,
    path: str,
) -> str:
    key = replay_key(token, given.call_sid, path) if token and given.call_sid else None
    if key is not None:
        try:
            replay = careline.replays.claim(key, given.call_sid)
        except Exception as exc:
            log.error(
                "telephony.replay_unavailable",
                extra={"call": given.call_sid, "error": exc.__class__.__name__},
            )
            key, replay = None, None
        if replay is not None:
            log.info("telephony.replayed", extra={"call": given.call_sid, "path": path})
            return replay
    try:
        twiml = handler(given)
    except Exception as exc:
        log.error(
            "telephony.webhook_failed",
            extra={"call": given.call_sid, "path": path, "error": exc.__class__.__name__},
        )
        twiml = careline.failed(given)
    if key is not None:
        try:
            careline.replays.save(key, twiml)
        except Exception as exc:
            log.error(
                "telephony.replay_not_saved", extra={"call": given.call_sid, "error": exc.__class__.__name__}
            )
    return twiml
