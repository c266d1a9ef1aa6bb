"""Local console accounts: argon2id password hashes, one role, one or more councils, failure counters.

Passwords pass through :meth:`AccountStore.create` and :meth:`AccountStore.verify` only; they are never
stored, logged or put in an exception message.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from advisor_console.base import Principal, Role
from frontdoor.errors import ConflictError, InputError, StoreError
from storage.advisor_tables import AdvisorAccountRow
from storage.database import Database
from storage.models import utcnow

__all__ = ["AccountStore", "LoginCheck"]

log = logging.getLogger(__name__)

MIN_PASSWORD_CHARS = 12


@dataclass(frozen=True, slots=True)
class LoginCheck:
    """The outcome of one password check: the principal, or why not (``unknown``/``locked``/``wrong``)."""

    principal: Principal | None
    failure: str | None = None
    failures_so_far: int = 0
    account_id: str | None = None
    """The account tried, when it exists (so the audit log need not keep what was typed as a username)."""


class AccountStore:
    """SQL-backed accounts with lockout after repeated failures."""

    def __init__(
        self,
        database: Database,
        *,
        hasher: PasswordHasher | None = None,
        max_failures: int = 5,
        lockout: timedelta = timedelta(minutes=15),
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._db = database
        self._hasher = hasher or PasswordHasher()
        self._max_failures = max_failures
        self._lockout = lockout
        self._clock = clock
        self._dummy_hash = self._hasher.hash("not-a-real-password-used-for-timing")

    def create(self, username: str, password: str, role: Role, councils: Collection[str]) -> Principal:
        """Create an account; ConflictError if the username is taken, InputError if weak or unscoped."""
        name = username.strip().lower()
        if not name or not councils:
            raise InputError("an account needs a username and at least one council")
        if len(password) < MIN_PASSWORD_CHARS:
            raise InputError(f"the password must be at least {MIN_PASSWORD_CHARS} characters")
        row = AdvisorAccountRow(
            username=name,
            password_hash=self._hasher.hash(password),
            role=role.value,
            councils=sorted(set(councils)),
            created_at=self._clock(),
        )
        try:
            with self._db.session() as s:
                s.add(row)
                s.flush()
        except StoreError as exc:
            if isinstance(exc.__cause__, IntegrityError):
                raise ConflictError(f"an account named {name!r} already exists") from exc
            raise
        log.info("advisor.account_created", extra={"account": row.id, "role": role.value})
        return _principal(row)

    def verify(self, username: str, password: str) -> LoginCheck:
        """Check a password, counting failures and locking the account after too many."""
        name = username.strip().lower()
        now = self._clock()
        with self._db.session() as s:
            row = s.scalars(select(AdvisorAccountRow).where(AdvisorAccountRow.username == name)).first()
            if row is None or not row.active:
                self._check(self._dummy_hash, password)  # same cost whether or not the account exists
                return LoginCheck(None, "unknown")
            locked_until = row.locked_until
            if locked_until is not None and locked_until.tzinfo is None:
                locked_until = locked_until.replace(tzinfo=now.tzinfo)
            if locked_until is not None and locked_until > now:
                return LoginCheck(None, "locked", row.failed_attempts, row.id)
            if not self._check(row.password_hash, password):
                row.failed_attempts += 1
                if row.failed_attempts >= self._max_failures:
                    row.locked_until = now + self._lockout
                    return LoginCheck(None, "locked", row.failed_attempts, row.id)
                return LoginCheck(None, "wrong", row.failed_attempts, row.id)
            row.failed_attempts, row.locked_until = 0, None
            if self._hasher.check_needs_rehash(row.password_hash):
                row.password_hash = self._hasher.hash(password)
            return LoginCheck(_principal(row))

    def principal(self, account_id: str) -> Principal | None:
        """The account's current principal (None if gone or disabled)."""
        with self._db.session() as s:
            row = s.get(AdvisorAccountRow, account_id)
            return _principal(row) if row is not None and row.active else None

    def _check(self, stored: str, password: str) -> bool:
        try:
            return bool(self._hasher.verify(stored, password))
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False


def _principal(row: AdvisorAccountRow) -> Principal:
    return Principal(row.id, row.username, Role(row.role), frozenset(row.councils or ()))
