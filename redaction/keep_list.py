"""Public data that must never be redacted: councils' published numbers, e-mails, addresses, and the
names of benefits and services (which spaCy sometimes tags as people: "Attendance Allowance")."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from councils.council import Council
from redaction.recognizers.name_cue_recognizer import RELATIONS

__all__ = ["PUBLIC_HELPLINES", "SERVICE_NAMES", "KeepList"]


def _pipe_separated(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split("|") if part.strip())


SERVICE_NAMES: tuple[str, ...] = _pipe_separated(
    """
    Attendance Allowance | Carer's Allowance | Carers Allowance | Pension Credit | Universal Credit |
    Personal Independence Payment | Disability Living Allowance | Employment and Support Allowance |
    Housing Benefit | Council Tax Reduction | Council Tax Support | Winter Fuel Payment | Blue Badge |
    Disabled Facilities Grant | Direct Payments | Direct Payment | Shared Lives | Meals on Wheels | Telecare |
    Lifeline | Careline | Extra Care Housing | Extra Care | Reablement | Deferred Payment |
    Continuing Healthcare | NHS Continuing Healthcare | Care Act | Mental Capacity Act | Mental Health Act |
    Deprivation of Liberty Safeguards | Liberty Protection Safeguards | Lasting Power of Attorney |
    Court of Protection | Office of the Public Guardian | Care Quality Commission | Healthwatch | Motability |
    Access to Work | Age UK | Citizens Advice | Carers UK | Mencap | Mind | Samaritans | Alzheimer's Society |
    Silver Line
    """
)


_SPOKEN = {
    "zero": "0",
    "oh": "0",
    "o": "0",
    "nought": "0",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "hundred": "00",
    "thousand": "000",
}
_REPEAT = {"double": 2, "triple": 3, "treble": 3}


# National helplines residents are often pointed to: public numbers, so never redacted.
PUBLIC_HELPLINES: tuple[str, ...] = (
    "0800 678 1602",  # Age UK Advice Line
    "0808 808 7777",  # Carers UK Helpline
    "0800 144 8848",  # Citizens Advice Adviceline (England)
    "0800 4 70 80 90",  # The Silver Line
    "0300 123 3393",  # Mind Infoline
    "0333 150 3456",  # Alzheimer's Society support line
)


def _spoken_to_digits(value: str) -> str:
    """ "oh one six three two nine six oh one double oh" -> "01632960100" (digits pass through)."""
    out: list[str] = []
    repeat = 1
    for word in re.findall(r"[a-z]+|\d+", value.lower()):
        if word in _REPEAT:
            repeat = _REPEAT[word]
            continue
        out.append((word if word.isdigit() else _SPOKEN.get(word, "")) * repeat)
        repeat = 1
    return "".join(out)


def _digits(value: str) -> str:
    digits = _spoken_to_digits(value)
    if digits.startswith("0044"):
        digits = "0" + digits[4:]
    elif digits.startswith("44") and len(digits) >= 12:
        digits = "0" + digits[2:]
    return digits


def _places(council: Council) -> list[str]:
    """The council's place names: its name without "Council", and each part of its address."""
    name = re.sub(r"\b(?:(?:borough|district|county|city|metropolitan)\s+)?council\b", "", council.name, flags=re.I)
    parts = [name, *(council.address or "").split(",")]
    return [_letters(_POSTCODE.sub("", part)) for part in parts if _letters(_POSTCODE.sub("", part))]


_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.I)


def _letters(value: str) -> str:
    return re.sub(r"[^a-z0-9]", "", value.lower())


_SALUTATION_WORDS = frozenset({"dear", "sir", "sirs", "madam", "or"})
_SALUTATIONS = frozenset({"sir", "sirs", "madam"})


@dataclass(frozen=True, slots=True)
class KeepList:
    """Decides whether a detected span is public data to keep. Pure; built from the councils file."""

    phone_numbers: frozenset[str]
    emails: frozenset[str]
    addresses: tuple[str, ...]
    places: frozenset[str]
    service_names: tuple[str, ...]

    @classmethod
    def from_councils(cls, councils: Iterable[Council], service_names: Iterable[str] = SERVICE_NAMES) -> KeepList:
        """Every council's published numbers, e-mail, name and address, plus benefit and service names."""
        council_list = list(councils)
        return cls(
            phone_numbers=frozenset(
                [_digits(n) for c in council_list for n in c.published_numbers()]
                + [_digits(n) for n in PUBLIC_HELPLINES]
            ),
            emails=frozenset(c.email.lower() for c in council_list if c.email),
            addresses=tuple(_letters(f"{c.name} {c.address or ''}") for c in council_list),
            places=frozenset(p for c in council_list for p in _places(c)),
            service_names=tuple(service_names),
        )

    def keeps(self, entity_type: str, value: str) -> bool:
        """Whether ``value`` (detected as ``entity_type``) is public and must stay in the text."""
        if entity_type == "PHONE_NUMBER":
            digits = _digits(value)
            return any(digits == n or (len(digits) >= 10 and n.endswith(digits)) for n in self.phone_numbers)
        if entity_type == "EMAIL_ADDRESS":
            return value.lower() in self.emails
        if entity_type in ("UK_POSTCODE", "STREET_ADDRESS"):
            compact = _letters(value)
            return len(compact) >= 5 and any(compact in address for address in self.addresses)
        if entity_type == "PERSON":
            if _letters(value) in self.places:
                return True  # spaCy tags places such as "Ashby Vale" as people
            lowered = value.lower().strip()
            if lowered in RELATIONS:
                return True  # spaCy tags "Mum" and "Nan" as people; a relation names nobody
            words = set(lowered.replace(",", " ").split())
            if words <= _SALUTATION_WORDS and words & _SALUTATIONS:
                return True  # "Dear Sir or Madam": a letter's salutation names nobody
            return any(
                lowered == name.lower() or re.search(rf"\b{re.escape(lowered)}\b", name.lower()) is not None
                for name in self.service_names
            )
        return False
