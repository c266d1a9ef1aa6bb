"""The widget's HTTP surface on the real app: script, config, demo page, CORS, headers, limits, feedback."""

from __future__ import annotations

import gzip
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from frontdoor.app import create_app
from storage.feedback_tables import FeedbackRow
from tests.widget.conftest import EMBED_ORIGIN

GZ_BUDGET = 12 * 1024


def test_when_widget_js_requested_then_served_gzipped_cacheable_and_small(widget_client: TestClient) -> None:
    plain = widget_client.get("/widget.js", headers={"Accept-Encoding": "identity"})
    assert plain.status_code == 200
    assert plain.headers["content-type"].startswith("text/javascript")
    assert plain.headers["cross-origin-resource-policy"] == "cross-origin"
    zipped = widget_client.get("/widget.js", headers={"Accept-Encoding": "gzip"})
    assert zipped.headers["content-encoding"] == "gzip"
    assert zipped.content == plain.content  # httpx decodes; the body is the same script
    assert len(gzip.compress(plain.content, 9)) < GZ_BUDGET
    again = widget_client.get("/widget.js", headers={"If-None-Match": plain.headers["etag"]})
    assert again.status_code == 304


@pytest.mark.parametrize(
    "sink",
    [
        ".innerHTML",
        ".outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
        "localStorage",
        "new Function",
    ],
)
def test_when_widget_source_read_then_no_html_sinks_or_local_storage(
    widget_client: TestClient, sink: str
) -> None:
    source = widget_client.get("/widget.js").text
    code = "\n".join(line for line in source.splitlines() if not line.lstrip().startswith(("/*", "*")))
    assert sink not in code


@pytest.mark.parametrize(
    ("council", "on_primary", "open_now"),
    [
        ("testshire", "#ffffff", None),  # dark green: white text
        ("nightshire", "#0b0c0c", False),  # yellow: black text; no opening hours, so never open
    ],
)
def test_when_config_requested_then_theme_notice_and_numbers(
    widget_client: TestClient, council: str, on_primary: str, open_now: bool | None
) -> None:
    body = widget_client.get(f"/widget/config/{council}").json()
    assert body["id"] == council
    assert body["colours"]["on_primary"] == on_primary
    if open_now is not None:
        assert body["open_now"] is open_now
    notice = body["notice"]
    assert "automated assistant" in notice and "person is always available" in notice
    assert "personal details" in notice and "999" in notice
    assert body["numbers"]["out_of_hours"] in body["out_of_hours_message"]
    assert body["quick_exit_url"] == "https://www.bbc.co.uk/weather"


def test_when_config_of_unknown_council_then_problem(widget_client: TestClient) -> None:
    response = widget_client.get("/widget/config/nowhere")
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize("query", ["", "?council=nightshire"])
def test_when_demo_page_served_then_widget_tag_and_strict_csp(widget_client: TestClient, query: str) -> None:
    response = widget_client.get(f"/{query}")
    assert response.status_code == 200
    assert '<script src="/widget.js" data-council="' in response.text
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp
    assert f"frame-ancestors 'self' {EMBED_ORIGIN}" in csp
    assert response.headers["x-content-type-options"] == "nosniff"


def test_when_api_answers_then_it_cannot_be_framed_or_sniffed(widget_client: TestClient) -> None:
    response = widget_client.get("/widget/config/testshire")
    assert response.headers["content-security-policy"] == "default-src 'none'; frame-ancestors 'none'"
    assert response.headers["referrer-policy"] == "no-referrer"


@pytest.mark.parametrize(
    ("origin", "path", "status", "cors"),
    [
        (EMBED_ORIGIN, "/api/v1/chat", 204, True),
        (EMBED_ORIGIN, "/api/v1/feedback", 204, True),
        (EMBED_ORIGIN, "/api/v1/conversations/abc123/handoff", 204, True),
        ("https://evil.test", "/api/v1/chat", 403, False),
        ("https://embed.test.evil.test", "/api/v1/chat", 403, False),
        ("http://embed.test", "/api/v1/chat", 403, False),
    ],
)
def test_when_preflight_then_only_allowed_origins_pass(
    widget_client: TestClient, origin: str, path: str, status: int, cors: bool
) -> None:
    response = widget_client.options(
        path,
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert response.status_code == status
    assert (response.headers.get("access-control-allow-origin") == origin) is cors


def test_when_foreign_origin_posts_then_refused_before_the_bot_runs(widget_client: TestClient) -> None:
    response = widget_client.post(
        "/api/v1/chat",
        headers={"Origin": "https://evil.test"},
        json={"message": "hello", "council": "testshire"},
    )
    assert response.status_code == 403
    assert "access-control-allow-origin" not in response.headers


def test_when_allowed_origin_reads_config_then_cors_header_and_vary(widget_client: TestClient) -> None:
    response = widget_client.get("/widget/config/testshire", headers={"Origin": EMBED_ORIGIN})
    assert response.headers["access-control-allow-origin"] == EMBED_ORIGIN
    assert "Origin" in response.headers["vary"]


def test_when_path_is_not_resident_surface_then_no_cors(widget_client: TestClient) -> None:
    response = widget_client.get("/healthz", headers={"Origin": EMBED_ORIGIN})
    assert "access-control-allow-origin" not in response.headers


def test_when_client_posts_too_fast_then_friendly_429_and_forwarded_for_ignored(widget_services: Any) -> None:
    settings = widget_services.settings.model_copy(
        update={"api_rate_limit_burst": 2, "api_rate_limit_per_minute": 1}
    )
    with TestClient(create_app(settings=settings, services=widget_services)) as client:
        body = {"conversation_id": "nope", "answer_index": 0, "helpful": True}
        codes = [
            client.post(
                "/api/v1/feedback",
                json=body,
                headers={"X-Forwarded-For": f"10.0.0.{i}", "Origin": EMBED_ORIGIN},
            ).status_code
            for i in range(3)
        ]
        assert codes == [404, 404, 429]
        limited = client.post("/api/v1/chat", json={"message": "hi"}, headers={"Origin": EMBED_ORIGIN})
        assert limited.status_code == 429
        assert int(limited.headers["retry-after"]) >= 1
        assert limited.headers["access-control-allow-origin"] == EMBED_ORIGIN  # the widget can read it
        assert "faster than I can answer" in limited.json()["detail"] and "999" in limited.json()["detail"]
        assert client.get("/widget/config/testshire").status_code == 200  # reads are not limited


@pytest.fixture(scope="module")
def answered(widget_client: TestClient) -> dict[str, Any]:
    response = widget_client.post(
        "/api/v1/chat", json={"message": "How do I apply for a Blue Badge?", "council": "testshire"}
    )
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    assert body["outcome"] == "answered", body
    return body


def _rows(services: Any, conversation_id: str) -> list[FeedbackRow]:
    with services.database.session() as s:
        return list(s.scalars(select(FeedbackRow).where(FeedbackRow.conversation_id == conversation_id)))


def test_when_resident_votes_twice_then_one_row_with_latest_and_comment_redacted(
    widget_client: TestClient, widget_services: Any, answered: dict[str, Any]
) -> None:
    cid = answered["conversation_id"]
    first = widget_client.post(
        "/api/v1/feedback", json={"conversation_id": cid, "answer_index": 0, "helpful": True}
    )
    assert first.status_code == 201
    seq = first.json()["message_seq"]
    second = widget_client.post(
        "/api/v1/feedback",
        json={
            "conversation_id": cid,
            "message_seq": seq,
            "helpful": False,
            "comment": "I am Margaret Thompson, call me on 07700 900123 at 14 Elm Road AV1 2BB",
        },
    )
    assert second.status_code == 201 and second.json()["message_seq"] == seq
    rows = _rows(widget_services, cid)
    assert len(rows) == 1
    row = rows[0]
    assert row.helpful is False and row.council_id == "testshire"
    assert row.comment is not None
    for secret in ("Margaret", "Thompson", "07700 900123", "AV1 2BB"):
        assert secret not in row.comment
    assert "<" in row.comment  # placeholders took their place


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"answer_index": 5, "helpful": True}, 404),
        ({"message_seq": 1, "helpful": True}, 404),  # seq 1 is the resident's message, not an answer
        ({"helpful": True}, 422),
        ({"answer_index": 0, "message_seq": 2, "helpful": True}, 422),
        ({"answer_index": 0}, 422),
        ({"answer_index": 0, "helpful": True, "comment": "x" * 1001}, 422),
    ],
)
def test_when_feedback_names_no_answer_then_refused(
    widget_client: TestClient, answered: dict[str, Any], body: dict[str, Any], status: int
) -> None:
    response = widget_client.post(
        "/api/v1/feedback", json={"conversation_id": answered["conversation_id"], **body}
    )
    assert response.status_code == status


def test_when_feedback_for_unknown_conversation_then_404(widget_client: TestClient) -> None:
    response = widget_client.post(
        "/api/v1/feedback", json={"conversation_id": "nope", "answer_index": 0, "helpful": True}
    )
    assert response.status_code == 404
