"""Turns a PDF's per-page text layer into readable Markdown-ish text.

pypdf returns what is on each page, line by line as it was laid out: running headers and footers on every
page ("Ashby Vale Council – Charging policy", "Page 3 of 12"), sentences broken at the end of every line,
words hyphenated across lines, and headings that are just short lines. Quoted as they are, those make
sentence splitting and verbatim quotes poor ("You can ask for an assess- ment Page 3 of 12"). So:

1. **Running headers and footers** — a line among the first or last two of a page that recurs (digits
   ignored) on at least three pages and at least half of them is dropped; so is a bare page number.
2. **Hyphenation** — "assess-" at a line end followed by a lower-case word is joined ("assessment").
3. **Re-flow** — a line that does not end a sentence is joined to the next unless the next starts a bullet.
4. **Headings** — a short line (at most eight words, no closing punctuation, not a bullet) that starts a
   paragraph and is followed by a line starting with a capital letter or a bullet becomes a ``##``
   heading, so the chunker keeps a section path.

Heuristics about layout, not about any council's wording; a PDF with real structure tags would do better,
but council leaflets rarely have them.
"""

from __future__ import annotations

import re
from collections import Counter

__all__ = ["tidy_pdf_text"]

_PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\s*$", re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[•●▪◦‣∙·*–—-]|\d{1,2}[.)]|[a-z][.)])\s+")
_ENDS_SENTENCE = re.compile(r"[.!?:;)\"'”’]\s*$")
_EDGE = 2
_MAX_HEADING_WORDS = 8


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", line.strip().lower())


def _furniture(pages: list[list[str]]) -> set[str]:
    """Shapes of lines that run along the top or bottom of most pages."""
    seen: Counter[str] = Counter()
    for lines in pages:
        content = [ln for ln in lines if ln.strip()]
        edges = {_shape(ln) for ln in content[:_EDGE] + content[-_EDGE:]}
        seen.update(edges)
    need = max(3, (len(pages) + 1) // 2)
    return {shape for shape, n in seen.items() if n >= need and shape}


def _is_heading(line: str, following: str | None) -> bool:
    words = line.split()
    return (
        0 < len(words) <= _MAX_HEADING_WORDS
        and not _ENDS_SENTENCE.search(line)
        and not _BULLET.match(line)
        and line[0].isupper()
        and following is not None
        and (following[:1].isupper() or _BULLET.match(following) is not None)
        and not line.rstrip().endswith((",", "-", "–"))
    )


def tidy_pdf_text(pages: list[str]) -> str:
    """The pages' text without running headers/footers, with lines re-flowed and short headings marked."""
    split = [page.splitlines() for page in pages]
    furniture = _furniture(split) if len(split) >= 3 else set()
    lines: list[str] = []
    for page in split:
        content = [ln.strip() for ln in page]
        nonblank = [i for i, ln in enumerate(content) if ln]
        edge = set(nonblank[:_EDGE] + nonblank[-_EDGE:])
        for i, line in enumerate(content):
            if i in edge and (_shape(line) in furniture or _PAGE_NUMBER.match(line)):
                continue
            lines.append(line)
        lines.append("")  # a page break ends a paragraph only if the text says so (see re-flow)
    out: list[str] = []
    paragraph = ""
    for i, line in enumerate(lines):
        if not line:
            continue
        following = next((ln for ln in lines[i + 1 :] if ln), None)
        if not paragraph and _is_heading(line, following):
            out += ["", f"## {line}", ""]
            continue
        if _BULLET.match(line) and paragraph:
            out.append(paragraph)
            paragraph = ""
        if paragraph.endswith("-") and line[:1].islower() and paragraph[-2:-1].isalpha():
            paragraph = paragraph[:-1] + line
        else:
            paragraph = f"{paragraph} {line}".strip()
        if _ENDS_SENTENCE.search(line) and (following is None or not following[:1].islower()):
            out.append(paragraph)
            paragraph = ""
    if paragraph:
        out.append(paragraph)
    return "\n".join(out).strip()
