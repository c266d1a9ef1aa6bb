"""Calls a LangChain chat model with a hard deadline and one retry, and translates its failures.

This is the boundary: every exception from LangChain, openai, ollama or httpx becomes
:class:`~frontdoor.errors.ComposerError` here (``raise ... from exc``). Timeouts are not retried — a
resident has already waited the full deadline — but fast failures (connection refused, 5xx, 429) get one
more try. 4xx errors (bad key, unknown model) are configuration problems and are not retried.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage
from langchain_core.runnables import Runnable

from bot.llm.prompt_builder import Prompt
from frontdoor.errors import ComposerError

__all__ = ["ModelClient"]

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())

ChatRunnable = Runnable[Any, BaseMessage]


class ModelClient:
    """Sends a :class:`Prompt` and returns the reply text, or raises ComposerError."""

    def __init__(self, model: ChatRunnable, *, timeout_seconds: float, retries: int = 1) -> None:
        self._model = model
        self._timeout = timeout_seconds
        self._retries = retries
        self._pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="llm")

    def complete(self, prompt: Prompt) -> str:
        """The model's reply text (blocking, at most ``timeout_seconds`` per attempt)."""
        for attempt in range(self._retries + 1):
            try:
                future = self._pool.submit(self._model.invoke, _messages(prompt))
                return _text(future.result(timeout=self._timeout))
            except Exception as exc:  # the one place foreign errors are translated
                if attempt < self._retries and _retryable(exc):
                    log.warning("llm.retry", extra={"error": exc.__class__.__name__})
                    continue
                raise _translate(exc) from exc
        raise ComposerError("unreachable")  # pragma: no cover

    async def acomplete(self, prompt: Prompt) -> str:
        """The model's reply text, without blocking the event loop."""
        for attempt in range(self._retries + 1):
            try:
                message = await asyncio.wait_for(
                    self._model.ainvoke(_messages(prompt)), timeout=self._timeout
                )
                return _text(message)
            except Exception as exc:  # the one place foreign errors are translated
                if attempt < self._retries and _retryable(exc):
                    log.warning("llm.retry", extra={"error": exc.__class__.__name__})
                    continue
                raise _translate(exc) from exc
        raise ComposerError("unreachable")  # pragma: no cover

    def close(self) -> None:
        """Release the worker threads."""
        self._pool.shutdown(wait=False, cancel_futures=True)


def _messages(prompt: Prompt) -> list[BaseMessage]:
    return [SystemMessage(content=prompt.system), HumanMessage(content=prompt.user)]


def _text(message: BaseMessage) -> str:
    content = message.content
    if isinstance(content, str):
        return content
    return message.text if isinstance(message.text, str) else str(message.text())


def _is_timeout(exc: BaseException) -> bool:
    import httpx
    import openai

    return isinstance(exc, TimeoutError | openai.APITimeoutError | httpx.TimeoutException)


def _status(exc: BaseException) -> int | None:
    status = getattr(exc, "status_code", None)
    return status if isinstance(status, int) and status > 0 else None


def _retryable(exc: BaseException) -> bool:
    if _is_timeout(exc):
        return False
    status = _status(exc)
    return status is None or status >= 500 or status == 429


def _translate(exc: BaseException) -> ComposerError:
    if isinstance(exc, ComposerError):
        return exc
    if _is_timeout(exc):
        return ComposerError("the model did not answer in time")
    status = _status(exc)
    detail = f" (HTTP {status})" if status else ""
    return ComposerError(f"the model call failed: {exc.__class__.__name__}{detail}")
