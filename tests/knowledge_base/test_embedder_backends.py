"""The ONNX embedder backends give torch's vectors (fp32) or close to them (int8); settings pick the backend;
an index built by one embedder is re-embedded, never mixed, when another embedder ingests into it."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from pydantic import ValidationError

from frontdoor.errors import ConfigurationError
from frontdoor.settings import Settings
from knowledge_base.chroma_vector_store import ChromaVectorStore
from knowledge_base.chunker import Chunker, embedding_text
from knowledge_base.embedder_provider import build_embedder
from knowledge_base.ingestor import Ingestor
from knowledge_base.onnx_embedder import OnnxEmbedder
from knowledge_base.onnx_model_export import cached_onnx_model
from knowledge_base.sentence_transformer_embedder import SentenceTransformerEmbedder, packaged_model_path

TEXTS = [
    "How do I apply for a Blue Badge?",
    "my dad cant cope at home since he came out of hospital what can the council do",
    "If you have more than £23,250 in savings you will usually pay the full cost of your care.",
    "x",
    "Carers can ask for an assessment of their own needs, even if the person they care for refuses one. " * 12,
]


@pytest.fixture(scope="session")
def model_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One export per test session (the cache a data dir would hold)."""
    return tmp_path_factory.mktemp("models")


@pytest.fixture(scope="session")
def onnx_embedders(model_cache: Path) -> dict[str, OnnxEmbedder]:
    """The fp32 and int8 ONNX embedders on the packaged model."""
    return {p: OnnxEmbedder(packaged_model_path(), model_cache, precision=p) for p in ("fp32", "int8")}


@pytest.mark.parametrize(
    ("precision", "min_cosine"),
    [
        ("fp32", 0.9999),  # the same arithmetic in another runtime
        ("int8", 0.97),  # per-channel int8 weights: ~0.99 on prose, the lowest seen (0.976) on a one-letter text
    ],
)
def test_when_onnx_embeds_then_vectors_match_torch(
    onnx_embedders: dict[str, OnnxEmbedder], embedder: SentenceTransformerEmbedder, precision: str, min_cosine: float
) -> None:
    reference = embedder.embed(TEXTS)
    vectors = onnx_embedders[precision].embed(TEXTS)
    assert vectors.dtype == np.float32 and vectors.shape == reference.shape
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert float((vectors * reference).sum(axis=1).min()) >= min_cosine


def test_when_a_batch_is_embedded_then_each_row_equals_that_text_alone(onnx_embedders: dict[str, OnnxEmbedder]) -> None:
    onnx = onnx_embedders["fp32"]
    texts = TEXTS * 4  # ≥ 16 texts: the all-cores session, sorted by length and padded in batches
    batch = onnx.embed(texts)
    alone = np.vstack([onnx.embed([t]) for t in TEXTS])
    assert np.allclose(batch, np.vstack([alone] * 4), atol=1e-5)


def test_when_counting_tokens_then_onnx_and_torch_agree(
    onnx_embedders: dict[str, OnnxEmbedder], embedder: SentenceTransformerEmbedder
) -> None:
    assert [onnx_embedders["fp32"].count_tokens(t) for t in TEXTS] == [embedder.count_tokens(t) for t in TEXTS]
    assert onnx_embedders["fp32"].max_tokens == embedder.max_tokens == 256


def test_when_the_export_is_cached_then_it_is_reused(model_cache: Path, onnx_embedders: Any) -> None:
    first = cached_onnx_model(packaged_model_path(), model_cache, "fp32", name="all-MiniLM-L6-v2")
    written = first.stat().st_mtime_ns
    again = cached_onnx_model(packaged_model_path(), model_cache, "fp32", name="all-MiniLM-L6-v2")
    assert again == first and again.stat().st_mtime_ns == written
    assert not list(model_cache.glob("*.tmp"))


def test_when_model_is_not_mean_pooled_then_configuration_error(tmp_path: Path) -> None:
    model = tmp_path / "cls-model"
    shutil.copytree(packaged_model_path(), model, ignore=shutil.ignore_patterns("*.safetensors"))
    pooling = model / "1_Pooling" / "config.json"
    config = json.loads(pooling.read_text())
    config.update(pooling_mode_mean_tokens=False, pooling_mode_cls_token=True)
    pooling.write_text(json.dumps(config))
    with pytest.raises(ConfigurationError, match="mean-pooled"):
        cached_onnx_model(model, tmp_path / "cache", "fp32", name="cls")


@pytest.mark.parametrize(
    ("backend", "name"),
    [
        ("onnx", "all-MiniLM-L6-v2 (onnx fp32)"),
        ("onnx-int8", "all-MiniLM-L6-v2 (onnx int8)"),
        ("torch", "all-MiniLM-L6-v2"),
    ],
)
def test_when_backend_is_set_then_that_embedder_is_built(
    settings_factory: Callable[..., Settings], model_cache: Path, backend: str, name: str
) -> None:
    settings = settings_factory(embedder_backend=backend)
    shutil.copytree(model_cache, settings.model_cache_dir)  # the session's export, not a fresh one
    assert build_embedder(settings).name == name


def test_when_backend_is_unknown_then_settings_refuse_it() -> None:
    with pytest.raises(ValidationError, match="embedder_backend"):
        Settings(embedder_backend="tensorflow")  # type: ignore[arg-type]


def test_when_backend_comes_from_the_environment_then_it_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings().embedder_backend == "onnx"
    monkeypatch.setenv("FRONTDOOR_EMBEDDER_BACKEND", "onnx-int8")
    assert Settings().embedder_backend == "onnx-int8"


def test_when_another_backend_ingests_then_everything_is_re_embedded(
    tmp_path: Path, embedder: SentenceTransformerEmbedder, onnx_embedders: dict[str, OnnxEmbedder]
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for doc_id, body in [("alarm", "A community alarm costs £4.75 a week."), ("badge", "A Blue Badge costs £10.")]:
        front = f"id: {doc_id}\ntitle: {doc_id.title()}\nurl: https://x.gov.uk/{doc_id}"
        (docs / f"{doc_id}.md").write_text(f"---\n{front}\n---\n# {doc_id}\n\n{body}\n")
    store = ChromaVectorStore(path=tmp_path / "chroma")

    def ingest(with_embedder: Any) -> Any:
        ingestor = Ingestor(store, with_embedder, Chunker(count_tokens=with_embedder.count_tokens))
        return ingestor.ingest(docs, "c1", default_url="https://x")

    first = ingest(embedder)
    assert store.live_embedder("c1") == f"{embedder.name}; sentences in context"
    switched = ingest(onnx_embedders["int8"])
    again = ingest(onnx_embedders["int8"])
    assert (switched.unchanged, switched.embedded_chunks, switched.published) == (2, first.chunks, True)
    assert store.live_embedder("c1") == f"{onnx_embedders['int8'].name}; sentences in context"
    assert (again.embedded_chunks, again.published) == (0, False)
    live = store.live_generation("c1")
    assert live is not None
    stored = {s.chunk.chunk_id: s.vector for s in store.stored(live, with_vectors=True)}
    chunks = {s.chunk.chunk_id: s.chunk for s in store.stored(live)}
    for chunk_id, vector in stored.items():
        expected = onnx_embedders["int8"].embed([embedding_text(chunks[chunk_id])])[0]
        assert np.allclose(vector, expected, atol=1e-5)
    sentences = store.stored_sentences(live)
    assert sentences
    for sentence in sentences:
        chunk = chunks[sentence.chunk_id]
        pooled = onnx_embedders["int8"].embed_with_parts([embedding_text(chunk)], [[sentence.text]])
        assert np.allclose(sentence.vector, pooled.parts[0][0], atol=1e-5)
