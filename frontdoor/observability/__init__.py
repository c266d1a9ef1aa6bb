"""Operations: Prometheus metrics per app, JSON logs without resident text, request ids."""

from frontdoor.observability.json_log_formatter import JsonLogFormatter
from frontdoor.observability.log_setup import install_json_logging
from frontdoor.observability.metrics import CONTENT_TYPE_LATEST, FrontDoorMetrics
from frontdoor.observability.observability_middleware import ObservabilityMiddleware
from frontdoor.observability.request_context import (
    RequestIdLogFilter,
    accept_request_id,
    current_request_id,
)

__all__ = [
    "CONTENT_TYPE_LATEST",
    "FrontDoorMetrics",
    "JsonLogFormatter",
    "ObservabilityMiddleware",
    "RequestIdLogFilter",
    "accept_request_id",
    "current_request_id",
    "install_json_logging",
]
