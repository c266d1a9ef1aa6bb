"""Crisis replies: 999 first for immediate, in-hours vs out-of-hours routing on a frozen clock, wording."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from councils.council import Council
from guardrails.base import Category, SafeguardingResult, Speaker, Tier
from guardrails.crisis_reply import CrisisReplyRenderer, Route

SAFEGUARDING, OUT_OF_HOURS = "01632 960200", "01632 960999"
# Frozen instants (UTC). Ashby Vale opens 08:30-17:00 Europe/London on weekdays; England bank holidays closed.
WED_NOON = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
WED_1659_BST = datetime(2026, 6, 17, 15, 59, tzinfo=UTC)  # 16:59 in London (BST): still open
WED_1701_BST = datetime(2026, 6, 17, 16, 1, tzinfo=UTC)  # 17:01 in London: closed
WED_0745_GMT = datetime(2026, 11, 25, 7, 45, tzinfo=UTC)
SATURDAY = datetime(2026, 11, 28, 11, 0, tzinfo=UTC)
CHRISTMAS_DAY = datetime(2026, 12, 25, 11, 0, tzinfo=UTC)  # a Friday, bank holiday
AUGUST_BANK_HOLIDAY = datetime(2026, 8, 31, 10, 0, tzinfo=UTC)  # Monday


@pytest.fixture(scope="module")
def renderer() -> CrisisReplyRenderer:
    return CrisisReplyRenderer()


@pytest.mark.parametrize(
    ("now", "in_hours"),
    [
        (WED_NOON, True),
        (WED_1659_BST, True),
        (WED_1701_BST, False),
        (WED_0745_GMT, False),
        (SATURDAY, False),
        (CHRISTMAS_DAY, False),
        (AUGUST_BANK_HOLIDAY, False),
    ],
)
def test_when_urgent_then_routed_to_safeguarding_in_hours_and_duty_team_out_of_hours(
    renderer: CrisisReplyRenderer, ashby_vale: Council, now: datetime, in_hours: bool
) -> None:
    reply = renderer.render(SafeguardingResult(Tier.URGENT, Category.PHYSICAL, Speaker.SELF), ashby_vale, now)
    expected_number = SAFEGUARDING if in_hours else OUT_OF_HOURS
    assert reply.in_hours is in_hours
    assert reply.route is (Route.SAFEGUARDING if in_hours else Route.OUT_OF_HOURS)
    assert reply.route_number == expected_number
    assert expected_number in reply.text
    assert "999" in reply.text


@pytest.mark.parametrize(("now", "in_hours"), [(WED_NOON, True), (SATURDAY, False), (CHRISTMAS_DAY, False)])
def test_when_urgent_flag_is_answered_alongside_then_same_route_and_numbers_in_gentler_words(
    renderer: CrisisReplyRenderer, ashby_vale: Council, now: datetime, in_hours: bool
) -> None:
    result = SafeguardingResult(Tier.URGENT, Category.NEGLECT, Speaker.OTHER)
    usual = renderer.render(result, ashby_vale, now)
    gentle = renderer.render(result, ashby_vale, now, alongside=True)
    assert (gentle.route, gentle.route_number, gentle.in_hours) == (usual.route, usual.route_number, usual.in_hours)
    assert (SAFEGUARDING if in_hours else OUT_OF_HOURS) in gentle.text and SAFEGUARDING in gentle.text
    assert "call 999" in gentle.text and "asked a person at the council" in gentle.text
    assert "not okay" not in gentle.text and "Thank you for telling" not in gentle.text


def test_when_alongside_is_asked_for_an_immediate_result_then_the_immediate_words_stand(
    renderer: CrisisReplyRenderer, ashby_vale: Council
) -> None:
    result = SafeguardingResult(Tier.IMMEDIATE, Category.IMMEDIATE_DANGER, Speaker.OTHER)
    usual = renderer.render(result, ashby_vale, WED_NOON)
    assert renderer.render(result, ashby_vale, WED_NOON, alongside=True) == usual


@pytest.mark.parametrize("now", [WED_NOON, CHRISTMAS_DAY])
def test_when_immediate_then_999_comes_first_and_routes_to_999(
    renderer: CrisisReplyRenderer, ashby_vale: Council, now: datetime
) -> None:
    result = SafeguardingResult(Tier.IMMEDIATE, Category.IMMEDIATE_DANGER, Speaker.OTHER)
    reply = renderer.render(result, ashby_vale, now)
    assert reply.route is Route.EMERGENCY and reply.route_number == "999"
    assert reply.text.splitlines()[0].startswith("If they are in danger right now, call 999 now.")
    assert (SAFEGUARDING if reply.in_hours else OUT_OF_HOURS) in reply.text
    assert "116 123" not in reply.text


@pytest.mark.parametrize("category", [Category.SUICIDE, Category.SELF_HARM])
def test_when_suicide_or_self_harm_then_samaritans_and_nhs_111_option_2_are_given(
    renderer: CrisisReplyRenderer, ashby_vale: Council, category: Category
) -> None:
    reply = renderer.render(SafeguardingResult(Tier.IMMEDIATE, category, Speaker.SELF), ashby_vale, WED_NOON)
    assert "116 123" in reply.text and "111" in reply.text and "option 2" in reply.text


@pytest.mark.parametrize(
    ("speaker", "phrase"),
    [
        (Speaker.SELF, "you deserve to be safe"),
        (Speaker.OTHER, "You are right to raise this"),
        (Speaker.UNKNOWN, "needs a person to look at it"),
    ],
)
def test_when_reporter_differs_then_wording_differs(
    renderer: CrisisReplyRenderer, ashby_vale: Council, speaker: Speaker, phrase: str
) -> None:
    reply = renderer.render(SafeguardingResult(Tier.URGENT, Category.NEGLECT, speaker), ashby_vale, WED_NOON)
    assert phrase in reply.text


def test_when_info_out_of_hours_then_both_numbers_and_no_transfer_promise(
    renderer: CrisisReplyRenderer, ashby_vale: Council
) -> None:
    reply = renderer.render(SafeguardingResult(Tier.INFO, Category.REPORTING), ashby_vale, SATURDAY)
    assert SAFEGUARDING in reply.text and OUT_OF_HOURS in reply.text
    assert "passing this conversation" not in reply.text


def test_when_rendered_then_plain_text_without_markup(
    renderer: CrisisReplyRenderer, ashby_vale: Council
) -> None:
    for tier in Tier:
        text = renderer.render(
            SafeguardingResult(tier, Category.SUICIDE, Speaker.SELF), ashby_vale, SATURDAY
        ).text
        assert not any(mark in text for mark in ("<", ">", "{", "}", "**", "&amp;"))
        assert "  " not in text and not text.startswith("\n")
