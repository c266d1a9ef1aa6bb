"""Renders what the careline says as TwiML, with ``twilio.twiml.voice_response``. Pure: data in, XML out.

Conventions every call follows:

* A notice callers must hear is a ``<Say>`` *before* the ``<Gather>`` (so it cannot be talked over);
  the short prompt that follows is inside the ``<Gather>`` (so the caller can answer straight away).
* Every ``<Gather>`` is followed by a ``<Redirect>`` to the turn webhook, so silence comes back to us as an
  empty turn (re-prompt, "press 5", then transfer) and a call is never left to hang up on its own.
* Voice: Amazon Polly ``Polly.Amy`` (British English, female), ``language="en-GB"`` on every ``<Say>`` and
  ``<Gather>``; ``VoiceStyle`` changes it (e.g. ``Google.en-GB-Standard-A``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from twilio.twiml.voice_response import Gather, VoiceResponse

from councils.council import HandoffMode
from telephony.transfer_plan import TransferPlan

__all__ = ["AFTER_TRANSFER_PATH", "TURN_PATH", "TwimlRenderer", "VoiceStyle"]

TURN_PATH = "/telephony/voice/turn"
AFTER_TRANSFER_PATH = "/telephony/voice/after-transfer"
MAX_HINTS = 100


@dataclass(frozen=True, slots=True)
class VoiceStyle:
    """How the careline sounds and where Twilio posts back to."""

    base_url: str
    voice: str = "Polly.Amy"
    language: str = "en-GB"
    gather_timeout: int = 6
    """Seconds of silence before a ``<Gather>`` gives up."""
    dial_timeout: int = 30

    def url(self, path: str) -> str:
        """The public URL of one of our webhooks."""
        return self.base_url.rstrip("/") + path


class TwimlRenderer:
    """Builds every TwiML document of the careline. Holds only its :class:`VoiceStyle`."""

    def __init__(self, style: VoiceStyle) -> None:
        self.style = style

    def speak_then_listen(
        self,
        said: Sequence[str],
        prompt: str,
        *,
        hints: Sequence[str] = (),
        keypad_only: bool = False,
        finish_on_key: str | None = None,
    ) -> str:
        """``said`` as uninterruptible ``<Say>`` verbs, then ``prompt`` inside a ``<Gather>``, then a
        ``<Redirect>`` back to the turn webhook for silence."""
        response = VoiceResponse()
        for line in said:
            self._say(response, line)
        gather = response.gather(
            input="dtmf" if keypad_only else "speech dtmf",
            action=self.style.url(TURN_PATH),
            method="POST",
            language=self.style.language,
            timeout=self.style.gather_timeout,
            **({"finish_on_key": finish_on_key} if finish_on_key else {"num_digits": 1}),
            **({} if keypad_only else {"speech_timeout": "auto"}),
            **({"hints": ", ".join(hints[:MAX_HINTS])} if hints and not keypad_only else {}),
        )
        self._say(gather, prompt)
        response.redirect(self.style.url(TURN_PATH), method="POST")
        return str(response)

    def transfer(self, plan: TransferPlan, before: Sequence[str] = ()) -> str:
        """Say ``before`` and the plan's lines, then ``<Dial>`` or ``<Enqueue>``; the action webhook hears
        how it ended."""
        response = VoiceResponse()
        for line in (*before, *plan.lines):
            self._say(response, line)
        action = self.style.url(AFTER_TRANSFER_PATH)
        if plan.mode is HandoffMode.ENQUEUE:
            enqueue = response.enqueue(
                plan.queue, action=action, method="POST", workflow_sid=plan.workflow_sid
            )
            if plan.task_attributes is not None:
                enqueue.task(plan.task_attributes, priority=plan.priority)
        else:
            dial = response.dial(
                action=action, method="POST", timeout=self.style.dial_timeout, answer_on_bridge=True
            )
            dial.number(plan.number)
        return str(response)

    def say_only(self, said: Sequence[str]) -> str:
        """Speech and nothing after it: the call ends when Twilio runs out of verbs (used once a call
        has been with a person, or the caller said goodbye)."""
        response = VoiceResponse()
        for line in said:
            self._say(response, line)
        return str(response)

    @staticmethod
    def empty() -> str:
        """An empty ``<Response/>`` (status callbacks)."""
        return str(VoiceResponse())

    def _say(self, parent: VoiceResponse | Gather, text: str) -> None:
        parent.say(text, voice=self.style.voice, language=self.style.language)
