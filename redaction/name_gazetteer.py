"""First names, surnames and English words for the name recognizers (all offline, from packages).

Names come from the ``names`` package's data files (US census lists: 5,494 first names, 88,799 surnames of
many origins); words from ``english-words`` (web2 + GCIDE, 263k). Both only *confirm* a token after a cue
phrase, never find names on their own. Known limit: after a weak cue a misspelt word ("I'm realy worried")
is no English word either, and is redacted as a name: over-redaction, never a leak.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from frontdoor.errors import ConfigurationError

__all__ = ["NameGazetteer"]


def _read(path: Path) -> frozenset[str]:
    with path.open(encoding="utf-8") as handle:
        return frozenset(line.split()[0].lower() for line in handle if line.strip())


@dataclass(frozen=True, slots=True)
class NameGazetteer:
    """Lower-case first names and surnames."""

    first_names: frozenset[str]
    surnames: frozenset[str]
    english_words: frozenset[str] = frozenset()
    """Lower-case English words (``english-words``: web2 + GCIDE), to tell a name from a word."""

    @classmethod
    def from_names_package(cls) -> NameGazetteer:
        """Load the lists bundled in the ``names`` and ``english-words`` packages (no network)."""
        try:
            import names as package
        except ImportError as exc:
            raise ConfigurationError("the 'names' package (name gazetteer) is not installed") from exc
        folder = Path(package.__file__).parent
        try:
            first = _read(folder / "dist.female.first") | _read(folder / "dist.male.first")
            surnames = _read(folder / "dist.all.last")
        except OSError as exc:
            raise ConfigurationError(f"cannot read the name gazetteer in {folder}: {exc}") from exc
        try:
            from english_words import get_english_words_set
        except ImportError as exc:
            raise ConfigurationError("the 'english-words' package (dictionary) is not installed") from exc
        words = frozenset(get_english_words_set(["web2", "gcide"], lower=True, alpha=True))
        return cls(first_names=first, surnames=surnames, english_words=words)
