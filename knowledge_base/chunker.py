"""Heading-aware chunking: each chunk keeps its section path and fits the embedding model's window.

all-MiniLM-L6-v2 truncates at 256 word-piece tokens; we keep chunk bodies to ``max_tokens`` (default 180)
so that the title and section path prefixed for embedding still fit. Paragraphs are never split mid-sentence
unless a single sentence is longer than the budget.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from knowledge_base.base import Chunk, Document

__all__ = ["Chunker", "embedding_text", "outline_text", "split_sentences"]

_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9£\"'(])")


def split_sentences(text: str) -> list[str]:
    """Split prose into sentences (good enough for council pages; keeps list items whole)."""
    out: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if line:
            out.extend(s.strip() for s in _SENTENCE.split(line) if s.strip())
    return out


def embedding_text(chunk: Chunk) -> str:
    """What is embedded and BM25-indexed: the section path gives a short chunk its topic."""
    return f"{chunk.section}\n{chunk.text}"


def outline_text(chunks: Sequence[Chunk]) -> str:
    """A page's outline from its chunks: the title, then each heading once, in reading order.

    Embedded once per page, it says what the page as a whole is about, which a single passage may not.
    """
    parts: list[str] = []
    for chunk in sorted(chunks, key=lambda c: c.position):
        for heading in (chunk.title, *chunk.section.split(" > ")):
            if heading and heading not in parts:
                parts.append(heading)
    return ". ".join(parts)


def _approx_tokens(text: str) -> int:
    return int(len(text.split()) * 1.35) + 1


@dataclass(frozen=True, slots=True)
class _Section:
    path: tuple[str, ...]
    paragraphs: tuple[str, ...]


class Chunker:
    """Splits documents into chunks along headings, then paragraphs, then sentences."""

    def __init__(self, max_tokens: int = 180, count_tokens: Callable[[str], int] | None = None) -> None:
        self.max_tokens = max_tokens
        self._count = count_tokens or _approx_tokens

    def chunk(self, document: Document) -> list[Chunk]:
        """Chunks of one document, in reading order."""
        chunks: list[Chunk] = []
        for section in self._sections(document):
            section_name = " > ".join(section.path) if section.path else document.title
            for body in self._pack(section.paragraphs):
                position = len(chunks)
                digest = hashlib.sha256(f"{section_name}\x1f{body}".encode()).hexdigest()[:16]
                chunks.append(
                    Chunk(
                        chunk_id=f"{document.council_id}:{document.doc_id}:{position}",
                        doc_id=document.doc_id,
                        council_id=document.council_id,
                        title=document.title,
                        url=document.url,
                        section=section_name,
                        text=body,
                        position=position,
                        content_hash=digest,
                    )
                )
        return chunks

    def _sections(self, document: Document) -> list[_Section]:
        sections: list[_Section] = []
        stack: list[tuple[int, str]] = []
        paragraphs: list[str] = []
        current: list[str] = []

        def flush_paragraph() -> None:
            if current:
                paragraphs.append("\n".join(current).strip())
                current.clear()

        def flush_section() -> None:
            flush_paragraph()
            if paragraphs:
                path = tuple(title for _, title in stack) or (document.title,)
                sections.append(_Section(path=path, paragraphs=tuple(paragraphs)))
                paragraphs.clear()

        for raw in document.text.splitlines():
            match = _HEADING.match(raw.strip())
            if match:
                flush_section()
                level = len(match.group(1))
                while stack and stack[-1][0] >= level:
                    stack.pop()
                stack.append((level, match.group(2).strip()))
            elif not raw.strip():
                flush_paragraph()
            elif raw.lstrip().startswith(("- ", "* ", "+ ")) or re.match(r"^\s*\d+[.)]\s", raw):
                flush_paragraph()
                current.append(raw.strip())
                flush_paragraph()
            else:
                current.append(raw.strip())
        flush_section()
        return sections

    def _pack(self, paragraphs: tuple[str, ...]) -> list[str]:
        pieces: list[str] = []
        for para in paragraphs:
            if self._count(para) <= self.max_tokens:
                pieces.append(para)
            else:
                pieces.extend(self._split_long(para))
        bodies: list[str] = []
        current: list[str] = []
        size = 0
        for piece in pieces:
            n = self._count(piece)
            if current and size + n > self.max_tokens:
                bodies.append("\n".join(current))
                current, size = [], 0
            current.append(piece)
            size += n
        if current:
            bodies.append("\n".join(current))
        return bodies

    def _split_long(self, paragraph: str) -> list[str]:
        out: list[str] = []
        current: list[str] = []
        size = 0
        for sentence in split_sentences(paragraph):
            words = sentence.split()
            while self._count(sentence) > self.max_tokens and len(words) > 1:
                cut = max(1, len(words) // 2)
                out.append(" ".join(words[:cut]))
                words = words[cut:]
                sentence = " ".join(words)
            n = self._count(sentence)
            if current and size + n > self.max_tokens:
                out.append(" ".join(current))
                current, size = [], 0
            current.append(sentence)
            size += n
        if current:
            out.append(" ".join(current))
        return out
