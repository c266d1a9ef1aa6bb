"""FastAPI dependencies of the console: the console itself, the signed-in user, CSRF, and the cookie.

The session cookie is HttpOnly, ``SameSite=Strict`` and, when ``public_base_url`` is https, ``Secure`` with
the ``__Host-`` prefix (no Domain, Path=/), so no other site or subdomain can set or read it.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request, Response

from advisor_console.base import Principal
from advisor_console.console import AdvisorConsole
from advisor_console.session_store import NewSession
from frontdoor.api.deps import ServicesDep
from frontdoor.errors import AuthenticationError
from frontdoor.settings import Settings

__all__ = [
    "LOGIN_CSRF_COOKIE",
    "ConsoleDep",
    "PrincipalDep",
    "clear_session_cookie",
    "get_console",
    "require_api_csrf",
    "session_cookie_name",
    "set_session_cookie",
]

LOGIN_CSRF_COOKIE = "fd_advisor_login"
CSRF_HEADER = "X-CSRF-Token"


def get_console(services: ServicesDep) -> AdvisorConsole:
    """The process's console (built on first use, kept in ``services.extras``)."""
    console = services.extras.get("advisor")
    if console is None:
        console = services.extras.setdefault("advisor", AdvisorConsole.build(services))
    return console


ConsoleDep = Annotated[AdvisorConsole, Depends(get_console)]


def _secure(settings: Settings) -> bool:
    return settings.public_base_url.lower().startswith("https://")


def session_cookie_name(settings: Settings) -> str:
    """``__Host-fd_advisor`` over https, ``fd_advisor`` in local development over http."""
    return "__Host-fd_advisor" if _secure(settings) else "fd_advisor"


def session_token(request: Request, console: AdvisorConsole) -> str | None:
    """The raw session token from the cookie, if any."""
    return request.cookies.get(session_cookie_name(console.services.settings))


def current_principal(request: Request, console: ConsoleDep) -> Principal:
    """The signed-in user, or AuthenticationError."""
    principal = console.sessions.resolve(session_token(request, console))
    if principal is None:
        raise AuthenticationError("sign in to use the advisor console")
    return principal


PrincipalDep = Annotated[Principal, Depends(current_principal)]


def require_api_csrf(request: Request, console: ConsoleDep, _signed_in: PrincipalDep) -> None:
    """State-changing API calls must echo the session's CSRF token in ``X-CSRF-Token`` (after sign-in)."""
    console.csrf.check_session(session_token(request, console), request.headers.get(CSRF_HEADER))


def set_session_cookie(response: Response, settings: Settings, session: NewSession) -> None:
    """Give the browser its session cookie."""
    response.set_cookie(
        session_cookie_name(settings),
        session.token,
        max_age=settings.session_minutes * 60,
        path="/",
        secure=_secure(settings),
        httponly=True,
        samesite="strict",
    )


def clear_session_cookie(response: Response, settings: Settings) -> None:
    """Remove the session cookie."""
    response.delete_cookie(
        session_cookie_name(settings), path="/", secure=_secure(settings), httponly=True, samesite="strict"
    )


def set_login_cookie(response: Response, settings: Settings, token: str) -> None:
    """The sign-in form's double-submit CSRF cookie (10 minutes, console paths only)."""
    response.set_cookie(
        LOGIN_CSRF_COOKIE,
        token,
        max_age=600,
        path="/",
        secure=_secure(settings),
        httponly=True,
        samesite="strict",
    )
