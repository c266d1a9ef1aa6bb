"""Leave-one-batch-out cross-validation: each fold's learned layer never trains on the batch it scores."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from frontdoor.evaluation import safeguarding_cross_validation as cv

DATASET = {
    "messages": [
        {"text": "my son hits me when he is drunk", "tier": "urgent", "category": "physical", "batch": 1},
        {"text": "how do i apply for a blue badge", "tier": "none", "category": "none", "batch": 1},
        {"text": "i want to kill myself tonight", "tier": "immediate", "category": "suicide", "batch": 2},
        {"text": "what time do the carers come", "tier": "none", "category": "none", "batch": 2},
        {"text": "never scored: a holdout row", "tier": "none", "category": "none", "batch": 2, "holdout": True},
    ]
}
TRAINING = {
    "messages": [
        {"id": "b1-001", "text": "my son hits me when he is drunk", "tier": "urgent", "category": "physical",
         "batch": 1},
        {"id": "b2-001", "text": "i want to kill myself tonight", "tier": "immediate", "category": "suicide",
         "batch": 2},
        {"id": "b7-001", "text": "my carer was late this morning", "tier": "none", "category": "none", "batch": 7},
    ]
}


def test_when_cross_validating_then_each_fold_trains_without_its_batch_and_scores_only_it(
    embedder: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dataset, training = tmp_path / "set.yaml", tmp_path / "train.yaml"
    dataset.write_text(yaml.safe_dump(DATASET), encoding="utf-8")
    training.write_text(yaml.safe_dump(TRAINING), encoding="utf-8")
    trained_on: list[set[str]] = []
    real_build = cv.build_safeguarding_detector

    def spying_build(embed: Any, *, training_path: Path) -> Any:
        trained_on.append({r["id"] for r in yaml.safe_load(training_path.read_text(encoding="utf-8"))["messages"]})
        return real_build(embed, training_path=training_path)

    monkeypatch.setattr(cv, "build_safeguarding_detector", spying_build)

    scores = cv.cross_validate_safeguarding(embedder, dataset, training)

    assert trained_on == [{"b2-001", "b7-001"}, {"b1-001", "b7-001"}]  # fold 1 without batch 1, fold 2 without 2
    assert scores.n == 4  # the holdout row is never scored
    assert sum(scores.caught.values()) == 2 and scores.routine == 2 and scores.routine_escalated == 0
