"""Fixtures shared by the handoff and console tests: an app over its own database, a movable clock (open)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from frontdoor.app import create_app
from tests.handoff.support import OPEN_WEDNESDAY, MovableClock, isolated_services


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock(OPEN_WEDNESDAY)


@pytest.fixture
def app_services(services: Any, tmp_path: Path, clock: MovableClock) -> Iterator[Any]:
    built = isolated_services(services, tmp_path / "frontdoor.db", clock)
    yield built
    built.database.dispose()


@pytest.fixture
def advisor(app_services: Any) -> Iterator[TestClient]:
    """The advisor's browser: runs the app's lifespan."""
    with TestClient(create_app(services=app_services)) as client:
        yield client


@pytest.fixture
def resident(advisor: TestClient) -> TestClient:
    """The resident's browser: the same app, its own cookies."""
    return TestClient(advisor.app)
