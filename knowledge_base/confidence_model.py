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

__all__ = ["FEATURES", "ConfidenceModel"]

FEATURES = ("dense_top", "dense_margin", "dense_of_fused_top", "coverage", "agreement", "sentence_support")


def _default_path() -> Path:
    return Path(str(resources.files("knowledge_base") / "confidence_calibration.yaml"))


@dataclass(frozen=True, slots=True)
class ConfidenceModel:
    """``sigmoid(bias + Σ weight·feature)``."""

    weights: dict[str, float] = field(
        default_factory=lambda: {"dense_top": 6.0, "dense_of_fused_top": 4.0, "coverage": 3.0, "agreement": 0.5}
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
