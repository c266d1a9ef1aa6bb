"""Numbers and codes read out on the phone: "oh seven seven double oh nine hundred one two three",
"W N one two A B", "Q Q one two three four five six C", a name spelled "e v a n s".

Speech-to-text writes digits as words and letters as single letters. This recognizer turns each run of
such tokens into a compact symbol string (keeping, for every symbol, the span of the words it came
from), classifies the string with the same shapes as the typed recognizers, and maps the match back to
the words. It is the one recognizer that is not declarative, because the transcoding cannot be a regex.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from councils.council import Council

__all__ = ["SpokenFormRecognizer"]

_TOKEN = regex.compile(r"[A-Za-z]+|\d+|\+")
_GAP = regex.compile(r"[\s,\-]*")
_DIGITS = {
    "zero": "0",
    "oh": "0",
    "o": "0",
    "nought": "0",
    "nil": "0",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
}
_REPEAT = {"double": 2, "triple": 3, "treble": 3}
_ZEROS = {"hundred": "00", "thousand": "000"}
_SILENT = {"dash", "hyphen"}


@dataclass(frozen=True, slots=True)
class _Symbol:
    char: str
    start: int
    end: int
    token: int


@dataclass(frozen=True, slots=True)
class _Shape:
    entity: str
    pattern: regex.Pattern[str]
    score: float


def _nhs_checksum(digits: str) -> bool:
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = (11 - total % 11) % 11
    return check != 10 and check == int(digits[9])


class SpokenFormRecognizer(EntityRecognizer):
    """Spoken phone numbers, postcodes, NI and NHS numbers, sort codes, account numbers, council
    references and spelled-out names. Sort codes and account numbers need a cue ("sort", "account")
    within the 40 characters before them; NHS numbers need a valid check digit or an "NHS" cue."""

    ENTITIES: ClassVar[list[str]] = [
        "PHONE_NUMBER",
        "UK_POSTCODE",
        "UK_NINO",
        "UK_NHS",
        "UK_SORT_CODE",
        "UK_BANK_ACCOUNT",
        "COUNCIL_REFERENCE",
        "PERSON",
    ]

    def __init__(self, councils: list[Council]) -> None:
        self._shapes = [
            _Shape("COUNCIL_REFERENCE", regex.compile(p.regex, regex.IGNORECASE), 0.85)
            for c in councils
            for p in c.case_reference_patterns
        ] + [
            _Shape("UK_NINO", regex.compile(r"[A-Z]{2}\d{6}[A-D]?"), 0.85),
            _Shape("UK_POSTCODE", regex.compile(r"[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}"), 0.8),
        ]
        super().__init__(supported_entities=self.ENTITIES, name="SpokenFormRecognizer", supported_language="en")

    def load(self) -> None:
        """Nothing to load."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Every spoken form found in ``text``."""
        results: list[RecognizerResult] = []
        for run in self._runs(text):
            for entity, start, end, score in self._classify(text, run):
                if entity in entities:
                    results.append(
                        RecognizerResult(
                            entity,
                            start,
                            end,
                            score,
                            recognition_metadata={
                                RecognizerResult.RECOGNIZER_NAME_KEY: "SpokenFormRecognizer",
                                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                            },
                        )
                    )
        return results

    @staticmethod
    def _runs(text: str) -> list[list[_Symbol]]:
        runs: list[list[_Symbol]] = []
        current: list[_Symbol] = []
        repeat, repeat_start, previous_end = 1, -1, -1
        for index, match in enumerate(_TOKEN.finditer(text)):
            word, start, end = match.group().lower(), match.start(), match.end()
            if current and not _GAP.fullmatch(text, previous_end, start):
                runs.append(current)
                current, repeat = [], 1
            previous_end = end
            span_start = repeat_start if repeat > 1 else start
            if word.isdigit():
                current += [_Symbol(ch, start, end, index) for ch in word * repeat]
            elif word in _DIGITS:
                current += [_Symbol(_DIGITS[word], span_start, end, index)] * repeat
            elif len(word) == 1 and word.isalpha():
                current += [_Symbol(word.upper(), span_start, end, index)] * repeat
            elif word == "+" or word == "plus":
                current.append(_Symbol("+", start, end, index))
            elif word in _ZEROS and current and current[-1].char.isdigit():
                current += [_Symbol(ch, start, end, index) for ch in _ZEROS[word]]
            elif word in _REPEAT:
                repeat, repeat_start = _REPEAT[word], start
                continue
            elif word in _SILENT and current:
                pass
            else:
                if current:
                    runs.append(current)
                current = []
            repeat = 1
        if current:
            runs.append(current)
        return [run for run in runs if len(run) >= 3]

    def _classify(self, text: str, run: list[_Symbol]) -> list[tuple[str, int, int, float]]:
        compact = "".join(s.char for s in run)
        cue = text[max(0, run[0].start - 40) : run[0].start].lower()
        found: list[tuple[str, int, int, float]] = []
        taken: set[int] = set()

        def take(entity: str, first: int, last: int, score: float) -> None:
            if taken.isdisjoint(range(first, last + 1)) and _aligned(run, first, last):
                taken.update(range(first, last + 1))
                found.append((entity, run[first].start, run[last].end, score))

        for shape in self._shapes:
            for m in shape.pattern.finditer(compact):
                take(shape.entity, m.start(), m.end() - 1, shape.score)
        for m in regex.finditer(r"\+?\d+", compact):
            self._classify_digits(m.group(), m.start(), cue, take)
        if compact.isalpha() and len(compact) >= 3 and all(s.end - s.start == 1 for s in run):
            take("PERSON", 0, len(run) - 1, 0.6)  # a name spelled letter by letter
        return found

    @staticmethod
    def _classify_digits(digits: str, offset: int, cue: str, take: Callable[[str, int, int, float], None]) -> None:
        last = offset + len(digits) - 1
        sort_at, account_at = cue.rfind("sort"), max(cue.rfind("account"), cue.rfind("acc "))
        national = digits.removeprefix("+")
        if national.startswith("44"):
            national = "0" + national[2:]
        if len(digits) == 6 and sort_at >= 0 and sort_at > account_at:
            take("UK_SORT_CODE", offset, last, 0.85)
        elif len(digits) == 8 and account_at >= 0:
            take("UK_BANK_ACCOUNT", offset, last, 0.85)
        elif len(digits) == 10 and ("nhs" in cue or (not digits.startswith("0") and _nhs_checksum(digits))):
            take("UK_NHS", offset, last, 0.9)
        elif national.startswith("0") and len(national) in (10, 11):
            take("PHONE_NUMBER", offset, last, 0.85)
        elif national.startswith("7") and len(national) == 10:
            take("PHONE_NUMBER", offset, last, 0.75)  # a mobile read out without its leading "oh"


def _aligned(run: list[_Symbol], first: int, last: int) -> bool:
    """A match must start and end on token boundaries (never inside a typed digit group)."""
    starts_token = first == 0 or run[first - 1].token != run[first].token
    ends_token = last == len(run) - 1 or run[last + 1].token != run[last].token
    return starts_token and ends_token
