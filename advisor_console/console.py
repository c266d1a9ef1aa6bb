"""The advisor console's backends in one place, and the rules of who may do what.

Built once per process from :class:`~frontdoor.container.Services` and kept in ``services.extras["advisor"]``.
Route handlers call these methods with the signed-in :class:`Principal`; every rule about roles and council
scopes lives here, so the pages and the JSON API cannot disagree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from advisor_console.account_store import AccountStore
from advisor_console.base import Authenticator, Principal
from advisor_console.csrf_guard import CsrfGuard
from advisor_console.local_authenticator import LocalAuthenticator
from advisor_console.session_store import SessionStore
from frontdoor.errors import ConflictError, InputError, PermissionDeniedError
from redaction.vault import ConversationOriginals
from storage.audit_log import AuditEntry, AuditLog
from storage.callback_desk import CallbackDesk
from storage.conversation_store import StoredConversation
from storage.handoff_actions import HandoffActions, OutcomeCode
from storage.handoff_queue import HandoffQueue, QueueItem, WaitSummary
from storage.models import utcnow

if TYPE_CHECKING:
    from frontdoor.container import Services

__all__ = ["AdvisorConsole"]


@dataclass(slots=True)
class AdvisorConsole:
    """Accounts, sessions, CSRF, the queue and its actions, for one process."""

    services: Services
    accounts: AccountStore
    authenticator: Authenticator
    sessions: SessionStore
    csrf: CsrfGuard
    queue: HandoffQueue
    actions: HandoffActions
    audit: AuditLog
    clock: Callable[[], datetime]

    @classmethod
    def build(cls, services: Services, clock: Callable[[], datetime] = utcnow) -> AdvisorConsole:
        """Wire the console over the process's database, vault and redactor."""
        settings = services.settings
        db = services.database
        audit = AuditLog(db)
        accounts = AccountStore(db, clock=clock)
        callbacks = CallbackDesk(
            services.councils, timedelta(minutes=settings.handoff_claim_timeout_minutes), clock
        )
        return cls(
            services=services,
            accounts=accounts,
            authenticator=LocalAuthenticator(accounts, audit),
            sessions=SessionStore(db, accounts, timedelta(minutes=settings.session_minutes), clock),
            csrf=CsrfGuard(settings.session_secret.get_secret_value().encode("utf-8")),
            queue=HandoffQueue(db, callbacks, clock),
            actions=HandoffActions(db, clock),
            audit=audit,
            clock=clock,
        )

    # -- reads -------------------------------------------------------------------------------------------
    def open_queue(self, who: Principal) -> list[QueueItem]:
        """Open handoffs of the user's councils, highest priority and longest wait first."""
        return self.queue.open_items(who.councils)

    def handoff(self, who: Principal, handoff_id: str) -> QueueItem:
        """One handoff with its packet (NotFoundError outside the user's councils)."""
        return self.queue.get(handoff_id, who.councils)

    def transcript(self, who: Principal, handoff_id: str) -> StoredConversation:
        """The handoff's redacted conversation."""
        return self.services.conversation_store.get(self.handoff(who, handoff_id).conversation_id)

    def summary(self, who: Principal) -> list[WaitSummary]:
        """Waiting counts and waits by council and reason: supervisors and admins only."""
        if not who.oversees:
            raise PermissionDeniedError("only supervisors and admins see the waits summary")
        return self.queue.summary(who.councils)

    # -- changes -----------------------------------------------------------------------------------------
    def claim(self, who: Principal, handoff_id: str) -> QueueItem:
        """Claim for this user (ConflictError if taken)."""
        return self.actions.claim(handoff_id, who.account_id, who.councils)

    def reply(self, who: Principal, handoff_id: str, text: str) -> int:
        """Send the resident a message. It is redacted like a resident's, originals kept in the vault."""
        text = text.strip()
        if not text:
            raise InputError("message: must not be empty")
        if len(text) > self.services.settings.max_message_chars:
            raise InputError("message: too long")
        item = self.actions_target(who, handoff_id)
        vault, redactor = self.services.vault, self.services.redactor
        placeholders = vault.placeholders(item.conversation_id)
        result = redactor.redact(text, council_id=item.council_id, placeholders=placeholders)
        if result.changed:
            vault.keep(item.conversation_id, item.council_id, result, placeholders)
        return self.actions.reply(handoff_id, who.account_id, who.councils, result.text)

    def release(self, who: Principal, handoff_id: str) -> QueueItem:
        """Hand back to the queue (the holder, or a supervisor/admin)."""
        return self.actions.release(handoff_id, who.account_id, who.councils, any_owner=who.oversees)

    def close(self, who: Principal, handoff_id: str, outcome: str) -> QueueItem:
        """Close with an outcome code (the holder, or a supervisor/admin)."""
        try:
            code = OutcomeCode(outcome)
        except ValueError as exc:
            raise InputError(f"outcome: must be one of {', '.join(c.value for c in OutcomeCode)}") from exc
        return self.actions.close(handoff_id, who.account_id, who.councils, code, any_owner=who.oversees)

    def reveal(self, who: Principal, handoff_id: str, reason: str) -> ConversationOriginals:
        """The words behind placeholders: the holder, or a supervisor/admin of the council. Audited."""
        item = self.handoff(who, handoff_id)
        if not who.oversees and item.claimed_by != who.account_id:
            self.audit.record(
                AuditEntry(
                    who.account_id,
                    "vault.read_refused",
                    item.council_id,
                    item.id,
                    item.conversation_id,
                    {},
                    self.clock(),
                )
            )
            raise PermissionDeniedError(
                "only the advisor holding this handoff, or a supervisor, may reveal originals"
            )
        if not reason.strip():
            raise InputError("reason: say why you need the original words")
        originals = self.services.vault.read_originals(item.conversation_id, who.account_id, reason)
        self.audit.record(
            AuditEntry(
                who.account_id,
                "vault.read",
                item.council_id,
                item.id,
                item.conversation_id,
                {"entries": len(originals.originals) + len(originals.secrets)},
                self.clock(),
            )
        )
        return originals

    def actions_target(self, who: Principal, handoff_id: str) -> QueueItem:
        """The handoff, checked to be held by this user (for replies)."""
        item = self.handoff(who, handoff_id)
        if item.status != "claimed" or item.claimed_by != who.account_id:
            raise ConflictError(f"handoff {handoff_id} is not claimed by you")
        return item
