"""The composition root's wiring: builds every backend once from Settings and hands them on.

Heavy objects (the embedding model, spaCy/Presidio, Chroma) are built here and nowhere else; tests build
one :class:`Services` per session and pass it to :func:`frontdoor.app.create_app`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.base import Composer
from bot.conversation_service import ConversationService
from bot.extractive_composer import ExtractiveComposer
from bot.llm import build_llm_composer
from bot.pipeline import NamedStep, Pipeline
from bot.reply_templates import ReplyTemplates
from bot.scope_rules import ScopeRules
from bot.steps.asked_fact_step import AskedFactStep
from bot.steps.channel_switch_step import ChannelSwitchStep
from bot.steps.compose_step import ComposeStep
from bot.steps.embed_step import EmbedStep
from bot.steps.guard_steps import InputGuardStep, OutputGuardStep
from bot.steps.redact_step import RedactStep
from bot.steps.retrieve_step import RetrieveStep
from bot.steps.safeguarding_step import SafeguardingStep
from bot.steps.scope_step import ConfidenceGateStep, HumanRequestStep, ScopeStep
from councils import CouncilRegistry
from frontdoor.cpu_threads import limit_blas_threads
from frontdoor.settings import Settings
from frontdoor.transparency.decision_record_store import DecisionRecordStore
from guardrails.crisis_reply import CrisisReplyRenderer
from guardrails.injection_guard import InjectionGuard
from guardrails.safeguarding_detector_provider import build_safeguarding_detector
from knowledge_base.base import Embedder
from knowledge_base.chroma_vector_store import ChromaVectorStore
from knowledge_base.chunker import Chunker
from knowledge_base.confidence_model import ConfidenceModel
from knowledge_base.embedder_provider import LocalEmbedder, build_embedder
from knowledge_base.hybrid_retriever import HybridRetriever
from knowledge_base.ingestor import Ingestor
from knowledge_base.resident_wording import ResidentWording
from redaction.analyzer_provider import build_redactor
from redaction.presidio_redactor import PresidioRedactor
from redaction.vault import Vault
from storage.conversation_store import ConversationStore
from storage.database import Database
from storage.handoff_store import HandoffStore

__all__ = ["Services", "build_services"]

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Services:
    """Every long-lived backend of one process."""

    settings: Settings
    councils: CouncilRegistry
    database: Database
    embedder: LocalEmbedder
    store: ChromaVectorStore
    retriever: HybridRetriever
    redactor: PresidioRedactor
    vault: Vault
    templates: ReplyTemplates
    pipeline: Pipeline
    conversations: ConversationService
    conversation_store: ConversationStore
    handoffs: HandoffStore
    chunker: Chunker
    extras: dict[str, Any] = field(default_factory=dict)
    """Backends added by later packages (advisor console, telephony, metrics) keyed by name."""

    def ingestor(self) -> Ingestor:
        """An ingestor writing to this process's store."""
        return Ingestor(self.store, self.embedder, self.chunker, review_after_months=self.settings.review_after_months)

    def close(self) -> None:
        """Release connections (and the LLM client, when generated answers are on)."""
        llm = self.extras.get("llm_composer")
        if llm is not None:
            llm.close()
        self.database.dispose()


def build_services(settings: Settings) -> Services:
    """Build every backend from settings (loads models: seconds, once per process)."""
    councils = CouncilRegistry.from_yaml(settings.councils_file)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    database = Database(settings.sqlalchemy_url)
    database.create_all()
    embedder = build_embedder(settings)
    store = ChromaVectorStore(path=None if settings.chroma_url else settings.chroma_dir, url=settings.chroma_url)
    confidence = ConfidenceModel.load()
    retriever = HybridRetriever(
        store, embedder, confidence, candidate_k=settings.candidate_k, wording=ResidentWording.load(),
        count_tokens=embedder.count_tokens,
    )
    redactor = build_redactor(settings, list(councils))
    vault = Vault.from_settings(settings, database)
    templates = ReplyTemplates()
    conversation_store = ConversationStore(database)
    handoffs = HandoffStore(database, councils, claim_timeout_minutes=settings.handoff_claim_timeout_minutes)
    threshold = settings.answer_threshold if settings.answer_threshold is not None else confidence.threshold
    llm = build_llm_composer(settings, embedder, ExtractiveComposer(templates))
    pipeline = build_pipeline(settings, embedder, retriever, redactor, vault, templates, threshold, composer=llm)
    service = ConversationService(councils, pipeline, conversation_store, handoffs, redactor,
                                  observers=[DecisionRecordStore(database)])
    limit_blas_threads(settings.blas_threads)  # last: the models above have loaded every BLAS library by now
    return Services(
        settings=settings, councils=councils, database=database, embedder=embedder, store=store, retriever=retriever,
        redactor=redactor, vault=vault, templates=templates, pipeline=pipeline, conversations=service,
        conversation_store=conversation_store, handoffs=handoffs, chunker=Chunker(count_tokens=embedder.count_tokens),
        extras={"llm_composer": llm} if llm is not None else {},
    )


def build_pipeline(
    settings: Settings,
    embedder: Embedder,
    retriever: HybridRetriever,
    redactor: PresidioRedactor,
    vault: Vault | None,
    templates: ReplyTemplates,
    threshold: float | None = None,
    *,
    composer: Composer | None = None,
) -> Pipeline:
    """redact → guard input → (ask for a person?) → embed → safeguarding → scope → retrieve → compose →
    (states the fact asked for?) → guard output."""
    if threshold is None:
        configured = settings.answer_threshold
        threshold = configured if configured is not None else ConfidenceModel.load().threshold
    scope = ScopeRules.load()
    composer = composer or ExtractiveComposer(templates)
    return Pipeline([
        NamedStep("redact", RedactStep(redactor, vault)),
        NamedStep("guard_input", InputGuardStep(InjectionGuard.load())),
        NamedStep("embed", EmbedStep(embedder)),
        NamedStep("safeguarding", SafeguardingStep(
            build_safeguarding_detector(embedder),
            CrisisReplyRenderer(),
            templates if settings.safeguarding_answer_alongside else None,
        )),
        # After safeguarding, so a disclosure keeps its urgency even when the bot is switched off.
        NamedStep("channel_switch", ChannelSwitchStep.from_flags(
            chat=settings.chat_bot_enabled, phone=settings.phone_bot_enabled, templates=templates)),
        NamedStep("ask_for_person", HumanRequestStep(templates)),
        NamedStep("scope", ScopeStep(scope)),
        NamedStep("retrieve", RetrieveStep(retriever, settings.retrieval_top_k)),
        NamedStep("confidence", ConfidenceGateStep(scope, templates, threshold)),
        NamedStep("compose", ComposeStep(composer, templates)),
        NamedStep("asked_fact", AskedFactStep(templates)),
        NamedStep("guard_output", OutputGuardStep(templates)),
    ])


def sample_kb_dir(settings: Settings, council_kb_dir: str | None) -> Path | None:
    """Resolve a council's ``knowledge_base_dir`` relative to the councils file."""
    if not council_kb_dir:
        return None
    path = Path(council_kb_dir)
    return path if path.is_absolute() else settings.councils_file.parent / path
