"""Helpers for handoff and console tests: an isolated app over a fresh database (sharing the session's
loaded models), a clock tests can move, sign-in, and reading server-sent events."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from advisor_console.base import Role
from advisor_console.console import AdvisorConsole
from bot.conversation_service import ConversationService
from bot.pipeline import NamedStep, Pipeline
from bot.steps.redact_step import RedactStep
from frontdoor.container import Services
from redaction.vault import Vault
from storage.conversation_store import ConversationStore
from storage.database import Database
from storage.handoff_store import HandoffStore

OPEN_WEDNESDAY = datetime(2026, 11, 25, 11, 0, tzinfo=UTC)
"""11:00 on an ordinary Wednesday: both sample councils are open."""
CLOSED_SUNDAY = datetime(2026, 11, 29, 11, 0, tzinfo=UTC)
VAULT_KEY = b"7gWPhH5DPxk3r6ZgFn0LJv1Vf5h7p2QYnJ8qgKxC1nE="
PASSWORD = "correct horse battery staple"


class MovableClock:
    """Real time passing from a chosen start, plus whatever a test adds with :meth:`advance`."""

    def __init__(self, start: datetime) -> None:
        self._start = start
        self._real = datetime.now(UTC)
        self._extra = timedelta()

    def __call__(self) -> datetime:
        return self._start + (datetime.now(UTC) - self._real) + self._extra

    def advance(self, **delta: float) -> None:
        """Jump forward."""
        self._extra += timedelta(**delta)


def isolated_services(shared: Services, db_path: Path, clock: MovableClock, **settings: Any) -> Services:
    """A Services over its own SQLite file and clock, reusing the session's models and pipeline steps."""
    database = Database(f"sqlite:///{db_path}")
    database.create_all()
    overrides = {"api_rate_limit_per_minute": 10_000, "api_rate_limit_burst": 10_000, **settings}
    config = shared.settings.model_copy(update=overrides)
    vault = Vault(database, VAULT_KEY, retention=timedelta(days=30), clock=clock)
    conversations = ConversationStore(database)
    handoffs = HandoffStore(
        database, shared.councils, claim_timeout_minutes=config.handoff_claim_timeout_minutes, clock=clock
    )
    pipeline = Pipeline(
        [
            NamedStep("redact", RedactStep(shared.redactor, vault)) if s.name == "redact" else s
            for s in shared.pipeline.steps
        ]
    )
    service = ConversationService(
        shared.councils, pipeline, conversations, handoffs, shared.redactor, clock=clock
    )
    built = dataclasses.replace(
        shared,
        settings=config,
        database=database,
        vault=vault,
        pipeline=pipeline,
        conversations=service,
        conversation_store=conversations,
        handoffs=handoffs,
        extras={},
    )
    built.extras["advisor"] = AdvisorConsole.build(built, clock=clock)
    return built


def console_of(services: Services) -> AdvisorConsole:
    """The console wired into these services."""
    console: AdvisorConsole = services.extras["advisor"]
    return console


def make_account(
    services: Services, username: str, role: Role = Role.ADVISOR, councils: tuple[str, ...] = ("ashby-vale",)
) -> None:
    """A local account with the test password."""
    console_of(services).accounts.create(username, PASSWORD, role, councils)


def sign_in(client: TestClient, username: str, password: str = PASSWORD) -> str:
    """Sign in through the JSON API; return the session's CSRF token."""
    start = client.get("/api/v1/advisor/csrf")
    assert start.status_code == 200, start.text
    response = client.post(
        "/api/v1/advisor/login",
        json={"username": username, "password": password},
        headers={"X-CSRF-Token": start.json()["csrf_token"]},
    )
    assert response.status_code == 200, response.text
    return str(response.json()["csrf_token"])


@dataclass(frozen=True)
class Event:
    """One parsed server-sent event."""

    event: str
    data: Any
    id: str | None


def read_events(client: TestClient, url: str) -> list[Event]:
    """Read a (short, ``wait=0``) event stream to its end and parse it."""
    response = client.get(url)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/event-stream")
    events = []
    for block in response.text.split("\n\n"):
        fields: dict[str, str] = {}
        for line in block.splitlines():
            if line.startswith(":") or ":" not in line:
                continue
            key, _, value = line.partition(":")
            fields[key] = value.removeprefix(" ")
        if "event" in fields:
            events.append(Event(fields["event"], json.loads(fields.get("data", "null")), fields.get("id")))
    return events
