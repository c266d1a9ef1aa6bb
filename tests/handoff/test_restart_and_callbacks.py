"""Handoffs (and console sessions) survive a restart; out of hours or unclaimed in time, the resident gets
the council's numbers and a callback request is recorded — never silently returned to the bot."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select

from frontdoor.app import create_app
from storage.advisor_tables import CallbackRow
from tests.handoff.support import (
    CLOSED_SUNDAY,
    OPEN_WEDNESDAY,
    MovableClock,
    console_of,
    isolated_services,
    make_account,
    read_events,
    sign_in,
)


def test_when_the_service_restarts_then_handoffs_and_sessions_survive(services: Any, tmp_path: Path) -> None:
    db_path = tmp_path / "restart.db"
    clock = MovableClock(OPEN_WEDNESDAY)
    first = isolated_services(services, db_path, clock)
    make_account(first, "nina")
    with TestClient(create_app(services=first)) as before:
        csrf = sign_in(before, "nina")
        chat = before.post(
            "/api/v1/chat", json={"message": "Please put me through to a person", "council": "ashby-vale"}
        ).json()
        cookies = dict(before.cookies)
    first.database.dispose()

    second = isolated_services(services, db_path, clock)  # a new process: new engine, new app, same database
    with TestClient(create_app(services=second), cookies=cookies) as after:
        queue = after.get("/api/v1/advisor/queue")
        assert queue.status_code == 200, "the server-side session outlived the restart"
        assert [i["id"] for i in queue.json()] == [chat["handoff"]["id"]]
        claimed = after.post(
            f"/api/v1/advisor/handoffs/{chat['handoff']['id']}/claim", headers={"X-CSRF-Token": csrf}
        )
        assert claimed.status_code == 200
        quiet = after.post(
            "/api/v1/chat",
            json={
                "message": "Are you there?",
                "council": "ashby-vale",
                "conversation_id": chat["conversation_id"],
            },
        ).json()
        assert quiet["reply"] == ""
    second.database.dispose()


def test_when_council_is_closed_then_resident_gets_numbers_and_a_callback_is_recorded(
    services: Any, tmp_path: Path
) -> None:
    built = isolated_services(services, tmp_path / "closed.db", MovableClock(CLOSED_SUNDAY))
    with TestClient(create_app(services=built)) as resident:
        chat = resident.post(
            "/api/v1/chat", json={"message": "Can I talk to someone please", "council": "ashby-vale"}
        ).json()
        assert chat["outcome"] == "handoff"
        assert "01632 960999" in chat["reply"]  # the out-of-hours Emergency Duty Team
        events = read_events(resident, f"/api/v1/conversations/{chat['conversation_id']}/events?wait=0")
        asked = resident.post(f"/api/v1/conversations/{chat['conversation_id']}/handoff", json={}).json()
        again = resident.post(
            "/api/v1/chat",
            json={
                "message": "What happens now?",
                "council": "ashby-vale",
                "conversation_id": chat["conversation_id"],
            },
        ).json()

    status = [e.data for e in events if e.event == "status"][-1]
    assert status["handoff"]["status"] == "callback" and "01632 960999" in status["handoff"]["message"]
    assert any(e.event == "message" and "01632 960999" in e.data["text"] for e in events)
    assert asked["status"] == "callback" and asked["handoff_id"] == chat["handoff"]["id"]
    assert again["reply"] == "" and status["conversation_state"] == "handoff"
    with built.database.session() as s:
        assert s.scalars(select(CallbackRow.why)).all() == ["out_of_hours"]
    built.database.dispose()


def test_when_nobody_claims_in_time_then_the_resident_stream_reports_a_callback(
    app_services: Any, advisor: TestClient, resident: TestClient, clock: MovableClock
) -> None:
    make_account(app_services, "otto")
    chat = resident.post(
        "/api/v1/chat", json={"message": "I'd like to speak to an advisor", "council": "ashby-vale"}
    ).json()
    url = f"/api/v1/conversations/{chat['conversation_id']}/events?wait=0"
    assert [e.data for e in read_events(resident, url) if e.event == "status"][-1]["handoff"][
        "status"
    ] == "waiting"

    clock.advance(minutes=app_services.settings.handoff_claim_timeout_minutes + 1)
    events = read_events(resident, url)

    assert [e.data for e in events if e.event == "status"][-1]["handoff"]["status"] == "callback"
    notice = [e.data["text"] for e in events if e.event == "message"]
    assert notice and "busy" in notice[-1] and "01632 960999" in notice[-1]
    sign_in(advisor, "otto")
    listed = advisor.get("/api/v1/advisor/queue").json()
    assert [(i["id"], i["status"]) for i in listed] == [(chat["handoff"]["id"], "callback")]
    assert "handoff.callback" in [
        e.action for e in console_of(app_services).audit.for_handoff(chat["handoff"]["id"])
    ]
