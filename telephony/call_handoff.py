"""Makes sure a transferred call has the handoff record the advisor console shows, before the transfer.

The core creates it for safeguarding, crisis, low confidence and a spoken request for a person; the phone
creates it (through the same :class:`~storage.handoff_store.HandoffStore`) for keypad 0, the quiet path
(5), silence and errors. The caller's number goes to the vault, encrypted, once per call; the TaskRouter
task attributes are built from the handoff row and hold only its redacted packet.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any

from bot.base import HandoffInfo, HandoffReason, Priority
from redaction.vault import Vault
from storage.conversation_store import ConversationStore
from storage.database import Database
from storage.handoff_store import HandoffStore, NewHandoff
from storage.models import HandoffRow
from telephony.base import TransferCause
from telephony.call_store import CallState, CallStore

__all__ = ["CallHandoffs", "PhoneHandoff"]

log = logging.getLogger(__name__)

# For handoffs the phone creates itself: (reason, priority, note for the advisor).
_PHONE_CAUSES: dict[TransferCause, tuple[HandoffReason, Priority, str]] = {
    TransferCause.PRESSED_ZERO: (
        HandoffReason.REQUESTED,
        Priority.REQUESTED,
        "Caller pressed 0 for a person.",
    ),
    TransferCause.REQUESTED: (HandoffReason.REQUESTED, Priority.REQUESTED, "Caller asked for a person."),
    TransferCause.QUIET: (
        HandoffReason.REQUESTED,
        Priority.URGENT,
        "Caller pressed 5: cannot talk right now. Do not call back without checking it is safe.",
    ),
    TransferCause.SILENCE: (
        HandoffReason.REQUESTED,
        Priority.URGENT,
        "Caller stayed silent through two prompts; they may be unable to speak.",
    ),
    TransferCause.ERROR: (HandoffReason.ERROR, Priority.REQUESTED, "The careline failed on this call."),
}


@dataclass(frozen=True, slots=True)
class PhoneHandoff:
    """The handoff a transfer belongs to, and its task attributes (JSON, redacted only)."""

    id: str
    priority: int
    task_attributes: str


class CallHandoffs:
    """Creates or finds the call's handoff and vaults the caller's number."""

    def __init__(
        self,
        database: Database,
        handoffs: HandoffStore,
        conversations: ConversationStore,
        vault: Vault,
        calls: CallStore,
    ) -> None:
        self._db = database
        self._handoffs = handoffs
        self._conversations = conversations
        self._vault = vault
        self._calls = calls

    def ensure(
        self, call: CallState, cause: TransferCause, caller_number: str, from_core: HandoffInfo | None = None
    ) -> PhoneHandoff:
        """The core's handoff if it made one, else a new one for ``cause``; then the number to the vault."""
        handoff_id = from_core.id if from_core is not None else self._create(call, cause)
        if caller_number and self._calls.claim_number_vaulting(call.call_sid):
            self._vault.store_secret(call.conversation_id, call.council_id, "caller_number", caller_number)
        return self._attributes(handoff_id, call)

    def keep_secret(self, call: CallState, kind: str, value: str) -> None:
        """Keep something the caller typed (e.g. ``caller_reference``) in the vault, encrypted."""
        self._vault.store_secret(call.conversation_id, call.council_id, kind, value)

    def _create(self, call: CallState, cause: TransferCause) -> str:
        reason, priority, note = _PHONE_CAUSES.get(cause, _PHONE_CAUSES[TransferCause.REQUESTED])
        packet: dict[str, Any] = {
            "transcript": self._conversations.recent_resident_texts(call.conversation_id, 4),
            "bot_said": note,
            "citations": [],
            "rules_fired": [f"phone:{cause.value}"],
            "speaker": None,
            "contact_preference": "phone",
            "safe_to_contact": False if cause is TransferCause.QUIET else None,
            "confidence": 0.0,
        }
        ticket = self._handoffs.create(
            NewHandoff(
                call.conversation_id,
                call.council_id,
                "phone",
                reason.value,
                int(priority),
                None,
                None,
                packet,
            )
        )
        log.info(
            "handoff.created", extra={"handoff": ticket.id, "reason": reason.value, "cause": cause.value}
        )
        return ticket.id

    def _attributes(self, handoff_id: str, call: CallState) -> PhoneHandoff:
        with self._db.session() as s:
            row = s.get(HandoffRow, handoff_id)
            if row is None:
                return PhoneHandoff(handoff_id, 0, json.dumps({"handoff_id": handoff_id}))
            attributes = {
                "handoff_id": row.id,
                "conversation_id": call.conversation_id,
                "call_sid": call.call_sid,
                "council_id": row.council_id,
                "channel": row.channel,
                "reason": row.reason,
                "priority": row.priority,
                "category": row.category,
                "tier": row.tier,
                "packet": row.packet or {},
            }
            return PhoneHandoff(row.id, row.priority, json.dumps(attributes, sort_keys=True, default=str))
