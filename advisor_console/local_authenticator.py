"""The built-in :class:`~advisor_console.base.Authenticator`: local accounts with lockout, audited."""

from __future__ import annotations

import logging

from advisor_console.account_store import AccountStore
from advisor_console.base import Principal
from frontdoor.errors import AuthenticationError
from storage.audit_log import AuditEntry, AuditLog

__all__ = ["LocalAuthenticator"]

log = logging.getLogger(__name__)

SIGN_IN_FAILED = (
    "The username or password is wrong, or the account is locked. Try again later or ask an admin."
)


class LocalAuthenticator:
    """Username and password against :class:`AccountStore`. One message for every failure."""

    def __init__(self, accounts: AccountStore, audit: AuditLog) -> None:
        self._accounts = accounts
        self._audit = audit

    def authenticate(self, username: str, password: str) -> Principal:
        """The principal, or AuthenticationError (recorded in the audit log, never with the password)."""
        check = self._accounts.verify(username, password)
        if check.principal is not None:
            self._audit.record(AuditEntry(check.principal.account_id, "auth.sign_in"))
            log.info("advisor.sign_in", extra={"account": check.principal.account_id})
            return check.principal
        action = "auth.locked" if check.failure == "locked" else "auth.sign_in_failed"
        # Never what was typed: people paste passwords into the username box. The account id, if one matched.
        actor = check.account_id or "anonymous"
        self._audit.record(AuditEntry(actor, action, detail={"failures": check.failures_so_far}))
        log.warning("advisor.sign_in_failed", extra={"why": check.failure, "failures": check.failures_so_far})
        raise AuthenticationError(SIGN_IN_FAILED)
