"""Builds the careline's collaborators once per process, from the app's :class:`Services`

Kept in ``services.extras`` under :data:`EXTRAS_KEY`. A test or deployment may put its own
:class:`~telephony.base.SmsSender` under :data:`SMS_SENDER_KEY` first; otherwise the Twilio adapter is used
when an account SID and auth token are configured, and no text is offered when they are not.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from councils.council import Council
from frontdoor.container import Services
from telephony.base import CallerInput, TransferCause
from telephony.call_flow import CallFlow
from telephony.call_handoff import CallHandoffs
from telephony.call_store import CallStore
from telephony.phone_core import build_phone_core
from telephony.sms_offer import SmsOffer
from telephony.speech_hints import SpeechHints
from telephony.transfer_plan import plan_transfer
from telephony.twilio_signature import TwilioSignatureCheck
from telephony.twilio_sms_sender import TwilioSmsSender
from telephony.twiml_renderer import TwimlRenderer, VoiceStyle
from telephony.webhook_replay_store import WebhookReplayStore

__all__ = ["EXTRAS_KEY", "SMS_SENDER_KEY", "Careline", "careline_for"]

EXTRAS_KEY = "telephony.careline"
SMS_SENDER_KEY = "telephony.sms_sender"

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Careline:
    """Everything a careline webhook needs."""

    flow: CallFlow
    calls: CallStore
    handoffs: CallHandoffs
    replays: WebhookReplayStore
    signature: TwilioSignatureCheck
    services: Services

    def failed(self, given: CallerInput) -> str:
        """TwiML for a webhook that failed: apologise and transfer. Never raises, never silent."""
        council = self._council(given)
        attributes, priority = None, 0
        try:
            call = self.calls.get(given.call_sid)
            if call is not None:
                handoff = self.handoffs.ensure(call, TransferCause.ERROR, given.from_)
                attributes, priority = handoff.task_attributes, handoff.priority
                self.calls.transferred(call.call_sid, handoff.id, TransferCause.ERROR.value)
        except Exception as exc:
            log.error(
                "telephony.error_handoff_failed",
                extra={"call": given.call_sid, "error": exc.__class__.__name__},
            )
        try:
            in_hours = council.opening_hours.is_open(self.flow.now())
        except Exception:
            in_hours = True
        plan = plan_transfer(
            council, TransferCause.ERROR, in_hours=in_hours, task_attributes=attributes, priority=priority
        )
        return self.flow.renderer.transfer(plan)

    def _council(self, given: CallerInput) -> Council:
        councils = self.services.councils
        try:
            call = self.calls.get(given.call_sid)
            return councils.get(call.council_id) if call else self.flow.council_for(given.to)
        except Exception:
            return councils.by_phone_number(given.to) or councils.default


def careline_for(services: Services, *, clock: Callable[[], datetime] | None = None) -> Careline:
    """The process's careline, built on first use (``clock`` decides opening hours; default: now, UTC)."""
    existing = services.extras.get(EXTRAS_KEY)
    if isinstance(existing, Careline):
        return existing
    settings = services.settings
    calls = CallStore(services.database)
    handoffs = CallHandoffs(
        services.database, services.handoffs, services.conversation_store, services.vault, calls
    )
    core = build_phone_core(
        services.conversations,
        services.councils,
        services.pipeline,
        services.conversation_store,
        services.handoffs,
        services.redactor,
    )
    sender = services.extras.get(SMS_SENDER_KEY) or TwilioSmsSender.from_settings(settings)
    flow = CallFlow(
        councils=services.councils,
        core=core,
        conversations=services.conversation_store,
        calls=calls,
        handoffs=handoffs,
        renderer=TwimlRenderer(VoiceStyle(settings.public_base_url)),
        hints=SpeechHints(services.store),
        sms=SmsOffer(sender),
        max_speech_chars=settings.max_message_chars,
        clock=clock or (lambda: datetime.now(UTC)),
    )
    careline = Careline(
        flow,
        calls,
        handoffs,
        WebhookReplayStore(services.database),
        TwilioSignatureCheck(settings.twilio_auth_token, settings.public_base_url),
        services,
    )
    services.extras[EXTRAS_KEY] = careline
    return careline
