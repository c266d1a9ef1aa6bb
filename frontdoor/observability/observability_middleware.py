"""Pure ASGI middleware: a request id per request, and HTTP metrics by route template.

Pure ASGI rather than ``BaseHTTPMiddleware`` so streaming responses (SSE) pass through untouched.
"""

from __future__ import annotations

import time
from collections.abc import MutableMapping
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from frontdoor.observability.metrics import FrontDoorMetrics
from frontdoor.observability.request_context import REQUEST_ID_HEADER, accept_request_id, request_id_var

__all__ = ["ObservabilityMiddleware"]


class ObservabilityMiddleware:
    """Sets the request id (context variable and response header) and records HTTP metrics."""

    def __init__(self, app: ASGIApp, metrics: FrontDoorMetrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve one request."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        incoming = headers.get(REQUEST_ID_HEADER.encode())
        request_id = accept_request_id(incoming.decode("latin-1") if incoming else None)
        token = request_id_var.set(request_id)
        status = 500
        started = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                message.setdefault("headers", [])
                message["headers"] = [
                    *message["headers"],
                    (REQUEST_ID_HEADER.encode(), request_id.encode()),
                ]
            await send(message)

        self.metrics.in_flight.inc()
        try:
            await self.app(scope, receive, send_with_id)
        finally:
            self.metrics.in_flight.dec()
            self.metrics.observe_http(scope["method"], _route(scope), status, time.perf_counter() - started)
            request_id_var.reset(token)


def _route(scope: MutableMapping[str, Any]) -> str:
    """The matched route's template (``/api/chat/{id}``), or ``unmatched`` — never the raw path."""
    route = scope.get("route")
    path = getattr(route, "path", None)
    return str(path) if path else "unmatched"
