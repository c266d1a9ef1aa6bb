"""Measured figures over decision records: volumes, outcome rates, handoffs, latency (ATRS, insights)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from bot.base import Outcome
from frontdoor.transparency.decision_record import DecisionRecord

__all__ = ["DecisionFigures", "percentile"]


def percentile(values: list[float], q: float) -> float:
    """The ``q`` quantile (0..1) by linear interpolation; 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


@dataclass(frozen=True, slots=True)
class DecisionFigures:
    """Aggregates of a set of decision records."""

    turns: int
    conversations: int
    outcomes: dict[str, int]
    handoff_reasons: dict[str, int]
    handoff_categories: dict[str, int]
    channels: dict[str, int]
    redactions: dict[str, int]
    latency_p50_ms: float
    latency_p95_ms: float
    bot_off_turns: int
    first: datetime | None
    last: datetime | None
    composers: dict[str, int] = field(default_factory=dict)
    cited_docs: dict[str, int] = field(default_factory=dict)

    def rate(self, outcome: Outcome) -> float:
        """Share of turns with ``outcome`` (0.0 with no turns)."""
        return self.outcomes.get(outcome.value, 0) / self.turns if self.turns else 0.0

    def rates(self) -> dict[str, float]:
        """Share of turns per outcome, keyed by outcome value (every outcome present, 0.0 if none)."""
        return {o.value: self.rate(o) for o in Outcome}

    @classmethod
    def of(cls, records: Iterable[DecisionRecord]) -> DecisionFigures:
        """Compute the figures in one pass."""
        outcomes: Counter[str] = Counter()
        reasons: Counter[str] = Counter()
        categories: Counter[str] = Counter()
        channels: Counter[str] = Counter()
        redactions: Counter[str] = Counter()
        composers: Counter[str] = Counter()
        cited: Counter[str] = Counter()
        conversations: set[str] = set()
        latencies: list[float] = []
        bot_off = 0
        first: datetime | None = None
        last: datetime | None = None
        for r in records:
            outcomes[r.outcome.value] += 1
            channels[r.channel] += 1
            conversations.add(r.conversation_id)
            latencies.append(r.latency_ms)
            redactions.update(r.redactions)
            if r.handoff_reason:
                reasons[r.handoff_reason] += 1
            if r.handoff_category:
                categories[r.handoff_category] += 1
            if r.composer:
                composers[r.composer] += 1
            cited.update(dict.fromkeys({s.doc_id for s in r.sources if s.cited}, 1))
            bot_off += 0 if r.bot_enabled else 1
            first = r.created_at if first is None or r.created_at < first else first
            last = r.created_at if last is None or r.created_at > last else last
        return cls(
            turns=len(latencies),
            conversations=len(conversations),
            outcomes=dict(outcomes),
            handoff_reasons=dict(reasons),
            handoff_categories=dict(categories),
            channels=dict(channels),
            redactions=dict(redactions),
            latency_p50_ms=percentile(latencies, 0.5),
            latency_p95_ms=percentile(latencies, 0.95),
            bot_off_turns=bot_off,
            first=first,
            last=last,
            composers=dict(composers),
            cited_docs=dict(cited),
        )
