"""One council's configuration, validated from the councils YAML.

Everything council-specific (names, phone numbers, opening hours, handoff targets, Twilio numbers, allowed
web origins, theme, case-reference patterns) lives here so that one deployment serves many councils.
"""

from __future__ import annotations

import re
from datetime import datetime, time
from enum import StrEnum
from zoneinfo import ZoneInfo

import holidays
from pydantic import BaseModel, ConfigDict, Field, HttpUrl, field_validator, model_validator

__all__ = [
    "UK_TZ",
    "CaseReferencePattern",
    "Council",
    "HandoffMode",
    "OpeningHours",
    "PhoneNumbers",
    "Theme",
    "TimeRange",
]

UK_TZ = ZoneInfo("Europe/London")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,62}$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PhoneNumbers(_Strict):
    """Published numbers. These are never redacted: they are the council's, not a resident's."""

    front_door: str = Field(description="Adult Social Care front door")
    safeguarding: str = Field(description="Adult safeguarding day team")
    out_of_hours: str = Field(description="Out-of-hours Emergency Duty Team")
    advisor_transfer: str | None = Field(default=None, description="Where the careline transfers calls")
    careline: list[str] = Field(default_factory=list, description="Twilio numbers callers ring (E.164)")
    text_relay: str | None = None


class TimeRange(_Strict):
    """Opening time and closing time on one day, local (Europe/London)."""

    open: time
    close: time

    @model_validator(mode="after")
    def _ordered(self) -> TimeRange:
        if self.close <= self.open:
            raise ValueError("close must be after open")
        return self


class OpeningHours(_Strict):
    """Weekly opening hours; a missing day is closed. Bank holidays are closed unless said otherwise."""

    monday: TimeRange | None = None
    tuesday: TimeRange | None = None
    wednesday: TimeRange | None = None
    thursday: TimeRange | None = None
    friday: TimeRange | None = None
    saturday: TimeRange | None = None
    sunday: TimeRange | None = None
    bank_holidays_closed: bool = True
    bank_holiday_region: str = Field(default="ENG", description="holidays.UK subdivision: ENG, WLS, SCT, NIR")

    def is_open(self, at: datetime) -> bool:
        """Whether the service is open at ``at`` (any timezone; naive means UTC)."""
        local = (at if at.tzinfo else at.replace(tzinfo=ZoneInfo("UTC"))).astimezone(UK_TZ)
        if self.bank_holidays_closed and local.date() in holidays.UK(subdiv=self.bank_holiday_region, years=local.year):
            return False
        day: TimeRange | None = getattr(self, _WEEKDAYS[local.weekday()])
        return day is not None and day.open <= local.time() < day.close


class Theme(_Strict):
    """The web widget's look for this council."""

    primary_colour: str = "#1d70b8"
    text_colour: str = "#0b0c0c"
    logo_url: str | None = None

    @field_validator("primary_colour", "text_colour")
    @classmethod
    def _hex(cls, value: str) -> str:
        if not re.fullmatch(r"#[0-9a-fA-F]{6}", value):
            raise ValueError("must be a #rrggbb colour")
        return value


class HandoffMode(StrEnum):
    """How the careline hands a caller to a person."""

    DIAL = "dial"
    ENQUEUE = "enqueue"


class CaseReferencePattern(_Strict):
    """A council's own record-id format, redacted as COUNCIL_REFERENCE."""

    name: str
    regex: str
    context: list[str] = Field(default_factory=list)

    @field_validator("regex")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"invalid regex: {exc}") from exc
        return value


class Council(_Strict):
    """One council served by this deployment."""

    id: str
    name: str
    website: HttpUrl
    phones: PhoneNumbers
    email: str | None = None
    address: str | None = None
    opening_hours: OpeningHours
    allowed_origins: list[str] = Field(default_factory=list, description="Sites that may embed the widget")
    theme: Theme = Theme()
    case_reference_patterns: list[CaseReferencePattern] = Field(default_factory=list)
    handoff_mode: HandoffMode = HandoffMode.DIAL
    twilio_queue: str | None = None
    knowledge_base_dir: str | None = Field(default=None, description="Sample/default KB folder to ingest")

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError("must be lowercase letters, digits and hyphens (2-63 characters)")
        return value

    def published_numbers(self) -> list[str]:
        """Every phone number the council publishes (kept, never redacted)."""
        p = self.phones
        return [
            n for n in (p.front_door, p.safeguarding, p.out_of_hours, p.advisor_transfer, p.text_relay) if n
        ] + list(p.careline)
