"""Shared lexical analysis: the tokenizer BM25 and the confidence features both use."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import Stemmer

__all__ = ["STOPWORDS", "content_tokens", "is_quantity"]

_TOKEN = re.compile(r"[a-z0-9£]+(?:[.,][0-9]+)*")

_NUMBER_WORDS = frozenset((
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelv", "thirteen",
    "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenti", "thirti", "forti", "fifti",
    "sixti", "seventi", "eighti", "nineti", "hundr", "thousand", "million", "pound", "quid", "grand", "half",
))
"""Stemmed number words: with digits, what :func:`is_quantity` treats as an amount rather than a topic."""


def _load_stopwords() -> frozenset[str]:
    text = (resources.files("knowledge_base") / "stopwords.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


STOPWORDS = _load_stopwords()


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


def stem(word: str) -> str:
    """The English Snowball stem of one lower-case word ("daughters" -> "daughter")."""
    return str(_stemmer().stemWord(word))


def content_tokens(text: str) -> list[str]:
    """Lowercased, stemmed tokens without stopwords or placeholders."""
    text = re.sub(r"<[A-Z_]+_\d+>", " ", text).lower()
    words = [w for w in _TOKEN.findall(text) if w not in STOPWORDS]
    return list(_stemmer().stemWords(words))


def is_quantity(token: str) -> bool:
    """Whether a token from :func:`content_tokens` is a number ("82", "£18,000", "eighteen", "thousand")."""
    return token in _NUMBER_WORDS or any(ch.isdigit() for ch in token)
