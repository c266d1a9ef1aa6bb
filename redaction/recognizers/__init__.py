"""Our recognizers, one per file, and the list the analyzer registers.

What we redact (``REDACTED_ENTITIES``) and what we deliberately keep:

- kept: LOCATION (spaCy tags towns, counties and countries as GPE/LOC; "I live in Ashby Vale" identifies
  nobody and the answer often depends on it, so a place name alone stays. A *street address* is caught
  by :mod:`street_address_recognizer` and a postcode by the UK postcode recognizer), DATE_TIME (dates and
  durations such as "six weeks" stay; a date of *birth* is caught with context), NRP (nationality or
  religion stays: "a Polish interpreter" is a need, not an identifier), ORGANIZATION, money amounts.
- not enabled: Presidio's UK vehicle registration recognizer (rare in care conversations, and its prefix
  and suffix formats match ordinary tokens).
"""

from __future__ import annotations

import tldextract
from presidio_analyzer import EntityRecognizer, Pattern
from presidio_analyzer.predefined_recognizers import (
    CreditCardRecognizer,
    IbanRecognizer,
    NhsRecognizer,
    SpacyRecognizer,
    UkDrivingLicenceRecognizer,
    UkNinoRecognizer,
    UkPassportRecognizer,
    UkPostcodeRecognizer,
)

from councils.council import Council
from redaction.name_gazetteer import NameGazetteer
from redaction.recognizers.bank_account_recognizer import BankAccountRecognizer
from redaction.recognizers.council_reference_recognizer import CouncilReferenceRecognizer
from redaction.recognizers.date_of_birth_recognizer import DateOfBirthRecognizer
from redaction.recognizers.email_recognizer import OfflineEmailRecognizer
from redaction.recognizers.gb_phone_recognizer import GbPhoneRecognizer
from redaction.recognizers.name_cue_recognizer import NameCueRecognizer
from redaction.recognizers.name_pair_recognizer import NamePairRecognizer
from redaction.recognizers.sort_code_recognizer import SortCodeRecognizer
from redaction.recognizers.spoken_email_recognizer import SpokenEmailRecognizer
from redaction.recognizers.spoken_form_recognizer import SpokenFormRecognizer
from redaction.recognizers.street_address_recognizer import StreetAddressRecognizer

__all__ = ["REDACTED_ENTITIES", "uk_recognizers"]

REDACTED_ENTITIES: tuple[str, ...] = (
    "PERSON",
    "PHONE_NUMBER",
    "EMAIL_ADDRESS",
    "STREET_ADDRESS",
    "UK_POSTCODE",
    "UK_NHS",
    "UK_NINO",
    "UK_PASSPORT",
    "UK_DRIVING_LICENCE",
    "DATE_OF_BIRTH",
    "UK_SORT_CODE",
    "UK_BANK_ACCOUNT",
    "COUNCIL_REFERENCE",
    "CREDIT_CARD",
    "IBAN_CODE",
)

# Presidio's postcode pattern scores 0.1 (it is built for documents full of codes); in a resident's
# message a string with a valid outward/inward shape is a postcode, so it stands on its own at 0.6.
_POSTCODE = Pattern("UK postcode (strong)", UkPostcodeRecognizer.PATTERNS[0].regex, 0.6)
_PASSPORT = Pattern("UK passport", UkPassportRecognizer.PATTERNS[0].regex, 0.5)
# Most UK passports in circulation carry nine digits, which Presidio's pattern does not cover.
_PASSPORT_DIGITS = Pattern("UK passport (9 digits after cue)", r"(?<=\bpassport\b[^!?\n\d]{0,25})\b\d{9}\b", 0.85)
_NINO_CONTEXT = ["national insurance", "insurance", "ni", "nino", "nin"]


def uk_recognizers(
    councils: list[Council], tld_extractor: tldextract.TLDExtract, gazetteer: NameGazetteer
) -> list[EntityRecognizer]:
    """Every recognizer our analyzer registers, in one list (no model loading happens here)."""
    return [
        SpacyRecognizer(supported_entities=["PERSON", "LOCATION", "DATE_TIME", "NRP"]),
        NhsRecognizer(context=[*NhsRecognizer.CONTEXT, "nhs number", "health"]),
        UkNinoRecognizer(context=_NINO_CONTEXT),
        UkPassportRecognizer(patterns=[_PASSPORT, _PASSPORT_DIGITS]),
        UkPostcodeRecognizer(patterns=[_POSTCODE]),
        UkDrivingLicenceRecognizer(context=[*UkDrivingLicenceRecognizer.CONTEXT, "licence", "license"]),
        CreditCardRecognizer(),
        IbanRecognizer(),
        OfflineEmailRecognizer(tld_extractor),
        GbPhoneRecognizer(),
        DateOfBirthRecognizer(),
        StreetAddressRecognizer(),
        SortCodeRecognizer(),
        BankAccountRecognizer(),
        SpokenEmailRecognizer(),
        SpokenFormRecognizer(councils),
        NameCueRecognizer(gazetteer.first_names, gazetteer.surnames, gazetteer.english_words),
        NamePairRecognizer(gazetteer.first_names, gazetteer.surnames),
        *CouncilReferenceRecognizer.for_councils(councils),
    ]
