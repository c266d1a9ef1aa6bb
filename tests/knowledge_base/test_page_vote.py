"""The page vote: pages ranked by their passages' summed fused scores (``HybridRetriever``)."""

from __future__ import annotations

import pytest

from knowledge_base.base import Chunk
from knowledge_base.hybrid_retriever import _page_ranks


def _chunk(doc_id: str, n: int) -> Chunk:
    return Chunk(f"c:{doc_id}:{n}", doc_id, "c", doc_id, "https://x", doc_id, "text", n, "h")


CHUNKS = [_chunk("alarm", 0), _chunk("alarm", 1), _chunk("alarm", 2), _chunk("badge", 0), _chunk("grant", 0)]


@pytest.mark.parametrize(
    ("fused", "expected"),
    [
        # one strong passage loses to a page whose three passages all match
        ({3: 0.05, 0: 0.02, 1: 0.02, 2: 0.02}, {"alarm": 1, "badge": 2}),
        # a page's lone passage wins when it outscores another page's passages together
        ({3: 0.07, 0: 0.02, 1: 0.02}, {"badge": 1, "alarm": 2}),
        # equal totals: the page met first keeps its place
        ({4: 0.03, 3: 0.03}, {"grant": 1, "badge": 2}),
        ({}, {}),
    ],
)
def test_when_passages_are_fused_then_pages_rank_by_their_summed_scores(
    fused: dict[int, float], expected: dict[str, int]
) -> None:
    assert _page_ranks(fused, CHUNKS) == expected
