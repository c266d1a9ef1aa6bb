"""Builds the :class:`~bot.llm.llm_composer.LlmComposer` from settings — the one function callers need."""

from __future__ import annotations

import time
from collections.abc import Callable

from bot.base import Composer
from bot.llm.answer_assembler import AnswerAssembler
from bot.llm.chat_model_provider import ChatModelProvider
from bot.llm.circuit_breaker import CircuitBreaker
from bot.llm.grounding_verifier import GroundingVerifier
from bot.llm.llm_composer import LlmComposer
from bot.llm.model_client import ChatRunnable, ModelClient
from bot.llm.prompt_builder import PromptBuilder
from bot.reply_templates import ReplyTemplates
from frontdoor.settings import Settings
from knowledge_base.base import Embedder

__all__ = ["build_llm_composer", "compose_with_model"]


def build_llm_composer(
    settings: Settings,
    embedder: Embedder,
    fallback: Composer,
    *,
    clock: Callable[[], float] = time.monotonic,
) -> LlmComposer | None:
    """The LLM composer for ``settings.llm_provider``, or None when it is ``"none"`` (the default).

    ``embedder`` is the knowledge base's (redacted text only); ``fallback`` is the extractive composer.
    """
    model = ChatModelProvider.build(settings)
    if model is None:
        return None
    name = f"{settings.llm_provider}:{settings.llm_azure_deployment or settings.llm_model}"
    return compose_with_model(
        model,
        embedder,
        fallback,
        model_name=name,
        timeout_seconds=settings.llm_timeout_seconds,
        easy_read=settings.llm_easy_read,
        clock=clock,
    )


def compose_with_model(
    model: ChatRunnable,
    embedder: Embedder,
    fallback: Composer,
    *,
    model_name: str,
    timeout_seconds: float = 8.0,
    easy_read: bool = False,
    failure_threshold: int = 3,
    cooldown_seconds: float = 30.0,
    min_similarity: float = 0.5,
    clock: Callable[[], float] = time.monotonic,
) -> LlmComposer:
    """Wire an LlmComposer around any LangChain chat runnable (tests pass LangChain's fake chat models)."""
    return LlmComposer(
        ModelClient(model, timeout_seconds=timeout_seconds),
        GroundingVerifier(embedder, min_similarity=min_similarity),
        fallback,
        model_name=model_name,
        breaker=CircuitBreaker(
            failure_threshold=failure_threshold, cooldown_seconds=cooldown_seconds, clock=clock
        ),
        prompts=PromptBuilder(easy_read=easy_read),
        assembler=AnswerAssembler(ReplyTemplates()),
    )
