"""Backend fixtures for the scaled test matrix: every storage, retrieval and handoff test that takes
``database`` or ``vector_store`` runs once per backend.

* ``database``: ``sqlite`` (a file under tmp_path) and ``postgresql`` (``FRONTDOOR_TEST_DATABASE_URL``; each
  test gets a fresh schema of its own, dropped afterwards, so parallel runs do not collide).
* ``vector_store``: ``embedded`` (a PersistentClient under tmp_path) and ``server``
  (``FRONTDOOR_TEST_CHROMA_URL``, a ``chroma run`` server).
* ``redis_url``: ``FRONTDOOR_TEST_REDIS_URL``.

The server variants are skipped only when their variable is absent; ``.ci/services.sh`` sets them, so CI
always runs both. Loaded from tests/conftest.py with ``pytest_plugins = ["tests.conftest_backends"]``.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from knowledge_base.chroma_vector_store import ChromaVectorStore
from storage.database import Database

DATABASE_ENV = "FRONTDOOR_TEST_DATABASE_URL"
CHROMA_ENV = "FRONTDOOR_TEST_CHROMA_URL"
REDIS_ENV = "FRONTDOOR_TEST_REDIS_URL"

# Read once at import: the autouse fixture that clears FRONTDOOR_* variables must not hide the services.
_SERVICES = {name: os.environ.get(name) for name in (DATABASE_ENV, CHROMA_ENV, REDIS_ENV)}
_REQUIRED = os.environ.get("FRONTDOOR_TEST_REQUIRE_SERVICES") == "1"  # set by .ci/services.sh in CI


def service_url(name: str) -> str:
    """The URL of a test service, or skip the test when CI's services are not running."""
    url = _SERVICES.get(name)
    if not url:
        if _REQUIRED:
            pytest.fail(f"{name} not set although CI requires the service (see .ci/services.sh output)")
        pytest.skip(f"{name} not set (run `source .ci/services.sh`)")
    return url


def postgres_schema_url(base_url: str, schema: str) -> str:
    """``base_url`` with its search_path pinned to ``schema``."""
    return (
        make_url(base_url)
        .update_query_dict({"options": f"-csearch_path={schema}"})
        .render_as_string(hide_password=False)
    )


@contextmanager
def fresh_database_url(backend: str, tmp_path: Path) -> Iterator[str]:
    """An empty database of ``backend``: a new SQLite file, or a new PostgreSQL schema dropped on exit."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / f'frontdoor-{uuid.uuid4().hex[:8]}.db'}"
        return
    base = service_url(DATABASE_ENV)
    schema = f"fdtest_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield postgres_schema_url(base, schema)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database URL, once on SQLite and once on PostgreSQL (for migration tests)."""
    with fresh_database_url(request.param, tmp_path) as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A :class:`Database` with the full schema, once on SQLite and once on PostgreSQL."""
    with fresh_database_url(request.param, tmp_path) as url:
        db = Database(url)
        db.create_all()
        try:
            yield db
        finally:
            db.dispose()


@pytest.fixture
def database_factory(tmp_path: Path) -> Iterator[Callable[[str], Database]]:
    """``make("sqlite" | "postgresql")`` -> a fresh Database with the schema, disposed after the test."""
    stack = ExitStack()

    def make(backend: str) -> Database:
        db = Database(stack.enter_context(fresh_database_url(backend, tmp_path)))
        stack.callback(db.dispose)
        db.create_all()
        return db

    with stack:
        yield make


@pytest.fixture(params=["embedded", "server"])
def vector_store(request: pytest.FixtureRequest, tmp_path: Path) -> ChromaVectorStore:
    """An empty-ish Chroma store, embedded under tmp_path or on the test server."""
    if request.param == "embedded":
        return ChromaVectorStore(path=tmp_path / "chroma")
    return ChromaVectorStore(url=service_url(CHROMA_ENV))


@pytest.fixture(scope="session")
def redis_url() -> str:
    """The test Redis (database 15), or skip."""
    return service_url(REDIS_ENV)


@pytest.fixture(scope="session")
def chroma_server_url() -> str:
    """The test Chroma server, or skip."""
    return service_url(CHROMA_ENV)


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """The test PostgreSQL database (use a schema of your own: see :func:`fresh_database_url`), or skip."""
    return service_url(DATABASE_ENV)
