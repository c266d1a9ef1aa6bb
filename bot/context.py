"""The one context object the pipeline's steps read and write for a single turn."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from bot.base import Citation, Composition, HandoffReason, Outcome, Priority, Turn
from councils import Council
from guardrails.base import SafeguardingResult
from knowledge_base.base import RetrievalResult, Vectors
from redaction.base import PlaceholderMap, RedactionResult

__all__ = ["Stop", "TurnContext"]


@dataclass(frozen=True, slots=True)
class Stop:
    """Why a step ended the pipeline early: a typed outcome and the reply to give."""

    outcome: Outcome
    text: str
    reason: HandoffReason | None = None
    priority: Priority | None = None
    rule: str | None = None


@dataclass(slots=True)
class TurnContext:
    """State of one turn. ``turn.text`` is raw and only the redact step may read it."""

    turn: Turn
    council: Council
    conversation_id: str
    now: datetime
    history: list[str] = field(default_factory=list)
    """The resident's earlier messages in this conversation, redacted, oldest first."""
    placeholders: PlaceholderMap = field(default_factory=PlaceholderMap)
    redaction: RedactionResult | None = None
    text: str = ""
    """The redacted (and guard-cleaned) message: what every later step sees."""
    query_vector: Vectors | None = None
    safeguarding: SafeguardingResult | None = None
    retrieval: RetrievalResult | None = None
    composition: Composition | None = None
    rules_fired: list[str] = field(default_factory=list)
    step_seconds: dict[str, float] = field(default_factory=dict)
    stop: Stop | None = None
    notes: list[str] = field(default_factory=list)
    """Fixed sentences appended to an answer (e.g. the safeguarding numbers on an info question)."""
    preface: list[str] = field(default_factory=list)
    """Fixed sentences given before an answer (the safeguarding numbers when a flagged question is also
    answered)."""
    pending: Stop | None = None
    """A safeguarding handoff that happens whatever later steps decide. The safeguarding step sets it
    instead of halting when it also lets the question be answered (``bot/steps/safeguarding_step.py``):
    if a later step halts for any other reason (low confidence, out of scope, a failure), this stop is
    the outcome instead; if the turn ends with an answer, the reply gives this stop's text first and the
    handoff is still created."""

    def halt(self, stop: Stop) -> None:
        """End the pipeline after the current step with this outcome (a pending safeguarding handoff wins)."""
        if stop.rule:
            self.rules_fired.append(stop.rule)
        self.stop = self.pending if self.pending is not None else stop

    @property
    def stopped(self) -> bool:
        """Whether a step has ended the pipeline."""
        return self.stop is not None

    @property
    def citations(self) -> tuple[Citation, ...]:
        """Citations of the composed answer, if any."""
        return self.composition.citations if self.composition else ()
