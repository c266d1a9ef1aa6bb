"""E-mail addresses spelled out on the phone: "john dot smith at gmail dot com"."""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import Pattern, PatternRecognizer

__all__ = ["SpokenEmailRecognizer"]

_PART = r"[a-z0-9]+"
_NOT_LOCAL = r"(?!(?:is|my|me|its|it|email|mail|address|at|to|on|was|and|the|s)\b)"
_SEPARATOR = r"\s+(?:dot|underscore|dash|hyphen)\s+"
_SUFFIX = r"(?:com|co|uk|org|net|gov|nhs|ac|ltd|me|info|biz)"


class SpokenEmailRecognizer(PatternRecognizer):
    """Local part (words joined by spoken dots, underscores or dashes, or two plain words), "at", a domain
    and a spoken suffix. Requiring "dot <known suffix>" keeps "look at this dot" and the like out."""

    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "spoken e-mail",
            rf"\b{_NOT_LOCAL}{_PART}(?:(?:{_SEPARATOR}|\s+){_NOT_LOCAL}{_PART})?(?:{_SEPARATOR}{_PART})*\s+at\s+{_PART}"
            rf"(?:{_SEPARATOR}{_PART})*(?:\s+dot\s+{_SUFFIX})+\b",
            0.8,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = ["email", "e-mail", "mail"]

    def __init__(self) -> None:
        super().__init__(
            supported_entity="EMAIL_ADDRESS",
            patterns=self.PATTERNS,
            context=self.CONTEXT,
            name="SpokenEmailRecognizer",
        )
