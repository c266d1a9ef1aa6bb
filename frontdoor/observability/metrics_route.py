"""``GET /metrics``: the app's Prometheus exposition (counts and timings only, never text)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from frontdoor.observability.metrics import CONTENT_TYPE_LATEST, FrontDoorMetrics

__all__ = ["router"]

router = APIRouter(tags=["operations"])


@router.get("/metrics", include_in_schema=False)
def metrics(request: Request) -> Response:
    """Prometheus text format for this worker's registry."""
    registry: FrontDoorMetrics = request.app.state.metrics
    return Response(registry.render(), media_type=CONTENT_TYPE_LATEST)
