"""Knowledge-base types and the Protocols of its swappable backends (embedder, vector store, retriever)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

__all__ = [
    "Chunk",
    "Document",
    "Embedder",
    "PartEmbedder",
    "PartEmbedding",
    "RetrievalResult",
    "RetrievedChunk",
    "Retriever",
    "VectorHit",
    "VectorStore",
]

Vectors = npt.NDArray[np.float32]


@dataclass(frozen=True, slots=True)
class Document:
    """One council page, as loaded from a file."""

    doc_id: str
    council_id: str
    title: str
    url: str
    text: str
    source_path: str
    content_hash: str
    last_reviewed: date | None = None
    owner: str | None = None
    format: str = "markdown"


@dataclass(frozen=True, slots=True)
class Chunk:
    """A heading-aware slice of a document, short enough for the embedding model."""

    chunk_id: str
    doc_id: str
    council_id: str
    title: str
    url: str
    section: str
    """The heading path, e.g. "Blue Badge > Who can get one"."""
    text: str
    position: int
    content_hash: str


@dataclass(frozen=True, slots=True)
class VectorHit:
    """One dense-search hit: a chunk id and its cosine similarity."""

    chunk_id: str
    similarity: float


@dataclass(frozen=True, slots=True)
class RetrievedChunk:
    """A chunk with the evidence for choosing it."""

    chunk: Chunk
    score: float
    """Fused score (higher is better)."""
    dense_similarity: float = 0.0
    bm25_score: float = 0.0
    dense_rank: int | None = None
    bm25_rank: int | None = None


@dataclass(frozen=True, slots=True)
class RetrievalResult:
    """Ranked chunks for one query and a calibrated confidence in [0, 1] that they answer it."""

    query: str
    chunks: tuple[RetrievedChunk, ...]
    confidence: float
    features: dict[str, float] = field(default_factory=dict)
    query_vector: Vectors | None = None
    sentence_similarity: dict[str, float] = field(default_factory=dict)
    """Cosine similarity of the query to the nearest stored sentences, keyed ``"<chunk_id>#<n>"`` where ``n``
    indexes :func:`knowledge_base.chunker.split_sentences` of the chunk's text (empty when not indexed)."""


class Embedder(Protocol):
    """Turns text into unit-length vectors. Only ever given redacted text."""

    name: str

    def embed(self, texts: Sequence[str]) -> Vectors:
        """Embed ``texts``; rows are L2-normalised float32 vectors."""
        ...


@dataclass(frozen=True, slots=True)
class PartEmbedding:
    """Vectors of some texts, and of given parts of each (a chunk's sentences), one array per text."""

    vectors: Vectors
    parts: tuple[Vectors, ...]


@runtime_checkable
class PartEmbedder(Protocol):
    """An embedder that can also give each part of a text a vector from the text's own pass (ingest).

    Optional: the ingestor embeds a chunk's sentences one by one with an embedder that lacks it.
    """

    def embed_with_parts(self, texts: Sequence[str], parts: Sequence[Sequence[str]]) -> PartEmbedding:
        """``vectors`` as :meth:`Embedder.embed` gives; ``parts[i]`` has one row per part of text ``i``."""
        ...


class VectorStore(Protocol):
    """A per-council collection of chunk vectors (Chroma by default), queried on the live generation."""

    def query(self, council_id: str, vector: Vectors, k: int) -> list[VectorHit]:
        """The ``k`` nearest chunks of this council only."""
        ...

    def all_chunks(self, council_id: str) -> list[Chunk]:
        """Every chunk of this council (to build the lexical index)."""
        ...


class Retriever(Protocol):
    """Finds the passages of one council that best answer a (redacted) query."""

    def search(self, query: str, council_id: str, k: int) -> RetrievalResult:
        """Ranked passages and a confidence, never crossing councils."""
        ...
