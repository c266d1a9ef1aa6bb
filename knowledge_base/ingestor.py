"""Idempotent ingestion of a folder of council documents into one council's index.

Unchanged documents (same content hash) are carried forward with their vectors, changed ones are
re-chunked and re-embedded, removed ones disappear. Each chunk's sentences are embedded too (once, here, so
a chat turn never embeds them) -- in the chunk's own forward pass when the embedder can pool parts
(``PartEmbedder``: both local backends), each on its own otherwise -- and so is each page's outline (title
and headings): retrieval uses them for sentence-level semantic support and a page-level vote. The new index
is built as a fresh generation and published only when complete, so a failure never leaves it half-written.
A file that cannot be read is reported by name and skipped — and its previously indexed version, if any, is kept.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import numpy as np
from tqdm import tqdm

from frontdoor.errors import DocumentLoadError, IndexError_
from knowledge_base.base import Chunk, Document, Embedder, PartEmbedder, Vectors
from knowledge_base.chroma_vector_store import ChromaVectorStore, StoredChunk, StoredOutline, StoredSentence
from knowledge_base.chunker import Chunker, embedding_text, outline_text, split_sentences
from knowledge_base.loaders import LoaderRegistry

__all__ = ["IngestReport", "Ingestor"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What one ingest did."""

    council_id: str
    documents: int
    chunks: int
    added: int
    updated: int
    unchanged: int
    removed: int
    errors: tuple[tuple[str, str], ...]
    past_review: tuple[str, ...]
    seconds: float
    embedded_chunks: int = 0
    published: bool = False

    @property
    def skipped(self) -> int:
        """Files skipped because they could not be read."""
        return len(self.errors)

    def summary(self) -> str:
        """One human-readable paragraph."""
        lines = [
            f"council {self.council_id}: {self.documents} documents, {self.chunks} chunks "
            f"({self.added} added, {self.updated} updated, {self.unchanged} unchanged, {self.removed} removed), "
            f"{self.skipped} skipped, {len(self.errors)} errors, {self.seconds:.1f} s"
        ]
        lines += [f"  error: {path}: {reason}" for path, reason in self.errors]
        lines += [f"  past review date: {doc}" for doc in self.past_review]
        return "\n".join(lines)


class Ingestor:
    """Loads, chunks, embeds and publishes one council's documents."""

    def __init__(
        self,
        store: ChromaVectorStore,
        embedder: Embedder,
        chunker: Chunker,
        loaders: LoaderRegistry | None = None,
        *,
        review_after_months: int = 12,
        today: Callable[[], date] = date.today,
    ) -> None:
        self._store = store
        self._embedder = embedder
        self._part_embedder = embedder if isinstance(embedder, PartEmbedder) else None
        # The index records what built it: sentence vectors pooled in context are another vector space.
        self._index_name = f"{embedder.name}; sentences in context" if self._part_embedder else embedder.name
        self._chunker = chunker
        self._loaders = loaders or LoaderRegistry()
        self._review_after_months = review_after_months
        self._today = today

    def ingest(self, root: Path, council_id: str, *, default_url: str, progress: bool = False) -> IngestReport:
        """Make the council's index match the supported files under ``root``."""
        started = time.perf_counter()
        documents, errors, failed_sources = self._load_all(root, council_id, default_url)
        live = self._store.live_generation(council_id)
        # Vectors are carried forward only within one vector space: another embedder (model, backend or
        # precision; an index that does not say which built it) means every chunk is embedded again.
        live_embedder = self._store.live_embedder(council_id) if live else None
        same_embedder = live is not None and live_embedder == self._index_name
        if live and not same_embedder:
            log.info("ingest.reembed", extra={"council": council_id, "was": live_embedder, "now": self._index_name})
        previous = self._store.stored(live, with_vectors=True) if live else []
        old_by_doc: dict[str, list[StoredChunk]] = {}
        for stored in previous:
            old_by_doc.setdefault(stored.chunk.doc_id, []).append(stored)

        keep: list[StoredChunk] = []
        fresh: list[tuple[Chunk, str, str]] = []
        added = updated = unchanged = 0
        for doc in documents:
            old = old_by_doc.get(doc.doc_id)
            if old and old[0].doc_hash == doc.content_hash:
                keep.extend(old)
                unchanged += 1
                continue
            added, updated = (added, updated + 1) if old else (added + 1, updated)
            fresh.extend((c, doc.content_hash, doc.source_path) for c in self._chunker.chunk(doc))
        current_ids = {d.doc_id for d in documents}
        for doc_id, old in old_by_doc.items():  # keep pages whose file failed to load this time
            if doc_id not in current_ids and old[0].source_path in failed_sources:
                keep.extend(old)
                current_ids.add(doc_id)
        removed = len(set(old_by_doc) - current_ids)

        published = False
        embedded = len(fresh)
        # An index built before sentence vectors existed is rebuilt once to gain them.
        if fresh or removed or live is None or not same_embedder or not self._store.has_sentences(live):
            pooled: dict[str, Vectors] = {}
            if keep and not same_embedder:
                kept_vectors = self._embed([s.chunk for s in keep], progress, pooled)
                keep = [replace(s, vector=v) for s, v in zip(keep, kept_vectors, strict=True)]
                embedded += len(keep)
            vectors = self._embed([c for c, _, _ in fresh], progress, pooled)
            every = [s.chunk for s in keep] + [c for c, _, _ in fresh]
            reusable = live if same_embedder else None
            sentences = self._sentences(reusable, every, pooled)
            outlines = self._outlines(reusable, every)
            published = self._publish(council_id, keep, fresh, vectors, sentences, outlines)
        report_docs = sorted(current_ids)
        return IngestReport(
            council_id=council_id,
            documents=len(report_docs),
            chunks=len(keep) + len(fresh),
            added=added,
            updated=updated,
            unchanged=unchanged,
            removed=removed,
            errors=tuple(errors),
            past_review=tuple(sorted(d.doc_id for d in documents if self._past_review(d))),
            seconds=time.perf_counter() - started,
            embedded_chunks=embedded,
            published=published,
        )

    def _load_all(
        self, root: Path, council_id: str, default_url: str
    ) -> tuple[list[Document], list[tuple[str, str]], set[str]]:
        if not root.is_dir():
            raise DocumentLoadError(str(root), "not a folder")
        documents: list[Document] = []
        errors: list[tuple[str, str]] = []
        failed: set[str] = set()
        seen: dict[str, str] = {}
        for source in self._loaders.source_files(root, council_id, default_url):
            relative = source.relative
            try:
                doc = self._loaders.load(source)
            except DocumentLoadError as exc:
                log.warning("ingest.skipped", extra={"file": relative, "reason": exc.reason})
                errors.append((relative, exc.reason))
                failed.add(relative)
                continue
            if doc.doc_id in seen:
                errors.append((relative, f"duplicate id {doc.doc_id!r} (also in {seen[doc.doc_id]})"))
                continue
            seen[doc.doc_id] = relative
            documents.append(doc)
        return documents, errors, failed

    def _embed(self, chunks: list[Chunk], progress: bool, pooled: dict[str, Vectors]) -> np.ndarray:
        """Chunk vectors; with a ``PartEmbedder`` each chunk's sentence vectors go into ``pooled`` too."""
        if not chunks:
            return np.zeros((0, 1), dtype=np.float32)
        batch = 128
        parts = []
        with tqdm(total=len(chunks), desc="embedding", unit="chunk", disable=not progress) as bar:
            for start in range(0, len(chunks), batch):
                part = chunks[start : start + batch]
                texts = [embedding_text(c) for c in part]
                if self._part_embedder is not None:
                    result = self._part_embedder.embed_with_parts(texts, [split_sentences(c.text) for c in part])
                    pooled.update((c.chunk_id, v) for c, v in zip(part, result.parts, strict=True))
                    parts.append(result.vectors)
                else:
                    parts.append(self._embedder.embed(texts))
                bar.update(len(part))
        return np.vstack(parts)

    def _sentences(self, live: str | None, chunks: list[Chunk], pooled: dict[str, Vectors]) -> list[StoredSentence]:
        """Sentence vectors for ``chunks``: pooled at embedding, carried forward from the live generation,
        or embedded one by one when missing."""
        previous = {(s.chunk_id, s.n, s.text): s for s in self._store.stored_sentences(live)} if live else {}
        out: list[StoredSentence] = []
        missing: list[tuple[str, int, str]] = []
        for chunk in chunks:
            in_context = pooled.get(chunk.chunk_id)
            for n, text in enumerate(split_sentences(chunk.text)):
                if in_context is not None:
                    out.append(StoredSentence(chunk.chunk_id, n, text, in_context[n]))
                elif (old := previous.get((chunk.chunk_id, n, text))) is not None:
                    out.append(old)
                else:
                    missing.append((chunk.chunk_id, n, text))
        batch = 256
        for start in range(0, len(missing), batch):
            part = missing[start : start + batch]
            vectors = self._embedder.embed([text for _, _, text in part])
            out.extend(StoredSentence(cid, n, text, v) for (cid, n, text), v in zip(part, vectors, strict=True))
        return out

    def _outlines(self, live: str | None, chunks: list[Chunk]) -> list[StoredOutline]:
        """One outline vector per page: carried forward when its text is unchanged, embedded otherwise."""
        previous = {(o.doc_id, o.text): o for o in self._store.stored_outlines(live)} if live else {}
        by_doc: dict[str, list[Chunk]] = {}
        for chunk in chunks:
            by_doc.setdefault(chunk.doc_id, []).append(chunk)
        texts = {doc_id: outline_text(doc_chunks) for doc_id, doc_chunks in by_doc.items()}
        out = [previous[(d, t)] for d, t in texts.items() if (d, t) in previous]
        missing = [(d, t) for d, t in texts.items() if (d, t) not in previous]
        if missing:
            vectors = self._embedder.embed([t for _, t in missing])
            out.extend(StoredOutline(d, t, v) for (d, t), v in zip(missing, vectors, strict=True))
        return out

    def _publish(
        self,
        council_id: str,
        keep: list[StoredChunk],
        fresh: list[tuple[Chunk, str, str]],
        vectors: np.ndarray,
        sentences: list[StoredSentence],
        outlines: list[StoredOutline],
    ) -> bool:
        generation = self._store.new_generation(council_id)
        try:
            if keep:
                kept_vectors = np.stack([s.vector for s in keep if s.vector is not None])
                self._store.add(
                    generation,
                    [s.chunk for s in keep],
                    kept_vectors,
                    [s.doc_hash for s in keep],
                    [s.source_path for s in keep],
                )
            if fresh:
                self._store.add(
                    generation, [c for c, _, _ in fresh], vectors, [h for _, h, _ in fresh], [s for _, _, s in fresh]
                )
            self._store.add_sentences(generation, sentences)
            self._store.add_outlines(generation, outlines)
            self._store.publish(council_id, generation, embedder=self._index_name)
        except IndexError_:
            self._store.drop(generation)
            raise
        return True

    def _past_review(self, doc: Document) -> bool:
        if doc.last_reviewed is None:
            return False
        today = self._today()
        months = (today.year - doc.last_reviewed.year) * 12 + today.month - doc.last_reviewed.month
        return months > self._review_after_months or (
            months == self._review_after_months and today.day > doc.last_reviewed.day
        )
