"""Plain text files; the first line is the title."""

from __future__ import annotations

from frontdoor.errors import DocumentLoadError
from knowledge_base.base import Document
from knowledge_base.loaders.source_file import SourceFile, make_document

__all__ = ["TextLoader"]


class TextLoader:
    """Loads ``.txt``."""

    suffixes = (".txt",)

    def load(self, source: SourceFile) -> Document:
        """Read UTF-8 text."""
        try:
            text = source.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise DocumentLoadError(source.relative, f"cannot read text: {exc}") from exc
        if not text.strip():
            raise DocumentLoadError(source.relative, "file is empty")
        first = text.strip().splitlines()[0].strip()
        return make_document(source, text=text, title=first[:120], fmt="text")
