"""Invisible Unicode that can smuggle instructions or split trigger words: found, decoded, stripped."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["InvisibleText", "strip_invisible"]

# Unicode tag characters (U+E0000-U+E007F) mirror ASCII and render as nothing: a known way to hide
# instructions for a model inside innocent text. Variation selectors supplement likewise carries bytes.
_TAGS = re.compile("[\U000e0000-\U000e007f]")
_SELECTORS = re.compile("[\U000e0100-\U000e01ef]")
# Zero-width and formatting characters: they also split words ("ki\u200bll") past phrase patterns.
_ZERO_WIDTH = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


@dataclass(frozen=True, slots=True)
class InvisibleText:
    """The visible text, plus whatever was hidden in tag characters (decoded to ASCII)."""

    text: str
    hidden: str
    tag_characters: int
    zero_width: int


def strip_invisible(text: str) -> InvisibleText:
    """Remove tag characters, variation-selector smuggling and zero-width characters."""
    tags = _TAGS.findall(text)
    hidden = "".join(chr(ord(c) - 0xE0000) for c in tags if 0x20 <= ord(c) - 0xE0000 < 0x7F)
    cleaned, zero_width = _ZERO_WIDTH.subn("", _SELECTORS.sub("", _TAGS.sub("", text)))
    return InvisibleText(cleaned, hidden, len(tags), zero_width)
