"""Where a call goes when it goes to a person, and what is said first. Pure: council, cause and time in.

* Safeguarding or crisis: ``<Dial>`` the safeguarding team in hours, the out-of-hours team otherwise;
  the immediate tier first tells the caller to hang up and call 999 if they are in danger now.
* Anything else in hours: the council's ``handoff_mode`` — ``<Dial>`` its advisor number, or
  ``<Enqueue>`` into its Twilio queue with the handoff packet as TaskRouter task attributes.
* Anything else out of hours: ``<Dial>`` the out-of-hours team, so asking for a person always reaches one.
* Pressed 5 ("can't talk right now"): the same target with no further speech.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers

from councils.council import Council, HandoffMode
from telephony.base import TransferCause

__all__ = ["TransferPlan", "e164", "plan_transfer"]

_WORKFLOW_SID = re.compile(r"^WW[0-9a-fA-F]{32}$")
_SAFEGUARDING = {TransferCause.SAFEGUARDING, TransferCause.CRISIS}


@dataclass(frozen=True, slots=True)
class TransferPlan:
    """A transfer, ready to render as TwiML."""

    mode: HandoffMode
    lines: tuple[str, ...]
    """Said before the transfer, in order (empty on the quiet path)."""
    number: str | None = None
    """E.164 number for ``<Dial>``."""
    queue: str | None = None
    """Queue name for ``<Enqueue>`` (None when ``workflow_sid`` is used)."""
    workflow_sid: str | None = None
    task_attributes: str | None = None
    """JSON of the handoff (redacted packet only) for the TaskRouter task."""
    priority: int = 0


def e164(number: str) -> str:
    """A published UK number in E.164 (what ``<Dial>`` needs); unparseable input is returned trimmed."""
    try:
        return phonenumbers.format_number(
            phonenumbers.parse(number, "GB"), phonenumbers.PhoneNumberFormat.E164
        )
    except phonenumbers.NumberParseException:
        return number.replace(" ", "")


def plan_transfer(
    council: Council,
    cause: TransferCause,
    *,
    in_hours: bool,
    immediate: bool = False,
    task_attributes: str | None = None,
    priority: int = 0,
) -> TransferPlan:
    """Choose the target and the words for ``cause`` at a time that is ``in_hours`` or not."""
    phones = council.phones
    if cause in _SAFEGUARDING:
        team = "the council's safeguarding team" if in_hours else "the council's out-of-hours emergency team"
        number = phones.safeguarding if in_hours else phones.out_of_hours
        lines: tuple[str, ...]
        if immediate:
            lines = (
                "If you or someone else is in danger right now, hang up and call nine nine nine.",
                f"Otherwise, please stay on the line. I'm putting you through to {team} now.",
            )
        else:
            lines = (
                "Thank you for telling me.",
                f"I'm putting you through to {team} now.",
                "If anyone is in danger right now, hang up and call nine nine nine.",
            )
        return TransferPlan(HandoffMode.DIAL, lines, number=e164(number), priority=priority)
    spoken = _lines(council, cause, in_hours)
    if not in_hours:
        return TransferPlan(HandoffMode.DIAL, spoken, number=e164(phones.out_of_hours), priority=priority)
    if council.handoff_mode is HandoffMode.ENQUEUE and council.twilio_queue:
        sid = council.twilio_queue if _WORKFLOW_SID.match(council.twilio_queue) else None
        return TransferPlan(
            HandoffMode.ENQUEUE,
            spoken,
            queue=None if sid else council.twilio_queue,
            workflow_sid=sid,
            task_attributes=task_attributes,
            priority=priority,
        )
    return TransferPlan(
        HandoffMode.DIAL, spoken, number=e164(phones.advisor_transfer or phones.front_door), priority=priority
    )


def _lines(council: Council, cause: TransferCause, in_hours: bool) -> tuple[str, ...]:
    if cause is TransferCause.QUIET:
        return ()
    who = f"a person at {council.name}" if in_hours else "the council's out-of-hours team"
    first = {
        TransferCause.LOW_CONFIDENCE: ("I'm sorry, I couldn't find a clear answer to that.",),
        TransferCause.SILENCE: ("I haven't been able to hear you.",),
        TransferCause.ERROR: ("I'm sorry, something went wrong on our side.",),
    }.get(cause, ())
    closed = () if in_hours else ("The office is closed at the moment.",)
    return (*first, *closed, f"I'm putting you through to {who} now. Please stay on the line.")
