"""The console's server-rendered pages under ``/advisor/``: they work with plain HTML forms, and
``/advisor/static/console.js`` adds live updates (server-sent events) where JavaScript runs.

Every form carries the session's CSRF token (the sign-in form a double-submit one); a POST without it is
refused with 403 before anything changes.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape

from advisor_console.base import Principal
from advisor_console.console import AdvisorConsole
from advisor_console.deps import (
    LOGIN_CSRF_COOKIE,
    ConsoleDep,
    PrincipalDep,
    clear_session_cookie,
    session_token,
    set_login_cookie,
    set_session_cookie,
)
from advisor_console.views import handoff_view, item_view, wait_view
from frontdoor.errors import AuthenticationError, ConflictError, InputError, PermissionDeniedError
from storage.handoff_actions import OutcomeCode

__all__ = ["router"]

router = APIRouter(prefix="/advisor", include_in_schema=False)
CsrfField = Annotated[str, Form(max_length=128)]
PAGE_HEADERS = {
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'; form-action 'self'",
}


@lru_cache(maxsize=1)
def _env() -> Environment:
    return Environment(
        loader=PackageLoader("advisor_console", "templates"), autoescape=select_autoescape(default=True)
    )


def _page(name: str, status: int = 200, **values: Any) -> HTMLResponse:
    html = _env().get_template(name).render(**values)
    return HTMLResponse(html, status_code=status, headers=PAGE_HEADERS)


def _csrf(request: Request, console: AdvisorConsole, sent: str) -> str:
    token = session_token(request, console) or ""
    console.csrf.check_session(token, sent)
    return console.csrf.for_session(token)


def _common(request: Request, console: AdvisorConsole, who: Principal) -> dict[str, Any]:
    return {"who": who, "csrf": console.csrf.for_session(session_token(request, console) or "")}


@router.get("/static/console.js")
def script() -> Response:
    """Progressive enhancement: live queue and conversation."""
    body = (resources.files("advisor_console") / "static" / "console.js").read_text(encoding="utf-8")
    return Response(body, media_type="text/javascript; charset=utf-8", headers={"Cache-Control": "no-cache"})


@router.get("/login")
def login_form(console: ConsoleDep, error: str | None = None) -> HTMLResponse:
    """The sign-in form."""
    token = console.csrf.new_login_token()
    page = _page("login.html.j2", csrf=token, error=error)
    set_login_cookie(page, console.services.settings, token)
    return page


@router.post("/login")
def login(
    request: Request,
    console: ConsoleDep,
    username: Annotated[str, Form(max_length=128)],
    password: Annotated[str, Form(max_length=1024)],
    csrf_token: CsrfField = "",
) -> Response:
    """Check credentials; on success go to the queue."""
    console.csrf.check_login(request.cookies.get(LOGIN_CSRF_COOKIE), csrf_token)
    try:
        principal = console.authenticator.authenticate(username, password)
    except PermissionDeniedError:
        raise
    except AuthenticationError as exc:
        token = console.csrf.new_login_token()
        page = _page("login.html.j2", status=401, csrf=token, error=str(exc))
        set_login_cookie(page, console.services.settings, token)
        return page
    session = console.sessions.start(principal)
    out = RedirectResponse("/advisor/", status_code=303)
    set_session_cookie(out, console.services.settings, session)
    out.delete_cookie(LOGIN_CSRF_COOKIE, path="/")
    return out


@router.post("/logout")
def logout(request: Request, who: PrincipalDep, console: ConsoleDep, csrf_token: CsrfField = "") -> Response:
    """Sign out."""
    _csrf(request, console, csrf_token)
    console.sessions.end(session_token(request, console))
    out = RedirectResponse("/advisor/login", status_code=303)
    clear_session_cookie(out, console.services.settings)
    return out


@router.get("/")
def queue(
    request: Request, who: PrincipalDep, console: ConsoleDep, notice: str | None = None
) -> HTMLResponse:
    """The live queue of the user's councils."""
    items = [item_view(i) for i in console.open_queue(who)]
    return _page("queue.html.j2", items=items, notice=notice, **_common(request, console, who))


@router.get("/supervisor")
def supervisor(request: Request, who: PrincipalDep, console: ConsoleDep) -> HTMLResponse:
    """Waiting counts and waits by council and reason."""
    rows = [wait_view(r) for r in console.summary(who)]
    return _page("supervisor.html.j2", rows=rows, **_common(request, console, who))


@router.get("/handoffs/{handoff_id}")
def handoff(
    request: Request, handoff_id: str, who: PrincipalDep, console: ConsoleDep, notice: str | None = None
) -> HTMLResponse:
    """One handoff: packet, conversation and the actions this user may take."""
    return _detail(request, console, who, handoff_id, notice=notice)


def _detail(
    request: Request,
    console: AdvisorConsole,
    who: Principal,
    handoff_id: str,
    *,
    status: int = 200,
    notice: str | None = None,
    originals: dict[str, str] | None = None,
) -> HTMLResponse:
    view = handoff_view(console.handoff(who, handoff_id), console.transcript(who, handoff_id))
    return _page(
        "handoff.html.j2",
        status=status,
        h=view,
        notice=notice,
        originals=originals,
        outcomes=[c.value for c in OutcomeCode],
        **_common(request, console, who),
    )


def _back(handoff_id: str, notice: str) -> RedirectResponse:
    return RedirectResponse(f"/advisor/handoffs/{handoff_id}?notice={notice}", status_code=303)


@router.post("/handoffs/{handoff_id}/claim")
def claim(
    request: Request, handoff_id: str, who: PrincipalDep, console: ConsoleDep, csrf_token: CsrfField = ""
) -> Response:
    """Claim; a lost race shows who has it (409)."""
    _csrf(request, console, csrf_token)
    try:
        console.claim(who, handoff_id)
    except ConflictError:
        return _detail(
            request, console, who, handoff_id, status=409, notice="Someone else has already taken this."
        )
    return _back(handoff_id, "claimed")


@router.post("/handoffs/{handoff_id}/reply")
def reply(
    request: Request,
    handoff_id: str,
    who: PrincipalDep,
    console: ConsoleDep,
    text: Annotated[str, Form(max_length=4000)],
    csrf_token: CsrfField = "",
) -> Response:
    """Send the resident a message."""
    _csrf(request, console, csrf_token)
    try:
        console.reply(who, handoff_id, text)
    except (ConflictError, InputError) as exc:
        return _detail(request, console, who, handoff_id, status=409, notice=str(exc))
    return _back(handoff_id, "sent")


@router.post("/handoffs/{handoff_id}/release")
def release(
    request: Request, handoff_id: str, who: PrincipalDep, console: ConsoleDep, csrf_token: CsrfField = ""
) -> Response:
    """Hand back to the queue."""
    _csrf(request, console, csrf_token)
    try:
        console.release(who, handoff_id)
    except ConflictError as exc:
        return _detail(request, console, who, handoff_id, status=409, notice=str(exc))
    return RedirectResponse("/advisor/?notice=handed+back", status_code=303)


@router.post("/handoffs/{handoff_id}/close")
def close(
    request: Request,
    handoff_id: str,
    who: PrincipalDep,
    console: ConsoleDep,
    outcome: Annotated[str, Form(max_length=32)],
    csrf_token: CsrfField = "",
) -> Response:
    """Close with an outcome code."""
    _csrf(request, console, csrf_token)
    try:
        console.close(who, handoff_id, outcome)
    except (ConflictError, InputError) as exc:
        return _detail(request, console, who, handoff_id, status=409, notice=str(exc))
    return RedirectResponse("/advisor/?notice=closed", status_code=303)


@router.post("/handoffs/{handoff_id}/reveal")
def reveal(
    request: Request,
    handoff_id: str,
    who: PrincipalDep,
    console: ConsoleDep,
    reason: Annotated[str, Form(max_length=500)],
    csrf_token: CsrfField = "",
) -> Response:
    """Show the original words on this response only (never stored in the page's URL or a cookie)."""
    _csrf(request, console, csrf_token)
    found = console.reveal(who, handoff_id, reason)
    shown = dict(found.originals) | {f"[{s.kind}]": s.value for s in found.secrets}
    return _detail(request, console, who, handoff_id, originals=shown)
