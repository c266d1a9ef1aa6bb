"""HTML pages: headings become Markdown headings; the canonical link, if any, becomes the URL.

Written for pages saved from real council sites (LocalGov Drupal, GOV.UK-style templates, older CMSs), not
only for clean hand-written HTML. What a council's pages carry besides their content, and what happens to it:

- Page furniture is dropped: scripts and styles, ``nav``/``header``/``footer``/``aside``/``form``; inside
  the content, anything with an ARIA landmark role other than the main content (``navigation``,
  ``banner``, ``contentinfo``, ``search``, ``complementary``), hidden elements, and blocks whose class or id
  says what they are (cookie banners, breadcrumbs, skip links, "was this page helpful", share buttons,
  related links). The class words are specific on purpose: ``shared-lives`` or ``consent-to-care`` is
  content, so bare words such as "share" or "consent" are not furniture.
- The content root is the first of ``main``, ``[role=main]``, ``article``, ``#main-content``/``#content``,
  then ``body``.
- Each piece of text is emitted once: a block (``p``, ``li``, a cell…) is skipped when a block around it
  was already emitted, so ``<li><p>…</p></li>`` is one bullet, not a bullet and a paragraph.
- Text that CMSs put straight into ``div``/``section`` elements (no ``p``) is kept as a paragraph.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from frontdoor.errors import DocumentLoadError
from knowledge_base.base import Document
from knowledge_base.loaders.source_file import SourceFile, make_document

__all__ = ["HtmlLoader"]

_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_BLOCKS = (*_HEADINGS, "p", "li", "td", "th", "dd", "dt", "pre", "blockquote", "figcaption", "summary")
_CONTAINERS = ("div", "section", "details")
_DROP_TAGS = ("script", "style", "nav", "footer", "header", "noscript", "form", "aside", "template", "svg",
              "button", "iframe")  # fmt: skip
_DROP_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "complementary", "dialog", "alert"})
_FURNITURE = re.compile(
    r"(?<![a-z])(?:cookies?(?:-?banner|-?notice|-?message|-?consent|-?policy-banner)?|consent-?banner|breadcrumbs?|"
    r"skip-?links?|skip-?to(?:-?content|-?main)?|was-?this-?page-?(?:useful|helpful)|page-?feedback|feedback-?form|"
    r"page-?rating|share-?(?:this|page|buttons?|links?|tools)|social-?(?:links|media|share)|"
    r"related-?(?:links|content|pages|items)|back-?to-?top|visually-?hidden|sr-only|site-?header|site-?footer)"
    r"(?![a-z])",
    re.IGNORECASE,
)
_ROOTS = ("main", "[role=main]", "article", "#main-content", "#content", "#main")


class HtmlLoader:
    """Loads ``.html``/``.htm``: the main content with its heading structure, without page furniture."""

    suffixes = (".html", ".htm")

    def load(self, source: SourceFile) -> Document:
        """Extract the main text with heading structure."""
        try:
            soup = BeautifulSoup(source.path.read_bytes(), "html.parser")
        except OSError as exc:
            raise DocumentLoadError(source.relative, f"cannot read HTML: {exc}") from exc
        title_tag = soup.find("title")
        canonical = soup.find("link", rel="canonical")
        for tag in soup(_DROP_TAGS):
            tag.decompose()
        root = _content_root(soup)
        _drop_furniture(root)
        body = "\n".join(_lines(root))
        if not body.strip():
            raise DocumentLoadError(source.relative, "no text found in HTML")
        h1 = root.find("h1") or soup.find("h1")
        title = (h1.get_text(" ", strip=True) if h1 else None) or (
            title_tag.get_text(strip=True) if title_tag else None
        )
        url = canonical.get("href") if isinstance(canonical, Tag) else None
        return make_document(source, text=body, title=title, url=str(url) if url else None, fmt="html")


def _drop_furniture(root: Tag) -> None:
    """Drop landmarks, hidden elements and marked page furniture inside the content root."""
    doomed = []
    for tag in root.find_all(True):
        attrs = tag.attrs or {}
        role = str(attrs.get("role", "")).lower()
        marker = " ".join([*attrs.get("class", []), str(attrs.get("id", ""))])
        hidden = "hidden" in attrs or str(attrs.get("aria-hidden", "")).lower() == "true"
        if role in _DROP_ROLES or hidden or _FURNITURE.search(marker):
            doomed.append(tag)
    for tag in doomed:
        if not tag.decomposed:
            tag.decompose()


def _content_root(soup: BeautifulSoup) -> Tag:
    for selector in _ROOTS:
        found = soup.select_one(selector)
        if found is not None and found.get_text(strip=True):
            return found
    return soup.body or soup


def _lines(root: Tag) -> list[str]:
    lines: list[str] = []
    emitted: set[int] = set()
    for el in root.find_all((*_BLOCKS, *_CONTAINERS)):
        if any(id(parent) in emitted for parent in el.parents):
            continue
        if el.name in _CONTAINERS and el.find((*_BLOCKS, *_CONTAINERS)) is not None:
            # Not a leaf: its blocks speak for themselves, but text typed straight into it would be lost.
            loose = " ".join(" ".join(_loose_text(el)).split())
            if loose:
                lines.append(loose + "\n")
            continue
        text = " ".join(el.get_text(" ", strip=True).split())
        if not text:
            continue
        emitted.add(id(el))
        if el.name in _HEADINGS:
            lines.append(f"\n{'#' * min(int(el.name[1]), 4)} {text}\n")
        elif el.name == "li":
            lines.append(f"- {text}")
        else:
            lines.append(text + "\n")
    return lines


def _loose_text(container: Tag) -> list[str]:
    """Text of a container's children that are neither blocks nor containers (strings, links, bold…)."""
    parts = []
    for child in container.children:
        if isinstance(child, Tag):
            if child.name in _BLOCKS or child.name in _CONTAINERS or child.find((*_BLOCKS, *_CONTAINERS)):
                continue
            parts.append(child.get_text(" ", strip=True))
        elif isinstance(child, NavigableString) and not isinstance(child, Comment):
            parts.append(str(child).strip())
    return [p for p in parts if p]
