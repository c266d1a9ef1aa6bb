"""Sentence and page-outline vectors: stored once at ingest, carried forward, used by retrieval."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from knowledge_base.base import Chunk, Vectors
from knowledge_base.chroma_vector_store import ChromaVectorStore
from knowledge_base.chunker import Chunker, outline_text, split_sentences
from knowledge_base.confidence_model import ConfidenceModel
from knowledge_base.hybrid_retriever import HybridRetriever
from knowledge_base.ingestor import Ingestor

ALARM = (
    "A community alarm is a pendant you wear around your neck or wrist. If you fall, you press the button and "
    "the response centre answers through a speaker in your home. The service costs £4.75 a week. "
    "Our responders can visit within 45 minutes, day or night."
)
BADGE = "A Blue Badge lets you park closer to where you are going. It costs £10 and lasts three years."


def _page(doc_id: str, title: str, heading: str, body: str) -> str:
    front = f"id: {doc_id}\ntitle: {title}\nurl: https://x.gov.uk/{doc_id}\nlast_reviewed: 2026-06-01"
    return f"---\n{front}\n---\n# {title}\n\n## {heading}\n\n{body}\n"


class CountingEmbedder:
    """The real embedder, counting how many texts it is asked to embed (to prove carrying forward)."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self.name = inner.name
        self.texts = 0

    def embed(self, texts: Sequence[str]) -> Vectors:
        self.texts += len(texts)
        return self._inner.embed(texts)


@pytest.fixture()
def kb(tmp_path: Path, embedder: Any) -> tuple[ChromaVectorStore, Ingestor, CountingEmbedder, Path]:
    store = ChromaVectorStore(path=tmp_path / "chroma")
    counting = CountingEmbedder(embedder)
    ingestor = Ingestor(store, counting, Chunker(count_tokens=embedder.count_tokens))
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "alarm.md").write_text(_page("alarm", "Community alarms", "What it is", ALARM))
    (docs / "badge.md").write_text(_page("badge", "Blue Badge", "Cost", BADGE))
    ingestor.ingest(docs, "c1", default_url="https://x")
    return store, ingestor, counting, docs


def test_when_ingested_then_every_sentence_and_every_page_outline_has_a_vector(kb) -> None:
    store, _, _, _ = kb
    live = store.live_generation("c1")
    chunks = store.all_chunks("c1")
    sentences = store.stored_sentences(live)
    assert len(sentences) == sum(len(split_sentences(c.text)) for c in chunks)
    assert {(s.chunk_id, s.n) for s in sentences} == {
        (c.chunk_id, n) for c in chunks for n in range(len(split_sentences(c.text)))
    }
    assert sorted(o.doc_id for o in store.stored_outlines(live)) == ["alarm", "badge"]
    assert store.has_sentences(live)


def test_when_one_page_changes_then_only_its_texts_are_embedded_again(kb) -> None:
    store, ingestor, counting, docs = kb
    (docs / "badge.md").write_text(_page("badge", "Blue Badge", "Cost", "A Blue Badge costs £10."))
    counting.texts = 0
    ingestor.ingest(docs, "c1", default_url="https://x")
    # one changed chunk, its one sentence; the page outline is unchanged so it is carried forward
    assert counting.texts == 2
    live = store.live_generation("c1")
    assert len(store.stored_sentences(live)) == sum(len(split_sentences(c.text)) for c in store.all_chunks("c1"))


def test_when_a_sentence_says_it_then_sentence_support_is_higher_and_names_that_sentence(kb, embedder) -> None:
    store, _, _, _ = kb
    retriever = HybridRetriever(store, embedder, ConfidenceModel())
    said = retriever.search("if i fall over can i press a button for help", "c1", 3)
    unsaid = retriever.search("what are the swimming pool opening times", "c1", 3)
    assert said.features["sentence_support"] > unsaid.features["sentence_support"] + 0.2
    top = said.chunks[0].chunk
    sentences = split_sentences(top.text)
    best = max(range(len(sentences)), key=lambda n: said.sentence_similarity.get(f"{top.chunk_id}#{n}", -1.0))
    assert sentences[best].startswith("If you fall")
    assert said.features["sentence_support"] == pytest.approx(said.sentence_similarity[f"{top.chunk_id}#{best}"])


def test_when_the_index_predates_sentence_vectors_then_retrieval_still_works(kb, embedder) -> None:
    store, _, _, _ = kb
    live = store.live_generation("c1")
    store._client.delete_collection(live + "-sentences")  # as built by an older version
    store._client.delete_collection(live + "-outlines")
    result = HybridRetriever(store, embedder, ConfidenceModel()).search("how much is a blue badge", "c1", 3)
    assert result.chunks[0].chunk.doc_id == "badge"
    assert result.sentence_similarity == {}
    assert not store.has_sentences(live)


def test_when_the_index_predates_sentence_vectors_then_the_next_ingest_adds_them(kb) -> None:
    store, ingestor, _, docs = kb
    live = store.live_generation("c1")
    store._client.delete_collection(live + "-sentences")  # as built by an older version
    report = ingestor.ingest(docs, "c1", default_url="https://x")
    assert report.published and report.unchanged == 2
    new = store.live_generation("c1")
    assert new != live and store.has_sentences(new)
    assert len(store.stored_sentences(new)) == sum(len(split_sentences(c.text)) for c in store.all_chunks("c1"))


def _chunk(position: int, section: str, title: str = "Blue Badge") -> Chunk:
    return Chunk(f"c:b:{position}", "b", "c", title, "https://x", section, "text", position, "h")


@pytest.mark.parametrize(
    ("chunks", "expected"),
    [
        ([_chunk(0, "Blue Badge"), _chunk(1, "Blue Badge > Who can get one")], "Blue Badge. Who can get one"),
        ([_chunk(1, "Blue Badge > Cost"), _chunk(0, "Blue Badge > Apply")], "Blue Badge. Apply. Cost"),
        ([_chunk(0, "Parking > Badges")], "Blue Badge. Parking. Badges"),
    ],
)
def test_when_outline_built_then_title_then_each_heading_once_in_reading_order(chunks, expected: str) -> None:
    assert outline_text(chunks) == expected
