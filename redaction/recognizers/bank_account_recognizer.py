"""UK bank account numbers: eight digits after an account cue or right after a sort code."""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import Pattern, PatternRecognizer

__all__ = ["BankAccountRecognizer"]


class BankAccountRecognizer(PatternRecognizer):
    """ "account 31926819", "acc no 55779911", "30-96-34 31926819". Eight digits alone are not enough
    (they could be anything), so a cue or a preceding sort code is required."""

    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "after account cue",
            r"(?<=\b(?:account|acc|acct|a/c)\b(?:\s*(?:number|no\.?|num|#))?[^.!?\n\d]{0,12})\b\d{8}\b",
            0.85,
        ),
        Pattern("after a sort code", r"(?<=\b\d{2}[- ]\d{2}[- ]\d{2}[ ,]+)\d{8}\b", 0.85),
    ]
    CONTEXT: ClassVar[list[str]] = ["account", "bank", "acc"]

    def __init__(self) -> None:
        super().__init__(
            supported_entity="UK_BANK_ACCOUNT",
            patterns=self.PATTERNS,
            context=self.CONTEXT,
            name="BankAccountRecognizer",
        )
