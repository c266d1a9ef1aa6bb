"""Exports a local sentence-transformers folder to an ONNX file once, offline, into a cache folder.

The exported graph is the whole sentence encoder: the transformer, mean pooling over the attention mask and
L2 normalisation. Its first output is the sentence vector; its second, ``token_embeddings``, is the
transformer's last hidden state, which ingest pools over each sentence's tokens so a chunk's sentences get
vectors from the chunk's own forward pass (``OnnxEmbedder.embed_with_parts``). Asking for the second
output costs nothing: it is computed on the way to the first. The cache file name carries a
fingerprint of the model folder's bytes, so a changed model is exported afresh and never confused with an
older export. ``int8`` additionally applies ONNX Runtime's dynamic quantisation with per-channel weight
scales (per-tensor scales moved MiniLM's vectors too far: cosine to fp32 0.95 on average, against 0.99).

Decisions: the export runs at first start, never at build time, so there is nothing to ship or download;
it uses torch (already a dependency) with the TorchScript exporter, which needs the ``onnx`` package but
no network; files are written under a temporary name and renamed, so two processes starting together
cannot leave a half-written model for either to load.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import logging
import os
import warnings
from pathlib import Path
from typing import Any, Literal

from frontdoor.errors import ConfigurationError

__all__ = ["Precision", "cached_onnx_model"]

log = logging.getLogger(__name__)

Precision = Literal["fp32", "int8"]

_EXPORT_FORMAT = "2"
"""Bumped whenever the exported graph changes, so older cache files are not reused."""
_SUPPORTED_MODULES = {
    "sentence_transformers.models.Transformer",
    "sentence_transformers.models.Pooling",
    "sentence_transformers.models.Normalize",
}


def cached_onnx_model(model_path: Path, cache_dir: Path, precision: Precision, *, name: str) -> Path:
    """The ONNX file of ``model_path`` at ``precision`` in ``cache_dir`` (named ``name``-…), exported if missing."""
    _check_mean_pooling(model_path)
    stem = f"{name}-{_fingerprint(model_path)}"
    fp32 = cache_dir / f"{stem}-fp32.onnx"
    target = fp32 if precision == "fp32" else cache_dir / f"{stem}-int8.onnx"
    if target.is_file():
        return target
    cache_dir.mkdir(parents=True, exist_ok=True)
    if not fp32.is_file():
        log.info("embedder.onnx_export", extra={"model": model_path.name, "file": str(fp32)})
        _write_atomically(fp32, lambda tmp: _export(model_path, tmp))
    if precision == "int8":
        log.info("embedder.onnx_quantise", extra={"model": model_path.name, "file": str(target)})
        _write_atomically(target, lambda tmp: _quantise(fp32, tmp))
    return target


def _check_mean_pooling(model_path: Path) -> None:
    """Only Transformer → mean Pooling (→ Normalize) folders are exported; anything else would differ."""
    modules_file = model_path / "modules.json"
    if not modules_file.is_file():
        raise ConfigurationError(f"not a sentence-transformers folder (no modules.json): {model_path}")
    modules = json.loads(modules_file.read_text(encoding="utf-8"))
    types = {m["type"] for m in modules}
    pooling = [m for m in modules if m["type"].endswith(".Pooling")]
    config: dict[str, Any] = {}
    if pooling:
        config = json.loads((model_path / pooling[0]["path"] / "config.json").read_text(encoding="utf-8"))
    modes = {k for k, v in config.items() if k.startswith("pooling_mode_") and v}
    if not types <= _SUPPORTED_MODULES or modes != {"pooling_mode_mean_tokens"}:
        raise ConfigurationError(
            f"the onnx embedder backend supports mean-pooled models only ({model_path}: {sorted(types)}, "
            f"{sorted(modes)}); set FRONTDOOR_EMBEDDER_BACKEND=torch"
        )


def _fingerprint(model_path: Path) -> str:
    digest = hashlib.sha256(_EXPORT_FORMAT.encode())
    for file in sorted(p for p in model_path.rglob("*") if p.is_file()):
        digest.update(file.relative_to(model_path).as_posix().encode())
        with file.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()[:16]


def _write_atomically(target: Path, write: Any) -> None:
    tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    try:
        write(tmp)
        os.replace(tmp, target)
    except ConfigurationError:
        raise
    except Exception as exc:
        raise ConfigurationError(f"cannot build ONNX embedding model {target.name}: {exc}") from exc
    finally:
        tmp.unlink(missing_ok=True)


def _export(model_path: Path, out: Path) -> None:
    import torch
    from transformers import AutoModel

    transformer = AutoModel.from_pretrained(str(model_path), local_files_only=True).eval()
    takes_token_types = "token_type_ids" in inspect.signature(transformer.forward).parameters

    class SentenceEncoder(torch.nn.Module):
        """Transformer, then mean pooling over real tokens, then L2 normalisation (as sentence-transformers)."""

        def __init__(self) -> None:
            super().__init__()
            self.transformer = transformer

        def forward(
            self, input_ids: torch.Tensor, attention_mask: torch.Tensor
        ) -> tuple[torch.Tensor, torch.Tensor]:
            extra = {"token_type_ids": torch.zeros_like(input_ids)} if takes_token_types else {}
            hidden = self.transformer(input_ids=input_ids, attention_mask=attention_mask, **extra).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2.0, dim=1), hidden

    example = (torch.ones((2, 5), dtype=torch.long), torch.tensor([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0]]))
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")  # tracer chatter about shapes; the graph is checked by the tests
        torch.onnx.export(
            SentenceEncoder(),
            example,
            str(out),
            input_names=["input_ids", "attention_mask"],
            output_names=["sentence_embedding", "token_embeddings"],
            dynamic_axes={
                "input_ids": {0: "batch", 1: "tokens"},
                "attention_mask": {0: "batch", 1: "tokens"},
                "sentence_embedding": {0: "batch"},
                "token_embeddings": {0: "batch", 1: "tokens"},
            },
            opset_version=17,
            dynamo=False,
        )


def _quantise(fp32: Path, out: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)  # quantize_dynamic warns on the root logger about optional pre-processing
    try:
        quantize_dynamic(fp32, out, weight_type=QuantType.QInt8, per_channel=True)
    finally:
        root.setLevel(level)
