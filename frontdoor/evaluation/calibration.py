"""Fits the retrieval confidence model on a labelled set (``frontdoor eval --calibrate``).

Label: 1 when the question is answerable *and* the top-ranked document is an expected one, else 0 — so
the confidence estimates "the best passage answers this", which is what the answer threshold needs.
A lightly regularised logistic regression over a few bounded features; it is fitted on the main set and
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
    model = LogisticRegression(C=10.0, max_iter=2000, class_weight="balanced")
    model.fit(x, y)
    weights = {f: round(float(w), 4) for f, w in zip(FEATURES, model.coef_[0], strict=True)}
    fitted = ConfidenceModel(weights=weights, bias=round(float(model.intercept_[0]), 4))
    scores = np.array([fitted.score(dict(zip(FEATURES, row, strict=True))) for row in x])
    threshold = _balanced_threshold(scores, y)
    return ConfidenceModel(
        weights=weights,
        bias=fitted.bias,
        threshold=round(threshold, 3),
        fitted_on=f"{source}: {len(cases)} questions, {int(y.sum())} positive",
    )


def _balanced_threshold(scores: np.ndarray, labels: np.ndarray, tolerance: float = 0.01) -> float:
    """The lowest threshold whose balanced accuracy is within ``tolerance`` of the best.

    Balanced accuracy (mean of both classes' recall) is nearly flat around its peak on a set this size, so
    the single best point is close to arbitrary. Among near-equal points we prefer the one that answers
    more: a refusal still offers a person, but an answer the council wrote is what most residents came for.
    """
    points = []
    for t in np.unique(scores):
        predicted = scores >= t
        tpr = float((predicted & (labels == 1)).sum() / max((labels == 1).sum(), 1))
        tnr = float((~predicted & (labels == 0)).sum() / max((labels == 0).sum(), 1))
        points.append((float(t), (tpr + tnr) / 2))
    if not points:
        return 0.5
    best = max(accuracy for _, accuracy in points)
    return min(t for t, accuracy in points if accuracy >= best - tolerance)
