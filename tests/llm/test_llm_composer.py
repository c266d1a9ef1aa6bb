"""The LLM composer with LangChain's fake chat models: verified answers, fallbacks, the breaker, streaming."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel, GenericFakeChatModel
from langchain_core.messages import AIMessage

from bot.base import Composition
from bot.extractive_composer import ExtractiveComposer
from bot.llm import AnswerDone, AnswerSentence, BreakerState, LlmComposer, compose_with_model
from councils import Council
from knowledge_base.base import RetrievalResult

QUESTION = "How much is a blue badge and how do I apply?"


def draft(answer: str, passages: list[int], completeness: str = "complete") -> str:
    return json.dumps({"completeness": completeness, "passages": passages, "answer": answer})


GOOD = draft(
    "A Blue Badge costs £10, and you only pay once your application is approved [2]. "
    "The quickest way to apply is online through GOV.UK, and the council's page is [LINK_1] [1].",
    [1, 2],
)


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def retrieval(retrieval_for: Callable[..., RetrievalResult]) -> RetrievalResult:
    return retrieval_for(
        ("blue-badge", "quickest way is online"), ("blue-badge", "How much it costs"), query=QUESTION
    )


@pytest.fixture
def make(embedder: Any, extractive: ExtractiveComposer) -> Iterator[Callable[..., LlmComposer]]:
    built: list[LlmComposer] = []

    def build(model: Any, **kwargs: Any) -> LlmComposer:
        composer = compose_with_model(model, embedder, extractive, model_name="fake", **kwargs)
        built.append(composer)
        return composer

    yield build
    for composer in built:
        composer.close()


def test_when_draft_is_grounded_then_generated_answer_with_renumbered_citations(
    make: Callable[..., LlmComposer], retrieval: RetrievalResult, ashby: Council
) -> None:
    composer = make(GenericFakeChatModel(messages=iter([AIMessage(content=GOOD)])))
    result = composer.compose(QUESTION, retrieval, ashby)
    assert result is not None and result.composer == "llm" and result.model == "fake"
    assert result.text.startswith(
        "A Blue Badge costs £10, and you only pay once your application is approved. [1]"
    )
    assert "https://www.ashbyvale.gov.uk/adult-social-care/blue-badge. [2]" in result.text
    assert "[LINK_" not in result.text
    assert [(c.n, c.section) for c in result.citations] == [
        (1, "Blue Badge parking permits > How much it costs"),
        (2, "Blue Badge parking permits > How to apply"),
    ]
    assert result.grounded_rate == 1.0
    assert result.readability is not None
    assert result.text.endswith(f"call {ashby.name} on {ashby.phones.front_door}.")


def test_when_draft_invents_a_number_then_that_sentence_is_removed(
    make: Callable[..., LlmComposer], retrieval: RetrievalResult, ashby: Council
) -> None:
    invented = draft(
        "A Blue Badge costs £10 [2]. It lasts for up to 3 years [2]. "
        "Renewing it costs £25 [2]. Apply online through GOV.UK [1].",
        [1, 2],
    )
    composer = make(FakeListChatModel(responses=[invented]))
    result = composer.compose(QUESTION, retrieval, ashby)
    assert result is not None and result.composer == "llm"
    assert "£25" not in result.text and "£10" in result.text
    assert result.grounded_rate == 0.75


def test_when_model_ignores_the_passages_then_extractive_answer(
    make: Callable[..., LlmComposer],
    extractive: ExtractiveComposer,
    retrieval: RetrievalResult,
    ashby: Council,
) -> None:
    ignoring = draft(
        "You can get free parking anywhere in the country for 24 hours [1]. "
        "Most people qualify automatically once they turn 65 [2]. Just ask your GP for a badge [1].",
        [1, 2],
    )
    composer = make(FakeListChatModel(responses=[ignoring]))
    result = composer.compose(QUESTION, retrieval, ashby)
    expected = extractive.compose(QUESTION, retrieval, ashby)
    assert result is not None and expected is not None
    assert (result.text, result.citations, result.composer) == (
        expected.text,
        expected.citations,
        "extractive",
    )
    assert result.grounded_rate is not None and result.grounded_rate < 0.5
    assert composer.stats().fallbacks == 1


def test_when_model_says_none_then_no_answer(
    make: Callable[..., LlmComposer], retrieval: RetrievalResult, ashby: Council
) -> None:
    composer = make(FakeListChatModel(responses=[draft("", [], "none")]))
    assert composer.compose(QUESTION, retrieval, ashby) is None
    assert composer.stats().declined == 1


def test_when_there_are_no_passages_then_the_model_is_not_called(
    make: Callable[..., LlmComposer], ashby: Council
) -> None:
    model = FakeListChatModel(responses=[GOOD])
    composer = make(model)
    assert composer.compose(QUESTION, RetrievalResult(QUESTION, (), 0.0), ashby) is None
    assert model.i == 0


def test_when_model_returns_garbage_then_breaker_opens_and_later_closes(
    make: Callable[..., LlmComposer], retrieval: RetrievalResult, ashby: Council
) -> None:
    clock = Clock()
    model = FakeListChatModel(responses=["<html>502</html>", "sorry!", "{not json", GOOD])
    composer = make(model, failure_threshold=3, cooldown_seconds=30.0, clock=clock)
    for _ in range(3):
        result = composer.compose(QUESTION, retrieval, ashby)
        assert result is not None and result.composer == "extractive"
    assert composer._breaker.state is BreakerState.OPEN
    calls_before = model.i
    skipped = composer.compose(QUESTION, retrieval, ashby)
    assert skipped is not None and skipped.composer == "extractive"
    assert model.i == calls_before  # open: the model was not called at all
    clock.now += 31
    assert composer._breaker.state is BreakerState.HALF_OPEN
    trial = composer.compose(QUESTION, retrieval, ashby)
    assert trial is not None and trial.composer == "llm"
    assert composer._breaker.state is BreakerState.CLOSED
    stats = composer.stats()
    assert (stats.model_failures, stats.breaker_skips, stats.fallbacks, stats.model_calls) == (3, 1, 4, 4)


def test_when_easy_read_then_same_verifier_and_readability_reported(
    make: Callable[..., LlmComposer], retrieval: RetrievalResult, ashby: Council
) -> None:
    easy = draft(
        "A Blue Badge costs £10 [2]. You pay when you are approved [2]. You can apply online [1].", [1, 2]
    )
    composer = make(FakeListChatModel(responses=[easy]), easy_read=True)
    result = composer.compose(QUESTION, retrieval, ashby)
    assert result is not None and result.composer == "llm"
    assert result.readability is not None and result.readability > 70


async def test_when_streamed_then_verified_sentences_then_done(
    make: Callable[..., LlmComposer], retrieval: RetrievalResult, ashby: Council
) -> None:
    composer = make(FakeListChatModel(responses=[GOOD]))
    events = [e async for e in composer.stream(QUESTION, retrieval, ashby)]
    sentences = [e.text for e in events if isinstance(e, AnswerSentence)]
    done = events[-1]
    assert isinstance(done, AnswerDone) and isinstance(done.composition, Composition)
    assert len(sentences) == 2 and all(s in done.composition.text for s in sentences)
    assert done.composition.composer == "llm"


async def test_when_stream_falls_back_then_extractive_text_is_streamed(
    make: Callable[..., LlmComposer], retrieval: RetrievalResult, ashby: Council
) -> None:
    composer = make(FakeListChatModel(responses=["not an answer"]))
    events = [e async for e in composer.stream(QUESTION, retrieval, ashby)]
    done = events[-1]
    assert isinstance(done, AnswerDone) and done.composition is not None
    assert done.composition.composer == "extractive"
    streamed = "\n\n".join(e.text for e in events if isinstance(e, AnswerSentence))
    assert streamed == done.composition.text
