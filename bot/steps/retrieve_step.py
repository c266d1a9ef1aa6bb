"""Step: find the council's passages that best answer the (redacted) message."""

from __future__ import annotations

from bot.context import TurnContext
from knowledge_base.hybrid_retriever import HybridRetriever
from knowledge_base.query_focus import focus_query

__all__ = ["RetrieveStep"]


class RetrieveStep:
    """Hybrid retrieval within the turn's council only."""

    def __init__(self, retriever: HybridRetriever, k: int) -> None:
        self._retriever = retriever
        self._k = k

    def __call__(self, ctx: TurnContext) -> None:
        """Fill ``ctx.retrieval`` (introductions like "my name is <PERSON_1>" left out of the query)."""
        query = focus_query(ctx.text)
        vector = ctx.query_vector if query == ctx.text else None
        ctx.retrieval = self._retriever.search(query, ctx.council.id, self._k, vector=vector)
