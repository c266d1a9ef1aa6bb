"""The advisor console: the staff-facing side of handoffs.

Pages under ``/advisor/`` (server-rendered, progressive enhancement) and a JSON API under
``/api/v1/advisor/``. Local accounts (``frontdoor advisor create``) sign in behind the
:class:`~advisor_console.base.Authenticator` Protocol; sessions live in the SQL store (token hashed);
every form and state-changing call is CSRF-checked; every change and vault read is audited.

Install with :func:`install_advisor_console` in the app factory.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from advisor_console.api_routes import router as api_router
from advisor_console.base import Authenticator, Principal, Role
from advisor_console.console import AdvisorConsole
from advisor_console.insights_routes import router as insights_router
from advisor_console.page_routes import router as page_router
from frontdoor.errors import AuthenticationError, PermissionDeniedError

__all__ = ["AdvisorConsole", "Authenticator", "Principal", "Role", "install_advisor_console"]


def install_advisor_console(app: FastAPI) -> None:
    """Add the console's routes (and its background callback sweep) and its sign-in error handling."""
    app.include_router(api_router)
    app.include_router(page_router)
    app.include_router(insights_router)  # supervisors/admins: insights and decision export

    @app.exception_handler(PermissionDeniedError)
    async def _forbidden(_: Request, exc: PermissionDeniedError) -> Response:
        body = {"type": "about:blank", "title": "Forbidden", "status": 403, "detail": str(exc)}
        return JSONResponse(body, status_code=403, media_type="application/problem+json")

    @app.exception_handler(AuthenticationError)
    async def _unauthenticated(request: Request, exc: AuthenticationError) -> Response:
        if request.url.path.startswith("/advisor/") and request.method == "GET":
            return RedirectResponse("/advisor/login", status_code=303)
        body = {"type": "about:blank", "title": "Sign in required", "status": 401, "detail": str(exc)}
        return JSONResponse(
            body,
            status_code=401,
            media_type="application/problem+json",
            headers={"WWW-Authenticate": 'Cookie realm="advisor-console"'},
        )
