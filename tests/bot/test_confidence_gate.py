"""The confidence gate: out-of-scope topics are redirected unless the retrieved pages themselves cover them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.base import HandoffReason, Outcome, Turn
from bot.context import TurnContext
from bot.reply_templates import ReplyTemplates
from bot.scope_rules import ScopeRules
from bot.steps.scope_step import ConfidenceGateStep
from councils import Council, CouncilRegistry
from frontdoor.settings import default_councils_file
from knowledge_base.base import Chunk, RetrievalResult, RetrievedChunk

BADGE = "A Blue Badge lets you park closer to where you are going. It costs £10."
BADGE_TICKET = "A Blue Badge does not stop a parking ticket if you park where loading is banned."


@pytest.fixture(scope="module")
def council() -> Council:
    return CouncilRegistry.from_yaml(default_councils_file()).get("ashby-vale")


def _ctx(council: Council, text: str, confidence: float, passage: str) -> TurnContext:
    chunk = Chunk("av:blue-badge:0", "blue-badge", council.id, "Blue Badge", "https://x", "Blue Badge", passage, 0, "h")
    ctx = TurnContext(Turn(text, council.id), council, "c1", datetime(2026, 11, 25, 10, tzinfo=UTC))
    ctx.text = text
    ctx.retrieval = RetrievalResult(text, (RetrievedChunk(chunk, 0.05),), confidence)
    return ctx


@pytest.mark.parametrize(
    ("text", "confidence", "passage", "outcome", "rule"),
    [
        ("how do i appeal a parking ticket", 0.9, BADGE, Outcome.NO_ANSWER, "scope:parking_and_roads"),
        ("how do i appeal a Parking  Ticket", 0.9, BADGE_TICKET, None, None),
        ("how do i appeal a parking ticket", 0.1, BADGE_TICKET, Outcome.NO_ANSWER, "scope:parking_and_roads"),
        ("how do i apply for a blue badge", 0.9, BADGE, None, None),
        ("how do i apply for a blue badge", 0.1, BADGE, Outcome.HANDOFF, "confidence:below_threshold"),
    ],
)
def test_when_gate_decides_then_outcome_follows_topic_confidence_and_passages(
    council: Council, text: str, confidence: float, passage: str, outcome: Outcome | None, rule: str | None
) -> None:
    gate = ConfidenceGateStep(ScopeRules.load(), ReplyTemplates(), threshold=0.5)
    ctx = _ctx(council, text, confidence, passage)
    gate(ctx)
    assert (ctx.stop.outcome if ctx.stop else None) is outcome
    assert (ctx.stop.rule if ctx.stop else None) == rule
    if outcome is Outcome.HANDOFF:
        assert ctx.stop is not None and ctx.stop.reason is HandoffReason.LOW_CONFIDENCE


@pytest.mark.parametrize(
    ("scores", "labels", "expected"),
    [
        ([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1], 0.8),  # clean split: the lowest threshold that keeps it
        ([0.1, 0.45, 0.5, 0.9], [0, 1, 0, 1], 0.45),  # near-equal points: prefer answering more
        ([0.3, 0.6], [1, 1], 0.3),  # one class only: answer everything it can
    ],
)
def test_when_calibrating_then_threshold_is_lowest_near_best_balanced_accuracy(scores, labels, expected) -> None:  # type: ignore[no-untyped-def]
    import numpy as np

    from frontdoor.evaluation.calibration import _balanced_threshold

    assert _balanced_threshold(np.array(scores), np.array(labels)) == pytest.approx(expected)
