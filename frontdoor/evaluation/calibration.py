"""Fits the retrieval confidence model on a labelled set (``frontdoor eval --calibrate``).

Label: 1 when the question is answerable *and* the top-ranked document is an expected one, else 0 — so
the confidence estimates "the best passage answers this", which is what the answer threshold needs.
A regularised logistic regression over a few bounded features; it is fitted on the main set and judged on
the holdout set, which it never sees. :func:`cross_validate` gives the rates to expect on questions the fit
has not seen (repeated stratified 5-fold: each fold's threshold is chosen on the other four); the in-sample
rates of a fit on 160 questions flatter it. ``C=1`` (moderate regularisation) was chosen that way: weaker
regularisation fits this set better and unseen folds worse.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from frontdoor.evaluation.answering_eval import CaseResult
from knowledge_base.confidence_model import FEATURES, ConfidenceModel

__all__ = ["CrossValidation", "cross_validate", "fit_confidence"]

_C = 1.0


@dataclass(frozen=True, slots=True)
class CrossValidation:
    """Rates on held-out folds, averaged over repeats: the gate alone (scope rules not applied)."""

    folds: int
    repeats: int
    answered_rate: float
    """Answerable questions at or above their fold's threshold."""
    unanswerable_not_answered: float
    """Unanswerable questions below their fold's threshold."""


def fit_confidence(cases: Sequence[CaseResult], source: str) -> ConfidenceModel:
    """Fit weights and bias on these cases' retrieval features."""
    x, y = _matrix(cases)
    model = LogisticRegression(C=_C, max_iter=2000, class_weight="balanced")
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


def cross_validate(cases: Sequence[CaseResult], folds: int = 5, repeats: int = 10) -> CrossValidation:
    """Fit and choose the threshold on ``folds - 1`` folds, apply to the last; repeat with reshuffled folds."""
    x, y = _matrix(cases)
    answerable = np.array([c.answerable for c in cases])
    strata = y * 2 + answerable  # keeps answerable-but-misranked questions spread over the folds too
    answered, refused = [], []
    for repeat in range(repeats):
        passed = np.zeros(len(cases), dtype=bool)
        for train, test in StratifiedKFold(folds, shuffle=True, random_state=repeat).split(x, strata):
            model = LogisticRegression(C=_C, max_iter=2000, class_weight="balanced").fit(x[train], y[train])
            threshold = _balanced_threshold(model.predict_proba(x[train])[:, 1], y[train])
            passed[test] = model.predict_proba(x[test])[:, 1] >= threshold
        answered.append(float(passed[answerable].mean()) if answerable.any() else 0.0)
        refused.append(float((~passed[~answerable]).mean()) if (~answerable).any() else 0.0)
    return CrossValidation(folds, repeats, float(np.mean(answered)), float(np.mean(refused)))


def _matrix(cases: Sequence[CaseResult]) -> tuple[np.ndarray, np.ndarray]:
    x = np.array([[c.features.get(f, 0.0) for f in FEATURES] for c in cases], dtype=float)
    y = np.array([1 if c.answerable and c.ranked_docs and c.ranked_docs[0] in c.expected_docs else 0 for c in cases])
    return x, y
