"""What the widget needs to know about one council: name, theme, notice, numbers and whether anyone is in."""

from __future__ import annotations

from datetime import datetime, time

from pydantic import BaseModel

from councils import Council
from councils.council import OpeningHours, TimeRange

__all__ = ["WidgetColours", "WidgetConfig", "WidgetNumbers", "build_widget_config", "contrast_ratio"]

_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WHITE = "#ffffff"
_BLACK = "#0b0c0c"


class WidgetColours(BaseModel):
    """Theme colours; ``on_primary`` is chosen so text on the primary colour meets WCAG AA (4.5:1)."""

    primary: str
    on_primary: str
    text: str


class WidgetNumbers(BaseModel):
    """Published numbers the widget shows (the council's, never a resident's)."""

    front_door: str
    out_of_hours: str
    safeguarding: str
    text_relay: str | None


class WidgetConfig(BaseModel):
    """The public ``GET /widget/config/{council}`` document."""

    id: str
    name: str
    website: str
    logo_url: str | None
    colours: WidgetColours
    notice: str
    numbers: WidgetNumbers
    open_now: bool
    hours: str
    out_of_hours_message: str
    quick_exit_url: str


def contrast_ratio(a: str, b: str) -> float:
    """WCAG contrast ratio of two ``#rrggbb`` colours."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _clock(t: time) -> str:
    hour = t.hour % 12 or 12
    suffix = "am" if t.hour < 12 else "pm"
    return f"{hour}{suffix}" if t.minute == 0 else f"{hour}:{t.minute:02d}{suffix}"


def describe_hours(hours: OpeningHours) -> str:
    """Opening hours in words, grouping consecutive days alike (e.g. 'Monday to Friday, 9am to 5pm')."""
    groups: list[tuple[list[str], TimeRange]] = []
    for day in _DAYS:
        slot: TimeRange | None = getattr(hours, day)
        if slot is None:
            continue
        if groups and groups[-1][1] == slot and _DAYS.index(groups[-1][0][-1]) == _DAYS.index(day) - 1:
            groups[-1][0].append(day)
        else:
            groups.append(([day], slot))
    if not groups:
        return "No set opening hours"
    parts = []
    for days, slot in groups:
        span = days[0].title() if len(days) == 1 else f"{days[0].title()} to {days[-1].title()}"
        parts.append(f"{span}, {_clock(slot.open)} to {_clock(slot.close)}")
    return "; ".join(parts)


def build_widget_config(council: Council, quick_exit_url: str, now: datetime) -> WidgetConfig:
    """The widget's configuration for ``council`` at ``now``."""
    primary = council.theme.primary_colour
    on_primary = _WHITE if contrast_ratio(primary, _WHITE) >= 4.5 else _BLACK
    phones = council.phones
    hours = describe_hours(council.opening_hours)
    notice = (
        f"This is an automated assistant. It answers from {council.name}'s adult social care pages and can "
        "make mistakes. A person is always available: choose \"Talk to a person\" at any time. "
        "Please don't share personal details such as names, addresses or dates of birth. "
        "If anyone is in danger, call 999."
    )
    out_of_hours = (
        f"Our advisers are not available right now. They work {hours}, not on bank holidays. "
        f"If it can't wait, call the out-of-hours Emergency Duty Team on {phones.out_of_hours}. "
        "If anyone is in danger now, call 999."
    )
    return WidgetConfig(
        id=council.id,
        name=council.name,
        website=str(council.website),
        logo_url=council.theme.logo_url,
        colours=WidgetColours(primary=primary, on_primary=on_primary, text=council.theme.text_colour),
        notice=notice,
        numbers=WidgetNumbers(front_door=phones.front_door, out_of_hours=phones.out_of_hours,
                              safeguarding=phones.safeguarding, text_relay=phones.text_relay),
        open_now=council.opening_hours.is_open(now),
        hours=hours,
        out_of_hours_message=out_of_hours,
        quick_exit_url=quick_exit_url,
    )
