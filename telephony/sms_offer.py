"""Texting the caller the links to the pages an answer used — only after they agreed (press 1 or "yes").

The number is the one Twilio says is calling (``From``), used for this one send and never stored in clear;
the message is sent from the careline number that was called. A failed send is logged without the number or
any text, and the call carries on.
"""

from __future__ import annotations

import logging

from councils import Council
from telephony import call_script as script
from telephony.base import CallerInput, SmsSender, SmsSendError
from telephony.call_store import CallState

__all__ = ["SmsOffer"]

log = logging.getLogger(__name__)

_WITHHELD = {"anonymous", "restricted", "unknown", "+266696687", "+7378742833", "+2562533", "+8656696"}


class SmsOffer:
    """Whether a text can be offered, and sending it."""

    def __init__(self, sender: SmsSender | None) -> None:
        self._sender = sender

    def available(self, given: CallerInput) -> bool:
        """A sender is configured and the caller's number is not withheld."""
        number = given.from_.strip()
        return (
            self._sender is not None
            and number.startswith("+")
            and len(number) >= 8
            and number.lower() not in _WITHHELD
        )

    def send(self, call: CallState, council: Council, given: CallerInput) -> tuple[str, ...]:
        """Send the links of the last answer; returns what to tell the caller."""
        if self._sender is None or not call.sms_links or not self.available(given):
            return (script.SMS_FAILED,)
        body = script.sms_body(council, [(p.title, p.url) for p in call.sms_links])
        try:
            self._sender.send(given.from_.strip(), given.to.strip(), body)
        except SmsSendError as exc:
            log.warning(
                "telephony.sms_failed",
                extra={
                    "call": call.call_sid,
                    "error": exc.__class__.__name__,
                    "cause": exc.__cause__.__class__.__name__,
                },
            )
            return (script.SMS_FAILED,)
        log.info("telephony.sms_sent", extra={"call": call.call_sid, "links": len(call.sms_links)})
        return (script.SMS_SENT,)
