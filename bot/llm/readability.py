"""Readability of a generated answer: the Flesch reading ease, computed offline.

textstat's own ``flesch_reading_ease`` looks syllables up in NLTK's cmudict, which it downloads at run
time — forbidden here. So we use textstat's word and sentence counts, its English constants, and count
syllables with pyphen's bundled en_GB hyphenation dictionary (textstat's own fallback for unknown words).
"""

from __future__ import annotations

import re
from functools import lru_cache

import pyphen
import textstat

__all__ = ["flesch_reading_ease"]

_MARKS = re.compile(r"\[(?:\d+(?:\s*,\s*\d+)*|LINK_\d+)\]|https?://\S+|<[A-Z_]+_\d+>")
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


@lru_cache(maxsize=1)
def _hyphenator() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="en_GB")


def _syllables(word: str) -> int:
    return len(_hyphenator().positions(word)) + 1


def flesch_reading_ease(text: str) -> float | None:
    """206.835 - 1.015 words/sentence - 84.6 syllables/word; higher is easier (60-70 is plain English,
    Easy Read aims for 80+). None for text with no words."""
    clean = " ".join(_MARKS.sub(" ", text).split())
    words = _WORD.findall(clean.lower())
    if not words:
        return None
    sentences = max(1, int(textstat.sentence_count(clean)))
    syllables = sum(_syllables(w) for w in words)
    score = 206.835 - 1.015 * (len(words) / sentences) - 84.6 * (syllables / len(words))
    return round(score, 1)
