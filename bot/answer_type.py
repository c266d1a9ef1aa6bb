"""What kind of fact a question asks for, and whether a sentence states one: the classic "expected answer
type" of question answering, used by the extractive composer to prefer the sentence that answers.

"carers allowance how much" shares its words with every sentence about Carer's Allowance; the one that
answers it is the one with an amount in it ("In 2025/26 it is £83.30 per week"), which shares none.
Likewise "what number do I ring" wants a phone number, "how long / when / how often" a time or period, "what
age" an age, "how many" a count. The rules are about the shape of questions and facts, not about any
council's pages, so they carry to pages we did not write. A question may ask for more than one type.
"""

from __future__ import annotations

import re
from enum import StrEnum

__all__ = ["AnswerType", "expected_answer_types", "states"]


class AnswerType(StrEnum):
    """A kind of fact."""

    MONEY = "money"
    CONTACT = "contact"
    TIME = "time"
    AGE = "age"
    COUNT = "count"


_QUESTION: dict[AnswerType, re.Pattern[str]] = {
    AnswerType.MONEY: re.compile(
        r"\b(?:how much|cost|costs|costing|price|prices|charge|charges|charged|charging|fee|fees|pay|paying|"
        r"afford|money|amount|rate|rates|cheap|expensive|free|means tested|means test|contribut\w*|worth)\b|£"
    ),
    AnswerType.CONTACT: re.compile(
        r"\b(?:number|phone|telephone|ring|call|contact|email|e-mail|address|who do i|who can i|who helps|"
        r"who should i|get in touch|speak to|talk to)\b"
    ),
    # "when" only as the question word ("when will i hear"), not the conjunction ("what happens when it ends").
    AnswerType.TIME: re.compile(
        r"\b(?:how long|how soon|how quickly|how often|what time|what times|what days|opening hours|"
        r"opening times|deadline|waiting time|waiting list|wait|by when|until when)\b|"
        r"\bwhen (?:do|does|did|will|would|can|could|is|are|was|should|shall|might|must|am)\b|"
        r"\b(?:are|is) (?:you|they|it|the \w+|your \w+) open\b|\bopen (?:on|at|until|till|late)\b"
    ),
    AnswerType.AGE: re.compile(r"\b(?:what age|how old|age|aged|ages|older than|younger than)\b"),
    AnswerType.COUNT: re.compile(r"\b(?:how many|number of|maximum|minimum|most|least|limit|limits)\b"),
}

_NUMBER = r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|twenty|thirty)"
_FACT: dict[AnswerType, re.Pattern[str]] = {
    AnswerType.MONEY: re.compile(
        r"£\s?\d|\d\s?%|\b(?:free|free of charge|no charge|do not charge|does not charge|nothing to pay|"
        r"means test\w*|not means tested)\b",
        re.IGNORECASE,
    ),
    AnswerType.CONTACT: re.compile(
        r"\b0\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}\b|\b(?:999|111|101|116 123)\b|[\w.+-]+@[\w-]+\.[\w.]+|"
        r"\b(?:call|ring|phone|email|text)\s+(?:us|the|our|them|on)\b",
        re.IGNORECASE,
    ),
    AnswerType.TIME: re.compile(
        rf"\b{_NUMBER}\s+(?:working\s+)?(?:days?|weeks?|months?|years?|hours?|minutes?)\b|"
        r"\b(?:every|each|within|after|before|until|by)\s+(?:\w+\s+){0,2}(?:days?|weeks?|months?|years?|hours?)\b|"
        r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekdays?|weekends?|daily|weekly|"
        r"fortnightly|monthly|annually|yearly)\b|\b\d{1,2}(?:[.:]\d{2})?\s?(?:am|pm)\b|\b24 hours\b",
        re.IGNORECASE,
    ),
    AnswerType.AGE: re.compile(
        rf"\b(?:aged?|over|under|from|until|turns?|reach(?:es)?)\s+(?:the\s+age\s+of\s+)?{_NUMBER}\b|"
        rf"\b{_NUMBER}\s+(?:or over|or older|and over|or under|years old|year olds?|\+)|\bage\s+{_NUMBER}\b",
        re.IGNORECASE,
    ),
    AnswerType.COUNT: re.compile(rf"\b{_NUMBER}\b", re.IGNORECASE),
}


def expected_answer_types(question: str) -> frozenset[AnswerType]:
    """The kinds of fact the (redacted) question asks for; empty when it asks for none in particular."""
    text = question.lower()
    return frozenset(t for t, pattern in _QUESTION.items() if pattern.search(text))


def states(answer_type: AnswerType, sentence: str) -> bool:
    """Whether ``sentence`` states a fact of that kind."""
    return _FACT[answer_type].search(sentence) is not None
