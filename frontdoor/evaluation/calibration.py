"""Fits the retrieval confidence model on a labelled set (``frontdoor eval --calibrate``).

Label: 1 when the question is answerable *and* the top-ranked document is an expected one, else 0 — so
the confidence estimates "the best passage answers this", which is what the answer threshold needs.
A lightly regularised logistic regression over four bounded features; it is fitted on the main set and
judged on the holdout set, which it never sees.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.linear_model import LogisticRegression

from frontdoor.evaluation.answering_eval import CaseResult
from knowledge_base.confidence_model import FEATURES, ConfidenceModel

__all__ = ["fit_confidence"]


def fit_confidence(cases: Sequence[CaseResult], source: str) -> ConfidenceModel:
    """Fit weights and bias on these cases' retrieval features."""
    x = np.array([[c.features.get(f, 0.0) for f in FEATURES] for c in cases], dtype=float)
    y = np.array([1 if c.answerable and c.ranked_docs and c.ranked_docs[0] in c.expected_docs else 0 for c in cases])
    model = LogisticRegression(C=1.0, max_iter=1000)
    model.fit(x, y)
    weights = {f: round(float(w), 4) for f, w in zip(FEATURES, model.coef_[0], strict=True)}
    return ConfidenceModel(weights=weights, bias=round(float(model.intercept_[0]), 4),
                           fitted_on=f"{source}: {len(cases)} questions, {int(y.sum())} positive")
