"""Dates of birth: a full date after a birth cue ("born", "date of birth", "DOB"), typed or spoken."""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import Pattern, PatternRecognizer

__all__ = ["DateOfBirthRecognizer"]

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_UNIT = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_SMALL = (
    rf"(?:{_UNIT}|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    r"|twenty|thirty)"
)
_ORDINAL = (
    r"(?:(?:twenty|thirty)[ -]?)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
    r"|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth"
    r"|twentieth|thirtieth"
)
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_SPOKEN_YEAR = rf"(?:nineteen|two thousand(?: and)?)\s+(?:{_TENS}(?:[ -]{_UNIT})?|{_SMALL}|oh[ -]{_UNIT})"
_DAY = r"(?:[0-2]?\d|3[01])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
_NUMERIC = r"(?:[0-2]?\d|3[01])[/.\-](?:0?\d|1[0-2])[/.\-](?:(?:19|20)\d{2}|\d{2})"
_WORDY = rf"{_DAY}(?:\s+of)?\s+{_MONTH}\.?,?\s+'?(?:{_YEAR}|\d{{2}})|{_MONTH}\s+{_DAY},?\s+{_YEAR}"
_SPOKEN = (
    rf"(?:the\s+)?(?:{_ORDINAL})\s+of\s+{_MONTH}(?:,?\s+{_SPOKEN_YEAR})?"
    rf"|{_SPOKEN_YEAR}\s+the\s+(?:{_ORDINAL})\s+of\s+{_MONTH}"
    rf"|{_SMALL}\s+(?:oh\s+)?{_SMALL}\s+{_SPOKEN_YEAR}"
)
_CUE = r"(?<=\b(?:born|birth|dob|d\.o\.b\.?|birthday|b\.?)\b[^.!?\n\d]{0,24})"


class DateOfBirthRecognizer(PatternRecognizer):
    """A date right after a birth cue scores 0.85. A full typed date in the 1900s with no cue scores 0.55:
    in an adult-care conversation such a date is nearly always someone's birth date, and redacting a
    death or admission date by mistake costs little. Dates without a year (appointments) are kept."""

    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("DOB after cue (typed)", rf"{_CUE}\b(?:{_NUMERIC}|{_WORDY})\b", 0.85),
        Pattern("DOB after cue (spoken)", rf"{_CUE}\b(?:{_SPOKEN})\b", 0.85),
        Pattern(
            "full date in the 1900s",
            rf"\b(?:(?:[0-2]?\d|3[01])[/.\-](?:0?\d|1[0-2])[/.\-]19\d{{2}}"
            rf"|{_DAY}(?:\s+of)?\s+{_MONTH}\.?,?\s+19\d{{2}})\b",
            0.55,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = ["born", "birth", "dob", "birthday"]

    def __init__(self) -> None:
        super().__init__(
            supported_entity="DATE_OF_BIRTH",
            patterns=self.PATTERNS,
            context=self.CONTEXT,
            name="DateOfBirthRecognizer",
        )
