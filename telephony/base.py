"""Careline types: what a Twilio webhook carries in, what the call is waiting for, and the SMS seam.

Twilio's own types stay in the adapter modules (:mod:`telephony.twilio_sms_sender`, the TwiML renderer
and the signature check); everything else speaks these.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from frontdoor.errors import FrontDoorError

__all__ = ["Awaiting", "CallerInput", "SmsSendError", "SmsSender", "TransferCause"]


class SmsSendError(FrontDoorError):
    """A text message could not be sent (Twilio refused it or was unreachable). The call carries on."""


class SmsSender(Protocol):
    """Sends one text message. Raises :class:`SmsSendError` on failure."""

    def send(self, to: str, from_: str, body: str) -> None:
        """Send ``body`` to ``to`` from the careline number ``from_``."""
        ...


class Awaiting(StrEnum):
    """What the call's last TwiML asked the caller for; decides how the next input is read."""

    QUESTION = "question"
    SMS_CONSENT = "sms_consent"
    """"Press 1 or say yes" to have the pages' links texted."""
    REFERENCE = "reference"
    """A council reference number typed on the keypad, ending with #."""
    TRANSFERRED = "transferred"


class TransferCause(StrEnum):
    """Why the careline is putting the caller through (the core's reasons plus the phone's own)."""

    SAFEGUARDING = "safeguarding"
    CRISIS = "crisis"
    LOW_CONFIDENCE = "low_confidence"
    REQUESTED = "requested"
    PRESSED_ZERO = "pressed_zero"
    QUIET = "quiet"
    """Pressed 5: cannot talk right now. Put through with no further speech."""
    SILENCE = "silence"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class CallerInput:
    """The fields of a Twilio voice webhook the careline reads. ``speech`` is raw: only the core's redact
    step may keep it; nothing here logs it."""

    call_sid: str
    to: str
    from_: str
    speech: str = ""
    digits: str = ""
    call_status: str = ""
    call_duration: int | None = None
    dial_status: str = ""
    """DialCallStatus or QueueResult after a transfer."""

    @property
    def silent(self) -> bool:
        """Nothing was said (or recognised) and no key was pressed."""
        return not self.speech.strip() and not self.digits.strip()
