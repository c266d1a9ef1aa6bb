"""Step: safeguarding first. A disclosure stops the pipeline with a handoff and the crisis numbers."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from bot.base import HandoffReason, Outcome, Priority
from bot.context import Stop, TurnContext
from councils import Council
from guardrails.base import Category, SafeguardingDetector, SafeguardingResult, Tier
from guardrails.crisis_reply import CrisisReply

__all__ = ["CrisisReplier", "SafeguardingStep"]


class CrisisReplier(Protocol):
    """Renders the crisis/safeguarding reply for a detection (council numbers, in or out of hours)."""

    def render(self, result: SafeguardingResult, council: Council, now: datetime) -> CrisisReply:
        """The reply for this detection."""
        ...


_SELF_HARM = {Category.SELF_HARM, Category.SUICIDE}


class SafeguardingStep:
    """Runs the detector over the message and the recent conversation (both redacted)."""

    def __init__(self, detector: SafeguardingDetector, replier: CrisisReplier) -> None:
        self._detector = detector
        self._replier = replier

    def __call__(self, ctx: TurnContext) -> None:
        """Halt on immediate/urgent; on info, continue and add the safeguarding numbers to the answer."""
        result = self._detector.detect(ctx.text, ctx.history, vector=ctx.query_vector)
        ctx.safeguarding = result
        ctx.rules_fired.extend(result.rules)
        if result.tier is None:
            return
        crisis = self._replier.render(result, ctx.council, ctx.now)
        if result.tier is Tier.INFO:
            ctx.notes.append(crisis.text)
            return
        reason = (
            HandoffReason.CRISIS
            if (result.tier is Tier.IMMEDIATE or result.category in _SELF_HARM)
            else HandoffReason.SAFEGUARDING
        )
        priority = Priority.IMMEDIATE if result.tier is Tier.IMMEDIATE else Priority.URGENT
        ctx.halt(Stop(Outcome.HANDOFF, crisis.text, reason, priority))
