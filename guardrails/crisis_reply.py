"""Crisis and safeguarding replies: which number to route to, and the words, from Jinja2 templates.

Pure: ``render(result, council, now)`` depends only on its arguments. Routing:

* ``immediate`` -> 999 first (plus Samaritans 116 123 and NHS 111 option 2 for suicide and self-harm),
  then the council's safeguarding team in hours or its out-of-hours emergency duty team.
* ``urgent``    -> the safeguarding team in hours, the out-of-hours team otherwise; 999 if in danger.
* ``info``      -> the safeguarding team's number (and the out-of-hours team when closed).

"In hours" is the council's own opening hours in Europe/London, bank holidays closed
(:meth:`councils.council.OpeningHours.is_open`). Replies are plain text for the widget and the phone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from jinja2 import Environment, PackageLoader, StrictUndefined, TemplateError

from councils.council import UK_TZ, Council
from frontdoor.errors import GuardrailError
from guardrails.base import Category, SafeguardingResult, Speaker, Tier

__all__ = ["EMERGENCY_NUMBER", "SAMARITANS_NUMBER", "CrisisReply", "CrisisReplyRenderer", "Route"]

EMERGENCY_NUMBER = "999"
SAMARITANS_NUMBER = "116 123"
NHS_MENTAL_HEALTH = "111, option 2"
_MENTAL_HEALTH = frozenset({Category.SUICIDE, Category.SELF_HARM})
_WHO_IS = {Speaker.SELF: "you are", Speaker.OTHER: "they are", Speaker.UNKNOWN: "anyone is"}


class Route(StrEnum):
    """Who the resident or the call is pointed to first."""

    EMERGENCY = "emergency"
    SAFEGUARDING = "safeguarding"
    OUT_OF_HOURS = "out_of_hours"


@dataclass(frozen=True, slots=True)
class CrisisReply:
    """The reply text and the number it routes to (``route_number`` is what a call transfer dials)."""

    text: str
    route: Route
    route_number: str
    council_number: str
    """The council line named in the reply: safeguarding in hours, out-of-hours team otherwise."""
    in_hours: bool


class CrisisReplyRenderer:
    """Renders ``bot/templates/crisis/<tier>.j2``; build once and reuse."""

    def __init__(self, environment: Environment | None = None) -> None:
        self._env = environment or Environment(
            loader=PackageLoader("bot", "templates/crisis"),
            autoescape=False,  # plain text, never HTML; values come from council config only
            undefined=StrictUndefined,
            trim_blocks=False,
            lstrip_blocks=True,
            keep_trailing_newline=False,
        )

    def render(
        self, result: SafeguardingResult, council: Council, now: datetime, *, alongside: bool = False
    ) -> CrisisReply:
        """The reply for a detected ``result`` at ``now`` (aware, or naive UTC). ``alongside``: the words for
        an ``urgent`` flag that is answered as well (``crisis/urgent_alongside.j2``: a person is asked to
        look, the same numbers, 999 if in danger, but no "what you describe is not okay" for what may be an
        ordinary question; ``bot/steps/safeguarding_step.py``)."""
        if result.tier is None:
            raise GuardrailError("no crisis reply for a result with no tier")
        in_hours = council.opening_hours.is_open(now)
        council_number = council.phones.safeguarding if in_hours else council.phones.out_of_hours
        if result.tier is Tier.IMMEDIATE:
            route, route_number = Route.EMERGENCY, EMERGENCY_NUMBER
        else:
            route = Route.SAFEGUARDING if in_hours else Route.OUT_OF_HOURS
            route_number = council_number
        context = {
            "speaker": result.speaker.value,
            "they": _WHO_IS[result.speaker],
            "mental_health": result.category in _MENTAL_HEALTH,
            "in_hours": in_hours,
            "council_name": council.name,
            "council_number": council_number,
            "safeguarding_number": council.phones.safeguarding,
            "hours_note": _hours_note(council, now),
        }
        try:
            name = "urgent_alongside" if alongside and result.tier is Tier.URGENT else result.tier.value
            text = self._env.get_template(f"{name}.j2").render(**context)
        except TemplateError as exc:
            raise GuardrailError(f"crisis template failed: {exc}") from exc
        return CrisisReply(_tidy(text), route, route_number, council_number, in_hours)


def _hours_note(council: Council, now: datetime) -> str:
    local = (now if now.tzinfo else now.replace(tzinfo=UTC)).astimezone(UK_TZ)
    day = getattr(council.opening_hours, local.strftime("%A").lower())
    if day is None:
        return "open now"
    return f"open until {day.close.strftime('%H:%M')} today"


def _tidy(text: str) -> str:
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line)
