"""A question only the learned layer flags: the safeguarding handoff still happens, and the answer is added.

Real components: the production app on the sample knowledge base (Presidio, the packaged model, the real
detector, Chroma, SQLite) for the end-to-end cases; the decision itself is a truth table over real
detector results.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from bot.base import HandoffReason, Outcome, Priority, Turn
from bot.context import Stop, TurnContext
from bot.steps.safeguarding_step import ANSWER_ALONGSIDE_RULE, SafeguardingStep, may_also_answer
from councils.council import Council
from guardrails.base import Category, DetectionLayer, SafeguardingResult, Tier
from guardrails.crisis_reply import CrisisReplyRenderer
from guardrails.safeguarding_detector import LayeredSafeguardingDetector

# From the main answering set (a097): an ordinary question the learned layer alone flags as neglect.
FLAGGED_QUESTION = "my dad cant swallow properly since his stroke do they do soft food"
WED_NOON = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
ASKS = "who do i ring about it"
TELLS = "he leaves her sitting in wet clothes all day"


@pytest.mark.parametrize(
    ("tier", "layer", "category", "rules", "text", "also_answer"),
    [
        (Tier.URGENT, DetectionLayer.LEARNED, Category.NEGLECT, ("learned:urgent:neglect",), ASKS, True),
        (Tier.URGENT, DetectionLayer.LEARNED, Category.FINANCIAL, ("learned:urgent:financial",), ASKS, True),
        (Tier.URGENT, DetectionLayer.WINDOW, Category.NEGLECT, ("learned:urgent:neglect", "window:0-20"), ASKS, True),
        # not a question: the safeguarding reply alone
        (Tier.URGENT, DetectionLayer.LEARNED, Category.NEGLECT, ("learned:urgent:neglect",), TELLS, False),
        # a phrase pattern or a curated exemplar is surer than the learned layer: the reply stops there
        (Tier.URGENT, DetectionLayer.PATTERN, Category.NEGLECT, ("pattern:neglect:x",), ASKS, False),
        (Tier.URGENT, DetectionLayer.SEMANTIC, Category.NEGLECT, ("exemplar:neglect:1",), ASKS, False),
        # danger now, suicide or self-harm, or an immediate guess capped down: never answered alongside
        (Tier.IMMEDIATE, DetectionLayer.PATTERN, Category.IMMEDIATE_DANGER, ("pattern:x",), ASKS, False),
        (Tier.URGENT, DetectionLayer.LEARNED, Category.SUICIDE, ("learned:urgent:suicide",), ASKS, False),
        (Tier.URGENT, DetectionLayer.LEARNED, Category.SELF_HARM, ("learned:urgent:self_harm",), ASKS, False),
        (Tier.URGENT, DetectionLayer.LEARNED, Category.IMMEDIATE_DANGER, ("learned:urgent:x",), ASKS, False),
        (
            Tier.URGENT, DetectionLayer.LEARNED, Category.NEGLECT,
            ("learned:urgent:neglect", "capped:immediate->urgent"), ASKS, False,
        ),
        # info already answers with the numbers; nothing detected needs nothing
        (Tier.INFO, DetectionLayer.LEARNED, Category.REPORTING, ("learned:info:reporting",), ASKS, False),
        (None, None, None, (), ASKS, False),
    ],
)
def test_when_flag_is_read_then_only_a_learned_urgent_question_is_also_answered(
    tier: Tier | None,
    layer: DetectionLayer | None,
    category: Category | None,
    rules: tuple[str, ...],
    text: str,
    also_answer: bool,
) -> None:
    result = SafeguardingResult(tier, category, rules=rules, layer=layer)
    assert may_also_answer(result, text) is also_answer


def _ctx(council: Council, text: str) -> TurnContext:
    ctx = TurnContext(Turn(text, council.id), council, "c1", WED_NOON)
    ctx.text = text
    return ctx


def test_when_detector_flags_a_question_by_learned_layer_then_turn_goes_on_with_a_pending_handoff(
    detector: LayeredSafeguardingDetector, ashby_vale: Council
) -> None:
    from bot.reply_templates import ReplyTemplates

    ctx = _ctx(ashby_vale, FLAGGED_QUESTION)
    SafeguardingStep(detector, CrisisReplyRenderer(), ReplyTemplates())(ctx)

    assert ctx.safeguarding is not None and ctx.safeguarding.layer is DetectionLayer.LEARNED
    assert not ctx.stopped
    assert ctx.pending is not None and ctx.pending.reason is HandoffReason.SAFEGUARDING
    assert ctx.pending.priority is Priority.URGENT
    assert ANSWER_ALONGSIDE_RULE in ctx.rules_fired
    assert ashby_vale.phones.safeguarding in ctx.preface[0]
    # Answered or not, the usual safeguarding reply stays the outcome if a later step stops the turn.
    assert ctx.pending.text.startswith("Thank you for telling us") and "Some of what you wrote" in ctx.preface[0]


def test_when_answer_alongside_is_off_then_the_same_flag_halts_the_turn(
    detector: LayeredSafeguardingDetector, ashby_vale: Council
) -> None:
    ctx = _ctx(ashby_vale, FLAGGED_QUESTION)
    SafeguardingStep(detector, CrisisReplyRenderer(), None)(ctx)

    assert ctx.stop is not None and ctx.stop.reason is HandoffReason.SAFEGUARDING
    assert ctx.pending is None and not ctx.preface


@pytest.mark.parametrize(
    "later",
    [
        Stop(Outcome.HANDOFF, "not sure", HandoffReason.LOW_CONFIDENCE, Priority.LOW_CONFIDENCE, "confidence:x"),
        Stop(Outcome.NO_ANSWER, "try the bins team", rule="scope:bins"),
        Stop(Outcome.HANDOFF, "sorry", HandoffReason.ERROR, Priority.REQUESTED, "error:compose"),
    ],
)
def test_when_a_later_step_halts_then_the_pending_safeguarding_handoff_is_the_outcome(
    ashby_vale: Council, later: Stop
) -> None:
    ctx = _ctx(ashby_vale, ASKS)
    pending = Stop(Outcome.HANDOFF, "call the safeguarding team", HandoffReason.SAFEGUARDING, Priority.URGENT)
    ctx.pending = pending

    ctx.halt(later)

    assert ctx.stop is pending
    assert later.rule in ctx.rules_fired  # the later step's reason is still on record


def _chat(client: Any, message: str) -> dict[str, Any]:
    response = client.post("/api/v1/chat", json={"message": message, "channel": "web", "council": "ashby-vale"})
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    return body


def test_when_flagged_question_is_covered_then_answered_with_citations_and_a_safeguarding_handoff(
    client: Any, services: Any
) -> None:
    body = _chat(client, FLAGGED_QUESTION)

    assert body["outcome"] == "answered"
    assert body["citations"], "the answer is still cited"
    assert body["handoff"] is not None and body["handoff"]["reason"] == "safeguarding"
    assert body["handoff"]["priority"] == "urgent"
    # Safeguarding first: the numbers come before the answer.
    council = services.councils.get("ashby-vale")
    assert body["reply"].index(council.phones.safeguarding) < body["reply"].index("[1]")
    assert "999" in body["reply"]
    assert body["reply"].startswith("Some of what you wrote may mean someone needs help or protection")
    # The decision record (transparency) says both: answered, and handed over for safeguarding.
    from frontdoor.transparency import DecisionRecordStore

    [record] = [r for r in DecisionRecordStore(services.database).iter_records("ashby-vale")
                if r.conversation_id == body["conversation_id"]]
    assert (record.outcome.value, record.handoff_reason, record.handoff_category) == (
        "answered", "safeguarding", "neglect")
    # The person was asked for: the next message goes to them, not the bot.
    again = {"message": "thanks", "channel": "web", "council": "ashby-vale", "conversation_id": body["conversation_id"]}
    follow_up = client.post("/api/v1/chat", json=again).json()
    assert follow_up["outcome"] == "handoff" and not follow_up["citations"]


def test_when_disclosure_is_a_pattern_then_no_answer_is_added(client: Any) -> None:
    body = _chat(client, "my son hits me, who do i call?")

    assert body["outcome"] == "handoff" and body["handoff"]["reason"] in ("safeguarding", "crisis")
    assert body["citations"] == []


def test_when_a_person_already_has_the_conversation_then_the_flag_still_raises_its_priority(client: Any) -> None:
    asked = _chat(client, "can I speak to a real person please")
    assert asked["handoff"]["priority"] == "requested"

    again = {"message": FLAGGED_QUESTION, "channel": "web", "council": "ashby-vale",
             "conversation_id": asked["conversation_id"]}
    body = client.post("/api/v1/chat", json=again).json()

    assert body["outcome"] == "handoff" and not body["citations"]
    assert body["handoff"]["priority"] == "urgent"
