"""UK bank sort codes: six digits in pairs, after a "sort code" cue or just before an account number."""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import Pattern, PatternRecognizer

__all__ = ["SortCodeRecognizer"]

_PAIRS = r"\d{2}[- ]?\d{2}[- ]?\d{2}"


class SortCodeRecognizer(PatternRecognizer):
    """ "sort code 40-47-84", "20 00 00", or "30-96-34 31926819" (pairs followed by an 8-digit account).
    Bare dashed pairs without a cue score 0.4 and need a banking context word to pass."""

    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("after sort code cue", rf"(?<=\bsort(?:\s*code)?\b[^.!?\n\d]{{0,15}})\b{_PAIRS}\b", 0.85),
        Pattern("before an account number", r"\b\d{2}[- ]\d{2}[- ]\d{2}(?=[ ,]+\d{8}\b)", 0.8),
        Pattern("dashed pairs", r"\b\d{2}-\d{2}-\d{2}\b", 0.4),
    ]
    CONTEXT: ClassVar[list[str]] = ["sort", "bank", "account", "payment", "pay", "refund"]

    def __init__(self) -> None:
        super().__init__(
            supported_entity="UK_SORT_CODE",
            patterns=self.PATTERNS,
            context=self.CONTEXT,
            name="SortCodeRecognizer",
        )
