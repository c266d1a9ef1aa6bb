"""The default :class:`~knowledge_base.base.VectorStore`: Chroma, embedded or server, cosine distance.

One collection per council *generation*. A small pointer collection records which generation is live for
each council, so an ingest builds a new generation beside the live one and flips the pointer only when
it is complete: a failed ingest never leaves the index half-written, and readers never see a mix.
chromadb types stay inside this module.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import chromadb
import numpy as np
from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection
from chromadb.config import Settings as ChromaSettings

from frontdoor.errors import IndexError_
from knowledge_base.base import Chunk, VectorHit, Vectors

__all__ = ["ChromaVectorStore", "SentenceHit", "StoredChunk", "StoredOutline", "StoredSentence"]

_POINTERS = "frontdoor-live-generations"
_BATCH = 2000
_SENTENCES = "-sentences"
"""Suffix of a generation's sibling collection of sentence vectors (sentence-level semantic support)."""
_OUTLINES = "-outlines"
"""Suffix of a generation's sibling collection of page outlines (title and headings), one per document."""


@dataclass(frozen=True, slots=True)
class StoredChunk:
    """A chunk as stored, with its document's content hash and its vector (for copying forward)."""

    chunk: Chunk
    doc_hash: str
    source_path: str
    vector: Vectors | None


@dataclass(frozen=True, slots=True)
class StoredSentence:
    """One sentence of a chunk (``n``-th by :func:`~knowledge_base.chunker.split_sentences`) and its vector."""

    chunk_id: str
    n: int
    text: str
    vector: Vectors


@dataclass(frozen=True, slots=True)
class SentenceHit:
    """A dense-search hit among sentences: its chunk, its index in the chunk, and its cosine similarity."""

    chunk_id: str
    n: int
    similarity: float


@dataclass(frozen=True, slots=True)
class StoredOutline:
    """One document's outline (its title and headings) and its vector."""

    doc_id: str
    text: str
    vector: Vectors


class ChromaVectorStore:
    """Chroma adapter. ``url`` None means an embedded PersistentClient under ``path``."""

    def __init__(self, *, path: Path | None = None, url: str | None = None) -> None:
        settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
        try:
            if url:
                parsed = urlparse(url)
                self._client: ClientAPI = chromadb.HttpClient(
                    host=parsed.hostname or "127.0.0.1",
                    port=parsed.port or (443 if parsed.scheme == "https" else 8000),
                    ssl=parsed.scheme == "https",
                    settings=settings,
                )
            else:
                if path is None:
                    raise IndexError_("embedded Chroma needs a path")
                path.mkdir(parents=True, exist_ok=True)
                self._client = chromadb.PersistentClient(path=str(path), settings=settings)
            self._pointers = self._client.get_or_create_collection(_POINTERS, embedding_function=None)
        except IndexError_:
            raise
        except Exception as exc:
            raise IndexError_(f"cannot open Chroma: {exc}") from exc
        self.mode = "server" if url else "embedded"
        self._sentence_handles: dict[str, Collection] = {}
        self._chunk_handles: dict[str, Collection] = {}

    # -- generations ---------------------------------------------------------------------------------
    def live_generation(self, council_id: str) -> str | None:
        """Name of the council's live collection, or None before the first ingest."""
        try:
            got = self._pointers.get(ids=[council_id], include=["metadatas"])
        except Exception as exc:
            raise IndexError_(f"cannot read generation pointer: {exc}") from exc
        metas = got.get("metadatas") or []
        if not metas or not metas[0]:
            return None
        return str(metas[0]["collection"])

    def live_embedder(self, council_id: str) -> str | None:
        """Name of the embedder that built the council's live generation (None if unknown or no index)."""
        try:
            got = self._pointers.get(ids=[council_id], include=["metadatas"])
        except Exception as exc:
            raise IndexError_(f"cannot read generation pointer: {exc}") from exc
        metas = got.get("metadatas") or []
        embedder = metas[0].get("embedder") if metas and metas[0] else None
        return None if embedder is None else str(embedder)

    def new_generation(self, council_id: str) -> str:
        """Create an empty collection for a new generation (not live until :meth:`publish`)."""
        name = f"fd-{council_id}-{time.time_ns()}"
        try:
            for collection in (name, name + _SENTENCES, name + _OUTLINES):
                self._client.create_collection(
                    collection, configuration={"hnsw": {"space": "cosine"}}, embedding_function=None
                )
        except Exception as exc:
            raise IndexError_(f"cannot create collection {name}: {exc}") from exc
        return name

    def publish(self, council_id: str, generation: str, *, embedder: str) -> None:
        """Make ``generation`` live (one upsert: atomic for readers), then drop the previous one.

        ``embedder`` (the embedder's name: model, backend, precision) is recorded with the pointer, so a later
        ingest with another embedder knows it must re-embed rather than mix vector spaces.
        """
        previous = self.live_generation(council_id)
        try:
            self._pointers.upsert(
                ids=[council_id],
                metadatas=[{"collection": generation, "embedder": embedder}],
                embeddings=np.zeros((1, 1), dtype=np.float32),
            )
        except Exception as exc:
            raise IndexError_(f"cannot publish generation: {exc}") from exc
        if previous and previous != generation:
            self.drop(previous)

    def drop(self, generation: str) -> None:
        """Delete a generation's collections (a failed staging generation, or a superseded one)."""
        self._sentence_handles.pop(generation, None)
        self._chunk_handles.pop(generation, None)
        for name in (generation, generation + _SENTENCES, generation + _OUTLINES):
            with contextlib.suppress(Exception):
                self._client.delete_collection(name)

    # -- writing a generation ------------------------------------------------------------------------
    def add(
        self,
        generation: str,
        chunks: Sequence[Chunk],
        vectors: Vectors,
        doc_hashes: Sequence[str],
        sources: Sequence[str],
    ) -> None:
        """Add chunks to a (staging) generation, with their document's hash and source file."""
        collection = self._collection(generation)
        for start in range(0, len(chunks), _BATCH):
            part = chunks[start : start + _BATCH]
            try:
                collection.add(
                    ids=[c.chunk_id for c in part],
                    embeddings=vectors[start : start + _BATCH],
                    documents=[c.text for c in part],
                    metadatas=[
                        _meta(c, h, src)
                        for c, h, src in zip(
                            part, doc_hashes[start : start + _BATCH], sources[start : start + _BATCH], strict=True
                        )
                    ],
                )
            except Exception as exc:
                raise IndexError_(f"cannot write to Chroma: {exc}") from exc

    def stored(self, generation: str, *, with_vectors: bool = False) -> list[StoredChunk]:
        """Every chunk in a generation (optionally with vectors, to carry unchanged documents forward)."""
        collection = self._collection(generation)
        include: list = ["documents", "metadatas"] + (["embeddings"] if with_vectors else [])
        out: list[StoredChunk] = []
        offset = 0
        while True:
            try:
                got = collection.get(include=include, limit=_BATCH, offset=offset)
            except Exception as exc:
                raise IndexError_(f"cannot read Chroma: {exc}") from exc
            ids = got["ids"]
            if not ids:
                break
            docs = got["documents"] or []
            metas = got["metadatas"] or []
            embs = got.get("embeddings")
            for i, chunk_id in enumerate(ids):
                meta = metas[i]
                vec = np.asarray(embs[i], dtype=np.float32) if with_vectors and embs is not None else None
                chunk = _chunk(chunk_id, docs[i], dict(meta))
                out.append(StoredChunk(chunk, str(meta["doc_hash"]), str(meta["source_path"]), vec))
            offset += len(ids)
        return out

    def add_sentences(self, generation: str, sentences: Sequence[StoredSentence]) -> None:
        """Add sentence vectors to a (staging) generation's sentence collection."""
        if not sentences:
            return
        collection = self._collection(generation + _SENTENCES)
        for start in range(0, len(sentences), _BATCH):
            part = sentences[start : start + _BATCH]
            try:
                collection.add(
                    ids=[f"{s.chunk_id}#{s.n}" for s in part],
                    embeddings=np.stack([s.vector for s in part]),
                    documents=[s.text for s in part],
                    metadatas=[{"chunk_id": s.chunk_id, "n": s.n} for s in part],
                )
            except Exception as exc:
                raise IndexError_(f"cannot write sentences to Chroma: {exc}") from exc

    def has_sentences(self, generation: str) -> bool:
        """Whether ``generation`` has its sentence and outline collections (older indexes do not)."""
        return self._sibling(generation, _SENTENCES) is not None and self._sibling(generation, _OUTLINES) is not None

    def add_outlines(self, generation: str, outlines: Sequence[StoredOutline]) -> None:
        """Add page-outline vectors to a (staging) generation."""
        if not outlines:
            return
        collection = self._collection(generation + _OUTLINES)
        try:
            collection.add(
                ids=[o.doc_id for o in outlines],
                embeddings=np.stack([o.vector for o in outlines]),
                documents=[o.text for o in outlines],
            )
        except Exception as exc:
            raise IndexError_(f"cannot write outlines to Chroma: {exc}") from exc

    def stored_outlines(self, generation: str) -> list[StoredOutline]:
        """Every page outline of a generation (none for an index built before outlines existed)."""
        collection = self._sibling(generation, _OUTLINES)
        if collection is None:
            return []
        try:
            got = collection.get(include=["documents", "embeddings"])
        except Exception as exc:
            raise IndexError_(f"cannot read Chroma outlines: {exc}") from exc
        docs, embs = got["documents"] or [], got["embeddings"]
        if embs is None:
            return []
        return [
            StoredOutline(doc_id, docs[i], np.asarray(embs[i], dtype=np.float32)) for i, doc_id in enumerate(got["ids"])
        ]

    def stored_sentences(self, generation: str) -> list[StoredSentence]:
        """Every sentence vector of a generation (none for a generation built before sentence vectors)."""
        collection = self._sibling(generation, _SENTENCES)
        if collection is None:
            return []
        out: list[StoredSentence] = []
        offset = 0
        while True:
            try:
                got = collection.get(include=["documents", "metadatas", "embeddings"], limit=_BATCH, offset=offset)
            except Exception as exc:
                raise IndexError_(f"cannot read Chroma sentences: {exc}") from exc
            ids = got["ids"]
            if not ids:
                break
            docs, metas, embs = got["documents"] or [], got["metadatas"] or [], got["embeddings"]
            for i in range(len(ids)):
                vector = np.asarray(embs[i], dtype=np.float32) if embs is not None else np.zeros(0, np.float32)
                out.append(StoredSentence(str(metas[i]["chunk_id"]), int(str(metas[i]["n"])), docs[i], vector))
            offset += len(ids)
        return out

    def query_sentences(self, generation: str, vector: Vectors, k: int) -> list[SentenceHit]:
        """The ``k`` sentences of ``generation`` nearest to ``vector`` (empty if it has no sentence vectors).

        Runs on every chat turn, so the collection handle is kept per generation and only distances are
        fetched: the id ``<chunk_id>#<n>`` already says which sentence it is.
        """
        collection = self._sentence_handles.get(generation) or self._sibling(generation, _SENTENCES)
        if collection is None:
            return []
        hits = []
        for sentence_id, similarity in self._nearest(self._sentence_handles, generation, collection, vector, k):
            chunk_id, _, n = sentence_id.rpartition("#")
            hits.append(SentenceHit(chunk_id, int(n), similarity))
        return hits

    # -- reading the live generation -----------------------------------------------------------------
    def query(self, council_id: str, vector: Vectors, k: int) -> list[VectorHit]:
        """Nearest chunks of this council's live generation only (cosine similarity = 1 - distance)."""
        generation = self.live_generation(council_id)
        return [] if generation is None else self.query_generation(generation, vector, k)

    def query_generation(self, generation: str, vector: Vectors, k: int) -> list[VectorHit]:
        """Nearest chunks of one generation (a council's, read once per turn by the retriever).

        The retriever passes the generation its lexical index was built from, so dense and BM25 candidates
        always come from the same documents even while a re-ingest publishes a new generation; the handle
        is kept per generation, as for sentences.
        """
        collection = self._chunk_handles.get(generation) or self._collection(generation)
        return [
            VectorHit(chunk_id=i, similarity=sim)
            for i, sim in self._nearest(self._chunk_handles, generation, collection, vector, k)
        ]

    @staticmethod
    def _nearest(
        handles: dict[str, Collection], generation: str, collection: Collection, vector: Vectors, k: int
    ) -> list[tuple[str, float]]:
        """(id, cosine similarity) of the ``k`` nearest rows, fetching distances only. The handle is kept in
        ``handles`` for the next turn, and forgotten if the query fails (the generation may have been dropped)."""
        try:
            got = collection.query(
                query_embeddings=[np.asarray(vector, dtype=np.float32).tolist()], n_results=k, include=["distances"]
            )
        except Exception as exc:
            handles.pop(generation, None)
            raise IndexError_(f"Chroma query failed on {collection.name}: {exc}") from exc
        handles[generation] = collection
        distances = (got.get("distances") or [[]])[0]
        return [(str(i), 1.0 - float(d)) for i, d in zip(got["ids"][0], distances, strict=True)]

    def all_chunks(self, council_id: str) -> list[Chunk]:
        """Every chunk of the council's live generation."""
        generation = self.live_generation(council_id)
        return [] if generation is None else [s.chunk for s in self.stored(generation)]

    def ping(self) -> bool:
        """Whether Chroma answers."""
        try:
            self._client.heartbeat()
            return True
        except Exception:
            return False

    def _sibling(self, generation: str, suffix: str) -> Collection | None:
        try:
            return self._client.get_collection(generation + suffix, embedding_function=None)
        except Exception:
            return None  # a generation ingested before sentence and outline vectors existed

    def _collection(self, name: str) -> Collection:
        try:
            return self._client.get_collection(name, embedding_function=None)
        except Exception as exc:
            raise IndexError_(f"missing Chroma collection {name}: {exc}") from exc


def _meta(chunk: Chunk, doc_hash: str, source_path: str) -> dict[str, str | int]:
    return {
        "doc_id": chunk.doc_id,
        "council_id": chunk.council_id,
        "title": chunk.title,
        "url": chunk.url,
        "section": chunk.section,
        "position": chunk.position,
        "chunk_hash": chunk.content_hash,
        "doc_hash": doc_hash,
        "source_path": source_path,
    }


def _chunk(chunk_id: str, text: str, meta: dict) -> Chunk:
    return Chunk(
        chunk_id=chunk_id,
        doc_id=str(meta["doc_id"]),
        council_id=str(meta["council_id"]),
        title=str(meta["title"]),
        url=str(meta["url"]),
        section=str(meta["section"]),
        text=text,
        position=int(meta["position"]),
        content_hash=str(meta["chunk_hash"]),
    )
