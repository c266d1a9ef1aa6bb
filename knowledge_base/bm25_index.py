"""Lexical retrieval with bm25s over one council's chunks."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import bm25s
import numpy as np
from rapidfuzz import fuzz, process

from knowledge_base.base import Chunk
from knowledge_base.chunker import embedding_text
from knowledge_base.text_analysis import content_tokens, is_quantity

__all__ = ["Bm25Hit", "Bm25Index"]


@dataclass(frozen=True, slots=True)
class Bm25Hit:
    """A chunk index into the indexed list and its BM25 score."""

    index: int
    score: float


class Bm25Index:
    """An in-memory BM25 index, rebuilt from the vector store when the live generation changes."""

    def __init__(self, chunks: Sequence[Chunk]) -> None:
        self.chunks = list(chunks)
        self._retriever = bm25s.BM25()
        corpus = [content_tokens(embedding_text(c)) or ["_"] for c in self.chunks]
        self.token_sets = [frozenset(tokens) for tokens in corpus]
        self._df = Counter(t for tokens in self.token_sets for t in tokens)
        self._vocabulary = [t for t in self._df if len(t) >= 4 and t.isalpha()]
        doc_tokens: dict[str, set[str]] = {}
        for chunk, tokens in zip(self.chunks, self.token_sets, strict=True):
            doc_tokens.setdefault(chunk.doc_id, set()).update(tokens)
        self.doc_token_sets = {doc: frozenset(tokens) for doc, tokens in doc_tokens.items()}
        if self.chunks:
            self._retriever.index(corpus, show_progress=False)

    def correct(self, tokens: list[str]) -> list[str]:
        """Map misspelt tokens the council never uses to its closest word ("assesment" → "assess").

        Only tokens of five or more letters that are not in the vocabulary, and only to a word at least
        85% similar: typos are fixed, genuinely new words (a topic the pages don't cover) stay new.
        """
        out = []
        for token in tokens:
            if token in self._df or len(token) < 5 or not token.isalpha():
                out.append(token)
                continue
            match = process.extractOne(token, self._vocabulary, scorer=fuzz.ratio, score_cutoff=85)
            out.append(match[0] if match else token)
        return out

    def idf(self, token: str) -> float:
        """Inverse document frequency over chunks; a token the council never uses gets the maximum."""
        n = len(self.chunks)
        return math.log((n + 1) / (self._df.get(token, 0) + 0.5))

    def known_share(self, query_tokens: list[str]) -> float:
        """Share of the query's information (idf-weighted) in words the council's pages use anywhere.

        A question whose main word no page uses ("dentist", "boiler") is usually about something the council
        does not cover. Numbers are left out: an amount or an age is a detail, not a topic.
        """
        return self.weighted_share([t for t in query_tokens if t in self._df or not is_quantity(t)])

    def weighted_share(self, query_tokens: list[str], vocabulary: frozenset[str] | None = None) -> float:
        """Share of the query's information (idf-weighted) found in ``vocabulary`` (default: any page)."""
        unique = set(query_tokens)
        total = sum(self.idf(t) for t in unique)
        if total <= 0:
            return 0.0
        found = [t for t in unique if (t in vocabulary if vocabulary is not None else t in self._df)]
        return sum(self.idf(t) for t in found) / total

    def search(self, query: str, k: int) -> list[Bm25Hit]:
        """Top ``k`` chunks by BM25 (positive scores only)."""
        tokens = self.correct(content_tokens(query))
        if not self.chunks or not tokens:
            return []
        k = min(k, len(self.chunks))
        docs, scores = self._retriever.retrieve([tokens], k=k, show_progress=False, n_threads=1)
        out = []
        for idx, score in zip(np.asarray(docs)[0], np.asarray(scores)[0], strict=True):
            if score > 0:
                out.append(Bm25Hit(index=int(idx), score=float(score)))
        return out
