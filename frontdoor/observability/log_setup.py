"""Installs JSON logging on the root logger (the app and CLI call this; libraries never do)."""

from __future__ import annotations

import logging
import sys

from frontdoor.observability.json_log_formatter import JsonLogFormatter
from frontdoor.observability.request_context import RequestIdLogFilter

__all__ = ["install_json_logging"]


def install_json_logging(level: str = "INFO") -> None:
    """Route every logger to one stderr handler writing JSON lines. Idempotent (replaces handlers)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonLogFormatter())
    handler.addFilter(RequestIdLogFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    logging.captureWarnings(True)  # warnings become JSON lines too (logger ``py.warnings``)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        lg = logging.getLogger(name)
        lg.handlers[:] = []
        lg.propagate = True
