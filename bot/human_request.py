"""Recognises a request to talk to a person, in chat or speech-to-text wording."""

from __future__ import annotations

import re

__all__ = ["asks_for_person"]

_PATTERNS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\b(speak|talk|chat)\w*\s+(to|with)\s+(a|an|some|the)?\s*(real\s+|actual\s+|live\s+)?"
        r"(person|human|somebody|someone|one|advis[oe]r|agent|operator|social worker|member of staff|staff)\b",
        r"\b(real|actual|live)\s+(person|human)\b",
        r"\b((some|any)(one|body)|a\s+(person|human))\s+to\s+(talk|speak|chat)\s+(to|with)\b",
        r"\b(put|transfer|connect)\s+me\s+(through|to)\b",
        r"^\s*(a\s+)?(human|person|operator|advis[oe]r|agent)\s*(please|pls|plz)\s*[.!?]*\s*$",
        r"\bcall\s+me\s+back\b|\bcallback\b|\bring\s+me\s+back\b",
        r"\bcan\s+some(one|body)\s+(call|ring|phone)\s+me\b",
        r"^\s*(operator|human|agent|advis[oe]r|person)\s*[.!?]*\s*$",
    )
]


def asks_for_person(text: str) -> bool:
    """Whether the message asks for a person rather than an answer."""
    return any(p.search(text) for p in _PATTERNS)
