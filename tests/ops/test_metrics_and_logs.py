"""Metrics count turns, handoffs, steps and redactions (never text); JSON logs withhold resident text."""

from __future__ import annotations

import io
import json
import logging
from datetime import UTC, datetime

import pytest

from bot.base import Outcome
from frontdoor.observability import (
    FrontDoorMetrics,
    JsonLogFormatter,
    RequestIdLogFilter,
    accept_request_id,
)
from frontdoor.observability.request_context import request_id_var
from frontdoor.transparency import DecisionRecord

SECRET = "Mrs Jane Example of 12 Acacia Avenue AV1 2BB"


def _record(**kw: object) -> DecisionRecord:
    values: dict[str, object] = {
        "conversation_id": "c1",
        "council_id": "ashby-vale",
        "channel": "web",
        "created_at": datetime(2026, 11, 25, tzinfo=UTC),
        "redacted_input": "help for <PERSON_1>",
        "outcome": Outcome.ANSWERED,
        "confidence": 0.9,
        "latency_ms": 250.0,
        "step_ms": {"redact": 20.0, "retrieve": 40.0},
        "redactions": {"PERSON": 2, "UK_POSTCODE": 1},
    }
    values.update(kw)
    return DecisionRecord(**values)  # type: ignore[arg-type]


def _value(metrics: FrontDoorMetrics, name: str, **labels: str) -> float:
    return metrics.registry.get_sample_value(name, labels) or 0.0


def test_when_turn_observed_then_outcome_steps_and_redactions_are_counted() -> None:
    metrics = FrontDoorMetrics()

    metrics.observe(_record())

    assert (
        _value(metrics, "frontdoor_turns_total", council="ashby-vale", channel="web", outcome="answered")
        == 1
    )
    assert _value(metrics, "frontdoor_redactions_total", entity_type="PERSON") == 2
    assert _value(metrics, "frontdoor_step_seconds_count", step="retrieve") == 1
    assert _value(metrics, "frontdoor_step_seconds_sum", step="retrieve") == pytest.approx(0.040)
    assert _value(metrics, "frontdoor_turn_seconds_sum", channel="web") == pytest.approx(0.25)


@pytest.mark.parametrize(
    ("reason", "tier", "expected_tier"),
    [("safeguarding", "urgent", "urgent"), ("low_confidence", None, "none"), ("requested", None, "none")],
)
def test_when_handoff_observed_then_counted_by_reason_and_tier(
    reason: str, tier: str | None, expected_tier: str
) -> None:
    metrics = FrontDoorMetrics()

    metrics.observe(_record(outcome=Outcome.HANDOFF, handoff_reason=reason, handoff_tier=tier))

    labels = {"council": "ashby-vale", "channel": "web", "reason": reason, "tier": expected_tier}
    assert _value(metrics, "frontdoor_handoffs_total", **labels) == 1


def test_when_two_apps_exist_then_their_metrics_do_not_mix() -> None:
    a, b = FrontDoorMetrics(), FrontDoorMetrics()

    a.observe(_record())

    assert _value(b, "frontdoor_turns_total", council="ashby-vale", channel="web", outcome="answered") == 0


def test_when_metrics_rendered_then_no_text_of_the_turn_appears() -> None:
    metrics = FrontDoorMetrics()
    metrics.observe(_record(redacted_input=SECRET))

    text = metrics.render().decode()

    assert "frontdoor_turns_total" in text
    assert "Acacia" not in text and "<PERSON_1>" not in text


def _log_line(
    logger: str, msg: str, *args: object, extra: dict[str, object] | None = None, exc: bool = False
) -> dict:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonLogFormatter())
    handler.addFilter(RequestIdLogFilter())
    log = logging.getLogger(logger)
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False
    try:
        if exc:
            try:
                raise ValueError(SECRET)
            except ValueError:
                log.exception(msg, *args, extra=extra)
        else:
            log.info(msg, *args, extra=extra)
    finally:
        log.removeHandler(handler)
    return json.loads(stream.getvalue())


def test_when_event_logged_then_line_is_json_with_event_and_fields() -> None:
    line = _log_line("frontdoor.test", "handoff.created", extra={"handoff": "h1", "priority": 30})

    assert (line["event"], line["handoff"], line["priority"], line["level"]) == (
        "handoff.created",
        "h1",
        30,
        "info",
    )


@pytest.mark.parametrize("key", ["text", "message_text", "transcript", "query", "body", "reply"])
def test_when_extra_names_a_text_field_then_value_is_withheld(key: str) -> None:
    line = _log_line("frontdoor.test", "conversation.turn", extra={key: SECRET})

    assert line[key] == "[withheld]"


def test_when_nested_extra_holds_text_then_it_is_withheld_too() -> None:
    line = _log_line("frontdoor.test", "conversation.turn", extra={"detail": {"text": SECRET, "n": 1}})

    assert line["detail"] == {"text": "[withheld]", "n": 1}


def test_when_free_text_message_logged_then_it_is_not_printed() -> None:
    line = _log_line("frontdoor.test", "resident said %s", SECRET)

    assert SECRET not in json.dumps(line)
    assert line["event"] == "frontdoor.test.log"


def test_when_exception_logged_then_type_and_place_but_not_message() -> None:
    line = _log_line("frontdoor.test", "pipeline.step_failed", exc=True)

    assert line["error"] == "ValueError"
    assert line["error_at"].startswith("test_metrics_and_logs.py:")
    assert SECRET not in json.dumps(line)


def test_when_inside_a_request_then_log_line_carries_its_id() -> None:
    token = request_id_var.set("req-123")
    try:
        line = _log_line("frontdoor.test", "conversation.turn")
    finally:
        request_id_var.reset(token)

    assert line["request_id"] == "req-123"


@pytest.mark.parametrize(
    ("incoming", "kept"),
    [
        ("abc-123", True),
        ("A.b_c-9", True),
        ("has space", False),
        ("x" * 65, False),
        ("<script>", False),
        (None, False),
    ],
)
def test_when_request_id_offered_then_only_safe_tokens_are_kept(incoming: str | None, kept: bool) -> None:
    got = accept_request_id(incoming)

    assert (got == incoming) is kept
    assert 1 <= len(got) <= 64
