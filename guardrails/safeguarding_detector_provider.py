"""Builds the safeguarding detector once at start-up (loads patterns, embeds exemplars)."""

from __future__ import annotations

from pathlib import Path

from guardrails.exemplar_index import ExemplarIndex
from guardrails.pattern_library import PatternLibrary
from guardrails.safeguarding_detector import LayeredSafeguardingDetector
from knowledge_base.base import Embedder

__all__ = ["build_safeguarding_detector"]


def build_safeguarding_detector(
    embedder: Embedder | None,
    *,
    patterns_dir: Path | None = None,
    semantic_threshold: float = 0.50,
    semantic_margin: float = 0.08,
    history_messages: int = 2,
) -> LayeredSafeguardingDetector:
    """The production detector. With ``embedder`` None the semantic layer is off (patterns + fuzzy only).

    Raises GuardrailError if a pattern file is invalid or the exemplars cannot be embedded.
    """
    library = PatternLibrary.load(patterns_dir)
    index = ExemplarIndex.build(library.exemplars, embedder) if embedder is not None else None
    return LayeredSafeguardingDetector(
        library,
        exemplar_index=index,
        embedder=embedder,
        semantic_threshold=semantic_threshold,
        semantic_margin=semantic_margin,
        history_messages=history_messages,
    )
