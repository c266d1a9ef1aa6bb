"""Security of the advisor console on the real app: sign-in required everywhere, council scopes, CSRF,
lockout, session expiry, cookie flags, audited reveals, and no password or token kept or logged in clear."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import MetaData, select

from advisor_console.base import Role
from storage.vault_tables import VaultAuditRow
from tests.handoff.support import PASSWORD, console_of, make_account, sign_in

API_GETS = [
    "/api/v1/advisor/me",
    "/api/v1/advisor/queue",
    "/api/v1/advisor/queue/events?wait=0",
    "/api/v1/advisor/summary",
    "/api/v1/advisor/handoffs/HID",
    "/api/v1/advisor/handoffs/HID/events?wait=0",
]
API_POSTS = [
    "/api/v1/advisor/logout",
    "/api/v1/advisor/handoffs/HID/claim",
    "/api/v1/advisor/handoffs/HID/messages",
    "/api/v1/advisor/handoffs/HID/release",
    "/api/v1/advisor/handoffs/HID/close",
    "/api/v1/advisor/handoffs/HID/reveal",
]
PAGES = ["/advisor/", "/advisor/supervisor", "/advisor/handoffs/HID"]
PAGE_POSTS = [
    "/advisor/logout",
    "/advisor/handoffs/HID/claim",
    "/advisor/handoffs/HID/reply",
    "/advisor/handoffs/HID/release",
    "/advisor/handoffs/HID/close",
    "/advisor/handoffs/HID/reveal",
]


def _handoff(
    resident: TestClient, council: str = "ashby-vale", text: str = "I want to talk to a person"
) -> dict[str, Any]:
    body = resident.post("/api/v1/chat", json={"message": text, "council": council}).json()
    assert body["outcome"] == "handoff", body
    return body  # type: ignore[no-any-return]


@pytest.mark.parametrize("path", API_GETS)
def test_when_not_signed_in_then_api_reads_are_401(
    advisor: TestClient, resident: TestClient, path: str
) -> None:
    handoff_id = _handoff(resident)["handoff"]["id"]
    response = resident.get(path.replace("HID", handoff_id))
    assert response.status_code == 401


@pytest.mark.parametrize("path", API_POSTS)
def test_when_not_signed_in_then_api_changes_are_401(
    advisor: TestClient, resident: TestClient, path: str
) -> None:
    handoff_id = _handoff(resident)["handoff"]["id"]
    response = resident.post(
        path.replace("HID", handoff_id), json={"text": "x", "outcome": "resolved", "reason": "why"}
    )
    assert response.status_code == 401


@pytest.mark.parametrize("path", PAGES)
def test_when_not_signed_in_then_pages_redirect_to_sign_in(
    advisor: TestClient, resident: TestClient, path: str
) -> None:
    handoff_id = _handoff(resident)["handoff"]["id"]
    response = resident.get(path.replace("HID", handoff_id), follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/advisor/login"


@pytest.mark.parametrize("path", PAGE_POSTS)
def test_when_not_signed_in_then_page_forms_are_refused(
    advisor: TestClient, resident: TestClient, path: str
) -> None:
    handoff_id = _handoff(resident)["handoff"]["id"]
    response = resident.post(
        path.replace("HID", handoff_id), data={"text": "x", "outcome": "resolved"}, follow_redirects=False
    )
    assert response.status_code == 401


@pytest.mark.parametrize("path", API_POSTS[1:])
@pytest.mark.parametrize("token", [None, "wrong-token"])
def test_when_api_post_lacks_the_csrf_token_then_403_and_nothing_changes(
    app_services: Any, advisor: TestClient, resident: TestClient, path: str, token: str | None
) -> None:
    make_account(app_services, "erin")
    sign_in(advisor, "erin")
    handoff_id = _handoff(resident)["handoff"]["id"]
    headers = {"X-CSRF-Token": token} if token else {}
    response = advisor.post(
        path.replace("HID", handoff_id),
        json={"text": "x", "outcome": "resolved", "reason": "why"},
        headers=headers,
    )
    assert response.status_code == 403
    assert advisor.get(f"/api/v1/advisor/handoffs/{handoff_id}").json()["status"] == "waiting"


@pytest.mark.parametrize("path", PAGE_POSTS[1:])
def test_when_form_post_lacks_the_csrf_token_then_403(
    app_services: Any, advisor: TestClient, resident: TestClient, path: str
) -> None:
    make_account(app_services, "fred")
    sign_in(advisor, "fred")
    handoff_id = _handoff(resident)["handoff"]["id"]
    response = advisor.post(
        path.replace("HID", handoff_id),
        data={"text": "x", "outcome": "resolved", "reason": "why"},
        follow_redirects=False,
    )
    assert response.status_code == 403


def test_when_sign_in_form_lacks_its_csrf_token_then_403(app_services: Any, advisor: TestClient) -> None:
    make_account(app_services, "gina")
    response = advisor.post(
        "/advisor/login", data={"username": "gina", "password": PASSWORD}, follow_redirects=False
    )
    assert response.status_code == 403


def test_pages_work_with_plain_forms(app_services: Any, advisor: TestClient, resident: TestClient) -> None:
    make_account(app_services, "hana")
    handoff_id = _handoff(resident)["handoff"]["id"]
    form = advisor.get("/advisor/login")
    token = form.text.split('name="csrf_token" value="')[1].split('"')[0]
    signed = advisor.post(
        "/advisor/login",
        data={"username": "hana", "password": PASSWORD, "csrf_token": token},
        follow_redirects=False,
    )
    assert signed.status_code == 303
    queue = advisor.get("/advisor/")
    assert queue.status_code == 200 and handoff_id in queue.text
    csrf = queue.text.split('name="csrf_token" value="')[1].split('"')[0]

    assert (
        advisor.post(
            f"/advisor/handoffs/{handoff_id}/claim", data={"csrf_token": csrf}, follow_redirects=False
        ).status_code
        == 303
    )
    assert (
        advisor.post(
            f"/advisor/handoffs/{handoff_id}/reply",
            data={"csrf_token": csrf, "text": "Hi there"},
            follow_redirects=False,
        ).status_code
        == 303
    )
    page = advisor.get(f"/advisor/handoffs/{handoff_id}")
    assert "Hi there" in page.text and "Hand back to the queue" in page.text
    assert (
        advisor.post(
            f"/advisor/handoffs/{handoff_id}/close",
            data={"csrf_token": csrf, "outcome": "resolved"},
            follow_redirects=False,
        ).status_code
        == 303
    )
    assert advisor.get(f"/api/v1/advisor/handoffs/{handoff_id}").json()["status"] == "closed"


def test_when_advisor_of_council_a_then_council_b_queue_packets_and_vault_are_hidden(
    app_services: Any, advisor: TestClient, resident: TestClient
) -> None:
    make_account(app_services, "north", Role.SUPERVISOR, ("northmoor",))
    csrf = sign_in(advisor, "north")
    ashby = _handoff(resident, "ashby-vale", "My name is Peter Jones, I want to talk to a person")["handoff"][
        "id"
    ]
    north = _handoff(resident, "northmoor")["handoff"]["id"]

    assert [i["id"] for i in advisor.get("/api/v1/advisor/queue").json()] == [north]
    queue_events = advisor.get("/api/v1/advisor/queue/events?wait=0").text
    assert north in queue_events and ashby not in queue_events
    assert advisor.get(f"/api/v1/advisor/handoffs/{ashby}").status_code == 404
    assert advisor.get(f"/api/v1/advisor/handoffs/{ashby}/events?wait=0").status_code == 404
    assert advisor.get(f"/advisor/handoffs/{ashby}").status_code == 404
    headers = {"X-CSRF-Token": csrf}
    assert (
        advisor.post(
            f"/api/v1/advisor/handoffs/{ashby}/reveal", json={"reason": "checking"}, headers=headers
        ).status_code
        == 404
    )
    assert advisor.post(f"/api/v1/advisor/handoffs/{ashby}/claim", headers=headers).status_code == 404
    assert [r["council"] for r in advisor.get("/api/v1/advisor/summary").json()] == ["northmoor"]


def test_when_revealing_originals_then_only_holder_or_supervisor_and_it_is_audited(
    app_services: Any, advisor: TestClient, resident: TestClient
) -> None:
    make_account(app_services, "holder")
    make_account(app_services, "bystander")
    make_account(app_services, "boss", Role.SUPERVISOR)
    body = _handoff(resident, text="My name is Peter Jones and I want to talk to a person")
    handoff_id, conversation_id = body["handoff"]["id"], body["conversation_id"]

    bystander = TestClient(advisor.app)
    by_csrf = sign_in(bystander, "bystander")
    refused = bystander.post(
        f"/api/v1/advisor/handoffs/{handoff_id}/reveal",
        json={"reason": "curious"},
        headers={"X-CSRF-Token": by_csrf},
    )
    assert refused.status_code == 403

    csrf = sign_in(advisor, "holder")
    advisor.post(f"/api/v1/advisor/handoffs/{handoff_id}/claim", headers={"X-CSRF-Token": csrf})
    shown = advisor.post(
        f"/api/v1/advisor/handoffs/{handoff_id}/reveal",
        json={"reason": "confirm identity"},
        headers={"X-CSRF-Token": csrf},
    )
    assert shown.status_code == 200 and "Peter Jones" in shown.json()["originals"].values()

    boss = TestClient(advisor.app)
    boss_csrf = sign_in(boss, "boss")
    assert (
        boss.post(
            f"/api/v1/advisor/handoffs/{handoff_id}/reveal",
            json={"reason": "quality check"},
            headers={"X-CSRF-Token": boss_csrf},
        ).status_code
        == 200
    )
    assert boss.get("/api/v1/advisor/summary").status_code == 200
    assert bystander.get("/api/v1/advisor/summary").status_code == 403

    actions = [e.action for e in console_of(app_services).audit.for_handoff(handoff_id)]
    assert actions.count("vault.read") == 2 and "vault.read_refused" in actions
    with app_services.database.session() as s:
        reasons = s.scalars(
            select(VaultAuditRow.reason).where(VaultAuditRow.conversation_id == conversation_id)
        ).all()
    assert sorted(reasons) == ["confirm identity", "quality check"]


def test_when_password_keeps_failing_then_account_locks(app_services: Any, advisor: TestClient) -> None:
    make_account(app_services, "ivan")
    for _ in range(5):
        start = advisor.get("/api/v1/advisor/csrf").json()["csrf_token"]
        wrong = advisor.post(
            "/api/v1/advisor/login",
            json={"username": "ivan", "password": "nope-nope-nope"},
            headers={"X-CSRF-Token": start},
        )
        assert wrong.status_code == 401
    start = advisor.get("/api/v1/advisor/csrf").json()["csrf_token"]
    right = advisor.post(
        "/api/v1/advisor/login",
        json={"username": "ivan", "password": PASSWORD},
        headers={"X-CSRF-Token": start},
    )
    assert right.status_code == 401
    assert "auth.locked" in [e.action for e in console_of(app_services).audit.actions()]


def test_when_session_is_older_than_session_minutes_then_signed_out(
    app_services: Any, advisor: TestClient, clock: Any
) -> None:
    make_account(app_services, "jade")
    sign_in(advisor, "jade")
    assert advisor.get("/api/v1/advisor/me").status_code == 200
    clock.advance(minutes=app_services.settings.session_minutes + 1)
    assert advisor.get("/api/v1/advisor/me").status_code == 401


def test_when_signed_out_then_the_old_cookie_no_longer_works(app_services: Any, advisor: TestClient) -> None:
    make_account(app_services, "kate")
    csrf = sign_in(advisor, "kate")
    cookie = dict(advisor.cookies)
    assert advisor.post("/api/v1/advisor/logout", headers={"X-CSRF-Token": csrf}).status_code == 204
    replay = TestClient(advisor.app, cookies=cookie)
    assert replay.get("/api/v1/advisor/me").status_code == 401


@pytest.mark.parametrize(
    ("base_url", "name", "secure"),
    [
        ("http://127.0.0.1:8000", "fd_advisor", False),
        ("https://frontdoor.example.gov.uk", "__Host-fd_advisor", True),
    ],
)
def test_session_cookie_is_httponly_samesite_and_secure_over_https(
    app_services: Any, base_url: str, name: str, secure: bool
) -> None:
    from fastapi.responses import Response

    from advisor_console.deps import set_session_cookie

    make_account(app_services, "lena")
    console = console_of(app_services)
    session = console.sessions.start(console.accounts.verify("lena", PASSWORD).principal)  # type: ignore[arg-type]
    response = Response()
    set_session_cookie(
        response, app_services.settings.model_copy(update={"public_base_url": base_url}), session
    )
    header = response.headers["set-cookie"]
    assert header.startswith(f"{name}=") and "HttpOnly" in header and "SameSite=strict" in header
    assert ("Secure" in header) is secure and "Path=/" in header


def test_no_password_or_session_token_is_stored_or_logged_in_clear(
    app_services: Any, advisor: TestClient, resident: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    make_account(app_services, "mona")
    csrf = sign_in(advisor, "mona")
    start = advisor.get("/api/v1/advisor/csrf").json()["csrf_token"]
    advisor.post(
        "/api/v1/advisor/login",
        json={"username": "mona", "password": "wrong " + PASSWORD},
        headers={"X-CSRF-Token": start},
    )
    handoff_id = _handoff(resident)["handoff"]["id"]
    advisor.post(f"/api/v1/advisor/handoffs/{handoff_id}/claim", headers={"X-CSRF-Token": csrf})
    token = advisor.cookies.get("fd_advisor")
    assert token

    dump: list[str] = []
    metadata = MetaData()
    metadata.reflect(app_services.database.engine)
    with app_services.database.engine.connect() as conn:
        for table in metadata.sorted_tables:
            dump.extend(repr(tuple(row)) for row in conn.execute(table.select()))
    raw = "\n".join(dump)
    logged = "\n".join(f"{r.getMessage()} {r.__dict__!r}" for r in caplog.records)

    for secret in (PASSWORD, token, csrf):
        assert secret not in raw
        assert secret not in logged
    assert "$argon2id$" in raw
