"""Redaction types and the Redactor protocol.

A :class:`Redactor` replaces personal data with typed placeholders numbered per conversation
(``<PERSON_1>``, ``<UK_POSTCODE_1>``). The same value keeps the same placeholder through a conversation
because the caller passes the conversation's :class:`PlaceholderMap` back in on every turn.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

__all__ = ["OriginalsVault", "PlaceholderMap", "RedactedEntity", "RedactionResult", "Redactor"]


@dataclass(frozen=True, slots=True)
class RedactedEntity:
    """One piece of personal data found: where it was in the original text and what replaced it."""

    type: str
    start: int
    end: int
    score: float
    placeholder: str


@dataclass(slots=True)
class PlaceholderMap:
    """Per-conversation mapping from (type, normalised value) to placeholder, and per-type counters.

    It holds originals, so it is stored only encrypted (in the vault) and never logged.
    """

    by_value: dict[str, str] = field(default_factory=dict)
    counters: dict[str, int] = field(default_factory=dict)

    def placeholder_for(self, entity_type: str, value: str) -> str:
        """The placeholder for this value, allocating the next number for its type if new."""
        key = f"{entity_type}\x1f{_normalise(value)}"
        existing = self.by_value.get(key)
        if existing is not None:
            return existing
        number = self.counters.get(entity_type, 0) + 1
        self.counters[entity_type] = number
        placeholder = f"<{entity_type}_{number}>"
        self.by_value[key] = placeholder
        return placeholder

    def to_dict(self) -> dict[str, dict[str, str] | dict[str, int]]:
        """A JSON-able form (for the encrypted vault only)."""
        return {"by_value": dict(self.by_value), "counters": dict(self.counters)}

    @classmethod
    def from_dict(cls, data: dict[str, dict[str, str] | dict[str, int]]) -> PlaceholderMap:
        """Rebuild from :meth:`to_dict` output."""
        return cls(
            by_value={str(k): str(v) for k, v in data.get("by_value", {}).items()},
            counters={str(k): int(v) for k, v in data.get("counters", {}).items()},
        )


def _normalise(value: str) -> str:
    return "".join(ch for ch in value.lower() if ch.isalnum())


@dataclass(frozen=True, slots=True)
class RedactionResult:
    """The redacted text and what was found. ``originals`` maps placeholder to original (vault only)."""

    text: str
    entities: tuple[RedactedEntity, ...]
    originals: dict[str, str] = field(default_factory=dict, repr=False)

    @property
    def changed(self) -> bool:
        """Whether anything was redacted."""
        return bool(self.entities)


class Redactor(Protocol):
    """Strips personal data. Raises :class:`frontdoor.errors.RedactionError` if analysis fails."""

    def redact(
        self, text: str, *, council_id: str | None = None, placeholders: PlaceholderMap | None = None
    ) -> RedactionResult:
        """Redact ``text``; allocate placeholders in ``placeholders`` (a fresh map if None)."""
        ...


class OriginalsVault(Protocol):
    """Keeps each conversation's originals and placeholder map encrypted (see redaction.vault)."""

    def placeholders(self, conversation_id: str) -> PlaceholderMap:
        """The conversation's placeholder map so far (empty for a new conversation)."""
        ...

    def keep(
        self, conversation_id: str, council_id: str, result: RedactionResult, placeholders: PlaceholderMap
    ) -> None:
        """Store this turn's originals and the updated map, encrypted."""
        ...
