"""Normalises redacted text so one set of patterns covers web chat, text-speak and phone transcripts."""

from __future__ import annotations

import re
from collections.abc import Mapping

from guardrails.invisible_characters import strip_invisible

__all__ = ["TextNormaliser"]

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"})
_CONTRACTIONS = (
    (re.compile(r"\b(i)'m\b"), r"\1 am"),
    (re.compile(r"\b(he|she|it|that|what|there|who)'s\b"), r"\1 is"),
    (re.compile(r"\b(\w+)'re\b"), r"\1 are"),
    (re.compile(r"\b(\w+)'ve\b"), r"\1 have"),
    (re.compile(r"\b(\w+)'ll\b"), r"\1 will"),
    (re.compile(r"\b(i|you|he|she|we|they)'d\b"), r"\1 would"),
    (re.compile(r"\bcan't\b"), "cannot"),
    (re.compile(r"\bwon't\b"), "will not"),
    (re.compile(r"\bain't\b"), "is not"),
    (re.compile(r"\b(\w+)n't\b"), r"\1 not"),
)
_PLACEHOLDER = re.compile(r"<([A-Za-z_]+_\d+)>")
_SENTENCE_END = re.compile(r"[.!?;\n]+")
_OTHER = re.compile(r"[^a-z0-9'_ ]+")
_SPACES = re.compile(r"\s+")


class TextNormaliser:
    """Strips invisible characters, lowercases, expands contractions and text-speak, drops punctuation,
    keeps sentence ends as ' . ' and turns redaction placeholders into words
    (``<PERSON_1>`` -> ``ph_person_1``).
    """

    def __init__(self, textspeak: Mapping[str, str]) -> None:
        self._textspeak = dict(textspeak)

    def normalise(self, text: str) -> str:
        """The canonical form the patterns are written against."""
        text = strip_invisible(text).text
        text = _PLACEHOLDER.sub(lambda m: f" ph_{m.group(1).lower()} ", text)
        text = text.translate(_APOSTROPHES).lower()
        text = _SENTENCE_END.sub(" . ", text)
        text = _OTHER.sub(" ", text)
        tokens = [self._textspeak.get(token, token) for token in text.split()]
        text = " ".join(tokens)
        for pattern, replacement in _CONTRACTIONS:
            text = pattern.sub(replacement, text)
        return _SPACES.sub(" ", text).strip()
