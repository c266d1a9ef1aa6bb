"""The checkable facts in a sentence: money, postcodes, phone numbers, numbers, e-mails, months, days.

A generated sentence may only state a fact of these kinds if the same fact appears in a passage it
cites. Comparison is on normalised forms (``£1,000`` = ``£1000``; phone digits without spaces) so
formatting differences pass but any changed digit does not. Number words in passages ("six weeks")
also count as their digits, so a model writing "6 weeks" is not punished for tidying.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Facts", "extract_facts"]

_MONEY = re.compile(r"£\s?\d[\d,]*(?:\.\d+)?")
_PHONE = re.compile(r"(?<!\d)(?:\+44\s?|0)\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}(?!\d)")
_NUMBER = re.compile(r"(?<![\w<+])\d+(?:[.,:]\d+)*")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")
_PLACEHOLDER = re.compile(r"<[A-Z_]+_\d+>")
_CALENDAR = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)
_CALENDAR_WORD = re.compile(r"\b(" + "|".join(_CALENDAR) + r")\b", re.IGNORECASE)
_NUMBER_WORDS = {
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
    "twenty": "20",
    "thirty": "30",
    "fifty": "50",
}
_NUMBER_WORD = re.compile(r"\b(" + "|".join(_NUMBER_WORDS) + r")\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Facts:
    """Normalised facts found in a text."""

    money: frozenset[str]
    postcodes: frozenset[str]
    phones: frozenset[str]
    numbers: frozenset[str]
    emails: frozenset[str]
    calendar: frozenset[str]

    def missing_from(self, source: Facts) -> list[str]:
        """The facts here that ``source`` does not contain (empty means all supported)."""
        missing = [f"£{m}" for m in sorted(self.money - source.money)]
        missing += sorted(self.postcodes - source.postcodes)
        missing += [p for p in sorted(self.phones) if p not in source.phones]
        missing += sorted(self.numbers - source.numbers)
        missing += sorted(self.emails - source.emails)
        missing += sorted(self.calendar - source.calendar)
        return missing


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text.replace("+44", "0"))


def extract_facts(text: str, *, spelled_numbers: bool = False) -> Facts:
    """Facts in ``text``. ``spelled_numbers`` also reads "six" as 6 (used for passages only)."""
    text = _PLACEHOLDER.sub(" ", text).replace("**", "")
    emails = frozenset(e.lower().rstrip(".") for e in _EMAIL.findall(text))
    body = _EMAIL.sub(" ", text)
    postcodes = frozenset(p.replace(" ", "") for p in _POSTCODE.findall(body))
    body = _POSTCODE.sub(" ", body)
    money = frozenset(m.lstrip("£").strip().replace(",", "") for m in _MONEY.findall(body))
    phones = frozenset(_digits(p) for p in _PHONE.findall(body))
    numbers = {n.replace(",", "").rstrip(".") for n in _NUMBER.findall(body)}
    for phone in phones:
        numbers.discard(phone)
    for match in _PHONE.findall(body):
        numbers.difference_update(re.split(r"[\s-]+", match.replace("+44", "").strip()))
    if spelled_numbers:
        numbers.update(_NUMBER_WORDS[w.lower()] for w in _NUMBER_WORD.findall(body))
    calendar = frozenset(w.lower() for w in _CALENDAR_WORD.findall(body))
    return Facts(
        money=money,
        postcodes=postcodes,
        phones=phones,
        numbers=frozenset(numbers),
        emails=emails,
        calendar=calendar,
    )
