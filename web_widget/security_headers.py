"""Security headers on every response, and a Content-Security-Policy on every HTML page that lacks one.

Pages we serve load scripts and styles only from this origin (no inline script or style), send no referrer
and may be framed only by this origin; a route that wants other framers (the demo page: the council's allowed
origins) sets its own policy with :func:`page_policy` and this middleware leaves it alone.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["SecurityHeadersMiddleware", "page_policy"]


def page_policy(frame_ancestors: str = "'self'") -> str:
    """The CSP for a page we serve. ``frame_ancestors`` is a CSP source list."""
    return "; ".join((
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' https: data:",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        f"frame-ancestors {frame_ancestors}",
    ))


_API_POLICY = "default-src 'none'; frame-ancestors 'none'"


class SecurityHeadersMiddleware:
    """Pure ASGI (so server-sent event streams pass straight through)."""

    def __init__(self, app: ASGIApp, exempt_paths: tuple[str, ...] = ("/docs", "/redoc")) -> None:
        self.app = app
        self.exempt_paths = exempt_paths
        """FastAPI's own documentation pages load scripts from a CDN, so they keep no policy."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(self.exempt_paths):
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("Referrer-Policy", "no-referrer")
                if "content-security-policy" not in headers:
                    html = headers.get("content-type", "").startswith("text/html")
                    headers["Content-Security-Policy"] = page_policy() if html else _API_POLICY
                    if html:
                        headers.setdefault("X-Frame-Options", "SAMEORIGIN")
            await send(message)

        await self.app(scope, receive, send_with_headers)
