"""One JSON object per log line: time, level, logger, dotted event name, request id, and safe key-values.

Our code logs ``log.info("handoff.created", extra={...})``: the message *is* the event name, and extras
carry ids, counts and codes. The formatter defends the rule "never resident text" in depth: extras whose
key names a text field are withheld, long strings are cut, a message that is not a dotted event name is
not printed verbatim (only its logger and template length), and exceptions are reported by type and place,
never by message (exception messages can quote input).
"""

from __future__ import annotations

import json
import logging
import re
import traceback
from datetime import UTC, datetime
from typing import Any

__all__ = ["TEXT_KEYS", "JsonLogFormatter"]

TEXT_KEYS = frozenset(
    {"text", "message_text", "body", "transcript", "query", "question", "answer", "input", "reply"}
)
_EVENT = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
_STANDARD = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
    "request_id",
}
_MAX_STR = 200


class JsonLogFormatter(logging.Formatter):
    """Formats records as single-line JSON. ``trusted_loggers`` may log free-text messages verbatim."""

    def __init__(self, trusted_loggers: tuple[str, ...] = ("uvicorn", "alembic", "py.warnings")) -> None:
        super().__init__()
        self._trusted = trusted_loggers

    def format(self, record: logging.LogRecord) -> str:
        """The JSON line."""
        out: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": self._event(record),
            "request_id": getattr(record, "request_id", None),
        }
        if self._trusted_logger(record.name) and not _EVENT.match(str(record.msg)):
            out["message"] = _cut(record.getMessage())
        for key, value in record.__dict__.items():
            if key in _STANDARD or key.startswith("_") or key in out:
                continue
            out[key] = "[withheld]" if key.lower() in TEXT_KEYS else _safe(value)
        if record.exc_info and record.exc_info[0] is not None:
            exc_type, _exc, tb = record.exc_info
            frames = traceback.extract_tb(tb)
            out["error"] = exc_type.__name__
            if frames:
                out["error_at"] = f"{frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].lineno}"
        return json.dumps(out, ensure_ascii=False, default=str)

    def _event(self, record: logging.LogRecord) -> str:
        msg = str(record.msg)
        if _EVENT.match(msg):
            return msg
        return f"{record.name}.log"

    def _trusted_logger(self, name: str) -> bool:
        return any(name == t or name.startswith(t + ".") for t in self._trusted)


def _safe(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str):
        return _cut(value)
    if isinstance(value, list | tuple | set | frozenset):
        return [_safe(v) for v in list(value)[:50]]
    if isinstance(value, dict):
        return {
            str(k): ("[withheld]" if str(k).lower() in TEXT_KEYS else _safe(v))
            for k, v in list(value.items())[:50]
        }
    return _cut(str(value))


def _cut(value: str) -> str:
    return value if len(value) <= _MAX_STR else value[:_MAX_STR] + "…"
