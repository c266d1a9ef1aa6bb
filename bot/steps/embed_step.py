"""Step: embed the redacted message once, for the safeguarding detector and retrieval alike."""

from __future__ import annotations

from bot.context import TurnContext
from knowledge_base.base import Embedder

__all__ = ["EmbedStep"]


class EmbedStep:
    """Computes ``ctx.query_vector`` from ``ctx.text`` (never from the raw message)."""

    def __init__(self, embedder: Embedder) -> None:
        self._embedder = embedder

    def __call__(self, ctx: TurnContext) -> None:
        """Embed the redacted text."""
        ctx.query_vector = self._embedder.embed([ctx.text])[0]
