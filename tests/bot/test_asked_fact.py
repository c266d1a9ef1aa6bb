"""A question that names an email address, a phone number, a clock time or a percentage is answered only
when the quotes state one; otherwise it is handed to a person as low confidence."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.asked_fact import AskedFact, asked_facts, states_fact
from bot.base import Citation, Composition, HandoffReason, Outcome, Turn
from bot.context import TurnContext
from bot.reply_templates import ReplyTemplates
from bot.steps.asked_fact_step import AskedFactStep
from councils import Council, CouncilRegistry
from frontdoor.settings import default_councils_file

E, P, T, C = AskedFact.EMAIL_ADDRESS, AskedFact.PHONE_NUMBER, AskedFact.CLOCK_TIME, AskedFact.PERCENTAGE
ONLINE = "Apply online at the council's website."


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("what's the email address for the blue badge team", {E}),
        ("whats the email for complaints", {E}),
        ("can i email you the form instead", set()),
        ("ombudsman phone number", {P}),
        ("whats the number for social services out of hours", {P}),
        ("what number do i ring", {P}),
        ("what is the number of hours of care i can get", set()),
        ("what time does the day centre open", {T}),
        ("what are the visiting hours at the care home", {T}),
        ("when does the office close on a friday", {T}),
        ("how long does an assessment take", set()),
        ("what interest rate do you charge on the loan", {C}),
        ("what percentage of my pension do i keep", {C}),
        ("how much does home care cost per hour", set()),
        ("email address and opening times please", {E, T}),
    ],
)
def test_when_question_names_a_fact_then_its_kind_is_found(question: str, expected: set[AskedFact]) -> None:
    assert asked_facts(question) == frozenset(expected)


@pytest.mark.parametrize(
    ("kind", "text", "stated"),
    [
        (E, "Email bluebadge@example.gov.uk with your form.", True),
        (E, "Apply online or by post.", False),
        (P, "Call us on 01632 960100.", True),
        (P, "In an emergency call 999.", True),
        (P, "Ask your social worker.", False),
        (T, "Lines are open 8:45am to 5:15pm.", True),
        (T, "The centre is open 9am to 4pm, Monday to Friday.", True),
        (T, "Visiting is welcome at any reasonable time.", False),
        (C, "Interest is charged at 2.5% a year.", True),
        (C, "The loan is interest-free.", True),
        (C, "The maximum rate is set nationally.", False),
    ],
)
def test_when_text_is_checked_then_only_the_written_form_counts(kind: AskedFact, text: str, stated: bool) -> None:
    assert states_fact(kind, text) is stated


@pytest.fixture(scope="module")
def council() -> Council:
    return CouncilRegistry.from_yaml(default_councils_file()).get("ashby-vale")


def _ctx(council: Council, question: str, quote: str) -> TurnContext:
    ctx = TurnContext(Turn(question, council.id), council, "c1", datetime(2026, 12, 7, 10, tzinfo=UTC))
    ctx.text = question
    citation = Citation(1, "blue-badge", "Blue Badge", "https://x", "Apply", quote)
    # The reply's closing line always carries the front-door number: only the quotes may satisfy the check.
    ctx.composition = Composition(f"{quote} [1]\n\nOr call {council.phones.front_door}.", (citation,))
    return ctx


@pytest.mark.parametrize(
    ("question", "quote", "rule"),
    [
        ("what's the email address for the blue badge team", ONLINE, "asked_fact:email_address"),
        ("what's the email address for the blue badge team", "Email bluebadge@example.gov.uk.", None),
        ("whats the phone number for the blue badge team", ONLINE, "asked_fact:phone_number"),
        ("how do i apply for a blue badge", ONLINE, None),
        ("what are the opening hours", "Call 01632 960100, open 9am to 5pm.", None),
    ],
)
def test_when_quotes_lack_the_named_fact_then_low_confidence_handoff(
    council: Council, question: str, quote: str, rule: str | None
) -> None:
    ctx = _ctx(council, question, quote)
    AskedFactStep(ReplyTemplates())(ctx)
    assert (ctx.stop.rule if ctx.stop else None) == rule
    if rule is not None:
        assert ctx.stop is not None
        assert ctx.stop.outcome is Outcome.HANDOFF and ctx.stop.reason is HandoffReason.LOW_CONFIDENCE
