"""One error handler per surface: JSON problem details (RFC 9457) for the API. Never a stack trace."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from frontdoor.api.deps import NotReadyError
from frontdoor.errors import ConflictError, FrontDoorError, InputError, NotFoundError, UnknownCouncilError

__all__ = ["install_problem_handlers", "problem"]

log = logging.getLogger(__name__)


def problem(status: int, title: str, detail: str, **extra: Any) -> JSONResponse:
    """A problem+json response."""
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, **extra}
    return JSONResponse(body, status_code=status, media_type="application/problem+json")


def install_problem_handlers(app: FastAPI) -> None:
    """Translate our exceptions and FastAPI's validation errors into problem responses."""

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {"field": ".".join(str(p) for p in e.get("loc", ()) if p != "body"), "message": e.get("msg", "")}
            for e in exc.errors()
        ]
        if any(e.get("type") == "json_invalid" for e in exc.errors()):
            return problem(400, "Malformed JSON", "The request body is not valid JSON.", errors=errors)
        return problem(
            422, "Invalid request", "; ".join(f"{e['field']}: {e['message']}" for e in errors), errors=errors
        )

    @app.exception_handler(UnknownCouncilError)
    async def _council(_: Request, exc: UnknownCouncilError) -> JSONResponse:
        return problem(422, "Unknown council", f"No council with id {exc.council_id!r} is served here.")

    @app.exception_handler(InputError)
    async def _input(_: Request, exc: InputError) -> JSONResponse:
        return problem(422, "Invalid request", str(exc))

    @app.exception_handler(NotFoundError)
    async def _not_found(_: Request, exc: NotFoundError) -> JSONResponse:
        return problem(404, "Not found", str(exc))

    @app.exception_handler(ConflictError)
    async def _conflict(_: Request, exc: ConflictError) -> JSONResponse:
        return problem(409, "Conflict", str(exc))

    @app.exception_handler(NotReadyError)
    async def _not_ready(_: Request, exc: NotReadyError) -> JSONResponse:
        return problem(503, "Starting", str(exc))

    @app.exception_handler(FrontDoorError)
    async def _ours(_: Request, exc: FrontDoorError) -> JSONResponse:
        log.error("api.error", extra={"error": exc.__class__.__name__})
        return problem(
            503, "Service unavailable", "Something went wrong on our side. Please try again or call the council."
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return problem(exc.status_code, str(exc.detail), str(exc.detail))

    @app.exception_handler(Exception)
    async def _any(_: Request, exc: Exception) -> JSONResponse:
        log.error("api.unhandled", extra={"error": exc.__class__.__name__})
        return problem(500, "Internal error", "Something went wrong on our side. Please try again or call the council.")
