"""CORS for the resident API, limited to the origins councils allow to embed the widget.

Only the resident surface is shared cross-origin (chat, feedback, a conversation's handoff and events, the
widget config); the advisor console and its API never are. A request from a foreign origin that is not
allowed is refused outright (403) rather than merely left unreadable, so it cannot even post a message.
"""

from __future__ import annotations

import re

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from web_widget.allowed_origins import AllowedOrigins, normalise_origin

__all__ = ["CORS_PATHS", "CouncilCorsMiddleware"]

CORS_PATHS = re.compile(
    r"^/(widget\.js|widget/config/(?P<council>[a-z0-9-]+)|api/v1/(chat|chat/stream|feedback)"
    r"|api/v1/conversations/[A-Za-z0-9_-]+(/handoff|/events)?)$"
)


class CouncilCorsMiddleware:
    """Pure ASGI. Reads the councils from ``app.state.services`` on each request (built in the lifespan)."""

    def __init__(self, app: ASGIApp, max_age: int = 600) -> None:
        self.app = app
        self.max_age = max_age
        self._cache: tuple[object, AllowedOrigins] | None = None

    def _origins(self, scope: Scope) -> AllowedOrigins:
        services = getattr(scope["app"].state, "services", None) if "app" in scope else None
        registry = getattr(services, "councils", None)
        if registry is None:
            return AllowedOrigins({})
        if self._cache is None or self._cache[0] is not registry:
            self._cache = (registry, AllowedOrigins.from_councils(registry))
        return self._cache[1]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        origin = headers.get("origin")
        if origin is None or _same_origin(origin, scope, headers):
            await self.app(scope, receive, send)
            return
        match = CORS_PATHS.match(scope["path"])
        if match is None:  # not the resident surface: no CORS; those routes keep their own CSRF defences
            await self.app(scope, receive, send)
            return
        allowed = self._origins(scope).allows(origin, match.group("council"))
        preflight = scope["method"] == "OPTIONS" and "access-control-request-method" in headers
        if not allowed:
            if preflight or scope["method"] not in ("GET", "HEAD"):
                await _refuse()(scope, receive, send)
                return
            await self.app(scope, receive, send)  # a foreign GET may run; the browser hides the body
            return
        if preflight:
            response = Response(status_code=204, headers={
                "Access-Control-Allow-Origin": origin,
                "Access-Control-Allow-Methods": "GET, POST",
                "Access-Control-Allow-Headers": "Content-Type",
                "Access-Control-Max-Age": str(self.max_age),
                "Vary": "Origin",
            })
            await response(scope, receive, send)
            return

        async def send_with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                out = MutableHeaders(scope=message)
                out["Access-Control-Allow-Origin"] = origin
                out["Access-Control-Expose-Headers"] = "Retry-After"
                out.add_vary_header("Origin")
            await send(message)

        await self.app(scope, receive, send_with_cors)


def _same_origin(origin: str, scope: Scope, headers: Headers) -> bool:
    """The request's own origin, as seen by the server or as published (behind a TLS-terminating proxy)."""
    wanted = normalise_origin(origin)
    settings = getattr(scope["app"].state, "settings", None) if "app" in scope else None
    public = getattr(settings, "public_base_url", None)
    if public and wanted == normalise_origin(public):
        return True
    host = headers.get("host")
    return bool(host) and wanted == normalise_origin(f"{scope.get('scheme', 'http')}://{host}")


def _refuse() -> Response:
    return JSONResponse(
        {"type": "about:blank", "title": "Origin not allowed", "status": 403,
         "detail": "This site is not allowed to use this council's assistant."},
        status_code=403, media_type="application/problem+json",
    )
