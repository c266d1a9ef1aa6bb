"""The resident's event stream polls the store: it stays open for ``wait`` seconds, resumes after
``Last-Event-ID``, and 404s for an unknown conversation."""

from __future__ import annotations

import time

from fastapi.testclient import TestClient

from tests.handoff.support import make_account, read_events, sign_in


def test_when_resuming_after_last_event_id_then_only_newer_messages_arrive(
    app_services, advisor: TestClient, resident: TestClient
) -> None:
    make_account(app_services, "pia")
    csrf = sign_in(advisor, "pia")
    chat = resident.post(
        "/api/v1/chat", json={"message": "Talk to a human please", "council": "ashby-vale"}
    ).json()
    handoff_id, conversation_id = chat["handoff"]["id"], chat["conversation_id"]
    advisor.post(f"/api/v1/advisor/handoffs/{handoff_id}/claim", headers={"X-CSRF-Token": csrf})
    first = advisor.post(
        f"/api/v1/advisor/handoffs/{handoff_id}/messages",
        json={"text": "First"},
        headers={"X-CSRF-Token": csrf},
    ).json()["seq"]
    advisor.post(
        f"/api/v1/advisor/handoffs/{handoff_id}/messages",
        json={"text": "Second"},
        headers={"X-CSRF-Token": csrf},
    )

    resident.headers["Last-Event-ID"] = str(first)
    started = time.monotonic()
    events = read_events(resident, f"/api/v1/conversations/{conversation_id}/events?wait=1.5")
    elapsed = time.monotonic() - started
    del resident.headers["Last-Event-ID"]

    assert [e.data["text"] for e in events if e.event == "message"] == ["Second"]
    assert [e.id for e in events if e.event == "message"] == [str(first + 1)]
    assert elapsed >= 1.0  # the stream stayed open, polling, until its wait ran out
    assert resident.get("/api/v1/conversations/nope/events?wait=0").status_code == 404
