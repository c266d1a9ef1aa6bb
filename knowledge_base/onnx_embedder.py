"""An :class:`~knowledge_base.base.Embedder` on ONNX Runtime: the same model, without torch at run time.

Why: a chat turn embeds one short text, and torch spends more time in Python and dispatch than in
arithmetic for that; an ONNX Runtime session runs the whole encoder in native code, releases the GIL, and
its ``run`` is thread-safe, so concurrent turns embed in parallel instead of queueing on a lock.

One session with one intra-op thread serves everything. A turn runs on its own request thread (several
share a few cores; multi-threaded kernels would spin against each other). A batch (ingest) is split over a
pool of one worker per core, each running whole texts: on the 2-core machine that was as fast as
intra-op threading and used less CPU. fp32 vectors equal torch's to about 1e-6. ``int8`` (dynamic
quantisation) embeds one text per run: its activation scales are computed over the whole input tensor,
so in a padded batch a text's vector would depend on its neighbours; alone, the vector is reproducible,
and batching gained nothing measurable at int8.

``embed_with_parts`` (ingest) also returns a vector for each given part of each text -- a chunk's
sentences -- by mean-pooling the transformer's token states over the part's tokens in the text's own
forward pass, then L2-normalising. A separate pass per sentence cost as much again as the chunks
themselves (ingest ran at about half the chunk-only rate); pooling costs a few array operations. A part the
model did not see (past its token limit, or not found verbatim in the text) is embedded on its own.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from frontdoor.errors import ConfigurationError, KnowledgeBaseError
from knowledge_base.base import PartEmbedding, Vectors
from knowledge_base.onnx_model_export import Precision, cached_onnx_model
from knowledge_base.part_pooling import complete_parts, pool_parts
from knowledge_base.sentence_transformer_embedder import model_name

__all__ = ["OnnxEmbedder"]

_Item = TypeVar("_Item")
_Result = TypeVar("_Result")

_BATCH_FOR_ALL_CORES = 16
"""From this many texts a call is spread over every core (the same cut as the torch embedder)."""


class OnnxEmbedder:
    """Embeds with a sentence-transformers folder exported to ONNX under ``cache_dir`` (once, offline).

    Loading happens in the constructor: this class is the model adapter, built once in the composition root.
    Only redacted text may be passed to :meth:`embed`.
    """

    def __init__(self, model_path: Path, cache_dir: Path, *, precision: Precision = "fp32") -> None:
        if not model_path.is_dir():
            raise ConfigurationError(f"embedding model folder not found: {model_path}")
        import onnxruntime
        from tokenizers import Tokenizer

        self._ort = onnxruntime
        self.name = f"{model_name(model_path)} (onnx {precision})"
        self._model_file = cached_onnx_model(model_path, cache_dir, precision, name=model_name(model_path))
        self.max_tokens = _max_seq_length(model_path)
        self._batch_size = 1 if precision == "int8" else 8
        try:
            self._counter = Tokenizer.from_file(str(model_path / "tokenizer.json"))
            self._tokenizer = Tokenizer.from_file(str(model_path / "tokenizer.json"))
            self._session = self._load_session()
        except Exception as exc:
            raise ConfigurationError(f"cannot load ONNX embedding model {self._model_file}: {exc}") from exc
        self._counter.no_truncation()
        self._counter.no_padding()
        self._tokenizer.enable_truncation(self.max_tokens)
        pad = _pad_token(model_path)
        self._tokenizer.enable_padding(pad_id=self._tokenizer.token_to_id(pad) or 0, pad_token=pad)
        self._workers = os.cpu_count() or 1
        self._pool = ThreadPoolExecutor(max_workers=self._workers, thread_name_prefix="embed")
        width = self._session.get_outputs()[0].shape[1]
        self.dimension = width if isinstance(width, int) else int(self._embed_sorted(["probe"]).shape[1])

    def embed(self, texts: Sequence[str]) -> Vectors:
        """L2-normalised float32 vectors, one row per text (thread-safe; no lock around inference)."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        try:
            if len(texts) < _BATCH_FOR_ALL_CORES or self._workers == 1:
                return self._embed_sorted(texts)
            return np.stack(self._across_cores(lambda share: list(self._embed_sorted(share)), list(texts)))
        except Exception as exc:
            raise KnowledgeBaseError(f"embedding failed: {exc.__class__.__name__}") from exc

    def embed_with_parts(self, texts: Sequence[str], parts: Sequence[Sequence[str]]) -> PartEmbedding:
        """Vectors of ``texts`` and, for each, of its ``parts`` (substrings, in order) pooled in context."""
        if len(texts) != len(parts):
            raise KnowledgeBaseError("embed_with_parts needs one list of parts per text")
        if not texts:
            return PartEmbedding(np.zeros((0, self.dimension), dtype=np.float32), ())
        try:
            rows = self._across_cores(self._pool_sorted, list(zip(texts, parts, strict=True)))
            vectors = np.stack([vector for vector, _ in rows]).astype(np.float32, copy=False)
            return complete_parts(vectors, [pooled for _, pooled in rows], parts, self._embed_sorted, self.dimension)
        except KnowledgeBaseError:
            raise
        except Exception as exc:
            raise KnowledgeBaseError(f"embedding failed: {exc.__class__.__name__}") from exc

    def count_tokens(self, text: str) -> int:
        """Word-piece tokens the model would see (to keep chunks under its limit)."""
        return len(self._counter.encode(text, add_special_tokens=False).ids)

    def _across_cores(self, work: Callable[[list[_Item]], list[_Result]], items: list[_Item]) -> list[_Result]:
        """``work`` over ``items``, in order; from ``_BATCH_FOR_ALL_CORES`` items one interleaved share per core."""
        if len(items) < _BATCH_FOR_ALL_CORES or self._workers == 1:
            return work(items)
        shares = list(self._pool.map(work, [items[i :: self._workers] for i in range(self._workers)]))
        return [shares[i % self._workers][i // self._workers] for i in range(len(items))]

    def _embed_sorted(self, texts: Sequence[str]) -> Vectors:
        batches = list(self._sorted_batches(texts, ("sentence_embedding",)))
        stacked = np.vstack([batch.outputs[0] for batch in batches])
        out = np.empty_like(stacked)
        out[[i for batch in batches for i in batch.rows]] = stacked
        return out

    def _pool_sorted(self, items: Sequence[tuple[str, Sequence[str]]]) -> list[tuple[Vectors, list[Vectors | None]]]:
        """(text vector, part vectors or None where a part was not seen) per item, in the given order."""
        out: dict[int, tuple[Vectors, list[Vectors | None]]] = {}
        for batch in self._sorted_batches([text for text, _ in items], ("sentence_embedding", "token_embeddings")):
            pooled, hidden = batch.outputs
            for b, i in enumerate(batch.rows):
                text, parts = items[i]
                offsets = np.array(batch.encodings[b].offsets, dtype=np.int64)
                real = (batch.mask[b] == 1) & (np.array(batch.encodings[b].special_tokens_mask) == 0)
                out[i] = (pooled[b], pool_parts(text, parts, offsets, real, hidden[b]))
        return [out[i] for i in range(len(items))]

    def _sorted_batches(self, texts: Sequence[str], outputs: tuple[str, ...]) -> Iterator[_Batch]:
        """The session run over ``texts`` longest first, in batches of similar length (padding is wasted work)."""
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        for start in range(0, len(order), self._batch_size):
            rows = order[start : start + self._batch_size]
            encodings = self._tokenizer.encode_batch([texts[i] for i in rows])
            ids = np.array([e.ids for e in encodings], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
            results = self._session.run(list(outputs), {"input_ids": ids, "attention_mask": mask})
            yield _Batch(rows, encodings, mask, results)

    def _load_session(self) -> Any:
        options = self._ort.SessionOptions()
        options.intra_op_num_threads = 1  # parallelism comes from the calling threads (see module docstring)
        options.inter_op_num_threads = 1
        options.graph_optimization_level = self._ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        return self._ort.InferenceSession(str(self._model_file), options, providers=["CPUExecutionProvider"])


@dataclass(frozen=True, slots=True)
class _Batch:
    """One session run: which texts (indices), their encodings and attention mask, and the outputs asked for."""

    rows: list[int]
    encodings: list[Any]
    mask: Any
    outputs: list[Any]


def _max_seq_length(model_path: Path) -> int:
    config = model_path / "sentence_bert_config.json"
    if config.is_file():
        return int(json.loads(config.read_text(encoding="utf-8")).get("max_seq_length") or 256)
    return 256


def _pad_token(model_path: Path) -> str:
    config = model_path / "tokenizer_config.json"
    token: Any = json.loads(config.read_text(encoding="utf-8")).get("pad_token") if config.is_file() else None
    if isinstance(token, dict):
        token = token.get("content")
    return str(token or "[PAD]")
