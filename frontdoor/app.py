"""The FastAPI application factory: the one composition root for the HTTP service."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio.to_thread
from fastapi import FastAPI

from advisor_console import install_advisor_console
from frontdoor import __version__
from frontdoor.api import chat, chat_stream, feedback, handoff, health, redact
from frontdoor.api.problems import install_problem_handlers
from frontdoor.container import Services, build_services
from frontdoor.observability import (
    FrontDoorMetrics,
    ObservabilityMiddleware,
    install_json_logging,
    metrics_route,
)
from frontdoor.settings import Settings
from telephony import routes as telephony_routes
from web_widget import install_web_widget

__all__ = ["create_app"]

log = logging.getLogger(__name__)


def create_app(settings: Settings | None = None, services: Services | None = None) -> FastAPI:
    """Build the app. ``services`` lets tests share one set of loaded models; otherwise the lifespan builds them."""
    settings = settings or (services.settings if services else Settings())

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = services is None
        if settings.log_format == "json":
            install_json_logging(settings.log_level)
        app.state.services = services or await anyio.to_thread.run_sync(build_services, settings)
        app.state.services.conversations.add_observer(app.state.metrics)
        log.info("app.ready", extra={"councils": app.state.services.councils.ids()})
        try:
            yield
        finally:
            app.state.services.conversations.remove_observer(app.state.metrics)
            if owned:
                app.state.services.close()
            app.state.services = None

    app = FastAPI(
        title="Front Door",
        version=__version__,
        description="A safe front-door assistant for UK councils' Adult Social Care.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.services = None
    # A registry of this app's own (no global prometheus state); summed over workers when there are several.
    app.state.metrics = FrontDoorMetrics(multiprocess_dir=settings.prometheus_multiproc_dir)
    app.add_middleware(ObservabilityMiddleware, metrics=app.state.metrics)
    install_problem_handlers(app)
    app.include_router(metrics_route.router)
    app.include_router(health.router)
    app.include_router(chat.router)
    app.include_router(chat_stream.router)
    app.include_router(redact.router)
    app.include_router(feedback.router)
    app.include_router(handoff.router)
    install_advisor_console(app)
    app.include_router(telephony_routes.router)
    install_web_widget(app, settings)
    return app
