"""Builds the configured :class:`~knowledge_base.base.Embedder` from Settings (``FRONTDOOR_EMBEDDER_BACKEND``).

Every process that embeds (the server, ``frontdoor ingest``, the evaluations) builds its embedder here, so
the index and the queries always come from the same backend. Each backend's ``name`` says model, backend
and precision; the vector store records it with every index generation, and an ingest with a different
embedder re-embeds everything rather than mixing vector spaces.

Backends (measured on the shared 2-core machine, back to back; see README):

* ``onnx`` (default): ONNX Runtime, fp32, exported once from the packaged model into ``DATA_DIR/models``.
  The same vectors as torch (cosine ≥ 0.9999): identical answering and safeguarding evaluation figures,
  so the confidence model calibrated on torch still holds. About half torch's CPU per embedded chunk, a
  third less CPU per chat turn, and no torch import at start (cold start 9 s against 36 s).
* ``onnx-int8``: the same with int8 dynamic quantisation (per-channel weights): ~1.7x fp32's speed per
  text, vectors at cosine ~0.99 to fp32. It moved the answering figures (unanswerable not answered
  0.889 → 0.861, Recall@1 0.841 → 0.833), so it is an option, not the default.
* ``torch``: sentence-transformers on torch, as before.
"""

from __future__ import annotations

from typing import Protocol

from frontdoor.settings import Settings
from knowledge_base.base import Embedder
from knowledge_base.onnx_embedder import OnnxEmbedder
from knowledge_base.onnx_model_export import Precision
from knowledge_base.sentence_transformer_embedder import SentenceTransformerEmbedder, packaged_model_path

__all__ = ["LocalEmbedder", "build_embedder"]


class LocalEmbedder(Embedder, Protocol):
    """An in-process embedder that can also count its model's tokens (for the chunker)."""

    max_tokens: int

    def count_tokens(self, text: str) -> int:
        """Word-piece tokens the model would see."""
        ...


def build_embedder(settings: Settings) -> LocalEmbedder:
    """The embedder ``settings.embedder_backend`` names, on the configured (or packaged) model folder."""
    model_path = settings.embedding_model_path or packaged_model_path()
    if settings.embedder_backend == "torch":
        return SentenceTransformerEmbedder(model_path)
    precision: Precision = "int8" if settings.embedder_backend == "onnx-int8" else "fp32"
    return OnnxEmbedder(model_path, settings.model_cache_dir, precision=precision)
