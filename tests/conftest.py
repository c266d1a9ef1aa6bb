"""Shared fixtures: real components on tiny data, the slow ones built once per session.

* ``settings_factory`` builds Settings for a temporary data dir (never from the environment).
* ``embedder`` is the real packaged all-MiniLM-L6-v2.
* ``services`` is one fully wired set of backends (real Presidio + spaCy, real Chroma, SQLite) with the
  sample knowledge base of both sample councils ingested.
* ``client`` is a FastAPI TestClient over ``create_app(services=services)``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from frontdoor.logging_setup import quiet_third_parties

quiet_third_parties()

# Backend matrix (database / vector_store over every backend) and the handoff/console app fixtures.
pytest_plugins = ["tests.conftest_backends", "tests.handoff.fixtures"]

SAMPLE_KB = Path(__file__).resolve().parents[1] / "frontdoor" / "sample" / "knowledge_base"
TEST_VAULT_KEY = "7gWPhH5DPxk3r6ZgFn0LJv1Vf5h7p2QYnJ8qgKxC1nE="


@pytest.fixture(autouse=True)
def _clean_frontdoor_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test may depend on FRONTDOOR_* variables of the machine it runs on."""
    for name in list(os.environ):
        if name.startswith("FRONTDOOR_") and not name.startswith("FRONTDOOR_TEST_"):
            monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def settings_factory(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Any]:
    """Build Settings on a fresh temporary data dir."""
    from frontdoor.settings import Environment, Settings

    def make(**overrides: Any) -> Settings:
        values: dict[str, Any] = {
            "environment": Environment.TEST,
            "data_dir": tmp_path_factory.mktemp("data"),
            "vault_key": TEST_VAULT_KEY,
            # Pinned so that refitting the calibration (`frontdoor eval --calibrate`) cannot flip behaviour tests;
            # the evaluation reports figures at the calibrated threshold.
            "answer_threshold": 0.35,
            # The shared test client is one "client": rate-limit tests set their own limits.
            "api_rate_limit_per_minute": 100_000,
            "api_rate_limit_burst": 100_000,
        }
        values.update(overrides)
        return Settings(**values)

    return make


@pytest.fixture(scope="session")
def embedder() -> Any:
    """The real packaged embedding model."""
    from knowledge_base.sentence_transformer_embedder import SentenceTransformerEmbedder, packaged_model_path

    return SentenceTransformerEmbedder(packaged_model_path())


@pytest.fixture(scope="session")
def services(settings_factory: Callable[..., Any]) -> Iterator[Any]:
    """One wired process worth of backends with the sample KB ingested for both councils."""
    from frontdoor.container import build_services, sample_kb_dir

    settings = settings_factory()
    built = build_services(settings)
    ingestor = built.ingestor()
    for council in built.councils:
        folder = sample_kb_dir(settings, council.knowledge_base_dir)
        assert folder is not None
        report = ingestor.ingest(folder, council.id, default_url=str(council.website))
        assert not report.errors, report.summary()
    yield built
    built.close()


@pytest.fixture(scope="session")
def client(services: Any) -> Iterator[Any]:
    """A TestClient over the real app sharing the session's services."""
    from fastapi.testclient import TestClient

    from frontdoor.app import create_app

    with TestClient(create_app(services=services)) as test_client:
        yield test_client
