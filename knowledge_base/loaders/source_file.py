"""What every loader receives and the fields every loader fills in the same way."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from knowledge_base.base import Document

__all__ = ["SourceFile", "make_document", "slugify"]


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file to load, with the council it belongs to and its path relative to the ingest root."""

    path: Path
    council_id: str
    relative: str
    default_url: str


def slugify(text: str) -> str:
    """A stable kebab-case id from a path or title."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "document"


def make_document(
    source: SourceFile,
    *,
    text: str,
    title: str | None,
    doc_id: str | None = None,
    url: str | None = None,
    last_reviewed: date | None = None,
    owner: str | None = None,
    fmt: str,
) -> Document:
    """Build a Document; the id defaults to the slug of the relative path (stable across re-ingests)."""
    stem = source.relative.rsplit(".", 1)[0]
    resolved_title = (title or Path(stem).name.replace("-", " ").replace("_", " ")).strip()
    body = text.strip()
    digest = hashlib.sha256(
        "\x1f".join([resolved_title, url or source.default_url, str(last_reviewed), body]).encode()
    ).hexdigest()
    return Document(
        doc_id=doc_id or slugify(stem),
        council_id=source.council_id,
        title=resolved_title,
        url=url or source.default_url,
        text=body,
        source_path=source.relative,
        content_hash=digest,
        last_reviewed=last_reviewed,
        owner=owner,
        format=fmt,
    )
