"""First names and surnames for :class:`~redaction.recognizers.name_cue_recognizer.NameCueRecognizer`.

Read from the ``names`` package's data files (US census lists: 5,494 first names, 88,799 surnames of many
origins). Used only to *confirm* a token after a cue phrase, never to find names on its own, so its US
bias costs recall on unusual first names after weak cues only; strong cues do not need it.
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

    @classmethod
    def from_names_package(cls) -> NameGazetteer:
        """Load the lists bundled in the ``names`` package (no network)."""
        try:
            import names as package
        except ImportError as exc:
            raise ConfigurationError("the 'names' package (name gazetteer) is not installed") from exc
        folder = Path(package.__file__).parent
        try:
            first = _read(folder / "dist.female.first") | _read(folder / "dist.male.first")
            return cls(first_names=first, surnames=_read(folder / "dist.all.last"))
        except OSError as exc:
            raise ConfigurationError(f"cannot read the name gazetteer in {folder}: {exc}") from exc
