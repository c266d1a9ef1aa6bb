"""Builds the safeguarding detector once at start-up (loads patterns, embeds exemplars, trains the learned layer)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from frontdoor.errors import GuardrailError
from guardrails.exemplar_index import ExemplarIndex
from guardrails.learned_tier_classifier import LearnedTierClassifier
from guardrails.pattern_library import Exemplar, PatternLibrary
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
    routine_path: Path | None = None,
    learned: bool = True,
    learned_escalate_threshold: float = 0.40,
    learned_immediate_threshold: float = 0.40,
    learned_min_disclosure_neighbours: int = 1,
    learned_question_threshold: float = 0.80,
) -> LayeredSafeguardingDetector:
    """The production detector. With ``embedder`` None the semantic and learned layers are off
    (patterns + fuzzy only); ``learned`` False turns off only the learned layer.

    Every routine (tier none) training sentence also joins the semantic layer's routine side, so an
    exemplar must beat the nearest routine question or page sentence by the margin, not just the few
    routine exemplars. Raises GuardrailError if a pattern or training file is invalid or the sentences
    cannot be embedded.

    Settings chosen by leave-one-batch-out cross-validation of the similarity layers alone on the tuning set
    (batches 1-5, written routine questions split five ways; never the holdouts), 2026-11-25: routine rows on
    the semantic layer's routine side cut held-out routine escalations from 12-17/178 to 6/178 for about one
    disclosure; one disclosure neighbour instead of two (now that routine rows crowd every neighbourhood)
    recovers 7 of 286 held-out disclosures (0.937 -> 0.962) for 2/178 more routine escalations. Thresholds
    0.50 / 0.08 / 0.40 / veto 0.70 sat on a flat region and were kept.

    2026-11-26, tried and **rejected**: with blind batch 8 in the tuning set (686 messages, six folds) and a
    self-neglect pattern for the one disclosure it cost ("not showered in weeks"), an escalate threshold of
    0.50 instead of 0.40 kept cross-validated recall at 407/409 and cut held-out routine flags 14 -> 9 of 220
    and stops of the 386 answering-set questions 28 -> 24; but on blind holdout 5 it lost 5 of 121
    disclosures (111 -> 106) and saved no routine message (7/42 both). A missed disclosure is the worst
    failure, so 0.40 stays (holdout 5 was read for this one decision). The learned layer is worth 49 of
    those 409 disclosures (0.875 without it).
    """
    library = PatternLibrary.load(patterns_dir)
    if embedder is None:
        return LayeredSafeguardingDetector(library, history_messages=history_messages)
    # One embedding call for everything: the training sentences start with the exemplars, in order.
    sentences = load_training_sentences(library.exemplars, training_path, routine_path)
    try:
        vectors = np.asarray(embedder.embed([s.text for s in sentences]), dtype=np.float32)
    except Exception as exc:  # any embedder failure means the semantic layers cannot run
        raise GuardrailError(f"cannot embed safeguarding sentences: {exc}") from exc
    n = len(library.exemplars)
    routine = [i for i in range(n, len(sentences)) if sentences[i].tier is None]
    index = ExemplarIndex(
        (*library.exemplars, *(Exemplar(sentences[i].rule_id, sentences[i].text, None, None) for i in routine)),
        np.concatenate([vectors[:n], vectors[routine]]),
    )
    classifier = (
        LearnedTierClassifier(
            sentences,
            vectors,
            escalate_threshold=learned_escalate_threshold,
            immediate_threshold=learned_immediate_threshold,
            min_disclosure_neighbours=learned_min_disclosure_neighbours,
        )
        if learned
        else None
    )
    return LayeredSafeguardingDetector(
        library,
        exemplar_index=index,
        embedder=embedder,
        semantic_threshold=semantic_threshold,
        semantic_margin=semantic_margin,
        history_messages=history_messages,
        learned=classifier,
        question_escalate_threshold=learned_question_threshold,
    )
