"""Corrects misspelt safeguarding words ("sucidal", "negelcted") so the phrase patterns still match."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from knowledge_base.text_analysis import stem

__all__ = ["Correction", "FuzzyCorrector"]

_MIN_LENGTH = 5
_CACHE_LIMIT = 5000


@dataclass(frozen=True, slots=True)
class Correction:
    """One token rewritten towards a keyword."""

    original: str
    corrected: str

    @property
    def rule_id(self) -> str:
        """How the correction appears in a result's ``rules``."""
        return f"fuzzy:{self.original}->{self.corrected}"


class FuzzyCorrector:
    """Rewrites a token to the nearest safeguarding keyword when it is a likely typo of it.

    A token is corrected only if it is at least five letters, is neither a keyword nor a protected real
    word (``slipped`` must never become ``slapped``), shares the keyword's first letter, and is within one
    edit (two for words of eight letters or more; transpositions count as one edit).

    With ``count_tokens`` (the embedding model's word-piece counter), a token the model has as one whole
    word piece is a real English word, not a typo, and is corrected only towards its own inflection
    ("daughters" -> "daughter", same Snowball stem). Why: run over the model's 18,346 whole words of five
    letters or more, the corrector without this rule rewrote 153 of them into safeguarding words, among them
    "struggling" -> "strangling", "standing" -> "stabbing", "handling" -> "hanging", "checking" ->
    "choking", "knocking" -> "kicking", "rated" -> "raped" and "building" -> "bullying" (a resident's
    "building society" savings read as psychological abuse, seen 2026-12-07). The hand-kept ``protected``
    list had caught none of these. Real misspellings are not whole word pieces ("rapped", "sucidal",
    "abuzed", "bruses" are all still corrected).
    """

    def __init__(
        self,
        keywords: Iterable[str],
        protected: Iterable[str],
        count_tokens: Callable[[str], int] | None = None,
    ) -> None:
        self._keywords = sorted(set(keywords))
        self._count_tokens = count_tokens
        self._known = frozenset(self._keywords) | frozenset(protected)
        self._cache: dict[str, str | None] = {}

    def correct(self, normalised: str) -> tuple[str, tuple[Correction, ...]]:
        """The text with typos corrected, and the corrections made."""
        corrections: list[Correction] = []
        tokens = normalised.split(" ")
        for i, token in enumerate(tokens):
            fixed = self._fix(token)
            if fixed is not None:
                corrections.append(Correction(token, fixed))
                tokens[i] = fixed
        return " ".join(tokens), tuple(corrections)

    def _fix(self, token: str) -> str | None:
        if len(token) < _MIN_LENGTH or token in self._known or not token.isalpha():
            return None
        if token in self._cache:
            return self._cache[token]
        limit = 2 if len(token) >= 8 else 1
        candidates = [k for k in self._keywords if k[0] == token[0] and abs(len(k) - len(token)) <= limit]
        best = process.extractOne(token, candidates, scorer=DamerauLevenshtein.distance, score_cutoff=limit)
        fixed = str(best[0]) if best is not None else None
        if fixed is not None and self._is_word(token) and stem(token) != stem(fixed):
            fixed = None
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[token] = fixed
        return fixed

    def _is_word(self, token: str) -> bool:
        return self._count_tokens is not None and self._count_tokens(token) == 1
