"""Per-client rate limits on the resident API's posts (chat, streamed chat, feedback, asking for a person).

A client is its IP address (the first ``X-Forwarded-For`` hop only when ``trust_forwarded_for`` is set,
i.e. behind our own proxy). When the limit is hit the answer is a 429 problem with ``Retry-After`` and a
friendly sentence the widget shows as it is.
"""

from __future__ import annotations

import re
from typing import Protocol

from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from web_widget.rate_limiter import RateDecision

__all__ = ["LIMITED_PATHS", "RateLimitMiddleware", "friendly_message"]

LIMITED_PATHS = re.compile(r"^/api/v1/(chat|chat/stream|feedback|conversations/[A-Za-z0-9_-]+/handoff)$")


def friendly_message(retry_after: int) -> str:
    """What the resident reads when they have sent too much too fast."""
    wait = "a minute" if retry_after >= 45 else f"{retry_after} second{'s' if retry_after != 1 else ''}"
    return (
        f"You're sending messages faster than I can answer. Please wait {wait} and try again. "
        "If you need help now, call the council. If anyone is in danger, call 999."
    )


class Limiter(Protocol):
    """What the middleware needs of a limiter (in-process or shared across workers)."""

    def hit(self, client: str) -> RateDecision:
        """Spend one post for ``client``."""
        ...


class RateLimitMiddleware:
    """Pure ASGI; only POSTs to :data:`LIMITED_PATHS` spend a token."""

    def __init__(self, app: ASGIApp, limiter: Limiter, trust_forwarded_for: bool = False) -> None:
        self.app = app
        self.limiter = limiter
        self.trust_forwarded_for = trust_forwarded_for

    def client_key(self, scope: Scope) -> str:
        """The key a client's bucket is stored under."""
        if self.trust_forwarded_for:
            forwarded = Headers(scope=scope).get("x-forwarded-for")
            if forwarded:
                return forwarded.split(",")[0].strip()
        client = scope.get("client")
        return client[0] if client else "unknown"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "POST" and LIMITED_PATHS.match(scope["path"]):
            decision = self.limiter.hit(self.client_key(scope))
            if not decision.allowed:
                response = JSONResponse(
                    {"type": "about:blank", "title": "Too many messages", "status": 429,
                     "detail": friendly_message(decision.retry_after), "retry_after": decision.retry_after},
                    status_code=429, media_type="application/problem+json",
                    headers={"Retry-After": str(decision.retry_after)},
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
