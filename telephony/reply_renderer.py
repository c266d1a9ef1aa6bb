"""The core's :class:`~bot.base.Reply` rendered for the ear, as TwiML. Pure: reply in, XML string out."""

from __future__ import annotations

from collections.abc import Sequence

from bot.base import HandoffReason, Priority, Reply
from telephony import call_script
from telephony.base import TransferCause
from telephony.phone_core import SECOND_CHANCE_RULE
from telephony.spoken_text import sentences_for_the_ear
from telephony.transfer_plan import TransferPlan
from telephony.twiml_renderer import TwimlRenderer

__all__ = ["is_immediate", "render_reply", "transfer_cause"]

_CAUSES = {
    HandoffReason.SAFEGUARDING: TransferCause.SAFEGUARDING,
    HandoffReason.CRISIS: TransferCause.CRISIS,
    HandoffReason.LOW_CONFIDENCE: TransferCause.LOW_CONFIDENCE,
    HandoffReason.REQUESTED: TransferCause.REQUESTED,
    HandoffReason.REDACTION_FAILURE: TransferCause.ERROR,
    HandoffReason.ERROR: TransferCause.ERROR,
}


def transfer_cause(reply: Reply) -> TransferCause:
    """Why a handoff reply transfers the call (a reply without handoff details counts as a request)."""
    return (
        _CAUSES.get(reply.handoff.reason, TransferCause.REQUESTED)
        if reply.handoff
        else TransferCause.REQUESTED
    )


def is_immediate(reply: Reply) -> bool:
    """Whether the core judged the caller (or someone) in danger now: say 999 before the transfer."""
    h = reply.handoff
    return h is not None and (h.tier == "immediate" or h.priority is Priority.IMMEDIATE)


def render_reply(
    reply: Reply,
    renderer: TwimlRenderer,
    *,
    hints: Sequence[str] = (),
    offer_sms: bool = False,
    transfer: TransferPlan | None = None,
) -> str:
    """Transfer when given a plan; otherwise say the answer in short spoken sentences (no URLs, no [n]
    citations, money and phone numbers in words) and ask what else, offering the text message if allowed."""
    if transfer is not None:
        return renderer.transfer(transfer)
    said = sentences_for_the_ear(reply.text, reply.citations)
    if SECOND_CHANCE_RULE in reply.rules_fired:
        prompt = call_script.REPHRASE
    elif offer_sms:
        prompt = call_script.SMS_OFFER
    else:
        prompt = call_script.ANYTHING_ELSE
    return renderer.speak_then_listen(said, prompt, hints=hints)
