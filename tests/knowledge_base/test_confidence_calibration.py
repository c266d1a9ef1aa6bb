"""Calibration reports cross-validated rates, which separate as well as the features do."""

from __future__ import annotations

import random

import pytest

from frontdoor.evaluation.answering_eval import CaseResult
from frontdoor.evaluation.calibration import cross_validate, fit_confidence
from knowledge_base.confidence_model import FEATURES


def _cases(gap: float, n: int = 60, seed: int = 7) -> list[CaseResult]:
    """Answerable cases whose features sit ``gap`` above the unanswerable ones, plus noise."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        answerable = i % 3 != 0
        base = 0.4 + (gap if answerable else 0.0)
        features = {f: min(1.0, max(0.0, base + rng.gauss(0, 0.1))) for f in FEATURES}
        expected = ("doc",) if answerable else ()
        out.append(CaseResult(f"q{i}", answerable, "q", ("doc",), "not_run", 0.0, False, features, (), expected))
    return out


@pytest.mark.parametrize(("gap", "at_least"), [(0.4, 0.95), (0.0, 0.0)])
def test_when_features_separate_then_cross_validated_rates_are_high(gap: float, at_least: float) -> None:
    cv = cross_validate(_cases(gap), repeats=2)
    assert min(cv.answered_rate, cv.unanswerable_not_answered) >= at_least
    if gap == 0.0:  # no signal: a held-out fold cannot do well on both
        assert min(cv.answered_rate, cv.unanswerable_not_answered) < 0.8


def test_when_fitted_then_every_feature_has_a_weight_and_threshold_is_a_probability() -> None:
    model = fit_confidence(_cases(0.4), "synthetic")
    assert set(model.weights) == set(FEATURES)
    assert 0.0 < model.threshold < 1.0
