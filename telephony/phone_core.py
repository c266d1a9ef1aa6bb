"""The conversation core as the careline uses it: the same steps as chat, with a second chance on the phone.

In chat, one low-confidence turn hands over (the resident can read the offer and keep typing). A caller
who was misheard once deserves another go, so on the phone the *first* consecutive low-confidence turn
becomes a "could you say that another way?" (outcome ``no_answer``, reason still ``low_confidence`` so the
conversation's ``low_confidence_count`` goes up) and the second one hands over as usual.

Every step is the chat pipeline's own object; each is wrapped, so a renamed or added step is covered too.
Finished turns go to the chat core's observers (decision records, metrics), read at each turn, so an
observer added or removed later is followed.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from bot.base import HandoffReason, Outcome
from bot.context import Stop, TurnContext
from bot.conversation_service import ConversationService
from bot.pipeline import Pipeline, Step
from councils import CouncilRegistry
from frontdoor.transparency.decision_record import DecisionRecord
from redaction.base import Redactor
from storage.conversation_store import ConversationStore
from storage.handoff_store import HandoffStore

__all__ = [
    "LOW_CONFIDENCE_TRANSFER_AFTER",
    "SECOND_CHANCE_RULE",
    "SecondChanceStep",
    "SharedObservers",
    "build_phone_core",
]

log = logging.getLogger(__name__)

SECOND_CHANCE_RULE = "phone:second_chance"
LOW_CONFIDENCE_TRANSFER_AFTER = 2
"""Consecutive low-confidence turns after which a call is transferred."""
SECOND_CHANCE_TEXT = "I'm sorry, I'm not sure I found the right answer to that."


class SecondChanceStep:
    """Wraps one pipeline step: softens its low-confidence handoff while the caller has tries left."""

    def __init__(self, inner: Step, conversations: ConversationStore) -> None:
        self._inner = inner
        self._conversations = conversations

    def __call__(self, ctx: TurnContext) -> None:
        """Run the step; turn an early low-confidence handoff into a request to rephrase."""
        self._inner(ctx)
        stop = ctx.stop
        if (
            stop is None
            or stop.outcome is not Outcome.HANDOFF
            or stop.reason is not HandoffReason.LOW_CONFIDENCE
        ):
            return
        earlier = self._conversations.get(ctx.conversation_id).low_confidence_count
        if earlier + 1 < LOW_CONFIDENCE_TRANSFER_AFTER:
            ctx.stop = Stop(
                Outcome.NO_ANSWER,
                SECOND_CHANCE_TEXT,
                reason=HandoffReason.LOW_CONFIDENCE,
                priority=stop.priority,
                rule=SECOND_CHANCE_RULE,
            )
            ctx.rules_fired.append(SECOND_CHANCE_RULE)


class SharedObservers:
    """A turn observer that tells whoever observes the chat core right now."""

    def __init__(self, chat_core: ConversationService) -> None:
        self._chat_core = chat_core

    def observe(self, record: DecisionRecord) -> None:
        """Pass the record on; one failing observer does not stop the others."""
        for observer in self._chat_core.observers:
            try:
                observer.observe(record)
            except Exception as exc:
                log.error(
                    "decision.observer_failed",
                    extra={"observer": type(observer).__name__, "error": exc.__class__.__name__},
                )


def build_phone_core(
    chat_core: ConversationService,
    councils: CouncilRegistry,
    pipeline: Pipeline,
    conversations: ConversationStore,
    handoffs: HandoffStore,
    redactor: Redactor,
) -> ConversationService:
    """A :class:`ConversationService` over the chat pipeline's steps, each wrapped in
    :class:`SecondChanceStep`, reporting to ``chat_core``'s observers."""
    phone_steps = [replace(step, run=SecondChanceStep(step.run, conversations)) for step in pipeline.steps]
    return ConversationService(
        councils,
        Pipeline(phone_steps),
        conversations,
        handoffs,
        redactor,
        observers=[SharedObservers(chat_core)],
    )
