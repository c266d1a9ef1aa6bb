"""End to end: over PII-laden conversations, no planted value reaches a model, a log line or the store.

Recording fakes sit at each model seam (the Embedder and the Composer protocols) and delegate to the real
components, so the pipeline behaves exactly as in production; a captured log at DEBUG holds every record.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Sequence
from typing import Any

import pytest
from sqlalchemy import text as sql

from bot.base import Channel, Composer, Composition, Turn
from bot.conversation_service import ConversationService
from bot.extractive_composer import ExtractiveComposer
from bot.pipeline import NamedStep, Pipeline
from bot.steps.compose_step import ComposeStep
from councils.council import Council
from frontdoor.container import build_pipeline
from knowledge_base.base import RetrievalResult, Vectors
from knowledge_base.confidence_model import ConfidenceModel
from knowledge_base.hybrid_retriever import HybridRetriever

# (planted values, turns) per conversation. Every turn asks something the sample knowledge base answers,
# so the composer is really reached (a turn that hands over to a person ends the bot's part).
CONVERSATIONS: list[tuple[tuple[str, ...], tuple[str, ...]]] = [
    (
        ("Grace Okafor", "07700 900123", "14 Mill Lane", "AV3 4RT"),
        (
            "How do I get a carer's assessment? I'm Grace Okafor, 14 Mill Lane, AV3 4RT.",
            "Grace Okafor again: how do I get a carer's assessment? My number is 07700 900123.",
        ),
    ),
    (
        ("943 476 5919", "AB 12 34 56 C", "3 March 1942", "Rose Kowalczyk"),
        (
            "How much will home care cost for my mother Rose Kowalczyk, born on 3 March 1942?",
            "How much will home care cost? Her NHS number is 943 476 5919 and NI number AB 12 34 56 C.",
        ),
    ),
    (
        ("siobhan.murphy@gmail.com", "ASC-1234567", "40-47-84", "31926819"),
        (
            "How do direct payments work? My case reference is ASC-1234567, email siobhan.murphy@gmail.com",
            "How do direct payments work? Pay them to sort code 40-47-84 account 31926819.",
        ),
    ),
    (
        ("oh seven seven double oh nine hundred four five six", "W N one two A B", "will patel"),
        (
            "yes this is will patel speaking what is a carers assessment",
            "what is a carers assessment my number is oh seven seven double oh nine hundred four five six "
            "and the postcode is W N one two A B",
        ),
    ),
]
PLANTED = [value for values, _ in CONVERSATIONS for value in values]


class RecordingEmbedder:
    """The real embedder, recording every text it is given."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self.name = inner.name
        self.seen: list[str] = []

    def embed(self, texts: Sequence[str]) -> Vectors:
        self.seen.extend(texts)
        return self._inner.embed(texts)

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self._inner, attribute)


class RecordingComposer:
    """The real composer, recording every question it is given."""

    def __init__(self, inner: Composer) -> None:
        self._inner = inner
        self.seen: list[str] = []

    def compose(self, question: str, retrieval: RetrievalResult, council: Council) -> Composition | None:
        self.seen.append(question)
        return self._inner.compose(question, retrieval, council)


def _forms(value: str) -> list[str]:
    """The value as written, and its digits-only form for numbers."""
    digits = re.sub(r"\D", "", value)
    return [value.lower(), *([digits] if len(digits) >= 6 else [])]


def _leaks(haystack: str) -> list[str]:
    lowered = haystack.lower()
    squashed = re.sub(r"\s", "", lowered)
    return [v for v in PLANTED for form in _forms(v) if form in lowered or (form.isdigit() and form in squashed)]


@pytest.fixture(scope="module")
def recorded(services: Any, caplog_module: list[logging.LogRecord]) -> tuple[RecordingEmbedder, RecordingComposer]:
    embedder = RecordingEmbedder(services.embedder)
    retriever = HybridRetriever(
        services.store, embedder, ConfidenceModel.load(), candidate_k=services.settings.candidate_k
    )
    pipeline = build_pipeline(
        services.settings,
        embedder,
        retriever,
        services.redactor,
        services.vault,
        services.templates,
    )
    composer = RecordingComposer(ExtractiveComposer(services.templates))
    steps = [
        NamedStep("compose", ComposeStep(composer, services.templates)) if s.name == "compose" else s
        for s in pipeline.steps
    ]
    service = ConversationService(
        services.councils, Pipeline(steps), services.conversation_store, services.handoffs, services.redactor
    )
    for _, turns in CONVERSATIONS:
        conversation_id = None
        for message in turns:
            reply = service.handle_sync(Turn(message, "ashby-vale", Channel.WEB, conversation_id))
            conversation_id = reply.conversation_id
    return embedder, composer


@pytest.fixture(scope="module")
def caplog_module() -> Iterator[list[logging.LogRecord]]:
    """Every log record while the conversations run, with EVERY logger (ours and third parties such as
    presidio-analyzer, which the app normally quiets) turned down to DEBUG: nothing may leak even then."""
    records: list[logging.LogRecord] = []

    class _Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    handler = _Keep(level=logging.DEBUG)
    root = logging.getLogger()
    loggers = [root, *(logging.getLogger(name) for name in list(logging.root.manager.loggerDict))]
    previous = {lg.name: (lg.level, lg.propagate) for lg in loggers}
    for lg in loggers:
        lg.setLevel(logging.DEBUG)
        lg.propagate = True
    root.addHandler(handler)
    yield records
    root.removeHandler(handler)
    for lg in loggers:
        lg.setLevel(previous[lg.name][0])
        lg.propagate = previous[lg.name][1]


def test_when_conversations_run_then_embedder_never_sees_planted_values(recorded: Any) -> None:
    embedder, _ = recorded
    assert len(embedder.seen) >= sum(len(turns) for _, turns in CONVERSATIONS)
    assert _leaks("\n".join(embedder.seen)) == []


def test_when_conversations_run_then_composer_never_sees_planted_values(recorded: Any) -> None:
    _, composer = recorded
    assert composer.seen, "the composer was never reached: the test would prove nothing"
    assert _leaks("\n".join(composer.seen)) == []


def test_when_conversations_run_then_no_log_record_holds_planted_values(
    recorded: Any, caplog_module: list[logging.LogRecord]
) -> None:
    assert caplog_module
    dumped = "\n".join(f"{r.getMessage()} {r.__dict__!r}" for r in caplog_module)
    assert _leaks(dumped) == []


def test_when_conversations_run_then_stored_transcripts_hold_no_planted_values(recorded: Any, services: Any) -> None:
    with services.database.engine.connect() as conn:
        stored = [row[0] for row in conn.execute(sql("SELECT text FROM messages"))]
    assert stored
    assert _leaks("\n".join(stored)) == []
