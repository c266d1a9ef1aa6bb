"""Builds the LangChain chat model named by settings: an OpenAI-compatible endpoint, Azure OpenAI, or Ollama.

Nothing here touches the network: clients connect on first call. Provider-side retries are switched off
(:class:`~bot.llm.model_client.ModelClient` owns the single retry) and JSON output is requested where the
provider supports it.
"""

from __future__ import annotations

from typing import Any

from langchain_core.messages import BaseMessage
from langchain_core.runnables import Runnable

from frontdoor.errors import ConfigurationError
from frontdoor.settings import Settings

__all__ = ["ChatModelProvider"]

_NO_KEY = (
    "not-needed"  # local OpenAI-compatible servers (vLLM, llama.cpp) ignore the key but the client wants one
)


class ChatModelProvider:
    """``build(settings)`` returns a ready chat runnable, or None when generated answers are off."""

    @staticmethod
    def build(settings: Settings) -> Runnable[Any, BaseMessage] | None:
        """The configured chat model; ConfigurationError names the missing setting."""
        provider = settings.llm_provider
        if provider == "none":
            return None
        if not settings.llm_model and provider != "azure":
            raise ConfigurationError(
                f"FRONTDOOR_LLM_MODEL is required when FRONTDOOR_LLM_PROVIDER={provider}"
            )
        key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else None
        timeout = settings.llm_timeout_seconds
        if provider == "openai":
            from langchain_openai import ChatOpenAI

            openai_model = ChatOpenAI(
                model=str(settings.llm_model),
                base_url=settings.llm_base_url,
                api_key=key or _NO_KEY,  # type: ignore[arg-type]
                timeout=timeout,
                max_retries=0,
                temperature=0,
            )
            return openai_model.bind(response_format={"type": "json_object"})
        if provider == "azure":
            from langchain_openai import AzureChatOpenAI

            if not settings.llm_base_url or not key:
                raise ConfigurationError(
                    "FRONTDOOR_LLM_BASE_URL and FRONTDOOR_LLM_API_KEY are required for Azure"
                )
            deployment = settings.llm_azure_deployment or settings.llm_model
            if not deployment:
                raise ConfigurationError(
                    "FRONTDOOR_LLM_AZURE_DEPLOYMENT (or FRONTDOOR_LLM_MODEL) is required for Azure"
                )
            azure_model = AzureChatOpenAI(
                azure_endpoint=settings.llm_base_url,
                azure_deployment=deployment,
                api_version=settings.llm_azure_api_version,
                api_key=key,  # type: ignore[arg-type]
                timeout=timeout,
                max_retries=0,
                temperature=0,
            )
            return azure_model.bind(response_format={"type": "json_object"})
        from langchain_ollama import ChatOllama

        return ChatOllama(
            model=str(settings.llm_model),
            base_url=settings.llm_base_url,
            format="json",
            temperature=0,
            client_kwargs={"timeout": timeout},
        )
