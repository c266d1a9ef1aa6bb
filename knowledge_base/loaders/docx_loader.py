"""Word documents via python-docx: Heading styles become Markdown headings."""

from __future__ import annotations

import zipfile

import docx
from docx.opc.exceptions import PackageNotFoundError

from frontdoor.errors import DocumentLoadError
from knowledge_base.base import Document
from knowledge_base.loaders.source_file import SourceFile, make_document

__all__ = ["DocxLoader"]


class DocxLoader:
    """Loads ``.docx``."""

    suffixes = (".docx",)

    def load(self, source: SourceFile) -> Document:
        """Walk paragraphs, keeping heading levels."""
        try:
            document = docx.Document(str(source.path))
        except (OSError, PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
            raise DocumentLoadError(source.relative, f"cannot read DOCX: {exc}") from exc
        lines: list[str] = []
        title: str | None = document.core_properties.title or None
        for para in document.paragraphs:
            text = para.text.strip()
            if not text:
                continue
            style = (para.style.name if para.style is not None else "") or ""
            if style == "Title" or (style.startswith("Heading") and style[-1:].isdigit()):
                level = 1 if style == "Title" else min(int(style[-1]), 4)
                title = title or (text if level == 1 else None)
                lines.append(f"\n{'#' * level} {text}\n")
            else:
                lines.append(text + "\n")
        body = "\n".join(lines)
        if not body.strip():
            raise DocumentLoadError(source.relative, "DOCX has no text")
        return make_document(source, text=body, title=title, fmt="docx")
