"""One call, webhook by webhook: caller input in, TwiML out, through the same conversation core as chat.

Synchronous (the routes run it in a worker thread). Order of checks on each turn: keypad 0 (a person) and
5 (can't talk) first, at any prompt; then silence (re-prompt, then "press 5", then transfer — never a
hang-up); then whatever the last prompt asked for (a typed reference number, consent to a text); then the
caller's words go to the core, which redacts them before anything else sees them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from bot.base import Channel, Outcome, Reply, Turn
from bot.conversation_service import ConversationService
from councils import Council, CouncilRegistry
from storage.conversation_store import ConversationStore, NewMessage
from storage.models import new_id
from telephony import call_script as script
from telephony.base import Awaiting, CallerInput, TransferCause
from telephony.call_handoff import CallHandoffs
from telephony.call_store import CallState, CallStore, PageLink
from telephony.caller_words import is_goodbye, is_no, is_yes, mentions_reference_number
from telephony.reply_renderer import is_immediate, render_reply, transfer_cause
from telephony.sms_offer import SmsOffer
from telephony.speech_hints import SpeechHints
from telephony.transfer_plan import plan_transfer
from telephony.twiml_renderer import TwimlRenderer

__all__ = ["CallFlow"]

log = logging.getLogger(__name__)


class CallFlow:
    """Decides what the careline says next. Collaborators are passed in; nothing reads the environment."""

    def __init__(
        self,
        *,
        councils: CouncilRegistry,
        core: ConversationService,
        conversations: ConversationStore,
        calls: CallStore,
        handoffs: CallHandoffs,
        renderer: TwimlRenderer,
        hints: SpeechHints,
        sms: SmsOffer,
        max_speech_chars: int = 2000,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._councils = councils
        self._core = core
        self._conversations = conversations
        self._calls = calls
        self._handoffs = handoffs
        self.renderer = renderer
        self._hints = hints
        self._sms = sms
        self._max_chars = max_speech_chars
        self._clock = clock

    def now(self) -> datetime:
        """The flow's clock (opening hours decide where transfers go)."""
        return self._clock()

    # -- webhooks --------------------------------------------------------------------------------------
    def incoming(self, given: CallerInput) -> str:
        """A new call: record it, then the notice (uninterruptible) and the first question."""
        call = self._call(given)
        council = self._councils.get(call.council_id)
        return self.renderer.speak_then_listen(
            script.greeting(council), script.HOW_CAN_I_HELP, hints=self._hints.for_council(council.id)
        )

    def turn(self, given: CallerInput) -> str:
        """What the caller said or pressed after a prompt (or nothing at all)."""
        call = self._call(given)
        council = self._councils.get(call.council_id)
        digits = given.digits.strip()
        if digits.startswith("0") and call.awaiting is not Awaiting.REFERENCE:
            return self._transfer(call, council, given, TransferCause.PRESSED_ZERO)
        if digits == "5" and call.awaiting is not Awaiting.REFERENCE:
            return self._transfer(call, council, given, TransferCause.QUIET)
        if given.silent:
            return self._silence(call, council, given)
        if call.awaiting is Awaiting.REFERENCE:
            return self._reference(call, council, digits)
        if call.awaiting is Awaiting.SMS_CONSENT and (digits == "1" or is_yes(given.speech)):
            return self._listen(call, council, self._sms.send(call, council, given))
        if call.awaiting is Awaiting.SMS_CONSENT and (digits == "2" or is_no(given.speech)):
            return self._listen(call, council, (script.SMS_DECLINED,))
        if not given.speech.strip():
            return self._listen(call, council, script.KEY_NOT_USED)
        if is_goodbye(given.speech):
            self._calls.heard(call.call_sid, Awaiting.QUESTION)
            return self.renderer.say_only(script.goodbye(council))
        if mentions_reference_number(given.speech):
            self._calls.heard(call.call_sid, Awaiting.REFERENCE)
            return self.renderer.speak_then_listen(
                (), " ".join(script.REFERENCE_PROMPT), keypad_only=True, finish_on_key="#"
            )
        return self._ask_core(call, council, given)

    def after_transfer(self, given: CallerInput) -> str:
        """A ``<Dial>``/``<Enqueue>`` ended. If nobody answered, say so and keep the caller with us."""
        call = self._call(given)
        council = self._councils.get(call.council_id)
        if given.dial_status in ("completed", "answered", "bridged"):
            return self.renderer.say_only(script.goodbye(council))
        log.warning(
            "telephony.transfer_not_connected", extra={"call": call.call_sid, "status": given.dial_status}
        )
        self._calls.heard(call.call_sid, Awaiting.QUESTION)
        return self.renderer.speak_then_listen(
            script.TRANSFER_NOT_CONNECTED, script.TRY_AGAIN_PROMPT, hints=self._hints.for_council(council.id)
        )

    def status(self, given: CallerInput) -> str:
        """The call ended: record its status and duration, and note it in the conversation."""
        ended = self._calls.ended(given.call_sid, given.call_status or "completed", given.call_duration)
        if ended is not None:
            self._conversations.append(
                ended.conversation_id,
                [
                    NewMessage(
                        "system",
                        f"Call ended ({given.call_status or 'completed'}, {given.call_duration or 0} s).",
                    )
                ],
            )
            log.info(
                "telephony.call_ended",
                extra={"call": given.call_sid, "status": given.call_status, "duration": given.call_duration},
            )
        return self.renderer.empty()

    # -- steps -----------------------------------------------------------------------------------------
    def _ask_core(self, call: CallState, council: Council, given: CallerInput) -> str:
        reply = self._core.handle_sync(
            Turn(
                text=given.speech[: self._max_chars],
                council_id=council.id,
                channel=Channel.PHONE,
                conversation_id=call.conversation_id,
            )
        )
        log.info("telephony.turn", extra={"call": call.call_sid, "outcome": reply.outcome.value})
        # A handoff beside an answer (a flagged question, bot/steps/safeguarding_step.py) transfers too.
        if reply.silent or reply.outcome is Outcome.HANDOFF or reply.handoff is not None:
            return self._transfer(call, council, given, transfer_cause(reply), reply)
        links = _links(reply)
        offer = self._sms.available(given) and bool(links)
        self._calls.heard(call.call_sid, Awaiting.SMS_CONSENT if offer else Awaiting.QUESTION, links)
        return render_reply(reply, self.renderer, hints=self._hints.for_council(council.id), offer_sms=offer)

    def _silence(self, call: CallState, council: Council, given: CallerInput) -> str:
        count = self._calls.silence(call.call_sid)
        hints = self._hints.for_council(council.id)
        if count == 1:
            return self.renderer.speak_then_listen(script.NOT_HEARD, script.NOT_HEARD_PROMPT, hints=hints)
        if count == 2:
            return self.renderer.speak_then_listen((), script.CANT_TALK_OFFER, hints=hints)
        return self._transfer(call, council, given, TransferCause.SILENCE)

    def _reference(self, call: CallState, council: Council, digits: str) -> str:
        typed = digits.rstrip("#")
        if not typed or "*" in typed:
            return self._listen(call, council, script.REFERENCE_SKIPPED)
        self._handoffs.keep_secret(call, "caller_reference", typed)
        self._conversations.append(call.conversation_id, [NewMessage("system", script.REFERENCE_NOTE)])
        return self._listen(call, council, script.REFERENCE_THANKS)

    def _listen(self, call: CallState, council: Council, said: tuple[str, ...]) -> str:
        self._calls.heard(call.call_sid, Awaiting.QUESTION)
        return self.renderer.speak_then_listen(
            said, script.ANYTHING_ELSE, hints=self._hints.for_council(council.id)
        )

    def _transfer(
        self,
        call: CallState,
        council: Council,
        given: CallerInput,
        cause: TransferCause,
        reply: Reply | None = None,
    ) -> str:
        handoff = self._handoffs.ensure(call, cause, given.from_, reply.handoff if reply else None)
        plan = plan_transfer(
            council,
            cause,
            in_hours=council.opening_hours.is_open(self.now()),
            immediate=reply is not None and is_immediate(reply),
            task_attributes=handoff.task_attributes,
            priority=handoff.priority,
        )
        self._calls.transferred(call.call_sid, handoff.id, cause.value)
        log.info(
            "telephony.transfer",
            extra={
                "call": call.call_sid,
                "cause": cause.value,
                "handoff": handoff.id,
                "mode": plan.mode.value,
            },
        )
        return self.renderer.transfer(plan)

    def _call(self, given: CallerInput) -> CallState:
        """The call's state, recording it (and its conversation) on first sight. ``To`` picks the council."""
        known = self._calls.get(given.call_sid)
        if known is not None:
            return known
        council = self.council_for(given.to)
        conversation_id, _ = self._conversations.ensure(
            new_id(), council.id, Channel.PHONE.value, external_ref=given.call_sid
        )
        log.info("telephony.call_started", extra={"call": given.call_sid, "council": council.id})
        return self._calls.start(given.call_sid, conversation_id, council.id)

    def council_for(self, called: str) -> Council:
        """The council whose careline number was called; the first council if the number is not listed."""
        council = self._councils.by_phone_number(called)
        if council is None:
            log.warning("telephony.unknown_number", extra={"called": called})
            return self._councils.default
        return council


def _links(reply: Reply) -> tuple[PageLink, ...]:
    seen: dict[str, PageLink] = {}
    for c in reply.citations:
        if c.url:
            seen.setdefault(c.url, PageLink(c.title, c.url))
    return tuple(seen.values())
