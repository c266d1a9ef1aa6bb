"""The two systems the redaction evaluation compares, built over one shared spaCy engine.

Kept in the redaction package so Presidio types never leave it: both systems are plain callables from
text to :class:`~redaction.base.RedactedEntity` lists.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from presidio_analyzer import AnalyzerEngine

from councils.council import Council
from frontdoor.settings import Settings
from redaction.analyzer_provider import build_analyzer, build_nlp_engine, build_vanilla_analyzer
from redaction.base import RedactedEntity
from redaction.keep_list import KeepList
from redaction.presidio_redactor import PresidioRedactor
from redaction.recognizers import REDACTED_ENTITIES

__all__ = ["ComparedSystems"]


@dataclass(frozen=True, slots=True)
class ComparedSystems:
    """Our redactor and vanilla Presidio (default recognizers, same spaCy model, same threshold)."""

    redactor: PresidioRedactor
    vanilla_analyzer: AnalyzerEngine
    threshold: float

    @classmethod
    def build(cls, settings: Settings, councils: Iterable[Council]) -> ComparedSystems:
        """Load spaCy once and build both analyzers on it."""
        council_list = list(councils)
        engine = build_nlp_engine(settings)
        redactor = PresidioRedactor(
            build_analyzer(settings, council_list, nlp_engine=engine),
            keep_list=KeepList.from_councils(council_list),
            entities=REDACTED_ENTITIES,
            score_threshold=settings.redaction_score_threshold,
        )
        return cls(redactor, build_vanilla_analyzer(engine), settings.redaction_score_threshold)

    def ours(self, text: str, council_id: str | None = None) -> list[RedactedEntity]:
        """What our redactor replaces."""
        return list(self.redactor.redact(text, council_id=council_id).entities)

    def vanilla(self, text: str) -> list[RedactedEntity]:
        """Everything vanilla Presidio reports at or above the same threshold (every entity type)."""
        results = self.vanilla_analyzer.analyze(text=text, language="en", score_threshold=self.threshold)
        return [RedactedEntity(r.entity_type, r.start, r.end, float(r.score), "") for r in results]
