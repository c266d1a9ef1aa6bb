"""Chunking keeps the section path and fits the embedding model's window."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge_base.chunker import Chunker
from knowledge_base.loaders import LoaderRegistry, SourceFile

SAMPLE = Path(__file__).resolve().parents[2] / "frontdoor" / "sample" / "knowledge_base" / "ashby-vale"


def _doc(text: str):  # type: ignore[no-untyped-def]
    from knowledge_base.base import Document

    return Document("d", "c", "Title", "https://x", text, "d.md", "h")


@pytest.mark.parametrize(
    ("text", "expected_sections"),
    [
        ("# A\n\nintro\n\n## B\n\nbody b\n\n### C\n\nbody c\n\n## D\n\nbody d", ["A", "A > B", "A > B > C", "A > D"]),
        ("no headings at all", ["Title"]),
        ("## Only level two\n\ntext", ["Only level two"]),
    ],
)
def test_when_document_has_headings_then_chunks_keep_the_path(text: str, expected_sections: list[str]) -> None:
    chunks = Chunker().chunk(_doc(text))
    assert [c.section for c in chunks] == expected_sections


def test_when_section_is_long_then_every_chunk_fits_the_model(embedder) -> None:  # type: ignore[no-untyped-def]
    long_para = " ".join(f"Sentence number {i} explains a rule about paying for care." for i in range(200))
    chunker = Chunker(max_tokens=180, count_tokens=embedder.count_tokens)
    chunks = chunker.chunk(_doc(f"# Money\n\n{long_para}"))
    assert len(chunks) > 5
    assert all(embedder.count_tokens(f"{c.section}\n{c.text}") <= embedder.max_tokens for c in chunks)
    assert " ".join(c.text for c in chunks).count("Sentence number") == 200


def test_when_sample_kb_is_chunked_then_all_chunks_fit(embedder) -> None:  # type: ignore[no-untyped-def]
    chunker = Chunker(count_tokens=embedder.count_tokens)
    registry = LoaderRegistry()
    for path in sorted(SAMPLE.glob("*.md")):
        doc = registry.load(SourceFile(path, "ashby-vale", path.name, "https://x"))
        for chunk in chunker.chunk(doc):
            assert embedder.count_tokens(f"{chunk.section}\n{chunk.text}") <= embedder.max_tokens, chunk.chunk_id
