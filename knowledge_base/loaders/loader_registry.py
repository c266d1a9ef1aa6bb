"""Chooses a loader by file suffix."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from frontdoor.errors import DocumentLoadError
from knowledge_base.base import Document
from knowledge_base.loaders.docx_loader import DocxLoader
from knowledge_base.loaders.html_loader import HtmlLoader
from knowledge_base.loaders.markdown_loader import MarkdownLoader
from knowledge_base.loaders.pdf_loader import PdfLoader
from knowledge_base.loaders.source_file import SourceFile
from knowledge_base.loaders.text_loader import TextLoader

__all__ = ["Loader", "LoaderRegistry", "SourceFile"]


class Loader(Protocol):
    """Reads one file format."""

    @property
    def suffixes(self) -> tuple[str, ...]:
        """File suffixes this loader reads (lowercase, with the dot)."""
        ...

    def load(self, source: SourceFile) -> Document:
        """Load or raise DocumentLoadError."""
        ...


class LoaderRegistry:
    """Holds the loaders; the default has Markdown, HTML, PDF, DOCX and plain text."""

    def __init__(self, loaders: list[Loader] | None = None) -> None:
        chosen: list[Loader] = loaders or [MarkdownLoader(), HtmlLoader(), PdfLoader(), DocxLoader(), TextLoader()]
        self._by_suffix = {suffix: loader for loader in chosen for suffix in loader.suffixes}

    def supports(self, suffix: str) -> bool:
        """Whether files with this suffix can be loaded."""
        return suffix.lower() in self._by_suffix

    def source_files(self, root: Path, council_id: str, default_url: str) -> list[SourceFile]:
        """Every loadable file under ``root``, in a stable order, named relative to it (POSIX separators)."""
        return [
            SourceFile(path, council_id, path.relative_to(root).as_posix(), default_url)
            for path in sorted(p for p in root.rglob("*") if p.is_file() and self.supports(p.suffix))
        ]

    def load(self, source: SourceFile) -> Document:
        """Load with the loader for the file's suffix."""
        loader = self._by_suffix.get(source.path.suffix.lower())
        if loader is None:
            raise DocumentLoadError(source.relative, f"unsupported file type {source.path.suffix!r}")
        return loader.load(source)
