"""The widget's routes: ``GET /widget.js``, ``GET /widget/config/{council}``, the demo council page ``GET /``
and its stylesheet. Register with :func:`web_widget.install_web_widget`."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape

from frontdoor.api.deps import ServicesDep
from web_widget.allowed_origins import AllowedOrigins
from web_widget.security_headers import page_policy
from web_widget.static_asset import StaticAsset
from web_widget.widget_config import WidgetConfig, build_widget_config

__all__ = ["router"]

router = APIRouter(tags=["widget"])


@lru_cache(maxsize=4)
def _asset(name: str, media_type: str) -> StaticAsset:
    return StaticAsset.load(name, media_type)


@lru_cache(maxsize=1)
def _pages() -> Environment:
    loader = PackageLoader("web_widget", "templates")
    return Environment(loader=loader, autoescape=select_autoescape(default=True))


@router.get("/widget.js", include_in_schema=False)
def widget_js(request: Request) -> Response:
    """The embeddable widget: dependency-free JavaScript, no build step."""
    return _asset("widget.js", "text/javascript; charset=utf-8").response(request)


@router.get("/widget/demo.css", include_in_schema=False)
def demo_css(request: Request) -> Response:
    """The demo council page's stylesheet (a file, so the page's CSP needs no inline styles)."""
    return _asset("demo.css", "text/css; charset=utf-8").response(request)


@router.get("/widget/config/{council_id}", response_model=WidgetConfig)
def widget_config(council_id: str, services: ServicesDep) -> WidgetConfig:
    """Theme, notice, published numbers and opening state of one council, for the widget."""
    council = services.councils.get(council_id)
    return build_widget_config(council, services.settings.quick_exit_url, datetime.now(UTC))


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def demo_page(services: ServicesDep, council: str | None = None) -> HTMLResponse:
    """A plausible council page with the widget embedded (``?council=ID`` picks the council)."""
    chosen = services.councils.get(council) if council else services.councils.default
    html = _pages().get_template("demo.html.j2").render(council=chosen, councils=list(services.councils))
    origins = AllowedOrigins.from_councils([chosen])
    policy = page_policy(origins.frame_ancestors(chosen.id))
    return HTMLResponse(html, headers={"Content-Security-Policy": policy})
