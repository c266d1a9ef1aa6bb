"""The console's types and its one swappable seam: :class:`Authenticator`.

Local accounts (``frontdoor advisor create``) implement it in :mod:`advisor_console.local_authenticator`;
a council can plug in its single sign-on (OpenID Connect) by implementing the same Protocol and returning
a :class:`Principal` — sessions, CSRF, roles and council scopes work the same either way.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

__all__ = ["Authenticator", "Principal", "Role"]


class Role(StrEnum):
    """What a console user may do, within their councils."""

    ADVISOR = "advisor"
    """Claims handoffs, talks to residents, reveals originals of handoffs they hold."""
    SUPERVISOR = "supervisor"
    """Also sees waits by council and reason, reveals any handoff's originals, hands back or closes any."""
    ADMIN = "admin"
    """Everything a supervisor may do."""


@dataclass(frozen=True, slots=True)
class Principal:
    """A signed-in console user."""

    account_id: str
    username: str
    role: Role
    councils: frozenset[str]

    @property
    def oversees(self) -> bool:
        """Supervisors and admins may act on handoffs others hold."""
        return self.role in (Role.SUPERVISOR, Role.ADMIN)

    def may_see(self, council_id: str) -> bool:
        """Whether this user's scope includes ``council_id``."""
        return council_id in self.councils


class Authenticator(Protocol):
    """Checks credentials. Raises :class:`~frontdoor.errors.AuthenticationError` on any failure."""

    def authenticate(self, username: str, password: str) -> Principal:
        """The principal for these credentials."""
        ...
