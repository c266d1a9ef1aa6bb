"""Street addresses: a house or flat number (digits or words) and a street ending in a street type."""

from __future__ import annotations

from typing import ClassVar

import regex
from presidio_analyzer import Pattern, PatternRecognizer

__all__ = ["StreetAddressRecognizer"]


def _words(text: str) -> tuple[str, ...]:
    """A word list written as one string (easier to read and edit than a list literal)."""
    return tuple(text.split())


_WORD_NUMBER = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[ -](?:one|two|three|four|five|six|seven"
    r"|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|(?:one|two|three) hundred(?: and \w+)?)"
)
_NUMBER = rf"(?:\d{{1,4}}[a-z]?|{_WORD_NUMBER})"
_STREET_TYPE = (
    r"(?:road|rd|street|st|lane|ln|avenue|ave|close|drive|dr|way|court|ct|crescent|cres|place|pl|gardens|gdns"
    r"|grove|terrace|row|walk|mews|square|sq|hill|rise|green|parade|vale|view|park|meadows?|fields|croft|wharf"
    r"|yard|gate|chase|boulevard|circus|end|hollow|brow|bank|side)"
)
_BUILDING = r"(?:house|court|lodge|mansions|heights|tower|towers|cottages?|buildings|point|hall)"
_NAME_WORD = r"[a-z][a-z'’\-]*"
_FLAT = rf"(?:flat|apartment|apt|unit|room)\s+{_NUMBER}\b,?\s+"
_STREET = rf"(?:number\s+)?{_NUMBER},?\s+(?:{_NAME_WORD}\s+){{1,3}}?{_STREET_TYPE}"
_LEAD = r"(?<![£$€\d.,:/])"

# Words that cannot be part of a street name: they turn "2 weeks either way" or "4 times a day" away.
_NOT_STREET_WORDS = frozenset(
    _words(
        """
    a an and or of to in on at for from by with my your his her their our its this that these those
    is are was were be been it i you he she we they me him us them times time day days week weeks
    month months year years hour hours minute minutes mins second seconds mile miles people carers
    visits bills things pounds quid percent per either each every other more less than about around
    over under into onto up down out off back just only also very too so but if then when where what
    which who how not no yes
    """
    )
)


class StreetAddressRecognizer(PatternRecognizer):
    """ "Flat 2, 14 Mill Lane", "23 acacia avenue", "number nine station road", "Flat 4b, Willow Court".

    The town after the street is not included: place names alone are kept (see recognizers/__init__).
    ``validate_result`` rejects matches whose street words include function words or units of time.
    """

    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("flat and street", rf"{_LEAD}\b{_FLAT}(?:{_NAME_WORD}\s+{_BUILDING},?\s+)?{_STREET}\b", 0.85),
        Pattern("flat in a named building", rf"{_LEAD}\b{_FLAT}(?:{_NAME_WORD}\s+){{1,2}}{_BUILDING}\b", 0.8),
        Pattern("house number and street", rf"{_LEAD}\b{_STREET}\b", 0.75),
    ]
    CONTEXT: ClassVar[list[str]] = ["address", "live", "lives", "living", "flat", "house"]

    def __init__(self) -> None:
        super().__init__(
            supported_entity="STREET_ADDRESS",
            patterns=self.PATTERNS,
            context=self.CONTEXT,
            name="StreetAddressRecognizer",
        )

    def validate_result(self, pattern_text: str) -> bool | None:
        """False when a word of the street name is a function word or a unit ("2 weeks either way")."""
        words = regex.findall(r"[a-z'’\-]+", pattern_text.lower())
        inner = words[1:-1] if len(words) > 2 else []
        if inner and inner[0] == "the":
            inner = inner[1:]
        if any(word in _NOT_STREET_WORDS for word in inner):
            return False
        return None
