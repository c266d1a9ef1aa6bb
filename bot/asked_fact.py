"""A question that names the exact kind of fact it wants, and whether an answer's quotes state one.

"What's the email address for the Blue Badge team", "what are the visiting hours at the home", "what interest
rate do you charge": the resident has said precisely what a useful answer contains. When none of the
sentences we would quote holds an email address, a clock time or a percentage, the page is on the topic but
does not have the fact, and quoting it anyway reads as an answer while answering nothing (measured on the
unseen council, 2026-12-07: three such questions were "answered" with the page's other sentences). The
compose step then hands over as low confidence instead (``bot/steps/asked_fact_step.py``).

Deliberately narrower than ``bot/answer_type.py``, which steers the composer towards sentences of a broad
kind (any amount for "how much", any period for "how long"). Those broad kinds are not checked here: almost
every charging page states some amount, so "an amount is quoted" says nothing about whether it is the one
asked for, and "how long" has too many good answers without a number ("until the works are finished").
Only kinds with one unmistakable written form are checked, and only when the question names them.
"""

from __future__ import annotations

import re
from enum import StrEnum

__all__ = ["AskedFact", "asked_facts", "states_fact"]


class AskedFact(StrEnum):
    """A kind of fact with one unmistakable written form."""

    EMAIL_ADDRESS = "email_address"
    PHONE_NUMBER = "phone_number"
    CLOCK_TIME = "clock_time"
    PERCENTAGE = "percentage"


_ASKED: dict[AskedFact, re.Pattern[str]] = {
    AskedFact.EMAIL_ADDRESS: re.compile(
        r"\be-?mail\s+(?:address|addy)\b|\bwhat(?:'s|s| is)\s+(?:the|your|their|its)\s+e-?mail\b|\be-?mail\s+for\b"
    ),
    AskedFact.PHONE_NUMBER: re.compile(
        r"\b(?:phone|telephone|tel|contact|mobile|direct|helpline)\s+(?:number|no)\b|\bwhat number\b|"
        r"\bwhat(?:'s|s| is)\s+(?:the|their|your|its)\s+number\b(?!\s+of\b)|"
        r"\bnumber\s+(?:for|to ring|to call|to phone)\b"
    ),
    AskedFact.CLOCK_TIME: re.compile(
        r"\bwhat time\b|\bwhat times\b|\b(?:opening|visiting|office|closing)\s+(?:hours|times)\b|\bwhat hours\b|"
        r"\bwhen (?:do|does|are|is)\s+(?:\w+\s+){1,3}(?:open|close|shut)\b|\bopen (?:until|till|til)\b"
    ),
    AskedFact.PERCENTAGE: re.compile(r"\binterest rate\b|\bper ?cent(?:age)?\b|%"),
}

_STATED: dict[AskedFact, re.Pattern[str]] = {
    AskedFact.EMAIL_ADDRESS: re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+|<EMAIL_ADDRESS_\d+>"),
    AskedFact.PHONE_NUMBER: re.compile(
        r"\b0\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}\b|\b(?:999|111|101|116 ?123|18001)\b|<(?:UK_)?PHONE_NUMBER_\d+>"
    ),
    AskedFact.CLOCK_TIME: re.compile(
        r"\b\d{1,2}(?:[.:]\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.)(?!\w)|\b\d{1,2}[:]\d{2}\b|\b(?:noon|midday|midnight)\b|"
        r"\b24 hours\b|\b24/7\b|\bround the clock\b|\baround the clock\b",
        re.IGNORECASE,
    ),
    AskedFact.PERCENTAGE: re.compile(
        r"\d\s?%|\bper ?cent\b|\binterest[- ]free\b|\bno interest\b|\bwithout interest\b", re.IGNORECASE
    ),
}


def asked_facts(question: str) -> frozenset[AskedFact]:
    """The kinds of fact the (redacted) question names outright; usually none."""
    text = question.lower()
    return frozenset(kind for kind, pattern in _ASKED.items() if pattern.search(text))


def states_fact(kind: AskedFact, text: str) -> bool:
    """Whether ``text`` (quoted council sentences) states a fact of that kind."""
    return _STATED[kind].search(text) is not None
