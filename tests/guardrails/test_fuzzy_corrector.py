"""The safeguarding typo corrector: misspellings are corrected, real words the embedding model knows are not."""

from __future__ import annotations

from typing import Any

import pytest

from guardrails.fuzzy_corrector import FuzzyCorrector
from guardrails.pattern_library import PatternLibrary
from guardrails.safeguarding_detector_provider import build_safeguarding_detector


@pytest.fixture(scope="module")
def corrector(embedder: Any) -> FuzzyCorrector:
    library = PatternLibrary.load()
    return FuzzyCorrector(library.fuzzy_keywords, library.fuzzy_protected, embedder.count_tokens)


@pytest.fixture(scope="module")
def semantic_detector(embedder: Any) -> Any:
    return build_safeguarding_detector(embedder, learned=False)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        # misspellings (no whole word piece): corrected as before
        ("sucidal", "suicidal"),
        ("negelcted", "neglected"),
        ("rapped", "raped"),
        ("abuzed", "abused"),
        ("bruses", "bruises"),
        # real words one or two edits from a safeguarding word: left alone
        ("building", "building"),
        ("struggling", "struggling"),
        ("standing", "standing"),
        ("handling", "handling"),
        ("checking", "checking"),
        ("knocking", "knocking"),
        ("rated", "rated"),
        ("overcome", "overcome"),
        # a real word that is an inflection of a safeguarding word: still joined to it
        ("daughters", "daughter"),
        ("threaten", "threatens"),
    ],
)
def test_when_word_checked_then_only_misspellings_and_inflections_are_corrected(
    corrector: FuzzyCorrector, word: str, expected: str
) -> None:
    assert corrector.correct(word)[0] == expected


def test_when_no_token_counter_then_real_words_are_corrected_as_before() -> None:
    library = PatternLibrary.load()
    plain = FuzzyCorrector(library.fuzzy_keywords, library.fuzzy_protected)
    assert plain.correct("building")[0] == "bullying"


@pytest.mark.parametrize(
    "message",
    [
        "ive got about sixteen grand in the building society would i have to pay for my care",
        "my mum is struggling to get washed and dressed in the mornings",
    ],
)
def test_when_routine_message_has_a_near_miss_word_then_no_fuzzy_rule_fires(
    semantic_detector: Any, message: str
) -> None:
    result = semantic_detector.detect(message)
    assert not any(rule.startswith("fuzzy:") for rule in result.rules)
    assert result.tier is None
