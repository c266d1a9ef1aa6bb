"""Registers the widget's routes and the public API's protections on an app (called by ``create_app``)."""

from __future__ import annotations

from fastapi import FastAPI

from frontdoor.settings import Settings
from web_widget.council_cors import CouncilCorsMiddleware
from web_widget.rate_limit_middleware import RateLimitMiddleware
from web_widget.rate_limiter import RateLimiter
from web_widget.routes import router
from web_widget.security_headers import SecurityHeadersMiddleware
from web_widget.shared_limiter_binding import SharedLimiterBinding, needs_shared_limits

__all__ = ["install_web_widget"]


def install_web_widget(app: FastAPI, settings: Settings) -> None:
    """Add the widget routes, rate limits, security headers and council CORS.

    Starlette runs the last-added middleware first, so CORS is outermost: a 429 or a 403 still carries the
    headers the widget needs to read it.
    """
    app.include_router(router)
    limiter: RateLimiter | SharedLimiterBinding = (
        SharedLimiterBinding(app, settings)
        if needs_shared_limits(settings)
        else RateLimiter(settings.api_rate_limit_per_minute, settings.api_rate_limit_burst)
    )
    app.add_middleware(RateLimitMiddleware, limiter=limiter, trust_forwarded_for=settings.trust_forwarded_for)
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(CouncilCorsMiddleware)
