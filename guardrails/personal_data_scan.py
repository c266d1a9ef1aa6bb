"""Finds personal-data patterns in outgoing text: phone, NHS and NI numbers, emails, postcodes."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import phonenumbers

__all__ = ["PersonalDataScan", "normalise_phone"]

_NHS = re.compile(r"(?<![\d+])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?!\d)")
_NINO = re.compile(
    r"\b(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b", re.I
)
_EMAIL = re.compile(r"\b[\w.+-]+@([\w-]+(?:\.[\w-]+)+)\b")
_POSTCODE = re.compile(r"\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR) ?\d[A-Z]{2}\b")
# National lines a reply may always give: emergency, NHS 111, Samaritans, the text-relay prefix.
NATIONAL_NUMBERS = ("999", "112", "111", "116 123", "18001")


def normalise_phone(number: str) -> str:
    """Digits only, +44 folded to a leading 0, so published and quoted forms compare equal."""
    digits = re.sub(r"\D", "", number)
    return "0" + digits[2:] if digits.startswith("44") and len(digits) > 10 else digits


def _nhs_checksum_ok(digits: str) -> bool:
    total = sum(int(d) * (10 - i) for i, d in enumerate(digits[:9]))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


@dataclass(frozen=True, slots=True)
class PersonalDataScan:
    """Which personal-data rules fire on a text, given what the council publishes."""

    allowed_phones: frozenset[str]
    allowed_email_domains: frozenset[str]
    allowed_emails: frozenset[str]
    allowed_postcodes: frozenset[str]

    @classmethod
    def build(
        cls,
        phones: Iterable[str],
        emails: Iterable[str],
        email_domains: Iterable[str],
        postcodes: Iterable[str],
    ) -> PersonalDataScan:
        """Normalise the allow-lists once."""
        return cls(
            frozenset(normalise_phone(p) for p in (*phones, *NATIONAL_NUMBERS)),
            frozenset(d.lower() for d in email_domains),
            frozenset(e.lower() for e in emails),
            frozenset(p.upper().replace(" ", "") for p in postcodes),
        )

    def rules(self, text: str) -> list[str]:
        """``output:<type>`` for every kind of personal data found that is not the council's own."""
        found: list[str] = []
        nhs_spans: list[tuple[int, int]] = []  # spans already reported (NHS, NI): not phones too
        for m in _NHS.finditer(text):
            digits = "".join(m.groups())
            if _nhs_checksum_ok(digits) and normalise_phone(digits) not in self.allowed_phones:
                found.append("output:nhs_number")
                nhs_spans.append(m.span())
        for m in _NINO.finditer(text):
            found.append("output:ni_number")
            nhs_spans.append(m.span())
        for match in phonenumbers.PhoneNumberMatcher(text, "GB", leniency=phonenumbers.Leniency.POSSIBLE):
            if any(s <= match.start < e for s, e in nhs_spans):
                continue
            if len(re.sub(r"\D", "", match.raw_string)) < 10:
                continue  # years, amounts and short codes ("2025", "£865") are not personal phone numbers
            if normalise_phone(match.raw_string) not in self.allowed_phones:
                found.append("output:phone")
                break
        for m in _EMAIL.finditer(text):
            if (
                m.group(0).lower() not in self.allowed_emails
                and m.group(1).lower() not in self.allowed_email_domains
            ):
                found.append("output:email")
                break
        for m in _POSTCODE.finditer(text):
            if m.group(0).replace(" ", "") not in self.allowed_postcodes:
                found.append("output:postcode")
                break
        return list(dict.fromkeys(found))
