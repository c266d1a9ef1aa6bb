"""A calibrated confidence that the retrieved passages answer the question.

A logistic model over a few retrieval features, fitted on the labelled evaluation set by
``frontdoor eval --calibrate`` and stored in YAML beside this file. Features are all in [0, 1] so the
model transfers between councils whose pages differ in length and wording.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

from knowledge_base.text_analysis import content_tokens

__all__ = ["FEATURES", "ConfidenceModel"]

FEATURES = ("sentence_support", "dense_top", "known_share", "doc_coverage", "question_length")
"""Chosen by 5-fold cross-validation on the main labelled set (``frontdoor eval --calibrate`` prints the
cross-validated rates): the best sentence's similarity, the best passage's similarity, the share of the
question's words the council's pages use anywhere, the share the top page uses, and how long the question
is (:func:`question_length`)."""

QUESTION_LENGTH_SATURATION = 20
"""Content words at which ``question_length`` reaches 1 (see :func:`question_length`)."""


def question_length(question: str) -> float:
    """The resident's own content words (stopwords gone), as a share of ``QUESTION_LENGTH_SATURATION``.

    Why it is a gate feature: one embedding of a long, rambling message ("hi so basically my dad is 82, lives
    on his own and since my mum died ...") is only loosely similar to any one sentence, so the similarity
    features alone read it as a poor match even when the right page is top. Knowing the length lets the
    model expect lower similarity from a longer message. Measured 2026-12-07 (5-fold x 10 on the main set):
    cross-validated answered 0.894 -> 0.906 and unanswerable refused 0.808 -> 0.819; saturation 15, 20, 25
    and 30 words all gave 0.91 / 0.82 (10: 0.878 / 0.861; 40: 0.903 / 0.811), so 20 is the middle of a
    plateau, not a peak. It is measured on the resident's redacted words, before typo correction or the
    resident-wording additions, so it does not depend on the council's pages.
    """
    return min(len(content_tokens(question)), QUESTION_LENGTH_SATURATION) / QUESTION_LENGTH_SATURATION


def _default_path() -> Path:
    return Path(str(resources.files("knowledge_base") / "confidence_calibration.yaml"))


@dataclass(frozen=True, slots=True)
class ConfidenceModel:
    """``sigmoid(bias + Σ weight·feature)``."""

    weights: dict[str, float] = field(
        default_factory=lambda: {
            "sentence_support": 5.0,
            "dense_top": 3.0,
            "known_share": 2.0,
            "doc_coverage": 2.0,
            "question_length": 1.0,
        }
    )
    bias: float = -7.0
    threshold: float = 0.5
    """The answer threshold chosen at calibration (maximises balanced accuracy on the fitting set)."""
    fitted_on: str = "uncalibrated defaults"

    def score(self, features: dict[str, float]) -> float:
        """Confidence in [0, 1]."""
        z = self.bias + sum(self.weights.get(name, 0.0) * features.get(name, 0.0) for name in FEATURES)
        return 1.0 / (1.0 + math.exp(-z))

    @classmethod
    def load(cls, path: Path | None = None) -> ConfidenceModel:
        """Load the calibration file (defaults if it does not exist yet)."""
        target = path or _default_path()
        if not target.exists():
            return cls()
        data = yaml.safe_load(target.read_text(encoding="utf-8")) or {}
        return cls(
            weights={k: float(v) for k, v in data.get("weights", {}).items()},
            bias=float(data.get("bias", -7.0)),
            threshold=float(data.get("threshold", 0.5)),
            fitted_on=str(data.get("fitted_on", "unknown")),
        )

    def save(self, path: Path | None = None) -> Path:
        """Write the calibration file."""
        target = path or _default_path()
        target.write_text(
            yaml.safe_dump(
                {"weights": self.weights, "bias": self.bias, "threshold": self.threshold, "fitted_on": self.fitted_on},
                sort_keys=True,
            ),
            encoding="utf-8",
        )
        return target
