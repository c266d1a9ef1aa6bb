"""Prometheus metrics of one app, on its own CollectorRegistry (no global registry state).

Counts and timings only — labels are closed sets (council, channel, outcome, reason, tier, step, entity
type, route template, status), never text. It is a
:class:`~frontdoor.transparency.decision_record.TurnObserver`, so it learns about turns from the same
decision record the transparency store keeps.

With several uvicorn workers, ``frontdoor serve`` turns on prometheus-client's multiprocess mode and
passes its folder here: each worker still counts on its own registry, and :meth:`render` reports the sum
over every worker's files, so a scrape that lands on any worker sees the whole service.
"""

from __future__ import annotations

from pathlib import Path

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)

from frontdoor.transparency.decision_record import DecisionRecord

__all__ = ["CONTENT_TYPE_LATEST", "FrontDoorMetrics"]

_STEP_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)
_TURN_BUCKETS = (0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0)


class FrontDoorMetrics:
    """Every Front Door metric, registered on ``registry`` (a fresh one by default)."""

    def __init__(self, registry: CollectorRegistry | None = None, *, multiprocess_dir: Path | None = None) -> None:
        self.registry = registry or CollectorRegistry(auto_describe=True)
        self._multiprocess_dir = multiprocess_dir
        r = self.registry
        self.turns = Counter(
            "frontdoor_turns",
            "Turns handled by the assistant",
            ["council", "channel", "outcome"],
            registry=r,
        )
        self.handoffs = Counter(
            "frontdoor_handoffs",
            "Turns handed to a person",
            ["council", "channel", "reason", "tier"],
            registry=r,
        )
        self.redactions = Counter(
            "frontdoor_redactions",
            "Personal-data items redacted, by entity type",
            ["entity_type"],
            registry=r,
        )
        self.bot_off = Counter(
            "frontdoor_bot_off_turns",
            "Turns routed straight to people by a channel switch",
            ["channel"],
            registry=r,
        )
        self.step_seconds = Histogram(
            "frontdoor_step_seconds",
            "Latency of each pipeline step",
            ["step"],
            buckets=_STEP_BUCKETS,
            registry=r,
        )
        self.turn_seconds = Histogram(
            "frontdoor_turn_seconds",
            "Latency of a whole turn",
            ["channel"],
            buckets=_TURN_BUCKETS,
            registry=r,
        )
        self.http_requests = Counter(
            "frontdoor_http_requests", "HTTP requests", ["method", "route", "status"], registry=r
        )
        self.http_seconds = Histogram(
            "frontdoor_http_request_seconds",
            "HTTP request latency",
            ["method", "route"],
            buckets=_TURN_BUCKETS,
            registry=r,
        )
        self.in_flight = Gauge(
            "frontdoor_http_in_flight", "HTTP requests being served", registry=r, multiprocess_mode="livesum"
        )

    def observe(self, record: DecisionRecord) -> None:
        """Count one turn (a TurnObserver)."""
        self.turns.labels(record.council_id, record.channel, record.outcome.value).inc()
        if record.handoff_reason:
            self.handoffs.labels(
                record.council_id, record.channel, record.handoff_reason, record.handoff_tier or "none"
            ).inc()
        for entity_type, count in record.redactions.items():
            self.redactions.labels(entity_type).inc(count)
        if not record.bot_enabled:
            self.bot_off.labels(record.channel).inc()
        for step, ms in record.step_ms.items():
            self.step_seconds.labels(step).observe(ms / 1000.0)
        self.turn_seconds.labels(record.channel).observe(record.latency_ms / 1000.0)

    def observe_http(self, method: str, route: str, status: int, seconds: float) -> None:
        """Count one HTTP request by its route *template* (never the raw path)."""
        self.http_requests.labels(method, route, str(status)).inc()
        self.http_seconds.labels(method, route).observe(seconds)

    def render(self) -> bytes:
        """The Prometheus text exposition (summed over every worker in multiprocess mode)."""
        if self._multiprocess_dir is None:
            return generate_latest(self.registry)
        combined = CollectorRegistry()
        multiprocess.MultiProcessCollector(combined, path=str(self._multiprocess_dir))
        return generate_latest(combined)
