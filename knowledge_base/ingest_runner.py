"""What ``frontdoor ingest`` needs and nothing more: councils, the embedder and the vector store."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from councils import Council, CouncilRegistry
from frontdoor.settings import Settings
from knowledge_base.chroma_vector_store import ChromaVectorStore
from knowledge_base.chunker import Chunker
from knowledge_base.embedder_provider import build_embedder
from knowledge_base.ingestor import Ingestor, IngestReport

__all__ = ["IngestRunner"]


@dataclass(slots=True)
class IngestRunner:
    """Builds the ingest-side backends from settings and ingests folders for councils."""

    councils: CouncilRegistry
    ingestor: Ingestor

    @classmethod
    def from_settings(cls, settings: Settings) -> IngestRunner:
        """Load the councils file, the embedding model and the vector store."""
        councils = CouncilRegistry.from_yaml(settings.councils_file)
        embedder = build_embedder(settings)
        store = ChromaVectorStore(path=None if settings.chroma_url else settings.chroma_dir, url=settings.chroma_url)
        ingestor = Ingestor(
            store,
            embedder,
            Chunker(count_tokens=embedder.count_tokens),
            review_after_months=settings.review_after_months,
        )
        return cls(councils, ingestor)

    def ingest(self, folder: Path, council: Council, *, progress: bool = False) -> IngestReport:
        """Ingest one folder for one council; the default URL is the council's website."""
        return self.ingestor.ingest(folder, council.id, default_url=str(council.website), progress=progress)
