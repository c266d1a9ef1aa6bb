"""Pure pieces of the widget package: origins, the rate limiter, colour contrast, opening hours in words."""

from __future__ import annotations

from datetime import time

import pytest

from councils.council import OpeningHours, TimeRange
from web_widget.allowed_origins import AllowedOrigins, normalise_origin
from web_widget.council_cors import CORS_PATHS
from web_widget.rate_limit_middleware import LIMITED_PATHS, friendly_message
from web_widget.rate_limiter import RateLimiter
from web_widget.widget_config import contrast_ratio, describe_hours


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://www.AshbyVale.gov.uk", "https://www.ashbyvale.gov.uk"),
        ("https://www.ashbyvale.gov.uk/", "https://www.ashbyvale.gov.uk"),
        ("https://www.ashbyvale.gov.uk:443/page?x=1", "https://www.ashbyvale.gov.uk"),
        ("http://127.0.0.1:8000", "http://127.0.0.1:8000"),
        ("http://localhost:80", "http://localhost"),
        ("javascript:alert(1)", None),
        ("ftp://files.example", None),
        ("null", None),
        ("https://", None),
        ("https://host:99999", None),
    ],
)
def test_when_origin_normalised_then_scheme_host_port_only(value: str, expected: str | None) -> None:
    assert normalise_origin(value) == expected


@pytest.mark.parametrize(
    ("origin", "council", "allowed"),
    [
        ("https://www.a.gov.uk", "a", True),
        ("https://WWW.A.GOV.UK", "a", True),
        ("https://www.a.gov.uk", "b", False),
        ("https://www.a.gov.uk", None, True),
        ("http://www.a.gov.uk", "a", False),
        ("https://www.a.gov.uk.evil.test", "a", False),
        ("https://evil.test", None, False),
        ("https://www.b.gov.uk", "missing", False),
        (None, None, False),
    ],
)
def test_when_origin_checked_then_only_that_councils_list_counts(
    origin: str | None, council: str | None, allowed: bool
) -> None:
    origins = AllowedOrigins(
        {"a": frozenset({"https://www.a.gov.uk"}), "b": frozenset({"https://www.b.gov.uk"})}
    )
    assert origins.allows(origin, council) is allowed


def test_when_frame_ancestors_built_then_self_plus_sorted_origins() -> None:
    origins = AllowedOrigins({"a": frozenset({"https://z.test", "https://a.test"})})
    assert origins.frame_ancestors("a") == "'self' https://a.test https://z.test"
    assert origins.frame_ancestors("unknown") == "'self'"


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize(
    ("per_minute", "burst", "hits", "gap", "allowed"),
    [
        (60, 3, 3, 0.0, [True, True, True]),
        (60, 3, 4, 0.0, [True, True, True, False]),
        (60, 1, 3, 1.0, [True, True, True]),  # one token a second, one hit a second
        (60, 1, 3, 0.5, [True, False, True]),
        (6, 2, 3, 0.0, [True, True, False]),
    ],
)
def test_when_client_posts_then_bucket_decides(
    per_minute: int, burst: int, hits: int, gap: float, allowed: list[bool]
) -> None:
    clock = _Clock()
    limiter = RateLimiter(per_minute, burst, clock=clock)
    seen = []
    for _ in range(hits):
        seen.append(limiter.hit("1.2.3.4").allowed)
        clock.now += gap
    assert seen == allowed


def test_when_limited_then_retry_after_is_time_to_next_token_and_clients_are_separate() -> None:
    clock = _Clock()
    limiter = RateLimiter(6, 1, clock=clock)  # a token every 10 s
    assert limiter.hit("a").allowed
    refused = limiter.hit("a")
    assert not refused.allowed and refused.retry_after == 10
    assert limiter.hit("b").allowed
    clock.now += 10
    assert limiter.hit("a").allowed


def test_when_many_clients_then_oldest_forgotten() -> None:
    limiter = RateLimiter(60, 1, clock=_Clock(), max_clients=2)
    for client in ("a", "b", "c"):
        limiter.hit(client)
    assert limiter.hit("a").allowed  # "a" was forgotten, so it starts with a full bucket


@pytest.mark.parametrize(
    ("a", "b", "ratio"),
    [
        ("#ffffff", "#000000", 21.0),
        ("#ffffff", "#ffffff", 1.0),
        ("#767676", "#ffffff", 4.54),  # the well-known lightest grey that passes AA on white
        ("#595959", "#ffffff", 7.0),  # the well-known grey that just passes AAA
    ],
)
def test_when_contrast_measured_then_matches_wcag(a: str, b: str, ratio: float) -> None:
    assert contrast_ratio(a, b) == pytest.approx(ratio, abs=0.05)


def _hours(**days: tuple[str, str]) -> OpeningHours:
    return OpeningHours.model_validate(
        {
            d: TimeRange(open=time.fromisoformat(o), close=time.fromisoformat(c))
            for d, (o, c) in days.items()
        }
    )


@pytest.mark.parametrize(
    ("hours", "words"),
    [
        (
            _hours(
                **dict.fromkeys(("monday", "tuesday", "wednesday", "thursday", "friday"), ("08:30", "17:00"))
            ),
            "Monday to Friday, 8:30am to 5pm",
        ),
        (
            _hours(
                **dict.fromkeys(("monday", "tuesday", "wednesday", "thursday"), ("09:00", "17:00")),
                friday=("09:00", "16:30"),
            ),
            "Monday to Thursday, 9am to 5pm; Friday, 9am to 4:30pm",
        ),
        (
            _hours(monday=("09:00", "12:00"), wednesday=("09:00", "12:00")),
            "Monday, 9am to 12pm; Wednesday, 9am to 12pm",
        ),
        (OpeningHours(), "No set opening hours"),
    ],
)
def test_when_hours_described_then_days_grouped(hours: OpeningHours, words: str) -> None:
    assert describe_hours(hours) == words


@pytest.mark.parametrize(
    ("path", "limited", "shared"),
    [
        ("/api/v1/chat", True, True),
        ("/api/v1/chat/stream", True, True),
        ("/api/v1/feedback", True, True),
        ("/api/v1/conversations/abc123/handoff", True, True),
        ("/api/v1/conversations/abc123/events", False, True),
        ("/api/v1/conversations/abc123", False, True),
        ("/widget/config/ashby-vale", False, True),
        ("/widget.js", False, True),
        ("/api/v1/advisor/queue", False, False),
        ("/advisor/login", False, False),
        ("/api/v1/chat/../advisor", False, False),
        ("/", False, False),
    ],
)
def test_when_path_checked_then_only_resident_surface_limited_and_shared(
    path: str, limited: bool, shared: bool
) -> None:
    assert bool(LIMITED_PATHS.match(path)) is limited
    assert bool(CORS_PATHS.match(path)) is shared


@pytest.mark.parametrize(("seconds", "words"), [(1, "1 second"), (10, "10 seconds"), (60, "a minute")])
def test_when_limited_then_resident_told_how_long_and_999(seconds: int, words: str) -> None:
    message = friendly_message(seconds)
    assert f"wait {words} and" in message and "999" in message
