"""What an audited vault read returns (see :meth:`redaction.vault.Vault.read_originals`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

__all__ = ["ConversationOriginals", "Secret"]


@dataclass(frozen=True, slots=True)
class Secret:
    """An original stored outside the placeholder map, such as a caller's phone number."""

    kind: str
    value: str
    stored_at: datetime


@dataclass(frozen=True, slots=True)
class ConversationOriginals:
    """What an advisor sees after an audited read: placeholder→original and any secrets."""

    conversation_id: str
    originals: dict[str, str]
    secrets: tuple[Secret, ...]
