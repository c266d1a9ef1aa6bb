"""The evaluation's matching rule and the labelled set's shape (the figures themselves are printed by
``frontdoor eval redaction``, not asserted)."""

from __future__ import annotations

import pytest

from frontdoor.evaluation.redaction_eval import (
    Detection,
    Expected,
    LabelledMessage,
    default_dataset,
    load_dataset,
    score_system,
)

TEXT = "Call Grace Okafor on 07700 900123"


def _message(pii: tuple[Expected, ...], text: str = TEXT) -> LabelledMessage:
    return LabelledMessage("m1", "chat", "dev", "ashby-vale", text, pii)


@pytest.mark.parametrize(
    ("detections", "found", "correct"),
    [
        ([Detection("PERSON", 5, 17)], 1, 1),  # exact
        ([Detection("PERSON", 0, 20)], 1, 1),  # wider span still covers the value
        ([Detection("PERSON", 5, 10), Detection("PERSON", 11, 17)], 1, 2),  # two spans cover it together
        ([Detection("UK_NHS", 5, 17)], 1, 1),  # any type counts as redacted
        ([Detection("PERSON", 5, 10)], 0, 1),  # "Okafor" left in clear: not found
        ([Detection("PERSON", 0, 4)], 0, 0),  # "Call": over-redaction
    ],
)
def test_when_detections_then_value_level_counts(detections: list[Detection], found: int, correct: int) -> None:
    scores = score_system([_message((Expected("PERSON", "Grace Okafor"),))], lambda _: detections)
    assert scores.per_type["PERSON"].found == found
    assert scores.overall.correct == correct
    assert scores.overall.detected == len(detections)


def test_when_value_occurs_twice_then_both_must_be_covered() -> None:
    text = "Bill? Bill Pritchard"
    message = _message((Expected("PERSON", "Bill"),), text)
    assert score_system([message], lambda _: [Detection("PERSON", 6, 20)]).overall.found == 0
    both = [Detection("PERSON", 0, 4), Detection("PERSON", 6, 20)]
    assert score_system([message], lambda _: both).overall.found == 1


def test_when_trap_has_detection_then_precision_drops() -> None:
    scores = score_system([_message(())], lambda _: [Detection("PHONE_NUMBER", 21, 33)])
    assert scores.overall.recall is None
    assert scores.overall.precision == 0.0
    assert scores.false_positives == ("m1:PHONE_NUMBER",)


def test_when_bundled_set_loaded_then_it_is_broad_enough() -> None:
    messages = load_dataset(default_dataset())
    assert len(messages) >= 150
    assert sum(1 for m in messages if not m.pii) >= 30
    assert sum(1 for m in messages if m.split == "holdout") >= 40
    assert {m.style for m in messages} == {"chat", "phone"}
    assert len({m.id for m in messages}) == len(messages)
