"""Resident wording → the wording council pages use, applied to a (redacted) query before retrieval.

Residents write "DFG", "me mum's OT", "meals on wheels" or "center"; pages say "Disabled Facilities Grant",
"occupational therapist", "meals delivered" and "centre". Neither BM25 nor a small embedding model bridges
an abbreviation or a regional phrase on its own, so a short curated list does, from YAML beside this file.

Decisions:
- The list is generic to adult social care in England (abbreviations, common everyday names for services,
  US spellings) and is never written from particular evaluation questions; a council can ship its own file.
- Spellings and text-speak are *replaced* ("center" → "centre"); service phrases are *expanded*: the council
  term is added in brackets after the resident's words, so a page that uses the resident's words still
  matches them, and one that only uses the council term now matches too.
- Whole words only, case-insensitive; a space in a phrase also matches a hyphen, an apostrophe is optional.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

from frontdoor.errors import ConfigurationError

__all__ = ["ResidentWording"]


def _phrase_pattern(phrases: list[str]) -> re.Pattern[str]:
    alternatives = []
    for phrase in sorted(phrases, key=len, reverse=True):
        words = [re.escape(w).replace("'", "'?") for w in phrase.lower().split()]
        alternatives.append(r"[\s-]+".join(words))
    return re.compile(r"(?<![\w'])(?:" + "|".join(alternatives) + r")(?![\w'])", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Expansion:
    pattern: re.Pattern[str]
    council_term: str


@dataclass(frozen=True, slots=True)
class ResidentWording:
    """Replacements (spelling, text-speak) and expansions (service phrases → council terms)."""

    replacements: dict[str, str]
    expansions: tuple[_Expansion, ...]
    keep: frozenset[str] = frozenset()
    """Words the spelling corrector leaves alone (``knowledge_base.query_spelling``)."""
    _replaced: re.Pattern[str] | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        if self.replacements:
            words = "|".join(map(re.escape, sorted(self.replacements, key=len, reverse=True)))
            object.__setattr__(self, "_replaced", re.compile(r"(?<![\w'])(?:" + words + r")(?![\w'])", re.I))

    def normalise(self, text: str) -> str:
        """``text`` with replacements made and council terms added after the phrases that name them."""
        if self._replaced is not None:
            text = self._replaced.sub(lambda m: self.replacements[m.group(0).lower()], text)
        for expansion in self.expansions:
            if expansion.council_term.lower() in text.lower():
                continue
            match = expansion.pattern.search(text)
            if match:
                text = f"{text[: match.end()]} ({expansion.council_term}){text[match.end():]}"
        return text

    @classmethod
    def load(cls, path: Path | None = None) -> ResidentWording:
        """Load the YAML (the bundled file by default)."""
        target = path or Path(str(resources.files("knowledge_base") / "resident_wording.yaml"))
        try:
            data = yaml.safe_load(target.read_text(encoding="utf-8")) or {}
            replacements = {str(k).lower(): str(v) for k, v in (data.get("replacements") or {}).items()}
            expansions = tuple(
                _Expansion(_phrase_pattern([str(p) for p in item["resident"]]), str(item["council"]))
                for item in data.get("expansions") or []
            )
            keep = frozenset(str(w).lower() for w in data.get("keep") or [])
        except (OSError, yaml.YAMLError, KeyError, TypeError, re.error) as exc:
            raise ConfigurationError(f"{target}: invalid resident wording: {exc}") from exc
        return cls(replacements, expansions, keep)
