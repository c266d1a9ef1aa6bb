"""Liveness and readiness probes."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

__all__ = ["router"]

router = APIRouter(tags=["health"])


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    """The process is up."""
    return {"status": "ok"}


@router.get("/readyz")
async def readyz(request: Request) -> JSONResponse:
    """Models loaded and stores reachable."""
    services = getattr(request.app.state, "services", None)
    if services is None:
        return JSONResponse({"status": "starting", "checks": {"models": False}}, status_code=503)
    checks = {
        "models": True,
        "database": services.database.ping(),
        "vector_store": services.store.ping(),
        "knowledge_base": {c.id: services.store.live_generation(c.id) is not None for c in services.councils},
    }
    ok = checks["database"] and checks["vector_store"]
    return JSONResponse({"status": "ready" if ok else "degraded", "checks": checks}, status_code=200 if ok else 503)
