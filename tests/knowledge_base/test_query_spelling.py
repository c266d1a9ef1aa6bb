"""Typos in a question reach the council's spelling before embedding; real words and names stay as typed."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from knowledge_base.base import Vectors
from knowledge_base.chroma_vector_store import ChromaVectorStore
from knowledge_base.chunker import Chunker
from knowledge_base.confidence_model import ConfidenceModel
from knowledge_base.hybrid_retriever import HybridRetriever
from knowledge_base.ingestor import Ingestor
from knowledge_base.query_spelling import QuerySpelling
from knowledge_base.resident_wording import ResidentWording

PAGES = (
    "Ask us for a needs assessment. The assessment is free and we will send it to you in writing.",
    "Reablement normally lasts up to six weeks. An independent advocate can help you at your assessment.",
    "Mobility aids such as walking frames are assessed by an occupational therapist.",
    "There is a carers assessment too. Our yellow forms are sent out once a year.",
)


@pytest.fixture(scope="module")
def spelling(embedder: Any) -> QuerySpelling:
    return QuerySpelling(PAGES, count_tokens=embedder.count_tokens, keep=ResidentWording.load().keep)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("does it cost anything to get assesed", "does it cost anything to get assessed"),  # one letter dropped
        ("had my assesment last week", "had my assessment last week"),
        ("how long does reablement normaly go on for", "how long does reablement normally go on for"),
        ("when is my reassessmant", "when is my reassessmant"),  # not a page word's one-edit neighbour
        ("what is an occupational therapyst", "what is an occupational therapist"),  # one letter changed
        # The model's vocabulary holds this common misspelling as a whole word, so it is left (its cost).
        ("can i get someone independant", "can i get someone independant"),
        ("what is a needs asessment", "what is a needs assessment"),  # two typos, one edit each
        ("Can I get an ASSESMENT", "Can I get an ASSESSMENT"),  # the resident's case is kept
        ("how do i get a car through motability", "how do i get a car through motability"),  # two edits: a name
        ("where is the dentist", "where is the dentist"),  # a real word the pages never use
        ("theyre coming on monday", "theyre coming on monday"),  # a contraction, not "there"
        ("the yellows ones", "the yellows ones"),  # an inflection of a page word, not a typo
        ("my mum is ok", "my mum is ok"),  # short words are never touched
        ("", ""),
    ],
)
def test_when_question_has_typos_then_only_one_edit_typos_are_corrected(
    spelling: QuerySpelling, question: str, expected: str
) -> None:
    assert spelling.correct(question) == expected


def test_when_no_model_vocabulary_is_given_then_page_words_still_correct_typos() -> None:
    assert QuerySpelling(PAGES).correct("my assesment") == "my assessment"


def test_when_two_page_words_are_one_edit_away_then_the_more_used_one_wins() -> None:
    spelling = QuerySpelling(["carer carer carer", "cared"])
    assert spelling.correct("a carek") == "a carer"


class RecordingEmbedder:
    """The real embedder, remembering the texts it was asked to embed."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self.name = inner.name
        self.count_tokens = inner.count_tokens
        self.texts: list[str] = []

    def embed(self, texts: Sequence[str]) -> Vectors:
        self.texts.extend(texts)
        return self._inner.embed(texts)


def test_when_a_question_is_misspelt_then_retrieval_embeds_the_council_spelling(tmp_path: Path, embedder: Any) -> None:
    store = ChromaVectorStore(path=tmp_path / "chroma")
    docs = tmp_path / "docs"
    docs.mkdir()
    for doc_id, title, body in [
        ("assessment", "Needs assessment", "A needs assessment is free. We send you the assessment in writing."),
        ("badge", "Blue Badge", "A Blue Badge costs £10 and lasts three years."),
    ]:
        front = f"id: {doc_id}\ntitle: {title}\nurl: https://x.gov.uk/{doc_id}\nlast_reviewed: 2026-06-01"
        (docs / f"{doc_id}.md").write_text(f"---\n{front}\n---\n# {title}\n\n{body}\n", encoding="utf-8")
    Ingestor(store, embedder, Chunker(count_tokens=embedder.count_tokens)).ingest(docs, "c1", default_url="https://x")
    recording = RecordingEmbedder(embedder)
    retriever = HybridRetriever(
        store, recording, ConfidenceModel(), wording=ResidentWording.load(), count_tokens=embedder.count_tokens
    )
    result = retriever.search("is my assesment free", "c1", 3)
    assert recording.texts == ["is my assessment free"]
    assert result.query == "is my assesment free"  # the resident's words are kept for everything else
    assert result.chunks[0].chunk.doc_id == "assessment"
