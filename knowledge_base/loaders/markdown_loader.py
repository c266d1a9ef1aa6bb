"""Markdown with YAML front matter (id, title, url, last_reviewed, owner)."""

from __future__ import annotations

import datetime as dt
import re

import frontmatter
import yaml

from frontdoor.errors import DocumentLoadError
from knowledge_base.base import Document
from knowledge_base.loaders.source_file import SourceFile, make_document

__all__ = ["MarkdownLoader", "plain_markdown"]

_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_LINK = re.compile(r"(?<!!)\[([^\]]+)\]\((?:[^)\s]+)(?:\s+\"[^\"]*\")?\)")
_CODE = re.compile(r"`([^`]+)`")


def plain_markdown(text: str) -> str:
    """Inline Markdown to plain words (bold, links, code), keeping headings and list lines.

    Answers quote the council's sentences verbatim, and channels render them as text: ``**£10**`` must
    read as ``£10`` in the widget and on the phone. A link keeps its words; its address is not content.
    """
    return _CODE.sub(r"\1", _LINK.sub(r"\1", _EMPHASIS.sub(r"\2", text)))


class MarkdownLoader:
    """Loads ``.md`` files; front-matter fields override derived ones."""

    suffixes = (".md", ".markdown")

    def load(self, source: SourceFile) -> Document:
        """Parse front matter and body."""
        try:
            post = frontmatter.loads(source.path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError, ValueError) as exc:
            raise DocumentLoadError(source.relative, f"cannot read Markdown: {exc}") from exc
        meta = post.metadata
        reviewed = meta.get("last_reviewed")
        if isinstance(reviewed, str):
            try:
                reviewed = dt.date.fromisoformat(reviewed)
            except ValueError as exc:
                raise DocumentLoadError(source.relative, f"last_reviewed is not a date: {reviewed!r}") from exc
        if isinstance(reviewed, dt.datetime):
            reviewed = reviewed.date()
        if reviewed is not None and not isinstance(reviewed, dt.date):
            raise DocumentLoadError(source.relative, "last_reviewed is not a date")
        title = meta.get("title")
        if not title:
            first = next((ln for ln in post.content.splitlines() if ln.startswith("# ")), None)
            title = first[2:] if first else None
        return make_document(
            source,
            text=plain_markdown(post.content),
            title=str(title) if title else None,
            doc_id=str(meta["id"]) if meta.get("id") else None,
            url=str(meta["url"]) if meta.get("url") else None,
            last_reviewed=reviewed,
            owner=str(meta["owner"]) if meta.get("owner") else None,
            fmt="markdown",
        )
