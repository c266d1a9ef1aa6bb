"""Conversations, the handoff queue and decision records behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from bot.base import Outcome
from frontdoor.errors import NotFoundError
from frontdoor.transparency import DecisionRecord, DecisionRecordStore, DecisionSource
from storage.conversation_store import ConversationStore, NewMessage
from storage.database import Database
from storage.handoff_store import HandoffStore, NewHandoff
from storage.models import HandoffRow


def _open_conversation(db: Database, council: str = "ashby-vale", channel: str = "web") -> str:
    conversation_id, _ = ConversationStore(db).ensure(None, council, channel)
    return conversation_id


def _handoff(
    conversation_id: str, reason: str = "requested", priority: int = 20, **kw: object
) -> NewHandoff:
    return NewHandoff(conversation_id, "ashby-vale", "web", reason, priority, **kw)  # type: ignore[arg-type]


def test_when_messages_appended_then_transcript_keeps_order(database: Database) -> None:
    store = ConversationStore(database)
    conversation_id = _open_conversation(database)

    store.append(conversation_id, [NewMessage("resident", "first"), NewMessage("bot", "reply")])
    store.append(conversation_id, [NewMessage("resident", "second")])

    got = store.get(conversation_id)
    assert [(m.seq, m.role, m.text) for m in got.messages] == [
        (1, "resident", "first"),
        (2, "bot", "reply"),
        (3, "resident", "second"),
    ]
    assert store.recent_resident_texts(conversation_id) == ["first", "second"]


def test_when_conversation_id_belongs_to_another_council_then_not_found(database: Database) -> None:
    conversation_id = _open_conversation(database, council="ashby-vale")

    with pytest.raises(NotFoundError):
        ConversationStore(database).ensure(conversation_id, "northmoor", "web")


def test_when_eight_workers_append_at_once_then_sequence_numbers_stay_unique(database: Database) -> None:
    store = ConversationStore(database)
    conversation_id = _open_conversation(database)

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(
            pool.map(lambda i: store.append(conversation_id, [NewMessage("resident", f"m{i}")]), range(24))
        )

    seqs = [m.seq for m in store.get(conversation_id).messages]
    assert sorted(seqs) == list(range(1, 25))


def test_when_handoff_created_then_it_waits_first_in_the_queue(database: Database) -> None:
    conversation_id = _open_conversation(database)

    ticket = HandoffStore(database).create(_handoff(conversation_id))

    assert (ticket.status, ticket.position, ticket.reason) == ("waiting", 1, "requested")
    assert ConversationStore(database).state(conversation_id) == "handoff"


def test_when_more_urgent_reason_arrives_then_open_handoff_is_raised_not_duplicated(
    database: Database,
) -> None:
    handoffs = HandoffStore(database)
    conversation_id = _open_conversation(database)
    first = handoffs.create(_handoff(conversation_id, "low_confidence", 10))

    second = handoffs.create(
        _handoff(conversation_id, "safeguarding", 30, category="neglect", tier="urgent")
    )

    assert second.id == first.id
    assert (second.priority, second.reason, second.tier) == (30, "safeguarding", "urgent")


def test_when_queue_has_mixed_priorities_then_positions_follow_priority_then_age(
    database: Database,
) -> None:
    handoffs = HandoffStore(database)
    low = handoffs.create(_handoff(_open_conversation(database), "low_confidence", 10))
    asked = handoffs.create(_handoff(_open_conversation(database), "requested", 20))
    urgent = handoffs.create(_handoff(_open_conversation(database), "safeguarding", 30))

    positions = {t: handoffs.ticket(t.id).position for t in (low, asked, urgent)}  # type: ignore[union-attr]

    assert [positions[urgent], positions[asked], positions[low]] == [1, 2, 3]


def test_when_four_workers_hand_off_one_conversation_at_once_then_one_handoff_exists(
    database: Database,
) -> None:
    handoffs = HandoffStore(database)
    conversation_id = _open_conversation(database)

    with ThreadPoolExecutor(max_workers=4) as pool:
        tickets = list(pool.map(lambda _: handoffs.create(_handoff(conversation_id)), range(4)))

    with database.session() as s:
        count = s.scalar(
            select(func.count())
            .select_from(HandoffRow)
            .where(HandoffRow.conversation_id == conversation_id)
        )
    assert count == 1
    assert len({t.id for t in tickets}) == 1


def _record(
    council: str, at: datetime, outcome: Outcome = Outcome.ANSWERED, **kw: object
) -> DecisionRecord:
    return DecisionRecord(
        conversation_id="c-" + council,
        council_id=council,
        channel="web",
        created_at=at,
        redacted_input="How do I get a blue badge for <PERSON_1>?",
        outcome=outcome,
        confidence=0.8,
        latency_ms=120.5,
        **kw,  # type: ignore[arg-type]
    )


def test_when_decision_record_stored_then_it_reads_back_whole(database: Database) -> None:
    store = DecisionRecordStore(database)
    at = datetime(2026, 11, 2, 10, 30, tzinfo=UTC)
    record = _record(
        "ashby-vale",
        at,
        redactions={"PERSON": 1},
        sources=(
            DecisionSource("blue-badge", "Blue Badge", "https://x/bb", "Apply", 0.03, 0.71, 9.2, True),
        ),
        rules_fired=("scope:none",),
        composer="extractive",
        step_ms={"redact": 12.5, "retrieve": 30.0},
    )

    store.add(record)

    assert list(store.iter_records("ashby-vale")) == [record]


def test_when_records_filtered_then_only_that_council_and_period_return(database: Database) -> None:
    store = DecisionRecordStore(database)
    start = datetime(2026, 11, 1, tzinfo=UTC)
    for day in range(5):
        store.add(_record("ashby-vale", start + timedelta(days=day)))
        store.add(_record("northmoor", start + timedelta(days=day)))

    got = list(
        store.iter_records("northmoor", since=start + timedelta(days=1), until=start + timedelta(days=3))
    )

    assert [r.created_at.day for r in got] == [2, 3]
    assert {r.council_id for r in got} == {"northmoor"}


def test_when_more_records_than_a_page_then_iteration_returns_all_in_order(database: Database) -> None:
    store = DecisionRecordStore(database)
    start = datetime(2026, 11, 1, tzinfo=UTC)
    same_time = [_record("ashby-vale", start) for _ in range(3)]
    for i in range(520):
        store.add(_record("ashby-vale", start + timedelta(seconds=i)))
    for r in same_time:
        store.add(r)

    got = list(store.iter_records("ashby-vale"))

    assert len(got) == 523
    assert [r.created_at for r in got] == sorted(r.created_at for r in got)
