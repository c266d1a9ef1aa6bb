"""End to end with two clients, resident and advisor, on the real app: handoff → live queue → claim →
messages both ways → close; a second claim gets 409; the bot says nothing while a person holds it."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.handoff.support import console_of, make_account, read_events, sign_in


def _chat(client: TestClient, message: str, conversation_id: str | None = None) -> dict[str, Any]:
    response = client.post(
        "/api/v1/chat", json={"message": message, "conversation_id": conversation_id, "council": "ashby-vale"}
    )
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def test_end_to_end_handoff_claim_messages_both_ways_and_close(
    app_services: Any, advisor: TestClient, resident: TestClient
) -> None:
    make_account(app_services, "alice")
    make_account(app_services, "bob")
    csrf = sign_in(advisor, "alice")

    # The resident asks for a person: the reply says so and gives the place in the queue.
    first = _chat(resident, "Can I speak to a real person please?")
    conversation_id = first["conversation_id"]
    assert first["outcome"] == "handoff" and first["handoff"]["reason"] == "requested"
    assert first["handoff"]["position"] == 1
    assert "person" in first["reply"]

    # The advisor's live queue shows it.
    queue_events = read_events(advisor, "/api/v1/advisor/queue/events?wait=0")
    listed = [i for e in queue_events if e.event == "queue" for i in e.data["items"]]
    handoff_id = first["handoff"]["id"]
    assert [i["id"] for i in listed] == [handoff_id] and listed[0]["status"] == "waiting"

    # Claim; a second advisor's claim is a clear conflict.
    claimed = advisor.post(f"/api/v1/advisor/handoffs/{handoff_id}/claim", headers={"X-CSRF-Token": csrf})
    assert claimed.status_code == 200 and claimed.json()["status"] == "claimed"
    other = TestClient(advisor.app)  # a second advisor's browser (no second lifespan)
    other_csrf = sign_in(other, "bob")
    conflict = other.post(
        f"/api/v1/advisor/handoffs/{handoff_id}/claim", headers={"X-CSRF-Token": other_csrf}
    )
    assert conflict.status_code == 409
    assert conflict.headers["content-type"].startswith("application/problem+json")

    # Advisor → resident, over the resident's event stream.
    sent = advisor.post(
        f"/api/v1/advisor/handoffs/{handoff_id}/messages",
        json={"text": "Hello, I'm Alice from adult care."},
        headers={"X-CSRF-Token": csrf},
    )
    assert sent.status_code == 201
    events = read_events(resident, f"/api/v1/conversations/{conversation_id}/events?wait=0")
    texts = [(e.data["role"], e.data["text"]) for e in events if e.event == "message"]
    assert texts[0][0] == "system" and "adviser" in texts[0][1]
    assert texts[1][0] == "advisor" and "from adult care" in texts[1][1]
    status = [e.data for e in events if e.event == "status"][-1]
    assert status["conversation_state"] == "human" and status["handoff"]["status"] == "claimed"

    # Resident → advisor: the resident keeps writing through /chat and the bot stays silent.
    quiet = _chat(resident, "Thanks. How do I apply for a care needs assessment?", conversation_id)
    assert quiet["reply"] == "" and quiet["citations"] == []
    assert quiet["handoff"]["id"] == handoff_id
    seen = read_events(
        advisor, f"/api/v1/advisor/handoffs/{handoff_id}/events?after={sent.json()['seq']}&wait=0"
    )
    assert [(e.data["role"], e.data["text"]) for e in seen if e.event == "message"] == [
        ("resident", "Thanks. How do I apply for a care needs assessment?")
    ]
    transcript = resident.get(f"/api/v1/conversations/{conversation_id}").json()["messages"]
    assert [m["role"] for m in transcript].count("bot") == 1  # only the reply before the handoff

    # Close with an outcome: the resident is told, the conversation returns to the assistant.
    closed = advisor.post(
        f"/api/v1/advisor/handoffs/{handoff_id}/close",
        json={"outcome": "resolved"},
        headers={"X-CSRF-Token": csrf},
    )
    assert closed.status_code == 200 and closed.json()["outcome_code"] == "resolved"
    after_close = read_events(
        resident, f"/api/v1/conversations/{conversation_id}/events?after={sent.json()['seq']}&wait=0"
    )
    assert any(e.event == "message" and "closed" in e.data["text"] for e in after_close)
    assert [e.data for e in after_close if e.event == "status"][-1]["handoff"]["status"] == "closed"
    assert advisor.get("/api/v1/advisor/queue").json() == []
    actions = [e.action for e in console_of(app_services).audit.for_handoff(handoff_id)]
    assert actions == ["handoff.created", "handoff.claimed", "handoff.message", "handoff.closed"]


def test_when_resident_asks_for_a_person_by_endpoint_then_position_and_contact_preference_are_kept(
    app_services: Any, advisor: TestClient, resident: TestClient
) -> None:
    make_account(app_services, "carol")
    csrf = sign_in(advisor, "carol")
    conversation_id = _chat(resident, "What is a carer's assessment?")["conversation_id"]
    other_id = _chat(resident, "How do I pay for home care?")["conversation_id"]
    resident.post(f"/api/v1/conversations/{other_id}/handoff", json={})

    asked = resident.post(
        f"/api/v1/conversations/{conversation_id}/handoff",
        json={"contact_preference": "phone", "safe_to_contact": False},
    )

    assert asked.status_code == 201, asked.text
    body = asked.json()
    assert body["status"] == "waiting" and body["position"] >= 2
    assert f"number {body['position']}" in body["message"]
    detail = advisor.get(f"/api/v1/advisor/handoffs/{body['handoff_id']}").json()
    assert detail["contact_preference"] == "phone" and detail["safe_to_contact"] is False
    assert any("carer" in line for line in detail["packet"]["transcript"])
    assert detail["packet"]["bot_said"]
    assert resident.post("/api/v1/conversations/not-a-conversation/handoff", json={}).status_code == 404
    assert csrf


def test_when_resident_discloses_while_waiting_then_priority_rises_and_placeholders_keep_their_numbers(
    app_services: Any, advisor: TestClient, resident: TestClient
) -> None:
    make_account(app_services, "dave")
    sign_in(advisor, "dave")
    first = _chat(resident, "My name is Margaret Thompson. I need someone to talk to please")
    conversation_id = first["conversation_id"]
    assert first["outcome"] == "handoff"
    handoff_id = first["handoff"]["id"]
    before = advisor.get(f"/api/v1/advisor/handoffs/{handoff_id}").json()["priority_rank"]

    reply = _chat(
        resident, "Margaret Thompson is me. My son hits me and takes my money every week.", conversation_id
    )

    detail = advisor.get(f"/api/v1/advisor/handoffs/{handoff_id}").json()
    assert detail["priority_rank"] > before
    assert detail["category"] is not None and detail["tier"] in ("urgent", "immediate")
    assert reply["reply"], "nobody holds it yet: the resident gets the safeguarding reply"
    resident_texts = [m["text"] for m in detail["messages"] if m["role"] == "resident"]
    assert "<PERSON_1>" in resident_texts[0] and "<PERSON_1>" in resident_texts[1]
    assert "Margaret" not in " ".join(resident_texts)


def test_when_resident_discloses_while_claimed_then_bot_stays_silent_and_priority_rises(
    app_services: Any, advisor: TestClient, resident: TestClient
) -> None:
    make_account(app_services, "quinn")
    csrf = sign_in(advisor, "quinn")
    first = _chat(resident, "I want to speak to someone please")
    handoff_id = first["handoff"]["id"]
    advisor.post(f"/api/v1/advisor/handoffs/{handoff_id}/claim", headers={"X-CSRF-Token": csrf})

    quiet = _chat(resident, "My carer slaps me and locks me in my room.", first["conversation_id"])

    assert quiet["reply"] == "" and quiet["outcome"] == "handoff"
    detail = advisor.get(f"/api/v1/advisor/handoffs/{handoff_id}").json()
    assert detail["status"] == "claimed" and detail["priority"] in ("urgent", "immediate")
    assert detail["messages"][-1]["role"] == "resident"
