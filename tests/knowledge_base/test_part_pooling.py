"""In-context sentence vectors: pooled from the chunk's own forward pass, the same on both backends,
embedded on their own only where the model did not see them; ingest then embeds no sentence separately."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from frontdoor.errors import KnowledgeBaseError
from knowledge_base.base import PartEmbedder, PartEmbedding
from knowledge_base.chroma_vector_store import ChromaVectorStore
from knowledge_base.chunker import Chunker, embedding_text, split_sentences
from knowledge_base.ingestor import Ingestor
from knowledge_base.onnx_embedder import OnnxEmbedder
from knowledge_base.sentence_transformer_embedder import packaged_model_path
from tests.knowledge_base.test_sentence_support import CountingEmbedder

PAGE = "Blue Badge > Cost\nA Blue Badge costs £10. It lasts three years. You can renew it online."
SENTENCES = ["A Blue Badge costs £10.", "It lasts three years.", "You can renew it online."]
LONG = "Carers can ask for an assessment of their own needs. " * 40 + "The very last sentence is here."


@pytest.fixture(scope="module")
def onnx(tmp_path_factory: pytest.TempPathFactory) -> OnnxEmbedder:
    return OnnxEmbedder(packaged_model_path(), tmp_path_factory.mktemp("models"))


@pytest.mark.parametrize(
    ("text", "parts", "alone"),
    [
        (PAGE, SENTENCES, (False, False, False)),  # every sentence seen in its page: pooled
        (PAGE, ["not in the page at all"], (True,)),  # not found verbatim: embedded on its own
        (LONG, ["Carers can ask for an assessment of their own needs.", "The very last sentence is here."],
         (False, True)),  # past the 256-token limit: the model never saw it
        ("x", [], ()),
    ],
)  # fmt: skip
def test_when_parts_are_pooled_then_unseen_parts_are_embedded_alone(
    onnx: OnnxEmbedder, text: str, parts: list[str], alone: tuple[bool, ...]
) -> None:
    result = onnx.embed_with_parts([text], [parts])
    assert np.allclose(result.vectors, onnx.embed([text]), atol=1e-5)
    assert result.parts[0].shape == (len(parts), onnx.dimension)
    for part, vector, was_alone in zip(parts, result.parts[0], alone, strict=True):
        assert np.isclose(np.linalg.norm(vector), 1.0, atol=1e-5)
        assert np.allclose(vector, onnx.embed([part])[0], atol=1e-5) is was_alone


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        ("how much does a blue badge cost", 0),
        ("how long does a blue badge last before it runs out", 1),
        ("can i renew my badge on the internet", 2),
    ],
)
def test_when_a_question_asks_what_one_sentence_says_then_that_pooled_sentence_is_nearest(
    onnx: OnnxEmbedder, question: str, sentence: int
) -> None:
    pooled = onnx.embed_with_parts([PAGE], [SENTENCES]).parts[0]
    assert int((pooled @ onnx.embed([question])[0]).argmax()) == sentence


def test_when_both_backends_pool_then_they_agree(onnx: OnnxEmbedder, embedder: Any) -> None:
    texts, parts = [PAGE, LONG], [SENTENCES, ["The very last sentence is here."]]
    ours, theirs = onnx.embed_with_parts(texts, parts), embedder.embed_with_parts(texts, parts)
    assert np.allclose(ours.vectors, theirs.vectors, atol=1e-5)
    for a, b in zip(ours.parts, theirs.parts, strict=True):
        assert np.allclose(a, b, atol=1e-5)


@pytest.mark.parametrize("backend", ["onnx", "torch"])
def test_when_parts_do_not_match_texts_then_a_clear_error(onnx: OnnxEmbedder, embedder: Any, backend: str) -> None:
    chosen = onnx if backend == "onnx" else embedder
    with pytest.raises(KnowledgeBaseError, match="one list of parts per text"):
        chosen.embed_with_parts([PAGE], [])


class CountingPartEmbedder(CountingEmbedder):
    """The real ONNX embedder, counting only texts embedded on their own (``texts``), not those pooled."""

    def embed_with_parts(self, texts: Sequence[str], parts: Sequence[Sequence[str]]) -> PartEmbedding:
        result: PartEmbedding = self._inner.embed_with_parts(texts, parts)
        return result


def test_when_a_pooling_embedder_ingests_then_only_page_outlines_are_embedded_alone(
    tmp_path: Path, onnx: OnnxEmbedder
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for doc_id, body in [("badge", " ".join(SENTENCES)), ("alarm", "A community alarm costs £4.75 a week.")]:
        (docs / f"{doc_id}.md").write_text(f"---\nid: {doc_id}\ntitle: {doc_id}\n---\n# {doc_id}\n\n{body}\n")
    store = ChromaVectorStore(path=tmp_path / "chroma")
    counting = CountingPartEmbedder(onnx)
    assert isinstance(counting, PartEmbedder)
    Ingestor(store, counting, Chunker(count_tokens=onnx.count_tokens)).ingest(docs, "c1", default_url="https://x")
    assert counting.texts == 2  # one outline per page; no chunk and no sentence on its own
    live = store.live_generation("c1")
    assert live is not None
    chunks = {c.chunk_id: c for c in store.all_chunks("c1")}
    sentences = store.stored_sentences(live)
    assert len(sentences) == sum(len(split_sentences(c.text)) for c in chunks.values())
    for sentence in sentences:
        chunk = chunks[sentence.chunk_id]
        expected = onnx.embed_with_parts([embedding_text(chunk)], [split_sentences(chunk.text)]).parts[0][sentence.n]
        assert np.allclose(sentence.vector, expected, atol=1e-5)
    assert store.live_embedder("c1") == f"{onnx.name}; sentences in context"
