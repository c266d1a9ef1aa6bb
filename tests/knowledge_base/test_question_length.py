"""The ``question_length`` gate feature: the resident's own content words, saturating at 20."""

from __future__ import annotations

from typing import Any

import pytest

from knowledge_base.confidence_model import QUESTION_LENGTH_SATURATION, ConfidenceModel, question_length

LONG = (
    "hi so basically my dad is eighty two lives on his own and since my mum died hes not eating properly "
    "and the house is a state and hes had a couple of falls and the doctor said he needs more help at home "
    "what support can the council give him because my sister lives far away and works full time"
)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("", 0.0),
        ("how do i", 0.0),  # stopwords only
        ("blue badge cost", 3 / QUESTION_LENGTH_SATURATION),
        ("how do i get a blue badge and what does it cost", 3 / QUESTION_LENGTH_SATURATION),  # stopwords do not count
        ("<PERSON_1> blue badge cost", 3 / QUESTION_LENGTH_SATURATION),  # nor does a redaction placeholder
        (LONG, 1.0),  # saturates
    ],
)
def test_when_question_measured_then_only_content_words_count_up_to_saturation(question: str, expected: float) -> None:
    assert question_length(question) == pytest.approx(expected)


def test_when_two_questions_match_alike_then_the_longer_one_is_more_confident() -> None:
    model = ConfidenceModel.load()
    alike = {"sentence_support": 0.45, "dense_top": 0.45, "known_share": 0.9, "doc_coverage": 0.3}
    short = model.score({**alike, "question_length": question_length("carers hoovering")})
    long = model.score({**alike, "question_length": question_length(LONG)})
    assert model.weights["question_length"] > 0
    assert long > short


@pytest.mark.parametrize("question", ["how much does a blue badge cost", "can i get a blu badge"])
def test_when_retrieved_then_question_length_is_of_the_residents_words(services: Any, question: str) -> None:
    council = next(iter(services.councils)).id
    result = services.retriever.search(question, council, 3)
    assert result.chunks
    assert result.features["question_length"] == pytest.approx(question_length(question))
