"""Settings choose the chat model; nothing connects until the first call."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from langchain_ollama import ChatOllama
from langchain_openai import AzureChatOpenAI, ChatOpenAI

from bot.extractive_composer import ExtractiveComposer
from bot.llm import build_llm_composer
from bot.llm.chat_model_provider import ChatModelProvider
from councils import Council
from frontdoor.errors import ConfigurationError
from knowledge_base.base import RetrievalResult

from .conftest import OpenAIStub


def _bound(model: Any) -> Any:
    return getattr(model, "bound", model)


@pytest.mark.parametrize(
    ("overrides", "kind"),
    [
        ({}, None),
        ({"llm_provider": "openai", "llm_model": "gpt-4o-mini"}, ChatOpenAI),
        (
            {"llm_provider": "openai", "llm_model": "llama3", "llm_base_url": "http://127.0.0.1:8080/v1"},
            ChatOpenAI,
        ),
        (
            {
                "llm_provider": "azure",
                "llm_base_url": "https://uk.openai.azure.com",
                "llm_api_key": "k",
                "llm_azure_deployment": "gpt-4o",
            },
            AzureChatOpenAI,
        ),
        (
            {"llm_provider": "ollama", "llm_model": "llama3.2", "llm_base_url": "http://127.0.0.1:11434"},
            ChatOllama,
        ),
    ],
)
def test_when_provider_is_set_then_that_model_is_built(
    settings_factory: Callable[..., Any], overrides: dict[str, Any], kind: type | None
) -> None:
    model = ChatModelProvider.build(settings_factory(**overrides))
    if kind is None:
        assert model is None
    else:
        assert isinstance(_bound(model), kind)


def test_when_openai_then_json_output_and_no_provider_retries(settings_factory: Callable[..., Any]) -> None:
    model = ChatModelProvider.build(
        settings_factory(llm_provider="openai", llm_model="m", llm_timeout_seconds=3)
    )
    assert model is not None
    assert model.kwargs == {"response_format": {"type": "json_object"}}  # type: ignore[attr-defined]
    assert _bound(model).max_retries == 0 and _bound(model).request_timeout == 3


@pytest.mark.parametrize(
    ("overrides", "names"),
    [
        ({"llm_provider": "openai"}, "FRONTDOOR_LLM_MODEL"),
        ({"llm_provider": "ollama"}, "FRONTDOOR_LLM_MODEL"),
        ({"llm_provider": "azure", "llm_azure_deployment": "d"}, "FRONTDOOR_LLM_BASE_URL"),
        (
            {"llm_provider": "azure", "llm_base_url": "https://x.openai.azure.com", "llm_api_key": "k"},
            "FRONTDOOR_LLM_AZURE_DEPLOYMENT",
        ),
    ],
)
def test_when_required_setting_missing_then_configuration_error_names_it(
    settings_factory: Callable[..., Any], overrides: dict[str, Any], names: str
) -> None:
    with pytest.raises(ConfigurationError, match=names):
        ChatModelProvider.build(settings_factory(**overrides))


def test_when_provider_is_ollama_then_answers_over_its_chat_api(
    settings_factory: Callable[..., Any],
    embedder: Any,
    extractive: ExtractiveComposer,
    openai_stub: OpenAIStub,
    retrieval_for: Callable[..., RetrievalResult],
    ashby: Council,
) -> None:
    settings = settings_factory(
        llm_provider="ollama", llm_model="llama3.2", llm_base_url=openai_stub.root_url
    )
    composer = build_llm_composer(settings, embedder, extractive)
    assert composer is not None
    openai_stub.script(
        json.dumps({"completeness": "complete", "passages": [1], "answer": "A Blue Badge costs £10 [1]."})
    )
    try:
        result = composer.compose(
            "<PERSON_1> asks what a blue badge costs", retrieval_for(("blue-badge", "costs")), ashby
        )
    finally:
        composer.close()
    assert result is not None and result.composer == "llm" and result.model == "ollama:llama3.2"
    request = openai_stub.requests[0]
    assert request["path"] == "/api/chat" and request["json"]["format"] == "json"
    assert "<PERSON_1>" in request["json"]["messages"][1]["content"]
