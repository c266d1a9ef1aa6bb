"""The durable queue on the real SQL store: priority order, one claim wins, callbacks, hand-back, audit."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.base import Priority
from councils import CouncilRegistry
from frontdoor.errors import ConflictError, NotFoundError
from frontdoor.settings import default_councils_file
from storage.advisor_tables import CallbackRow
from storage.audit_log import AuditLog
from storage.callback_desk import CallbackDesk
from storage.conversation_store import ConversationStore
from storage.database import Database
from storage.handoff_actions import HandoffActions, OutcomeCode
from storage.handoff_queue import HandoffQueue
from storage.handoff_store import HandoffStore, NewHandoff
from storage.models import MessageRow
from tests.handoff.support import CLOSED_SUNDAY, OPEN_WEDNESDAY, MovableClock

ASHBY = ("ashby-vale",)


@pytest.fixture
def registry() -> CouncilRegistry:
    return CouncilRegistry.from_yaml(default_councils_file())


def _desk(database: Database, registry: CouncilRegistry, clock: MovableClock):  # type: ignore[no-untyped-def]
    store = HandoffStore(database, registry, claim_timeout_minutes=10, clock=clock)
    queue = HandoffQueue(database, CallbackDesk(registry, timedelta(minutes=10), clock), clock)
    return store, queue, HandoffActions(database, clock), ConversationStore(database)


def _handoff(
    store: HandoffStore,
    conversations: ConversationStore,
    reason: str,
    priority: Priority,
    council: str = "ashby-vale",
) -> str:
    conversation_id, _ = conversations.ensure(None, council, "web")
    return store.create(NewHandoff(conversation_id, council, "web", reason, int(priority))).id


def test_when_several_wait_then_queue_is_by_priority_then_longest_wait(database: Database, registry) -> None:
    clock = MovableClock(OPEN_WEDNESDAY)
    store, queue, _, conversations = _desk(database, registry, clock)
    low = _handoff(store, conversations, "low_confidence", Priority.LOW_CONFIDENCE)
    clock.advance(seconds=5)
    first_requested = _handoff(store, conversations, "requested", Priority.REQUESTED)
    clock.advance(seconds=5)
    second_requested = _handoff(store, conversations, "requested", Priority.REQUESTED)
    clock.advance(seconds=5)
    urgent = _handoff(store, conversations, "safeguarding", Priority.URGENT)
    clock.advance(seconds=5)
    immediate = _handoff(store, conversations, "crisis", Priority.IMMEDIATE)

    order = [i.id for i in queue.open_items(ASHBY)]

    assert order == [immediate, urgent, first_requested, second_requested, low]
    assert store.ticket(low) is not None and store.ticket(low).position == 5  # type: ignore[union-attr]
    assert queue.open_items(("northmoor",)) == []


def test_when_two_advisors_claim_then_exactly_one_wins(database: Database, registry) -> None:
    store, _, actions, conversations = _desk(database, registry, MovableClock(OPEN_WEDNESDAY))
    handoff_id = _handoff(store, conversations, "requested", Priority.REQUESTED)

    claimed = actions.claim(handoff_id, "advisor-a", ASHBY)
    with pytest.raises(ConflictError):
        actions.claim(handoff_id, "advisor-b", ASHBY)

    assert claimed.status == "claimed" and claimed.claimed_by == "advisor-a"
    assert conversations.state(claimed.conversation_id) == "human"


def test_when_other_council_then_not_found(database: Database, registry) -> None:
    store, queue, actions, conversations = _desk(database, registry, MovableClock(OPEN_WEDNESDAY))
    handoff_id = _handoff(store, conversations, "requested", Priority.REQUESTED)

    with pytest.raises(NotFoundError):
        actions.claim(handoff_id, "advisor-n", ("northmoor",))
    with pytest.raises(NotFoundError):
        queue.get(handoff_id, ("northmoor",))


def test_when_council_closed_then_new_handoff_is_a_callback_with_the_numbers(
    database: Database, registry
) -> None:
    store, queue, _, conversations = _desk(database, registry, MovableClock(CLOSED_SUNDAY))
    handoff_id = _handoff(store, conversations, "requested", Priority.REQUESTED)

    item = queue.get(handoff_id, ASHBY)
    transcript = conversations.get(item.conversation_id)

    assert item.status == "callback"
    assert transcript.state == "handoff"  # never silently back to the bot
    assert "01632 960999" in transcript.messages[-1].text and transcript.messages[-1].role == "system"
    with database.session() as s:
        assert [
            r.why for r in s.scalars(select(CallbackRow).where(CallbackRow.handoff_id == handoff_id))
        ] == ["out_of_hours"]


def test_when_unclaimed_past_the_timeout_then_sweep_records_a_callback_once(
    database: Database, registry
) -> None:
    clock = MovableClock(OPEN_WEDNESDAY)
    store, queue, _, conversations = _desk(database, registry, clock)
    handoff_id = _handoff(store, conversations, "requested", Priority.REQUESTED)

    assert queue.sweep() == 0
    clock.advance(minutes=11)
    assert queue.sweep() == 1
    assert queue.sweep() == 0

    assert queue.get(handoff_id, ASHBY).status == "callback"
    actions = [e.action for e in AuditLog(database).for_handoff(handoff_id)]
    assert actions == ["handoff.created", "handoff.callback"]


def test_when_handed_back_then_waiting_again_and_the_timeout_restarts(database: Database, registry) -> None:
    clock = MovableClock(OPEN_WEDNESDAY)
    store, queue, actions, conversations = _desk(database, registry, clock)
    handoff_id = _handoff(store, conversations, "requested", Priority.REQUESTED)
    actions.claim(handoff_id, "advisor-a", ASHBY)
    clock.advance(minutes=30)

    with pytest.raises(ConflictError):
        actions.release(handoff_id, "advisor-b", ASHBY)
    released = actions.release(handoff_id, "advisor-a", ASHBY)
    clock.advance(minutes=5)

    assert released.status == "waiting" and released.claimed_by is None
    assert queue.sweep() == 0
    assert conversations.state(released.conversation_id) == "handoff"


def test_when_closed_then_outcome_kept_conversation_back_to_bot_and_every_change_audited(
    database: Database, registry
) -> None:
    store, _, actions, conversations = _desk(database, registry, MovableClock(OPEN_WEDNESDAY))
    handoff_id = _handoff(store, conversations, "low_confidence", Priority.LOW_CONFIDENCE)
    conversation_id = actions.claim(handoff_id, "advisor-a", ASHBY).conversation_id
    store.create(NewHandoff(conversation_id, "ashby-vale", "web", "safeguarding", int(Priority.URGENT)))
    actions.reply(handoff_id, "advisor-a", ASHBY, "Hello, I can help with that.")

    with pytest.raises(ConflictError):
        actions.close(handoff_id, "advisor-b", ASHBY, OutcomeCode.RESOLVED)
    closed = actions.close(handoff_id, "advisor-a", ASHBY, OutcomeCode.SIGNPOSTED)

    assert (closed.status, closed.outcome_code, closed.priority) == (
        "closed",
        "signposted",
        int(Priority.URGENT),
    )
    assert conversations.state(conversation_id) == "bot"
    assert [e.action for e in AuditLog(database).for_handoff(handoff_id)] == [
        "handoff.created",
        "handoff.claimed",
        "handoff.priority_raised",
        "handoff.message",
        "handoff.closed",
    ]
    with database.session() as s:
        roles = s.scalars(
            select(MessageRow.role)
            .where(MessageRow.conversation_id == conversation_id)
            .order_by(MessageRow.seq)
        ).all()
    assert roles == ["system", "advisor", "system"]


def test_when_many_advisors_claim_at_once_then_exactly_one_wins(database: Database, registry) -> None:
    from concurrent.futures import ThreadPoolExecutor
    from threading import Barrier

    store, _, actions, conversations = _desk(database, registry, MovableClock(OPEN_WEDNESDAY))
    handoff_id = _handoff(store, conversations, "requested", Priority.REQUESTED)
    barrier = Barrier(6)

    def attempt(n: int) -> str:
        barrier.wait()
        try:
            actions.claim(handoff_id, f"advisor-{n}", ASHBY)
            return "won"
        except ConflictError:
            return "conflict"

    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(attempt, range(6)))

    assert sorted(results) == ["conflict"] * 5 + ["won"]
    assert [e.action for e in AuditLog(database).for_handoff(handoff_id)].count("handoff.claimed") == 1
