"""The sample knowledge base ingested into embedded Chroma and a Chroma server: same answers, no leaks."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from knowledge_base.chroma_vector_store import ChromaVectorStore
from knowledge_base.chunker import Chunker
from knowledge_base.confidence_model import ConfidenceModel
from knowledge_base.hybrid_retriever import HybridRetriever
from knowledge_base.ingestor import Ingestor, IngestReport

SAMPLE_KB = Path(__file__).resolve().parents[2] / "frontdoor" / "sample" / "knowledge_base"
COUNCILS = ("ashby-vale", "northmoor")

# Queries phrased as residents ask. Used to compare backends, not to grade retrieval quality (that is
# `frontdoor eval` over the labelled set): both backends must rank the same pages with the same confidence.
QUERIES = [
    ("ashby-vale", "my mum can't walk far, can she get a parking permit for disabled people"),
    ("ashby-vale", "how do I get paid money instead of the council arranging care"),
    ("ashby-vale", "I look after my husband and I'm exhausted, is there support for me"),
    ("ashby-vale", "someone to come in and help dad wash and dress in the mornings"),
    ("ashby-vale", "what happens when gran comes out of hospital"),
    ("ashby-vale", "can I complain about my social worker"),
    ("northmoor", "who do I ring if I think a neighbour is being abused"),
    ("northmoor", "will I have to pay towards my care"),
    ("northmoor", "what are your phone numbers and opening times"),
]
# Plain-vocabulary questions whose page is unambiguous: a sanity check that each backend retrieves at all.
PLAIN = [
    ("ashby-vale", "how do I apply for a blue badge", "blue-badge"),
    ("ashby-vale", "shared lives scheme", "shared-lives"),
    ("northmoor", "report a safeguarding concern", "nm-safeguarding"),
    ("northmoor", "carers assessment", "nm-carers"),
]


class _CachingEmbedder:
    """The real model, memoised per text, so the second backend's ingest does not embed everything again."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self.name = inner.name
        self.count_tokens = inner.count_tokens
        self._cache: dict[str, np.ndarray] = {}

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if missing:
            self._cache.update(zip(missing, self._inner.embed(missing), strict=True))
        return np.stack([self._cache[t] for t in texts]) if texts else self._inner.embed([])


class _Ingested:
    def __init__(
        self, store: ChromaVectorStore, retriever: HybridRetriever, reports: dict[str, IngestReport]
    ):
        self.store, self.retriever, self.reports = store, retriever, reports


def _ingest(store: ChromaVectorStore, embedder: Any) -> _Ingested:
    ingestor = Ingestor(store, embedder, Chunker(count_tokens=embedder.count_tokens))
    reports = {c: ingestor.ingest(SAMPLE_KB / c, c, default_url=f"https://{c}.example") for c in COUNCILS}
    return _Ingested(store, HybridRetriever(store, embedder, ConfidenceModel.load()), reports)


@pytest.fixture(scope="module")
def caching_embedder(embedder: Any) -> _CachingEmbedder:
    """One memoised embedder shared by both backends of this module."""
    return _CachingEmbedder(embedder)


@pytest.fixture(scope="module", params=["embedded", "server"])
def kb(
    request: pytest.FixtureRequest,
    caching_embedder: _CachingEmbedder,
    tmp_path_factory: pytest.TempPathFactory,
) -> _Ingested:
    """Both sample councils ingested once per backend."""
    if request.param == "embedded":
        store = ChromaVectorStore(path=tmp_path_factory.mktemp("chroma"))
    else:
        store = ChromaVectorStore(url=request.getfixturevalue("chroma_server_url"))
    return _ingest(store, caching_embedder)


def test_when_sample_kb_ingested_then_every_page_is_indexed_without_errors(kb: _Ingested) -> None:
    for council in COUNCILS:
        report = kb.reports[council]
        files = sorted(p for p in (SAMPLE_KB / council).iterdir() if p.suffix == ".md")
        assert report.errors == ()
        assert report.documents == len(files)
        assert report.chunks == len(kb.store.all_chunks(council)) > report.documents


@pytest.mark.parametrize(("council", "query", "expected"), PLAIN)
def test_when_plain_question_asked_then_its_page_ranks_first(
    kb: _Ingested, council: str, query: str, expected: str
) -> None:
    result = kb.retriever.search(query, council, k=3)

    assert result.chunks[0].chunk.doc_id == expected


def test_when_same_questions_asked_of_both_backends_then_rankings_and_confidence_match(
    caching_embedder: _CachingEmbedder, tmp_path_factory: pytest.TempPathFactory, chroma_server_url: str
) -> None:
    embedded = _ingest(ChromaVectorStore(path=tmp_path_factory.mktemp("parity")), caching_embedder)
    server = _ingest(ChromaVectorStore(url=chroma_server_url), caching_embedder)

    for council, query in QUERIES:
        a = embedded.retriever.search(query, council, k=5)
        b = server.retriever.search(query, council, k=5)
        assert [c.chunk.chunk_id for c in a.chunks] == [c.chunk.chunk_id for c in b.chunks], query
        assert a.confidence == pytest.approx(b.confidence, abs=1e-4), query


@pytest.mark.parametrize("council", COUNCILS)
def test_when_searching_one_council_then_no_passage_of_another_council_returns(
    kb: _Ingested, council: str
) -> None:
    # Shared Lives exists only in Ashby Vale's pages; Northmoor must not borrow them.
    for query in ("shared lives carers scheme", "telecare community alarm pendant", "blue badge"):
        result = kb.retriever.search(query, council, k=5)
        assert result.chunks
        assert {c.chunk.council_id for c in result.chunks} == {council}


def test_when_dense_query_runs_then_hits_belong_only_to_the_requested_council(
    kb: _Ingested, caching_embedder: _CachingEmbedder
) -> None:
    vector = caching_embedder.embed(["help with personal care at home"])[0]
    northmoor_ids = {c.chunk_id for c in kb.store.all_chunks("northmoor")}

    hits = kb.store.query("northmoor", vector, 10)

    assert hits and {h.chunk_id for h in hits} <= northmoor_ids


def test_when_unchanged_kb_reingested_then_nothing_is_re_embedded(
    kb: _Ingested, caching_embedder: _CachingEmbedder
) -> None:
    chunker = Chunker(count_tokens=caching_embedder.count_tokens)
    again = Ingestor(kb.store, caching_embedder, chunker).ingest(
        SAMPLE_KB / "northmoor", "northmoor", default_url="https://northmoor.example"
    )

    assert (again.embedded_chunks, again.unchanged, again.published) == (0, again.documents, False)


def test_when_unknown_council_searched_then_empty_result_not_error(kb: _Ingested) -> None:
    result = kb.retriever.search("blue badge", "no-such-council", k=3)

    assert (result.chunks, result.confidence) == ((), 0.0)
