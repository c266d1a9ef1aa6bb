"""The decision record of one turn: what the assistant saw (redacted), found, decided, and how long it took.

Built once per turn by the conversation service from the pipeline's context and the reply, then handed
to every :class:`TurnObserver` (the decision store, the metrics). It never holds unredacted text: the
input is the redacted message, or a fixed withheld marker when redaction failed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from bot.base import Outcome, Reply
from bot.context import TurnContext

__all__ = ["WITHHELD_INPUT", "DecisionRecord", "DecisionSource", "TurnObserver"]

WITHHELD_INPUT = "[withheld: redaction did not complete]"
CHANNEL_OFF_RULE = "channel_off"


@dataclass(frozen=True, slots=True)
class DecisionSource:
    """One retrieved passage and the evidence for it."""

    doc_id: str
    title: str
    url: str
    section: str
    score: float
    dense_similarity: float
    bm25_score: float
    cited: bool


@dataclass(frozen=True, slots=True)
class DecisionRecord:
    """One turn's decision, safe to store and export (redacted text and numbers only)."""

    conversation_id: str
    council_id: str
    channel: str
    created_at: datetime
    redacted_input: str
    outcome: Outcome
    confidence: float
    latency_ms: float
    redactions: dict[str, int] = field(default_factory=dict)
    handoff_reason: str | None = None
    handoff_tier: str | None = None
    handoff_category: str | None = None
    sources: tuple[DecisionSource, ...] = ()
    rules_fired: tuple[str, ...] = ()
    composer: str | None = None
    model: str | None = None
    step_ms: dict[str, float] = field(default_factory=dict)
    bot_enabled: bool = True

    @classmethod
    def from_turn(cls, ctx: TurnContext, reply: Reply, latency_seconds: float) -> DecisionRecord:
        """Summarise a finished turn. Reads only redacted fields of ``ctx`` (never ``ctx.turn.text``)."""
        cited = {c.doc_id for c in reply.citations}
        chunks = ctx.retrieval.chunks if ctx.retrieval else ()
        sources = tuple(
            DecisionSource(
                doc_id=r.chunk.doc_id,
                title=r.chunk.title,
                url=r.chunk.url,
                section=r.chunk.section,
                score=round(r.score, 6),
                dense_similarity=round(r.dense_similarity, 6),
                bm25_score=round(r.bm25_score, 6),
                cited=r.chunk.doc_id in cited,
            )
            for r in chunks
        )
        stop = ctx.stop or ctx.pending  # an answer given beside a safeguarding handoff records that handoff
        sg = ctx.safeguarding
        handoff = reply.outcome is Outcome.HANDOFF or reply.handoff is not None
        return cls(
            conversation_id=ctx.conversation_id,
            council_id=ctx.council.id,
            channel=ctx.turn.channel.value,
            created_at=ctx.now,
            redacted_input=ctx.text if ctx.redaction is not None else WITHHELD_INPUT,
            outcome=reply.outcome,
            confidence=round(float(reply.confidence), 6),
            latency_ms=round(latency_seconds * 1000.0, 3),
            redactions=dict(Counter(e.type for e in ctx.redaction.entities)) if ctx.redaction else {},
            handoff_reason=stop.reason.value if handoff and stop and stop.reason else None,
            handoff_tier=sg.tier.value if handoff and sg and sg.tier else None,
            handoff_category=sg.category.value if handoff and sg and sg.category else None,
            sources=sources,
            rules_fired=tuple(reply.rules_fired),
            composer=ctx.composition.composer if ctx.composition else None,
            model=ctx.composition.model if ctx.composition else None,
            step_ms={name: round(sec * 1000.0, 3) for name, sec in ctx.step_seconds.items()},
            bot_enabled=not any(r.startswith(CHANNEL_OFF_RULE) for r in reply.rules_fired),
        )


class TurnObserver(Protocol):
    """Something told about every finished turn (the decision store, the metrics)."""

    def observe(self, record: DecisionRecord) -> None:
        """Take note of one turn. Must not raise for ordinary failures; the service logs any that do."""
        ...
