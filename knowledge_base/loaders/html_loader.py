"""HTML pages: headings become Markdown headings; the canonical link, if any, becomes the URL."""

from __future__ import annotations

from bs4 import BeautifulSoup

from frontdoor.errors import DocumentLoadError
from knowledge_base.base import Document
from knowledge_base.loaders.source_file import SourceFile, make_document

__all__ = ["HtmlLoader"]

_BLOCKS = ("h1", "h2", "h3", "h4", "p", "li", "td", "th", "dd", "dt", "pre", "blockquote")


class HtmlLoader:
    """Loads ``.html``/``.htm``; drops scripts, styles, navigation and footers."""

    suffixes = (".html", ".htm")

    def load(self, source: SourceFile) -> Document:
        """Extract the main text with heading structure."""
        try:
            soup = BeautifulSoup(source.path.read_bytes(), "html.parser")
        except OSError as exc:
            raise DocumentLoadError(source.relative, f"cannot read HTML: {exc}") from exc
        for tag in soup(["script", "style", "nav", "footer", "header", "noscript", "form"]):
            tag.decompose()
        root = soup.find("main") or soup.body or soup
        lines: list[str] = []
        for el in root.find_all(_BLOCKS):
            text = " ".join(el.get_text(" ", strip=True).split())
            if not text:
                continue
            if el.name in ("h1", "h2", "h3", "h4"):
                lines.append(f"\n{'#' * int(el.name[1])} {text}\n")
            elif el.name == "li":
                lines.append(f"- {text}")
            else:
                lines.append(text + "\n")
        body = "\n".join(lines)
        if not body.strip():
            raise DocumentLoadError(source.relative, "no text found in HTML")
        title_tag = soup.find("title")
        h1 = soup.find("h1")
        title = (h1.get_text(" ", strip=True) if h1 else None) or (
            title_tag.get_text(strip=True) if title_tag else None
        )
        canonical = soup.find("link", rel="canonical")
        url = canonical.get("href") if canonical else None
        return make_document(source, text=body, title=title, url=str(url) if url else None, fmt="html")
