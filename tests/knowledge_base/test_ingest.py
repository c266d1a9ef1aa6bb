"""Ingestion is idempotent, flags stale pages, never leaves the index half-written, never crosses councils."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from frontdoor.errors import IndexError_
from knowledge_base.chroma_vector_store import ChromaVectorStore
from knowledge_base.chunker import Chunker
from knowledge_base.confidence_model import ConfidenceModel
from knowledge_base.hybrid_retriever import HybridRetriever
from knowledge_base.ingestor import Ingestor

SAMPLE = Path(__file__).resolve().parents[2] / "frontdoor" / "sample" / "knowledge_base"


def _page(doc_id: str, body: str, reviewed: str = "2026-06-01") -> str:
    front = f"id: {doc_id}\ntitle: {doc_id.title()}\nurl: https://x.gov.uk/{doc_id}\nlast_reviewed: {reviewed}"
    return f"---\n{front}\n---\n# {doc_id}\n\n{body}\n"


@pytest.fixture()
def setup(tmp_path: Path, embedder):  # type: ignore[no-untyped-def]
    store = ChromaVectorStore(path=tmp_path / "chroma")
    ingestor = Ingestor(store, embedder, Chunker(count_tokens=embedder.count_tokens), today=lambda: date(2026, 11, 25))
    docs = tmp_path / "docs"
    docs.mkdir()
    return store, ingestor, docs


def test_when_ingested_twice_then_second_run_changes_nothing(setup) -> None:  # type: ignore[no-untyped-def]
    store, ingestor, docs = setup
    (docs / "a.md").write_text(_page("alarm", "A community alarm costs £4.75 a week."))
    (docs / "b.md").write_text(_page("badge", "A Blue Badge costs £10."))
    first = ingestor.ingest(docs, "c1", default_url="https://x")
    generation = store.live_generation("c1")
    second = ingestor.ingest(docs, "c1", default_url="https://x")
    assert (first.added, first.unchanged) == (2, 0)
    assert (second.added, second.updated, second.unchanged, second.removed, second.embedded_chunks) == (0, 0, 2, 0, 0)
    assert store.live_generation("c1") == generation


def test_when_document_changes_or_goes_then_index_follows(setup) -> None:  # type: ignore[no-untyped-def]
    store, ingestor, docs = setup
    (docs / "a.md").write_text(_page("alarm", "A community alarm costs £4.75 a week."))
    (docs / "b.md").write_text(_page("badge", "A Blue Badge costs £10."))
    ingestor.ingest(docs, "c1", default_url="https://x")
    (docs / "a.md").write_text(_page("alarm", "A community alarm costs £5.10 a week."))
    (docs / "b.md").unlink()
    report = ingestor.ingest(docs, "c1", default_url="https://x")
    assert (report.updated, report.removed, report.documents) == (1, 1, 1)
    texts = " ".join(c.text for c in store.all_chunks("c1"))
    assert "£5.10" in texts and "£4.75" not in texts and "Blue Badge" not in texts


def test_when_a_file_is_unreadable_then_it_is_reported_and_its_old_version_kept(setup) -> None:  # type: ignore[no-untyped-def]
    store, ingestor, docs = setup
    (docs / "a.md").write_text(_page("alarm", "A community alarm costs £4.75 a week."))
    ingestor.ingest(docs, "c1", default_url="https://x")
    (docs / "a.md").write_text("---\nid: [broken\n---\n")
    (docs / "z.pdf").write_bytes(b"not a pdf")
    report = ingestor.ingest(docs, "c1", default_url="https://x")
    assert sorted(p for p, _ in report.errors) == ["a.md", "z.pdf"]
    assert "£4.75" in " ".join(c.text for c in store.all_chunks("c1"))


def test_when_writing_fails_midway_then_live_index_is_untouched(setup, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    store, ingestor, docs = setup
    (docs / "a.md").write_text(_page("alarm", "A community alarm costs £4.75 a week."))
    ingestor.ingest(docs, "c1", default_url="https://x")
    live = store.live_generation("c1")
    (docs / "b.md").write_text(_page("badge", "A Blue Badge costs £10."))

    def failing_add(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise IndexError_("disk full")

    monkeypatch.setattr(store, "add", failing_add)
    with pytest.raises(IndexError_):
        ingestor.ingest(docs, "c1", default_url="https://x")
    monkeypatch.undo()
    assert store.live_generation("c1") == live
    assert "Blue Badge" not in " ".join(c.text for c in store.all_chunks("c1"))


@pytest.mark.parametrize(("reviewed", "flagged"), [("2025-11-24", True), ("2025-11-25", False), ("2026-10-01", False)])
def test_when_page_is_past_review_then_it_is_flagged(setup, reviewed: str, flagged: bool) -> None:  # type: ignore[no-untyped-def]
    _, ingestor, docs = setup
    (docs / "a.md").write_text(_page("alarm", "Alarms.", reviewed))
    report = ingestor.ingest(docs, "c1", default_url="https://x")
    assert (report.past_review == ("alarm",)) is flagged


def test_when_two_councils_are_indexed_then_retrieval_never_crosses(tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    store = ChromaVectorStore(path=tmp_path / "chroma")
    ingestor = Ingestor(store, embedder, Chunker(count_tokens=embedder.count_tokens))
    for council in ("ashby-vale", "northmoor"):
        shutil.copytree(SAMPLE / council, tmp_path / council)
        ingestor.ingest(tmp_path / council, council, default_url="https://x")
    retriever = HybridRetriever(store, embedder, ConfidenceModel())
    for council, prefix_ok in (
        ("ashby-vale", lambda d: not d.startswith("nm-")),
        ("northmoor", lambda d: d.startswith("nm-")),
    ):
        result = retriever.search("how do I apply for a blue badge", council, 10)
        assert result.chunks
        assert all(prefix_ok(rc.chunk.doc_id) and rc.chunk.council_id == council for rc in result.chunks)
