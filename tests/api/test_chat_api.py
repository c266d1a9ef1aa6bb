"""The HTTP contract: answers with citations, typed outcomes, clear 4xx problems, nothing lost."""

from __future__ import annotations

import pytest

CITATION_FIELDS = {"n", "doc_id", "title", "url", "section", "quote"}


def _chat(client, message: str, **extra):  # type: ignore[no-untyped-def]
    return client.post("/api/v1/chat", json={"message": message, "channel": "web", **extra})


@pytest.mark.parametrize(
    ("question", "council", "expected_doc", "fact"),
    [
        ("how much does a blue badge cost", "ashby-vale", "blue-badge", "£10"),
        (
            "how much savings can i have before i pay for my care",
            "ashby-vale",
            "charging-and-financial-assessment",
            "£23,250",
        ),
        ("how do i apply for a blue badge", "northmoor", "nm-blue-badge", None),
    ],
)
def test_when_question_is_covered_then_answered_with_citations(client, question, council, expected_doc, fact) -> None:  # type: ignore[no-untyped-def]
    r = _chat(client, question, council=council)
    assert r.status_code == 200
    body = r.json()
    assert body["outcome"] == "answered"
    assert body["handoff"] is None
    assert body["citations"] and set(body["citations"][0]) == CITATION_FIELDS
    assert expected_doc in [c["doc_id"] for c in body["citations"]]
    assert [c["n"] for c in body["citations"]] == list(range(1, len(body["citations"]) + 1))
    assert 0.0 <= body["confidence"] <= 1.0
    for c in body["citations"]:
        assert c["quote"] in body["reply"]
        assert f"[{c['n']}]" in body["reply"]
    if fact:
        assert fact in body["reply"]


def test_when_question_is_not_covered_then_person_offered(client) -> None:  # type: ignore[no-untyped-def]
    body = _chat(client, "what is the care cap", council="ashby-vale").json()
    assert body["outcome"] == "handoff"
    assert body["handoff"]["reason"] == "low_confidence"
    assert body["citations"] == []


def test_when_question_is_out_of_scope_then_redirected(client) -> None:  # type: ignore[no-untyped-def]
    body = _chat(client, "when will my bins be collected", council="ashby-vale").json()
    assert body["outcome"] == "no_answer"
    assert body["handoff"] is None
    assert "ashbyvale.gov.uk" in body["reply"]


def test_when_resident_asks_for_a_person_then_handoff_requested(client) -> None:  # type: ignore[no-untyped-def]
    body = _chat(client, "can I speak to a real person please", council="ashby-vale").json()
    assert body["outcome"] == "handoff"
    assert body["handoff"]["reason"] == "requested"


def test_when_disclosure_then_safeguarding_handoff_with_numbers(client) -> None:  # type: ignore[no-untyped-def]
    body = _chat(client, "my son hits me and takes my pension", council="ashby-vale").json()
    assert body["outcome"] == "handoff"
    assert body["handoff"]["reason"] in {"safeguarding", "crisis"}
    assert "999" in body["reply"]


@pytest.mark.parametrize(
    ("payload", "status", "title"),
    [
        ({"message": "", "channel": "web"}, 422, "Invalid request"),
        ({"message": "   ", "channel": "web"}, 422, "Invalid request"),
        ({"message": "x" * 2001, "channel": "web"}, 422, "Invalid request"),
        ({"message": "hello", "council": "atlantis", "channel": "web"}, 422, "Unknown council"),
        ({"channel": "web"}, 422, "Invalid request"),
        ({"message": "hi", "channel": "fax"}, 422, "Invalid request"),
    ],
)
def test_when_input_is_bad_then_clear_problem(client, payload, status, title) -> None:  # type: ignore[no-untyped-def]
    r = client.post("/api/v1/chat", json=payload)
    assert r.status_code == status
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["title"] == title


def test_when_json_is_malformed_then_400(client) -> None:  # type: ignore[no-untyped-def]
    r = client.post("/api/v1/chat", content=b'{"message": "hi"', headers={"content-type": "application/json"})
    assert r.status_code == 400
    assert r.json()["title"] == "Malformed JSON"


def test_when_bad_input_follows_then_stored_conversation_is_intact(client) -> None:  # type: ignore[no-untyped-def]
    first = _chat(client, "how much does a blue badge cost", council="ashby-vale").json()
    cid = first["conversation_id"]
    assert _chat(client, "x" * 5000, council="ashby-vale", conversation_id=cid).status_code == 422
    assert _chat(client, "hi", council="atlantis", conversation_id=cid).status_code == 422
    transcript = client.get(f"/api/v1/conversations/{cid}").json()
    assert [m["role"] for m in transcript["messages"]] == ["resident", "bot"]


def test_when_conversation_continues_then_transcript_is_redacted(client) -> None:  # type: ignore[no-untyped-def]
    first = _chat(
        client, "My name is Grace Okafor and my number is 07700 900456. How much is a blue badge?", council="ashby-vale"
    ).json()
    cid = first["conversation_id"]
    _chat(client, "thanks, and is Grace Okafor able to get one for her car?", council="ashby-vale", conversation_id=cid)
    transcript = client.get(f"/api/v1/conversations/{cid}").json()
    texts = " ".join(m["text"] for m in transcript["messages"])
    assert "Okafor" not in texts and "07700" not in texts
    assert "<PERSON_1>" in transcript["messages"][0]["text"]
    assert "<PERSON_1>" in transcript["messages"][2]["text"]


def test_when_conversation_id_belongs_to_another_council_then_not_found(client) -> None:  # type: ignore[no-untyped-def]
    cid = _chat(client, "how much does a blue badge cost", council="ashby-vale").json()["conversation_id"]
    r = _chat(client, "and for carers?", council="northmoor", conversation_id=cid)
    assert r.status_code == 404


def test_when_unknown_conversation_requested_then_404(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/api/v1/conversations/does-not-exist").status_code == 404


def test_when_probed_then_health_and_readiness_report(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["checks"]["knowledge_base"] == {"ashby-vale": True, "northmoor": True}
