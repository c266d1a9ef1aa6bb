"""A safeguarding handoff is never silently dropped: if the store fails, the reply still gives the numbers.

Real components throughout (Presidio redactor, the packaged embedding model, the detector, SQLite); the
store failure is real too: the table the write needs is dropped from the SQLite database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import text

from bot.base import Channel, Outcome, Turn
from bot.conversation_service import ConversationService
from bot.pipeline import NamedStep, Pipeline
from bot.steps.embed_step import EmbedStep
from bot.steps.redact_step import RedactStep
from bot.steps.safeguarding_step import SafeguardingStep
from councils import CouncilRegistry
from guardrails.crisis_reply import CrisisReplyRenderer
from guardrails.safeguarding_detector import LayeredSafeguardingDetector
from redaction.analyzer_provider import build_redactor
from storage.conversation_store import ConversationStore
from storage.database import Database
from storage.handoff_store import HandoffStore

SATURDAY_NIGHT = datetime(2026, 11, 28, 23, 0, tzinfo=UTC)  # out of hours: the duty team's number


@pytest.fixture(scope="module")
def redactor_and_councils(settings_factory: Callable[..., Any]) -> tuple[Any, CouncilRegistry]:
    settings = settings_factory()
    councils = CouncilRegistry.from_yaml(settings.councils_file)
    return build_redactor(settings, list(councils)), councils


@pytest.fixture
def database(tmp_path: Any) -> Iterator[Database]:
    db = Database(f"sqlite:///{tmp_path / 'frontdoor.db'}")
    db.create_all()
    yield db
    db.dispose()


def _service(
    database: Database,
    redactor: Any,
    councils: CouncilRegistry,
    detector: LayeredSafeguardingDetector,
    embedder: Any,
) -> ConversationService:
    pipeline = Pipeline(
        [
            NamedStep("redact", RedactStep(redactor)),
            NamedStep("embed", EmbedStep(embedder)),
            NamedStep("safeguarding", SafeguardingStep(detector, CrisisReplyRenderer())),
        ]
    )
    return ConversationService(
        councils,
        pipeline,
        ConversationStore(database),
        HandoffStore(database, councils),
        redactor,
        clock=lambda: SATURDAY_NIGHT,
    )


@pytest.mark.parametrize(
    "broken_table",
    ["handoffs", "messages", "conversations"],
)
@pytest.mark.parametrize(
    ("message", "numbers"),
    [
        ("My name is Jane Smith and my son hits me every night", ["01632 960999", "999"]),
        ("I want to kill myself", ["999", "116 123", "111", "01632 960999"]),
    ],
)
def test_when_store_fails_then_reply_still_gives_the_crisis_numbers(
    database: Database,
    redactor_and_councils: tuple[Any, CouncilRegistry],
    detector: LayeredSafeguardingDetector,
    embedder: Any,
    broken_table: str,
    message: str,
    numbers: list[str],
) -> None:
    redactor, councils = redactor_and_councils
    service = _service(database, redactor, councils, detector, embedder)
    with database.engine.begin() as conn:
        conn.execute(text(f"DROP TABLE {broken_table}"))
    reply = service.handle_sync(Turn(message, "ashby-vale", Channel.WEB))
    assert reply.outcome is Outcome.HANDOFF
    for number in numbers:
        assert number in reply.text
    assert "Jane" not in reply.text


def test_when_store_works_then_handoff_is_written_before_the_reply(
    database: Database,
    redactor_and_councils: tuple[Any, CouncilRegistry],
    detector: LayeredSafeguardingDetector,
    embedder: Any,
) -> None:
    redactor, councils = redactor_and_councils
    service = _service(database, redactor, councils, detector, embedder)
    reply = service.handle_sync(
        Turn("my neighbour's carer is stealing her pension", "ashby-vale", Channel.WEB)
    )
    assert reply.outcome is Outcome.HANDOFF and reply.handoff is not None
    with database.engine.connect() as conn:
        row = conn.execute(text("SELECT reason, tier, category FROM handoffs")).one()
    assert tuple(row) == ("safeguarding", "urgent", "financial")
