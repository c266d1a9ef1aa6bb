"""With several workers, the resident API's rate limit is shared: two apps over one store count together."""

from __future__ import annotations

import time
from typing import Any

from fastapi.testclient import TestClient

from frontdoor.app import create_app


def test_when_two_workers_serve_one_client_then_the_limit_is_shared(services: Any, settings_factory: Any) -> None:
    settings = settings_factory(
        workers=2,
        chroma_url="http://127.0.0.1:9",  # never contacted: the apps reuse the session's services
        api_rate_limit_per_minute=3,
        api_rate_limit_burst=3,
    )
    body = {"conversation_id": "none", "answer_index": 0, "helpful": True}
    if time.time() % 60 > 45:  # the shared counters use minute windows: don't straddle one
        time.sleep(61 - time.time() % 60)
    statuses = []
    worker_a, worker_b = create_app(settings, services=services), create_app(settings, services=services)
    with TestClient(worker_a) as a, TestClient(worker_b) as b:
        for client in (a, b, a, b):
            statuses.append(client.post("/api/v1/feedback", json=body).status_code)
    assert statuses[:3].count(429) == 0
    assert statuses[3] == 429


def test_when_one_worker_then_limits_stay_in_process(services: Any, settings_factory: Any) -> None:
    from web_widget.rate_limiter import RateLimiter
    from web_widget.shared_limiter_binding import needs_shared_limits

    assert not needs_shared_limits(settings_factory())
    assert needs_shared_limits(settings_factory(redis_url="redis://127.0.0.1:6379/15"))
    assert RateLimiter(3, 3).hit("x").allowed
