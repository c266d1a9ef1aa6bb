"""Shared lexical analysis: the tokenizer BM25 and the confidence features both use."""

from __future__ import annotations

import re
from functools import lru_cache

import Stemmer

__all__ = ["STOPWORDS", "content_tokens"]

_TOKEN = re.compile(r"[a-z0-9£]+(?:[.,][0-9]+)*")

# English stopwords plus words every adult-social-care question carries, which carry no topic.
STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being below between
    both but by can could did do does doing down during each few for from further had has have having he her here
    hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of
    off on once only or other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up very was we were what
    when where which while who whom why will with would you your yours yourself yourselves im ive dont cant
    um uh er erm hi hello please thanks thank hey ok okay get got want need know like just really also
    council""".split()
)


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


def content_tokens(text: str) -> list[str]:
    """Lowercased, stemmed tokens without stopwords or placeholders."""
    text = re.sub(r"<[A-Z_]+_\d+>", " ", text).lower()
    words = [w for w in _TOKEN.findall(text) if w not in STOPWORDS]
    return list(_stemmer().stemWords(words))
