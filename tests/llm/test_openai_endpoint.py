"""End to end over HTTP: ChatOpenAI, built from Settings, against a local OpenAI-compatible stub server."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from bot.extractive_composer import ExtractiveComposer
from bot.llm import AnswerDone, BreakerState, LlmComposer, build_llm_composer
from councils import Council
from knowledge_base.base import RetrievalResult

from .conftest import OpenAIStub, StubReply

PLANTED = {
    "name": "Margaret Thompson",
    "nhs": "943 476 5919",
    "street": "12 Acacia Avenue",
    "postcode": "AV2 3BB",
    "mobile": "07700 900123",
    "email": "maggie.t@example.com",
    "reference": "ASC-1234567",
}
MESSAGE = (
    f"My name is {PLANTED['name']}, NHS number {PLANTED['nhs']}. I live at {PLANTED['street']}, "
    f"{PLANTED['postcode']}; call me on {PLANTED['mobile']} or email {PLANTED['email']}. "
    f"My ref is {PLANTED['reference']}. How much does a blue badge cost and how do I apply?"
)


def draft(answer: str, passages: list[int], completeness: str = "complete") -> str:
    return json.dumps({"completeness": completeness, "passages": passages, "answer": answer})


GOOD = draft("A Blue Badge costs £10, and you only pay once your application is approved [1].", [1])


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def retrieval(retrieval_for: Callable[..., RetrievalResult]) -> RetrievalResult:
    return retrieval_for(("blue-badge", "How much it costs"), ("blue-badge", "quickest way is online"))


@pytest.fixture
def make(
    settings_factory: Callable[..., Any], embedder: Any, extractive: ExtractiveComposer
) -> Iterator[Callable[..., LlmComposer]]:
    built: list[LlmComposer] = []

    def build(base_url: str, clock: Callable[[], float] | None = None, **overrides: Any) -> LlmComposer:
        values: dict[str, Any] = {
            "llm_provider": "openai",
            "llm_base_url": base_url,
            "llm_model": "stub-model",
        }
        values.update(overrides)
        extra = {"clock": clock} if clock else {}
        composer = build_llm_composer(settings_factory(**values), embedder, extractive, **extra)
        assert composer is not None
        built.append(composer)
        return composer

    yield build
    for composer in built:
        composer.close()


def test_when_provider_is_none_then_no_llm_composer(
    settings_factory: Callable[..., Any], embedder: Any, extractive: ExtractiveComposer
) -> None:
    assert build_llm_composer(settings_factory(), embedder, extractive) is None


def test_when_message_had_personal_data_then_provider_never_sees_it(
    redactor: Any,
    make: Callable[..., LlmComposer],
    openai_stub: OpenAIStub,
    retrieval: RetrievalResult,
    ashby: Council,
) -> None:
    redacted = redactor.redact(MESSAGE, council_id=ashby.id).text
    openai_stub.script(GOOD)
    result = make(openai_stub.base_url).compose(redacted, retrieval, ashby)
    assert result is not None and result.composer == "llm"
    assert len(openai_stub.requests) == 1
    sent = openai_stub.raw_bodies[0]
    for kind, original in PLANTED.items():
        assert original not in sent, kind
        assert original.replace(" ", "") not in sent.replace(" ", ""), kind
    for placeholder in ("<PERSON_1>", "<UK_POSTCODE_1>", "<EMAIL_ADDRESS_1>"):
        assert placeholder in sent
    request = openai_stub.requests[0]
    assert request["path"] == "/v1/chat/completions"
    assert request["json"]["model"] == "stub-model"
    assert request["json"]["response_format"] == {"type": "json_object"}
    assert [m["role"] for m in request["json"]["messages"]] == ["system", "user"]
    assert "The badge costs £10" in request["json"]["messages"][1]["content"]
    assert "https://" not in request["json"]["messages"][1]["content"]  # links went as tokens


def test_when_model_invents_a_number_and_a_url_then_both_are_removed(
    make: Callable[..., LlmComposer], openai_stub: OpenAIStub, retrieval: RetrievalResult, ashby: Council
) -> None:
    openai_stub.script(
        draft(
            "A Blue Badge costs £10 [1]. A replacement for a lost badge costs £45 [1]. "
            "You can apply online through GOV.UK at https://quick-blue-badges.example.com [2]. "
            "It lasts up to 3 years [1].",
            [1, 2],
        )
    )
    result = make(openai_stub.base_url).compose("how much is a blue badge", retrieval, ashby)
    assert result is not None and result.composer == "llm"
    assert (
        "£45" not in result.text
        and "quick-blue-badges" not in result.text
        and "example.com" not in result.text
    )
    assert "£10" in result.text and "3 years" in result.text
    assert result.grounded_rate is not None and 0.5 <= result.grounded_rate < 1.0


def test_when_model_is_slow_then_timeout_gives_extractive_answer_without_retry(
    make: Callable[..., LlmComposer], openai_stub: OpenAIStub, retrieval: RetrievalResult, ashby: Council
) -> None:
    openai_stub.script(StubReply(content=GOOD, delay=3.0))
    composer = make(openai_stub.base_url, llm_timeout_seconds=0.5)
    started = time.perf_counter()
    result = composer.compose("how much is a blue badge", retrieval, ashby)
    assert time.perf_counter() - started < 2.0
    assert result is not None and result.composer == "extractive"
    assert len(openai_stub.requests) == 1
    assert composer.stats().model_failures == 1


def test_when_server_errors_once_then_one_retry_answers(
    make: Callable[..., LlmComposer], openai_stub: OpenAIStub, retrieval: RetrievalResult, ashby: Council
) -> None:
    openai_stub.script(StubReply(status=503, content="overloaded"), GOOD)
    result = make(openai_stub.base_url).compose("how much is a blue badge", retrieval, ashby)
    assert result is not None and result.composer == "llm"
    assert len(openai_stub.requests) == 2


@pytest.mark.parametrize(("status", "requests"), [(500, 2), (429, 2), (401, 1), (404, 1)])
def test_when_server_keeps_failing_then_extractive_answer(
    make: Callable[..., LlmComposer],
    openai_stub: OpenAIStub,
    retrieval: RetrievalResult,
    ashby: Council,
    status: int,
    requests: int,
) -> None:
    openai_stub.default = StubReply(status=status, content="failed")
    result = make(openai_stub.base_url).compose("how much is a blue badge", retrieval, ashby)
    assert result is not None and result.composer == "extractive"
    assert len(openai_stub.requests) == requests


def test_when_endpoint_is_down_then_extractive_answer(
    make: Callable[..., LlmComposer], retrieval: RetrievalResult, ashby: Council
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = make(f"http://127.0.0.1:{port}/v1").compose("how much is a blue badge", retrieval, ashby)
    assert result is not None and result.composer == "extractive"


def test_when_endpoint_keeps_failing_then_breaker_opens_and_recovers(
    make: Callable[..., LlmComposer], openai_stub: OpenAIStub, retrieval: RetrievalResult, ashby: Council
) -> None:
    clock = Clock()
    composer = make(openai_stub.base_url, clock=clock)
    for _ in range(3):
        result = composer.compose("how much is a blue badge", retrieval, ashby)
        assert result is not None and result.composer == "extractive"
    assert composer._breaker.state is BreakerState.OPEN
    sent = len(openai_stub.requests)
    assert composer.compose("how much is a blue badge", retrieval, ashby) is not None
    assert len(openai_stub.requests) == sent  # open: no request at all
    clock.now += 31
    openai_stub.script(GOOD)
    recovered = composer.compose("how much is a blue badge", retrieval, ashby)
    assert recovered is not None and recovered.composer == "llm"
    assert composer._breaker.state is BreakerState.CLOSED


async def test_when_streamed_over_http_then_done_carries_the_verified_answer(
    make: Callable[..., LlmComposer], openai_stub: OpenAIStub, retrieval: RetrievalResult, ashby: Council
) -> None:
    openai_stub.script(GOOD)
    events = [
        e async for e in make(openai_stub.base_url).stream("how much is a blue badge", retrieval, ashby)
    ]
    done = events[-1]
    assert isinstance(done, AnswerDone) and done.composition is not None
    assert done.composition.composer == "llm" and "£10" in done.composition.text


def test_when_easy_read_is_on_then_the_model_is_asked_for_plain_english(
    make: Callable[..., LlmComposer], openai_stub: OpenAIStub, retrieval: RetrievalResult, ashby: Council
) -> None:
    openai_stub.script(GOOD)
    result = make(openai_stub.base_url, llm_easy_read=True).compose(
        "how much is a blue badge", retrieval, ashby
    )
    assert result is not None and result.readability is not None
    assert "Easy Read" in openai_stub.requests[0]["json"]["messages"][0]["content"]
