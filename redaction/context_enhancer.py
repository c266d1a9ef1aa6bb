"""Presidio's lemma context enhancer, with its token lookup made logarithmic.

``LemmaContextAwareEnhancer._find_index_of_match_token`` walks the spaCy ``Doc`` from the start for every
result, building a Python ``Token`` per step: O(results x tokens), seven seconds on a 20,000-character
message with 700 findings. We look the token up by bisecting the token end offsets, computed once per
analysed text. Same rule as Presidio: the first token whose end lies after the result's start.
"""

from __future__ import annotations

import bisect
import weakref
from typing import Any

from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts

__all__ = ["FastLemmaContextAwareEnhancer"]


class FastLemmaContextAwareEnhancer(LemmaContextAwareEnhancer):
    """Drop-in replacement; only the token lookup differs."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._ends: weakref.WeakKeyDictionary[NlpArtifacts, list[int]] = weakref.WeakKeyDictionary()

    def _extract_surrounding_words(self, nlp_artifacts: NlpArtifacts, word: str, start: int) -> list[str]:
        if not nlp_artifacts.tokens:
            return [""]
        ends = self._ends.get(nlp_artifacts)
        if ends is None:
            ends = [token.idx + len(token) for token in nlp_artifacts.tokens]
            self._ends[nlp_artifacts] = ends
        token_index = bisect.bisect_right(ends, start)
        if token_index >= len(ends):
            raise ValueError("a result starts after the last token")
        backward = self._add_n_words_backward(
            token_index, self.context_prefix_count, nlp_artifacts.lemmas, nlp_artifacts.keywords
        )
        forward = self._add_n_words_forward(
            token_index, self.context_suffix_count, nlp_artifacts.lemmas, nlp_artifacts.keywords
        )
        return list(set(backward + forward))
