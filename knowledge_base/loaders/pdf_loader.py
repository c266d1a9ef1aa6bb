"""PDF files via pypdf (text layer only; scanned PDFs without text are reported and skipped)."""

from __future__ import annotations

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from frontdoor.errors import DocumentLoadError
from knowledge_base.base import Document
from knowledge_base.loaders.pdf_text import tidy_pdf_text
from knowledge_base.loaders.source_file import SourceFile, make_document

__all__ = ["PdfLoader"]


class PdfLoader:
    """Loads ``.pdf``: the pages' text tidied (``pdf_text``), the PDF title (if set) as the title."""

    suffixes = (".pdf",)

    def load(self, source: SourceFile) -> Document:
        """Extract text page by page."""
        try:
            reader = PdfReader(str(source.path))
            pages = [page.extract_text() or "" for page in reader.pages]
            meta_title = reader.metadata.title if reader.metadata else None
        except (OSError, PdfReadError, ValueError, KeyError) as exc:
            raise DocumentLoadError(source.relative, f"cannot read PDF: {exc}") from exc
        text = tidy_pdf_text([p for p in pages if p.strip()])
        if not text:
            raise DocumentLoadError(source.relative, "PDF has no text layer")
        return make_document(source, text=text, title=meta_title or None, fmt="pdf")
