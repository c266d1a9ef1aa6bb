"""Speech-recognition hints for a council: the titles of its knowledge-base pages plus careline phrases.

``<Gather hints>`` biases Twilio's recogniser towards words it would otherwise miss ("reablement",
"Shared Lives", "Blue Badge"). Hints are cached per council for a few minutes (pages change on ingest).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol

from knowledge_base.base import Chunk

__all__ = ["CARELINE_PHRASES", "ChunkSource", "SpeechHints"]

CARELINE_PHRASES = ("speak to a person", "adult social care", "safeguarding", "care assessment", "carer")
_MAX_HINT_CHARS = 100


class ChunkSource(Protocol):
    """Anything that lists a council's live chunks (the vector store does)."""

    def all_chunks(self, council_id: str) -> list[Chunk]:
        """Every chunk of the council's live knowledge base."""
        ...


class SpeechHints:
    """Hint phrases per council, most useful first, cached for ``ttl_seconds``."""

    def __init__(
        self,
        source: ChunkSource,
        *,
        limit: int = 100,
        ttl_seconds: float = 300.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._source = source
        self._limit = limit
        self._ttl = ttl_seconds
        self._clock = clock
        self._cache: dict[str, tuple[float, tuple[str, ...]]] = {}

    def for_council(self, council_id: str) -> tuple[str, ...]:
        """Distinct page titles (then section names) of the council's pages, and the careline phrases."""
        cached = self._cache.get(council_id)
        if cached is not None and self._clock() - cached[0] < self._ttl:
            return cached[1]
        chunks = self._source.all_chunks(council_id)
        seen: dict[str, None] = {}
        for phrase in (*CARELINE_PHRASES, *(c.title for c in chunks), *(_leaf(c.section) for c in chunks)):
            phrase = " ".join(phrase.replace(",", " ").split())
            if phrase and len(phrase) <= _MAX_HINT_CHARS:
                seen.setdefault(phrase, None)
        hints = tuple(seen)[: self._limit]
        self._cache[council_id] = (self._clock(), hints)
        return hints


def _leaf(section: str) -> str:
    return section.rsplit(">", 1)[-1].strip()
