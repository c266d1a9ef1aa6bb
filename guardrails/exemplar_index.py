"""The semantic layer: cosine similarity of a message to curated exemplar sentences."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from frontdoor.errors import GuardrailError
from guardrails.pattern_library import Exemplar
from knowledge_base.base import Embedder, Vectors

__all__ = ["ExemplarIndex", "ExemplarMatch"]


@dataclass(frozen=True, slots=True)
class ExemplarMatch:
    """The nearest safeguarding exemplar and how far ahead of the nearest routine sentence it is."""

    exemplar: Exemplar
    similarity: float
    routine_similarity: float


class ExemplarIndex:
    """Exemplar vectors computed once; each lookup is one matrix-vector product."""

    def __init__(self, exemplars: Sequence[Exemplar], vectors: Vectors) -> None:
        if len(exemplars) != len(vectors):
            raise GuardrailError("exemplar vectors do not match the exemplars")
        self._exemplars = tuple(exemplars)
        self._vectors = np.asarray(vectors, dtype=np.float32)
        self._routine = np.array([e.category is None for e in self._exemplars], dtype=bool)

    @classmethod
    def build(cls, exemplars: Sequence[Exemplar], embedder: Embedder) -> ExemplarIndex:
        """Embed every exemplar once (at start-up)."""
        try:
            vectors = embedder.embed([e.text for e in exemplars])
        except Exception as exc:  # any embedder failure means the layer cannot run
            raise GuardrailError(f"cannot embed safeguarding exemplars: {exc}") from exc
        return cls(exemplars, vectors)

    def nearest(self, vector: Vectors) -> ExemplarMatch | None:
        """The best safeguarding exemplar for a unit-length ``vector`` (shape (d,) or (1, d))."""
        query = np.asarray(vector, dtype=np.float32).reshape(-1)
        if query.shape[0] != self._vectors.shape[1]:
            raise GuardrailError(
                f"query vector has {query.shape[0]} dimensions, exemplars {self._vectors.shape[1]}"
            )
        sims = self._vectors @ query
        if self._routine.all():
            return None
        risky = np.where(self._routine, -1.0, sims)
        best = int(np.argmax(risky))
        routine = float(np.max(np.where(self._routine, sims, -1.0))) if self._routine.any() else -1.0
        return ExemplarMatch(self._exemplars[best], float(sims[best]), routine)
