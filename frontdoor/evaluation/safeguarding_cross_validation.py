"""Leave-one-batch-out cross-validation of the safeguarding detector on the tuning set.

Why: the learned layer is trained on ``guardrails/training_messages.yaml``, a copy of the tuning set's
non-holdout messages, so the tuning-set figures of ``frontdoor eval safeguarding`` are partly in-sample.
This run rebuilds the detector five times; fold ``k`` trains without the training rows of batch ``k`` and
is scored only on the tuning messages of batch ``k``, which it has never seen (patterns, exemplars and the
routine file stay: they were written, not copied from the set). The pooled figures are what a threshold
or a new layer should be judged by before anyone looks at a holdout.

``frontdoor eval safeguarding --cross-validate`` prints them.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import yaml

from frontdoor.errors import ConfigurationError
from frontdoor.evaluation.safeguarding_eval import (
    LabelledMessage,
    SplitScores,
    default_dataset,
    load_dataset,
    score_split,
)
from guardrails.base import SafeguardingDetector, SafeguardingResult
from guardrails.safeguarding_detector_provider import build_safeguarding_detector
from guardrails.training_set import default_training_path
from knowledge_base.base import Embedder, Vectors

__all__ = ["cross_validate_safeguarding"]


class _RememberingEmbedder:
    """Embeds each distinct text once across the folds (the folds share almost every sentence)."""

    def __init__(self, inner: Embedder) -> None:
        self._inner = inner
        self.name = inner.name
        self._seen: dict[str, Vectors] = {}

    def embed(self, texts: Sequence[str]) -> Vectors:
        missing = [t for t in dict.fromkeys(texts) if t not in self._seen]
        if missing:
            for text, vector in zip(missing, self._inner.embed(missing), strict=True):
                self._seen[text] = vector
        return np.stack([self._seen[t] for t in texts]) if texts else self._inner.embed([])


def cross_validate_safeguarding(
    embedder: Embedder, dataset: Path | None = None, training_path: Path | None = None
) -> SplitScores:
    """Pooled scores over every tuning-set (non-holdout) message, each scored by the fold that left its batch
    out of the learned layer's training."""
    messages = [m for m in load_dataset(dataset or default_dataset()) if not m.holdout]
    source = training_path or default_training_path()
    try:
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
        rows = list(data["messages"])
    except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
        raise ConfigurationError(f"{source}: cannot read the safeguarding training file: {exc}") from exc
    batches = sorted({m.batch for m in messages})
    remembering = _RememberingEmbedder(embedder)
    detectors: dict[int, SafeguardingDetector] = {}
    with tempfile.TemporaryDirectory(prefix="frontdoor-sg-cv-") as tmp:
        for batch in batches:
            kept = [r for r in rows if int(r.get("batch", 0)) != batch]
            fold_file = Path(tmp) / f"train-without-{batch}.yaml"
            fold_file.write_text(yaml.safe_dump({"messages": kept}, allow_unicode=True), encoding="utf-8")
            detectors[batch] = build_safeguarding_detector(remembering, training_path=fold_file)
    vectors = dict(zip([m.text for m in messages], remembering.embed([m.text for m in messages]), strict=True))

    def classify(m: LabelledMessage) -> SafeguardingResult:
        return detectors[m.batch].detect(m.text, m.history, vector=vectors[m.text])

    return score_split(messages, classify, keep_failures=False)

