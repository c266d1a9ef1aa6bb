"""Shared lexical analysis: the tokenizer BM25 and the confidence features both use."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import Stemmer

__all__ = ["STOPWORDS", "content_tokens"]

_TOKEN = re.compile(r"[a-z0-9£]+(?:[.,][0-9]+)*")

def _load_stopwords() -> frozenset[str]:
    text = (resources.files("knowledge_base") / "stopwords.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


STOPWORDS = _load_stopwords()


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


def content_tokens(text: str) -> list[str]:
    """Lowercased, stemmed tokens without stopwords or placeholders."""
    text = re.sub(r"<[A-Z_]+_\d+>", " ", text).lower()
    words = [w for w in _TOKEN.findall(text) if w not in STOPWORDS]
    return list(_stemmer().stemWords(words))
