"""Capitalised "Firstname Surname" pairs that spaCy's small model misses ("Call Grace Okafor on ...")."""

from __future__ import annotations

from itertools import pairwise

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from redaction.recognizers.name_cue_recognizer import NOT_NAMES

__all__ = ["NamePairRecognizer"]


class NamePairRecognizer(EntityRecognizer):
    """Two title-case tokens where the first is a known first name and the second a known surname or a
    proper noun. Lower-case pairs are left to cue phrases: "i hope young people..." must stay."""

    SCORE = 0.7

    def __init__(self, first_names: frozenset[str], surnames: frozenset[str]) -> None:
        self._first_names = first_names
        self._surnames = surnames
        super().__init__(supported_entities=["PERSON"], name="NamePairRecognizer", supported_language="en")

    def load(self) -> None:
        """Nothing to load: gazetteers are passed in."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Every capitalised first-name + surname pair."""
        if nlp_artifacts is None or nlp_artifacts.tokens is None or "PERSON" not in entities:
            return []
        tokens = list(nlp_artifacts.tokens)
        results = []
        for first, second in pairwise(tokens):
            if not (first.text.istitle() and second.text.istitle() and first.is_alpha):
                continue
            a, b = first.text.lower(), second.text.lower()
            if a in NOT_NAMES or b in NOT_NAMES or a not in self._first_names:
                continue
            if b in self._surnames or second.pos_ == "PROPN":
                results.append(
                    RecognizerResult(
                        "PERSON",
                        first.idx,
                        second.idx + len(second.text),
                        self.SCORE,
                        recognition_metadata={
                            RecognizerResult.RECOGNIZER_NAME_KEY: "NamePairRecognizer",
                            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                        },
                    )
                )
        return results
