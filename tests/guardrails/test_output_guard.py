"""The output guard truth table: no personal data except the council's own, no stated care decisions."""

from __future__ import annotations

import pytest

from councils.council import Council
from guardrails.output_guard import ReplyOutputGuard


@pytest.fixture(scope="module")
def guard(ashby_vale: Council) -> ReplyOutputGuard:
    return ReplyOutputGuard.for_council(ashby_vale)


@pytest.mark.parametrize(
    ("reply", "rules"),
    [
        # The council's own contact details and the national lines pass.
        ("Call the safeguarding team on 01632 960200, or out of hours on 01632 960999.", ()),
        ("Ring +44 1632 960100 or use text relay 18001 01632 960100.", ()),
        ("Call 999 now. Samaritans: 116 123. NHS 111, option 2.", ()),
        ("Email adultcare@ashbyvale.gov.uk or safeguarding@ashbyvale.gov.uk.", ()),
        ("Write to Civic Centre, Market Street, Ashby Vale AV1 1AA.", ()),
        # Anyone else's details are blocked.
        ("I'll call you back on 07700 900123.", ("output:phone",)),
        ("Your NHS number is 943 476 5919.", ("output:nhs_number",)),
        ("Your National Insurance number is AB 12 34 56 C.", ("output:ni_number",)),
        ("Contact john.smith@example.com.", ("output:email",)),
        ("She lives at 4 High Street, SW1A 2AA.", ("output:postcode",)),
        # Care decisions are blocked; procedure and conditional council wording pass.
        ("You are eligible for home care.", ("output:care_decision:decision",)),
        ("Good news: you qualify for a Blue Badge.", ("output:care_decision:decision",)),
        ("We will pay for your carers from Monday.", ("output:care_decision:decision",)),
        ("You won't have to pay anything towards this.", ("output:care_decision:decision",)),
        ("You will get £180 a week in direct payments.", ("output:care_decision:promise",)),
        ("You'll receive 10 hours of care a week.", ("output:care_decision:promise",)),
        ("You will get a letter explaining the decision [1].", ()),
        ("After the assessment you will get a copy of your support plan [2].", ()),
        ("If you are eligible, we will pay for the care you need [1].", ()),
        ("We do a financial assessment to find out whether you qualify for help [3].", ()),
        ("Reablement is free for up to six weeks [1].", ()),
        ("You may get help with the cost of equipment [2].", ()),
    ],
)
def test_when_reply_is_checked_then_only_council_details_and_general_wording_pass(
    guard: ReplyOutputGuard, reply: str, rules: tuple[str, ...]
) -> None:
    result = guard.check(reply)
    assert result.rules == rules
    assert result.allowed is (not rules)


def test_when_other_council_number_appears_then_blocked(guard: ReplyOutputGuard) -> None:
    assert not guard.check("Call Northmoor on 01632 961200.").allowed


def test_when_extra_published_numbers_are_given_then_they_pass(ashby_vale: Council) -> None:
    guard = ReplyOutputGuard.for_council(ashby_vale, extra_numbers=["0800 678 1602"])
    assert guard.check("Age UK Advice: 0800 678 1602.").allowed
