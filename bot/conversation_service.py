"""The conversation core's entry point: one turn in, one reply out.

It loads the conversation, runs the pipeline in a worker thread (NER and embedding are CPU-heavy and must
not block the event loop), stores the redacted turn, and writes any handoff **before** the reply is
returned. If the store fails during a safeguarding handoff, the reply still carries the crisis numbers.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime

import anyio.to_thread

from bot.base import HandoffInfo, HandoffReason, Outcome, Priority, Reply, Turn
from bot.context import TurnContext
from bot.pipeline import NamedStep, Pipeline
from bot.steps.redact_step import RedactStep
from councils import CouncilRegistry
from frontdoor.errors import NotFoundError, StoreError
from frontdoor.transparency.decision_record import DecisionRecord, TurnObserver
from redaction.base import Redactor
from storage.conversation_store import ConversationState, ConversationStore, NewMessage
from storage.handoff_store import HandoffStore, HandoffTicket, NewHandoff
from storage.models import new_id

__all__ = ["ConversationService"]

log = logging.getLogger(__name__)

WITHHELD = "[message withheld: it could not be checked for personal data]"
HISTORY_TURNS = 4


class ConversationService:
    """Runs turns through the pipeline and keeps the redacted record."""

    def __init__(
        self,
        councils: CouncilRegistry,
        pipeline: Pipeline,
        conversations: ConversationStore,
        handoffs: HandoffStore,
        redactor: Redactor,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        observers: Sequence[TurnObserver] = (),
    ) -> None:
        self._observers: list[TurnObserver] = list(observers)
        self._councils = councils
        self._pipeline = pipeline
        self._conversations = conversations
        self._handoffs = handoffs
        self._redactor = redactor
        self._clock = clock
        self._with_person_pipeline = _with_person_pipeline(pipeline, redactor)

    async def handle(self, turn: Turn) -> Reply:
        """Answer one turn (raises UnknownCouncilError / NotFoundError for bad requests)."""
        return await anyio.to_thread.run_sync(self.handle_sync, turn)

    def handle_sync(self, turn: Turn) -> Reply:
        """The same, for callers already off the event loop (CLI, evaluation, benchmarks)."""
        council = self._councils.get(turn.council_id)
        try:
            conversation_id, state = self._conversations.ensure(turn.conversation_id, council.id, turn.channel.value)
            history = (
                self._conversations.recent_resident_texts(conversation_id, HISTORY_TURNS)
                if state == ConversationState.BOT and turn.conversation_id is not None
                else []  # a conversation created by this turn has no history to read
            )
        except NotFoundError:
            raise  # a conversation id of another council: the caller's mistake, not an outage
        except StoreError:
            # The store is down: still run the core (so a disclosure gets the crisis numbers), remembering nothing.
            log.error("conversation.store_unavailable", extra={"council": council.id})
            conversation_id, state, history = turn.conversation_id or new_id(), ConversationState.BOT, []
        if state != ConversationState.BOT:
            return self._while_with_person(turn, conversation_id, state)
        ctx = TurnContext(
            turn=turn,
            council=council,
            conversation_id=conversation_id,
            now=self._clock(),
            history=history,
        )
        started = time.perf_counter()
        self._pipeline.run(ctx)
        reply = self._finish(ctx)
        self._observe(ctx, reply, time.perf_counter() - started)
        return reply

    def add_observer(self, observer: TurnObserver) -> None:
        """Tell ``observer`` about every finished turn (decision records, metrics)."""
        self._observers.append(observer)

    def remove_observer(self, observer: TurnObserver) -> None:
        """Stop telling ``observer``."""
        if observer in self._observers:
            self._observers.remove(observer)

    @property
    def observers(self) -> tuple[TurnObserver, ...]:
        """The observers told about every finished turn (the careline's phone core tells the same ones)."""
        return tuple(self._observers)

    def _observe(self, ctx: TurnContext, reply: Reply, seconds: float) -> None:
        if not self._observers:
            return
        record = DecisionRecord.from_turn(ctx, reply, seconds)
        for observer in list(self._observers):
            try:
                observer.observe(record)
            except Exception as exc:  # a failed record must never fail the resident's turn
                log.error("decision.observer_failed", extra={"observer": type(observer).__name__,
                                                              "error": exc.__class__.__name__})

    # -- after the pipeline --------------------------------------------------------------------------
    def _finish(self, ctx: TurnContext) -> Reply:
        stop = ctx.stop
        if stop is None and ctx.composition is None and ctx.pending is not None:
            stop = ctx.pending  # nothing was composed: the deferred safeguarding handoff is the outcome
        handoff_anyway = ctx.pending if stop is None else None  # answered: the deferred handoff still happens
        if stop is None and ctx.composition is not None:
            text = "".join(f"{lead}\n\n" for lead in ctx.preface) + ctx.composition.text
            text += "".join(f"\n\n{note}" for note in ctx.notes)
            reply = Reply(ctx.conversation_id, Outcome.ANSWERED, text, ctx.composition.citations,
                          confidence=_confidence(ctx), rules_fired=tuple(ctx.rules_fired))
        else:
            assert stop is not None
            reply = Reply(ctx.conversation_id, stop.outcome, stop.text, (), confidence=_confidence(ctx),
                          rules_fired=tuple(ctx.rules_fired))
        resident_text = ctx.text if ctx.redaction is not None else WITHHELD
        messages = [
            NewMessage("resident", resident_text),
            NewMessage("bot", reply.text, outcome=reply.outcome.value, confidence=reply.confidence,
                       citations=[_citation_dict(c) for c in reply.citations], rules_fired=list(reply.rules_fired)),
        ]
        low = stop is not None and stop.reason is HandoffReason.LOW_CONFIDENCE
        try:
            self._conversations.append(ctx.conversation_id, messages, low_confidence=low)
        except StoreError:
            log.error("conversation.store_failed", extra={"conversation": ctx.conversation_id})
        if stop is not None and stop.outcome is Outcome.HANDOFF and stop.reason is not None:
            reply = self._handoff(ctx, reply, stop.reason, stop.priority or Priority.REQUESTED)
        elif handoff_anyway is not None and handoff_anyway.reason is not None:
            # Answered, and a person was asked to look as well (a flagged question): the handoff still happens.
            reply = self._handoff(ctx, reply, handoff_anyway.reason, handoff_anyway.priority or Priority.URGENT)
        log.info(
            "conversation.turn",
            extra={"conversation": ctx.conversation_id, "council": ctx.council.id, "outcome": reply.outcome.value,
                   "confidence": round(reply.confidence, 3), "rules": list(reply.rules_fired)},
        )
        return reply

    def _handoff(self, ctx: TurnContext, reply: Reply, reason: HandoffReason, priority: Priority) -> Reply:
        sg = ctx.safeguarding
        category = sg.category.value if sg and sg.category else None
        tier = sg.tier.value if sg and sg.tier else None
        packet = {
            "transcript": [*ctx.history, ctx.text] if ctx.redaction is not None else [*ctx.history, WITHHELD],
            "bot_said": reply.text,
            "citations": [_citation_dict(c) for c in ctx.citations],
            "rules_fired": list(ctx.rules_fired),
            "speaker": sg.speaker.value if sg else None,
            "contact_preference": None,
            "safe_to_contact": None if category in (None, "domestic_abuse") else True,
            "confidence": _confidence(ctx),
        }
        try:
            ticket = self._handoffs.create(NewHandoff(
                ctx.conversation_id, ctx.council.id, ctx.turn.channel.value, reason.value, int(priority),
                category, tier, packet,
            ))
        except StoreError:
            # Never drop a safeguarding handoff silently: the reply already carries the numbers to call.
            log.error("handoff.store_failed", extra={"conversation": ctx.conversation_id, "reason": reason.value})
            return reply
        log.info("handoff.created", extra={"handoff": ticket.id, "reason": reason.value, "priority": int(priority)})
        return replace(reply, handoff=_info(ticket, reason, reply.text))

    def _while_with_person(self, turn: Turn, conversation_id: str, state: str) -> Reply:
        """A person owns (or is about to own) the conversation: store the message, the bot stays silent.

        The message is redacted with the conversation's placeholder numbering (originals go to the vault) and
        still checked for safeguarding: a disclosure raises the open handoff's priority. While nobody holds the
        conversation yet, the resident also gets the crisis reply; once a person holds it, the bot says nothing.
        """
        council = self._councils.get(turn.council_id)
        ctx = TurnContext(turn=turn, council=council, conversation_id=conversation_id, now=self._clock(),
                          history=self._conversations.recent_resident_texts(conversation_id, HISTORY_TURNS))
        self._with_person_pipeline.run(ctx)
        redacted = ctx.text if ctx.redaction is not None else WITHHELD
        self._conversations.append(conversation_id, [NewMessage("resident", redacted)])
        stop = ctx.stop or ctx.pending  # a flag the bot would have answered beside is still a disclosure here
        disclosed = stop is not None and stop.reason in _SAFEGUARDING_REASONS and stop.priority is not None
        if disclosed and stop is not None and stop.reason is not None and stop.priority is not None:
            sg = ctx.safeguarding
            try:
                self._handoffs.create(NewHandoff(
                    conversation_id, council.id, turn.channel.value, stop.reason.value, int(stop.priority),
                    sg.category.value if sg and sg.category else None,
                    sg.tier.value if sg and sg.tier else None,
                    {"rules_fired_while_waiting": list(ctx.rules_fired)},
                ))
            except StoreError:
                log.error("handoff.raise_failed", extra={"conversation": conversation_id})
        open_handoff = self._conversations.open_handoff(conversation_id)
        info = None
        if open_handoff is not None:
            ticket = self._handoffs.ticket(open_handoff.id)
            if ticket is not None:
                info = _info(ticket, HandoffReason(ticket.reason), "")
        if disclosed and stop is not None and state == ConversationState.HANDOFF:
            return Reply(conversation_id, Outcome.HANDOFF, stop.text, handoff=info,
                         rules_fired=tuple(ctx.rules_fired))
        return Reply(conversation_id, Outcome.HANDOFF, "", handoff=info, silent=True)


def _confidence(ctx: TurnContext) -> float:
    return float(ctx.retrieval.confidence) if ctx.retrieval else 0.0


def _citation_dict(c: object) -> dict[str, object]:
    from dataclasses import asdict

    return asdict(c)  # type: ignore[call-overload]


def _info(ticket: HandoffTicket, reason: HandoffReason, message: str) -> HandoffInfo:
    return HandoffInfo(id=ticket.id, reason=reason, priority=Priority(ticket.priority), message=message,
                       category=ticket.category, tier=ticket.tier, position=ticket.position or None,
                       status=ticket.status)


_SAFEGUARDING_REASONS = (HandoffReason.SAFEGUARDING, HandoffReason.CRISIS)
_WITH_PERSON_STEPS = ("redact", "embed", "safeguarding")


def _with_person_pipeline(pipeline: Pipeline, redactor: Redactor) -> Pipeline:
    """The pipeline's own redact, embed and safeguarding steps: what still runs while a person holds it."""
    steps = [s for s in pipeline.steps if s.name in _WITH_PERSON_STEPS]
    if not any(s.name == "redact" for s in steps):
        steps.insert(0, NamedStep("redact", RedactStep(redactor)))
    return Pipeline(steps)
