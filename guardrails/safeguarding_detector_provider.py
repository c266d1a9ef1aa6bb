"""Builds the safeguarding detector once at start-up (loads patterns, embeds exemplars, trains the learned layer)."""

from __future__ import annotations

from pathlib import Path

from frontdoor.errors import GuardrailError
from guardrails.exemplar_index import ExemplarIndex
from guardrails.learned_tier_classifier import LearnedTierClassifier
from guardrails.pattern_library import PatternLibrary
from guardrails.safeguarding_detector import LayeredSafeguardingDetector
from guardrails.training_set import load_training_sentences
from knowledge_base.base import Embedder

__all__ = ["build_safeguarding_detector"]


def build_safeguarding_detector(
    embedder: Embedder | None,
    *,
    patterns_dir: Path | None = None,
    semantic_threshold: float = 0.50,
    semantic_margin: float = 0.08,
    history_messages: int = 2,
    training_path: Path | None = None,
    learned: bool = True,
    learned_escalate_threshold: float = 0.40,
    learned_immediate_threshold: float = 0.40,
) -> LayeredSafeguardingDetector:
    """The production detector. With ``embedder`` None the semantic and learned layers are off
    (patterns + fuzzy only); ``learned`` False turns off only the learned layer.

    Raises GuardrailError if a pattern or training file is invalid or the sentences cannot be embedded.
    """
    library = PatternLibrary.load(patterns_dir)
    if embedder is None:
        return LayeredSafeguardingDetector(library, history_messages=history_messages)
    classifier: LearnedTierClassifier | None = None
    if not learned:
        index = ExemplarIndex.build(library.exemplars, embedder)
    else:
        # One embedding call for everything: the training sentences start with the exemplars, in order.
        sentences = load_training_sentences(library.exemplars, training_path)
        try:
            vectors = embedder.embed([s.text for s in sentences])
        except Exception as exc:  # any embedder failure means the semantic layers cannot run
            raise GuardrailError(f"cannot embed safeguarding sentences: {exc}") from exc
        index = ExemplarIndex(library.exemplars, vectors[: len(library.exemplars)])
        classifier = LearnedTierClassifier(
            sentences,
            vectors,
            escalate_threshold=learned_escalate_threshold,
            immediate_threshold=learned_immediate_threshold,
        )
    return LayeredSafeguardingDetector(
        library,
        exemplar_index=index,
        embedder=embedder,
        semantic_threshold=semantic_threshold,
        semantic_margin=semantic_margin,
        history_messages=history_messages,
        learned=classifier,
    )
