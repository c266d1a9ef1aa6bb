"""GB telephone numbers (landline, mobile, freephone, +44) found with libphonenumber, region GB."""

from __future__ import annotations

import phonenumbers
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

__all__ = ["GbPhoneRecognizer"]


class GbPhoneRecognizer(EntityRecognizer):
    """UK phone numbers, scored high because in a care conversation a number is almost always a contact.

    Presidio's ``PhoneRecognizer`` scores every match 0.4 and tries eight regions. We parse with region GB
    only and accept *possible* numbers (Ofcom drama ranges such as 07700 900xxx are not "valid" to
    libphonenumber, yet are exactly what residents' numbers look like in tests and demos): a valid
    number scores 0.95, a possible one 0.85. Money (``£``) and anything not starting 0, +44 or 0044 is
    rejected, so "£23,250" or "14 hours" never become phone numbers.
    """

    ENTITY = "PHONE_NUMBER"
    VALID_SCORE = 0.95
    POSSIBLE_SCORE = 0.85

    def __init__(self) -> None:
        super().__init__(supported_entities=[self.ENTITY], name="GbPhoneRecognizer", supported_language="en")

    def load(self) -> None:
        """Nothing to load: libphonenumber's metadata ships with the package."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Every GB number in ``text``."""
        results: list[RecognizerResult] = []
        matcher = phonenumbers.PhoneNumberMatcher(text, "GB", leniency=phonenumbers.Leniency.POSSIBLE)
        for match in matcher:
            raw = match.raw_string
            compact = "".join(ch for ch in raw if ch.isdigit() or ch == "+")
            if "£" in text[max(0, match.start - 2) : match.start] or not compact.startswith(("0", "+44")):
                continue
            number = match.number
            if number.country_code != 44 or not 9 <= len(str(number.national_number)) <= 10:
                continue
            score = self.VALID_SCORE if phonenumbers.is_valid_number(number) else self.POSSIBLE_SCORE
            results.append(
                RecognizerResult(
                    entity_type=self.ENTITY,
                    start=match.start,
                    end=match.end,
                    score=score,
                    recognition_metadata={
                        RecognizerResult.RECOGNIZER_NAME_KEY: "GbPhoneRecognizer",
                        RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                    },
                )
            )
        return results
