"""Insights for service managers: the pure report, and the console page and export behind supervisor roles."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from advisor_console.base import Role
from bot.base import Outcome
from frontdoor.app import create_app
from frontdoor.transparency import DecisionRecord, DecisionRecordStore
from frontdoor.transparency.insights_report import DocumentInfo, InsightsReport, TimeSavedAssumptions
from tests.handoff.support import OPEN_WEDNESDAY, MovableClock, isolated_services, make_account, sign_in

DAY = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


def _r(conv: str, outcome: Outcome, text: str = "q", day: int = 0, **kw: object) -> DecisionRecord:
    return DecisionRecord(
        conversation_id=conv,
        council_id="ashby-vale",
        channel="web",
        created_at=DAY + timedelta(days=day),
        redacted_input=text,
        outcome=outcome,
        confidence=0.5,
        latency_ms=100.0,
        **kw,  # type: ignore[arg-type]
    )


def test_when_report_built_then_days_themes_documents_and_time_saved_are_computed() -> None:
    records = [
        _r("a", Outcome.ANSWERED, day=0, sources=()),
        _r("a", Outcome.ANSWERED, day=0),
        _r("b", Outcome.ANSWERED, day=1),
        _r("b", Outcome.HANDOFF, day=1, handoff_reason="requested"),
        _r("c", Outcome.NO_ANSWER, "when are my bins emptied", day=1),
        _r("d", Outcome.HANDOFF, "where is my nearest dentist", day=2, handoff_reason="low_confidence"),
        _r("e", Outcome.NO_ANSWER, "do you collect garden bins", day=2),
        # answered beside a safeguarding handoff (a flagged question): a person's time, so not resolved
        _r("f", Outcome.ANSWERED, day=2, handoff_reason="safeguarding"),
    ]
    docs = [
        DocumentInfo("blue-badge", "Blue Badge", date(2024, 1, 1)),
        DocumentInfo("home-care", "Home care", date(2026, 10, 1)),
        DocumentInfo("no-date", "Undated", None),
    ]

    report = InsightsReport.build(
        records,
        docs,
        helpful=4,
        not_helpful=1,
        today=date(2026, 11, 25),
        review_after_months=12,
        assumptions=TimeSavedAssumptions(minutes_per_contact=10.0, share_who_would_have_contacted=0.5),
    )

    assert report.per_day == ((date(2026, 11, 20), 1), (date(2026, 11, 21), 2), (date(2026, 11, 22), 3))
    assert (report.themes[0].word, report.themes[0].count) == ("bin", 2)
    assert sum(t.count for t in report.themes) == 3
    assert [d.doc_id for d in report.past_review] == ["blue-badge"]
    assert [d.doc_id for d in report.never_cited] == ["blue-badge", "home-care", "no-date"]
    assert report.resolved_conversations == 1  # only "a": "b" ended with a person, "f" was handed over too
    assert report.minutes_saved == 5.0


@pytest.fixture
def console_app(services: Any, tmp_path: Path) -> Iterator[tuple[TestClient, Any]]:
    built = isolated_services(services, tmp_path / "frontdoor.db", MovableClock(OPEN_WEDNESDAY))
    built.conversations.add_observer(DecisionRecordStore(built.database))  # as build_services wires it
    with TestClient(create_app(services=built)) as client:
        yield client, built
    built.database.dispose()


def _signed_in(
    app: TestClient, services: Any, role: Role, councils: tuple[str, ...] = ("ashby-vale",)
) -> TestClient:
    name = f"{role.value}-{'-'.join(councils)}"
    make_account(services, name, role, councils)
    client = TestClient(app.app)
    sign_in(client, name)
    return client


@pytest.mark.parametrize(
    ("role", "path", "status"),
    [
        (Role.ADVISOR, "/advisor/insights", 403),
        (Role.ADVISOR, "/advisor/decisions/export", 403),
        (Role.SUPERVISOR, "/advisor/insights?council=northmoor", 403),
        (Role.SUPERVISOR, "/advisor/decisions/export?council=northmoor", 403),
        (Role.SUPERVISOR, "/advisor/insights", 200),
        (Role.ADMIN, "/advisor/decisions/export", 200),
    ],
)
def test_insights_access_truth_table(
    console_app: tuple[TestClient, Any], role: Role, path: str, status: int
) -> None:
    app, services = console_app
    client = _signed_in(app, services, role)

    assert client.get(path).status_code == status


def test_when_not_signed_in_then_insights_redirects_to_sign_in(console_app: tuple[TestClient, Any]) -> None:
    app, _ = console_app

    response = TestClient(app.app).get("/advisor/insights", follow_redirects=False)

    assert response.status_code == 303


def test_when_residents_have_talked_then_page_and_export_show_their_redacted_turns(
    console_app: tuple[TestClient, Any],
) -> None:
    app, services = console_app
    resident = TestClient(app.app)
    for text in (
        "how do i apply for a blue badge",
        "how do i register with an nhs dentist",
        "my name is Jane Example, can I get a blue badge",
    ):
        assert (
            resident.post("/api/v1/chat", json={"message": text, "council": "ashby-vale"}).status_code
            == 200
        )
    supervisor = _signed_in(app, services, Role.SUPERVISOR)

    page = supervisor.get("/advisor/insights?days=3660")
    export = supervisor.get("/advisor/decisions/export?days=3660&format=csv")

    assert page.status_code == 200 and "<svg" in page.text and "3 messages in 3 conversations" in page.text
    assert "dentist" in page.text  # an unanswered question became a theme
    assert "Jane Example" not in page.text
    rows = list(csv.DictReader(io.StringIO(export.text)))
    assert len(rows) == 3 and all("Jane" not in r["redacted_input"] for r in rows)
    assert export.headers["content-disposition"].startswith('attachment; filename="decisions-ashby-vale-')
