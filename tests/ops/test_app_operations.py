"""Through the real app: every turn leaves a decision record and metrics; switches route to people."""

from __future__ import annotations

from typing import Any

import pytest

from bot.base import Channel, Outcome, Turn
from bot.conversation_service import ConversationService
from frontdoor.container import build_pipeline
from frontdoor.transparency import DecisionRecordStore

ADDRESS = "12 Acacia Avenue, AV1 2BB"


def _chat(client: Any, message: str, council: str = "ashby-vale") -> dict[str, Any]:
    r = client.post("/api/v1/chat", json={"message": message, "channel": "web", "council": council})
    assert r.status_code == 200, r.text
    return r.json()


def _records(services: Any, conversation_id: str) -> list[Any]:
    return [
        r
        for r in DecisionRecordStore(services.database).iter_records()
        if r.conversation_id == conversation_id
    ]


def test_when_question_answered_then_decision_record_holds_sources_steps_and_composer(
    client: Any, services: Any
) -> None:
    body = _chat(client, "how do i apply for a blue badge")

    [record] = _records(services, body["conversation_id"])
    assert record.outcome is Outcome.ANSWERED
    assert record.composer
    assert any(s.cited and s.doc_id == "blue-badge" for s in record.sources)
    assert {"redact", "retrieve", "compose"} <= set(record.step_ms)
    assert record.latency_ms >= sum(record.step_ms.values()) * 0.99
    assert record.confidence == pytest.approx(body["confidence"], abs=1e-3)


def test_when_message_holds_personal_data_then_record_keeps_only_placeholders_and_counts(
    client: Any, services: Any
) -> None:
    body = _chat(client, f"I live at {ADDRESS}, can I get a blue badge")

    [record] = _records(services, body["conversation_id"])
    assert "Acacia" not in record.redacted_input and "AV1 2BB" not in record.redacted_input
    assert sum(record.redactions.values()) >= 1


def test_when_disclosure_then_record_names_reason_and_tier(client: Any, services: Any) -> None:
    body = _chat(client, "my son hits me and takes my pension")

    [record] = _records(services, body["conversation_id"])
    assert (record.outcome, record.handoff_reason) == (Outcome.HANDOFF, "safeguarding")
    assert record.handoff_tier is not None


def test_when_turns_served_then_metrics_endpoint_counts_them_without_text(client: Any) -> None:
    before = client.get("/metrics").text
    _chat(client, "can I speak to a real person please", council="northmoor")

    after = client.get("/metrics")

    assert after.status_code == 200
    assert after.headers["content-type"].startswith("text/plain")
    line = 'frontdoor_handoffs_total{channel="web",council="northmoor",reason="requested",tier="none"}'
    assert _sample(after.text, line) == _sample(before, line) + 1
    assert 'frontdoor_step_seconds_count{step="redact"}' in after.text
    assert 'frontdoor_http_requests_total{method="POST",route="/api/v1/chat",status="200"}' in after.text
    assert "real person" not in after.text


def test_when_request_carries_an_id_then_response_echoes_it(client: Any) -> None:
    r = client.get("/metrics", headers={"X-Request-ID": "probe-42"})

    assert r.headers["x-request-id"] == "probe-42"


def _sample(text: str, prefix: str) -> float:
    for line in text.splitlines():
        if line.startswith(prefix + " "):
            return float(line.split()[-1])
    return 0.0


@pytest.fixture(scope="module")
def switched_off(services: Any, settings_factory: Any) -> ConversationService:
    """The real core with the phone bot switched off (chat left on)."""
    settings = settings_factory(phone_bot_enabled=False)
    pipeline = build_pipeline(
        settings,
        services.embedder,
        services.retriever,
        services.redactor,
        services.vault,
        services.templates,
    )
    return ConversationService(
        services.councils,
        pipeline,
        services.conversation_store,
        services.handoffs,
        services.redactor,
        observers=[DecisionRecordStore(services.database)],
    )


@pytest.mark.parametrize(
    ("channel", "expected"), [(Channel.PHONE, Outcome.HANDOFF), (Channel.WEB, Outcome.ANSWERED)]
)
def test_when_channel_bot_switched_off_then_only_that_channel_goes_to_a_person(
    switched_off: ConversationService, services: Any, channel: Channel, expected: Outcome
) -> None:
    reply = switched_off.handle_sync(Turn("how do i apply for a blue badge", "ashby-vale", channel))

    assert reply.outcome is expected
    [record] = _records(services, reply.conversation_id)
    assert record.bot_enabled is (channel is Channel.WEB)
    if channel is Channel.PHONE:
        assert reply.handoff is not None and reply.handoff.reason.value == "requested"
        assert "channel_off:phone" in reply.rules_fired
        assert record.sources == ()  # nothing was retrieved
        assert "999" in reply.text
