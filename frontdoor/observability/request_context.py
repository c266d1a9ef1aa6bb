"""The request id of the current request, carried in a context variable so every log line can name it.

An incoming ``X-Request-ID`` is kept when it is a short opaque token, otherwise a new one is made; the
response always echoes it. :class:`RequestIdLogFilter` copies it onto log records.
"""

from __future__ import annotations

import logging
import re
import uuid
from contextvars import ContextVar

__all__ = [
    "REQUEST_ID_HEADER",
    "RequestIdLogFilter",
    "accept_request_id",
    "current_request_id",
    "request_id_var",
]

REQUEST_ID_HEADER = "x-request-id"
_SAFE = re.compile(r"^[A-Za-z0-9._-]{1,64}$")

request_id_var: ContextVar[str | None] = ContextVar("frontdoor_request_id", default=None)


def accept_request_id(incoming: str | None) -> str:
    """The caller's id if it is a safe token (no text smuggled into logs), else a fresh one."""
    if incoming and _SAFE.match(incoming):
        return incoming
    return uuid.uuid4().hex


def current_request_id() -> str | None:
    """The id of the request being served, if any."""
    return request_id_var.get()


class RequestIdLogFilter(logging.Filter):
    """Adds ``request_id`` to every record (None outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Annotate and keep the record."""
        record.request_id = request_id_var.get()
        return True
