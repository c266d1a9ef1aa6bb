"""CSRF protection for every console form and every state-changing advisor API call.

Signed in, the CSRF token is an HMAC of the session token under ``settings.session_secret``: nothing extra
is stored, a page can embed it, and it changes with every session. Forms send it as ``csrf_token``, the
JSON API as the ``X-CSRF-Token`` header. Before sign-in (the login form itself), a random token is set in a
short-lived cookie and must be echoed back (double submit).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from frontdoor.errors import PermissionDeniedError

__all__ = ["CsrfGuard"]


class CsrfGuard:
    """Derives and checks CSRF tokens."""

    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    def for_session(self, session_token: str) -> str:
        """The CSRF token that goes with a session."""
        return hmac.new(self._secret, b"csrf:" + session_token.encode("utf-8"), hashlib.sha256).hexdigest()

    @staticmethod
    def new_login_token() -> str:
        """A random token for the sign-in form (double-submit cookie)."""
        return secrets.token_urlsafe(24)

    def check_session(self, session_token: str | None, sent: str | None) -> None:
        """PermissionDeniedError unless ``sent`` matches the session's token."""
        if not session_token or not sent or not hmac.compare_digest(self.for_session(session_token), sent):
            raise PermissionDeniedError("missing or invalid CSRF token")

    @staticmethod
    def check_login(cookie: str | None, sent: str | None) -> None:
        """PermissionDeniedError unless the sign-in form echoes its cookie."""
        if not cookie or not sent or not hmac.compare_digest(cookie, sent):
            raise PermissionDeniedError("missing or invalid CSRF token")
