"""Console sessions, stored server-side in the SQL store so every worker sees the same sessions.

The random token goes to the advisor's cookie only; the table keeps its SHA-256, so a copy of the database
does not let anyone sign in. Sessions expire after ``settings.session_minutes`` and on sign-out.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, update

from advisor_console.account_store import AccountStore
from advisor_console.base import Principal
from storage.advisor_tables import AdvisorSessionRow
from storage.database import Database
from storage.models import utcnow

__all__ = ["NewSession", "SessionStore", "token_hash"]


def token_hash(token: str) -> str:
    """The stored form of a session token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class NewSession:
    """A fresh session: the token for the cookie (shown once) and when it expires."""

    token: str
    expires_at: datetime
    principal: Principal


class SessionStore:
    """Creates, resolves and revokes sessions."""

    def __init__(
        self,
        database: Database,
        accounts: AccountStore,
        lifetime: timedelta,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._db = database
        self._accounts = accounts
        self.lifetime = lifetime
        self._clock = clock

    def start(self, principal: Principal) -> NewSession:
        """A new session for a signed-in principal."""
        token = secrets.token_urlsafe(32)
        now = self._clock()
        expires = now + self.lifetime
        with self._db.session() as s:
            s.add(
                AdvisorSessionRow(
                    token_hash=token_hash(token),
                    account_id=principal.account_id,
                    created_at=now,
                    expires_at=expires,
                )
            )
            s.execute(delete(AdvisorSessionRow).where(AdvisorSessionRow.expires_at < now - timedelta(days=1)))
        return NewSession(token, expires, principal)

    def resolve(self, token: str | None) -> Principal | None:
        """The principal of a live session (None if unknown, expired, revoked or the account is disabled)."""
        if not token:
            return None
        now = self._clock()
        with self._db.session() as s:
            row = s.get(AdvisorSessionRow, token_hash(token))
            if row is None or row.revoked_at is not None:
                return None
            expires = row.expires_at if row.expires_at.tzinfo else row.expires_at.replace(tzinfo=now.tzinfo)
            if expires <= now:
                return None
            account_id = row.account_id
        return self._accounts.principal(account_id)

    def end(self, token: str | None) -> None:
        """Revoke the session (sign-out)."""
        if token:
            with self._db.session() as s:
                s.execute(
                    update(AdvisorSessionRow)
                    .where(AdvisorSessionRow.token_hash == token_hash(token))
                    .values(revoked_at=self._clock())
                )
