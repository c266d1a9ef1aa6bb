"""Passages are numbered and every address in them becomes a token the model cannot alter."""

from __future__ import annotations

from collections.abc import Callable

from bot.llm.passage_pack import PassagePack
from knowledge_base.base import RetrievalResult


def test_when_passages_hold_links_then_prompt_shows_only_tokens(
    retrieval_for: Callable[..., RetrievalResult],
) -> None:
    retrieval = retrieval_for(("care-homes", "www.cqc.org.uk"), ("advocacy", "www.avadvocacy.org.uk"))
    pack = PassagePack.from_retrieval(retrieval, max_passages=5)
    rendered = pack.render()
    assert "http" not in rendered and "www." not in rendered
    assert "[1] " in rendered and "[2] " in rendered
    assert set(pack.links.values()) >= {
        "www.cqc.org.uk",
        "www.avadvocacy.org.uk",
        retrieval.chunks[0].chunk.url,
        retrieval.chunks[1].chunk.url,
    }


def test_when_tokens_restored_then_issued_ones_become_addresses_and_others_vanish(
    retrieval_for: Callable[..., RetrievalResult],
) -> None:
    pack = PassagePack.from_retrieval(retrieval_for(("care-homes", "www.cqc.org.uk")), max_passages=5)
    token = next(t for t, url in pack.links.items() if url == "www.cqc.org.uk")
    assert pack.restore_links(f"See {token} or [LINK_99].") == "See www.cqc.org.uk or ."


def test_when_more_chunks_than_max_then_only_the_best_are_numbered(
    retrieval_for: Callable[..., RetrievalResult],
) -> None:
    retrieval = retrieval_for(("blue-badge", "costs"), ("reablement", "free"), ("advocacy", "advocate"))
    pack = PassagePack.from_retrieval(retrieval, max_passages=2)
    assert [p.n for p in pack.passages] == [1, 2]
    assert pack.get(3) is None and pack.get(0) is None
    assert pack.get(1) is not None and pack.get(1).chunk.doc_id == "blue-badge"  # type: ignore[union-attr]


def test_when_package_is_imported_then_every_exported_name_exists() -> None:
    import bot.llm

    assert sorted(bot.llm.__all__) == bot.llm.__all__
    assert all(hasattr(bot.llm, name) for name in bot.llm.__all__)
