"""``POST /api/v1/redact``: clean text before sharing it. Returns the redacted text and where personal data
was found; never the originals, and nothing is stored or logged."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, ConfigDict, Field

from frontdoor.api.deps import NotReadyError
from redaction.base import Redactor

__all__ = ["RedactRequest", "RedactResponse", "RedactedSpan", "get_redactor", "router"]

router = APIRouter(prefix="/api/v1", tags=["redaction"])

MAX_REDACT_CHARS = 20_000


class RedactRequest(BaseModel):
    """Text to clean, and optionally the council whose published numbers and address to keep."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(max_length=MAX_REDACT_CHARS)
    council: str | None = None


class RedactedSpan(BaseModel):
    """Where one piece of personal data was, in the *original* text, and how sure we are."""

    type: str
    start: int
    end: int
    score: float


class RedactResponse(BaseModel):
    """The redacted text (typed placeholders such as ``<PERSON_1>``) and the spans found."""

    redacted: str
    entities: list[RedactedSpan]


def get_redactor(request: Request) -> Redactor:
    """The process's redactor, from the services built in the app's lifespan."""
    services = getattr(request.app.state, "services", None)
    if services is None:
        raise NotReadyError("the service is starting; try again in a few seconds")
    redactor: Redactor = services.redactor
    return redactor


def _council_id(request: Request, body: RedactRequest) -> str | None:
    if body.council is None:
        return None
    return request.app.state.services.councils.get(body.council).id  # UnknownCouncilError -> 422


RedactorDep = Annotated[Redactor, Depends(get_redactor)]


@router.post("/redact", response_model=RedactResponse)
def redact(body: RedactRequest, request: Request, redactor: RedactorDep) -> RedactResponse:
    """Redact ``text``. A sync route, so FastAPI runs it in its thread pool; a RedactionError becomes a
    problem response and no text is returned (fail closed)."""
    result = redactor.redact(body.text, council_id=_council_id(request, body))
    return RedactResponse(
        redacted=result.text,
        entities=[RedactedSpan(type=e.type, start=e.start, end=e.end, score=e.score) for e in result.entities],
    )
