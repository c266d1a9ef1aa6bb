"""``POST /api/v1/redact`` over the real redactor, through the app's problem handlers."""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from councils import CouncilRegistry
from frontdoor.api import redact
from frontdoor.api.problems import install_problem_handlers
from redaction.presidio_redactor import PresidioRedactor


@pytest.fixture(scope="module")
def client(redactor: PresidioRedactor, councils: CouncilRegistry) -> Iterator[TestClient]:
    app = FastAPI()
    install_problem_handlers(app)
    app.include_router(redact.router)
    # The lead's container exposes exactly these attributes; the router reads nothing else.
    app.state.services = SimpleNamespace(redactor=redactor, councils=councils)
    with TestClient(app) as test_client:
        yield test_client


def test_when_text_has_personal_data_then_redacted_and_spans_without_originals(client: TestClient) -> None:
    text = "I'm Grace Okafor, 14 Mill Lane, call 07700 900123 or the council on 01632 960100"
    response = client.post("/api/v1/redact", json={"text": text, "council": "ashby-vale"})
    assert response.status_code == 200
    body = response.json()
    assert (
        body["redacted"] == "I'm <PERSON_1>, <STREET_ADDRESS_1>, call <PHONE_NUMBER_1> or the council on 01632 960100"
    )
    assert [(e["type"], text[e["start"] : e["end"]]) for e in body["entities"]] == [
        ("PERSON", "Grace Okafor"),
        ("STREET_ADDRESS", "14 Mill Lane"),
        ("PHONE_NUMBER", "07700 900123"),
    ]
    assert set(body["entities"][0]) == {"type", "start", "end", "score"}
    for secret in ("Grace", "Okafor", "Mill Lane", "900123"):
        assert secret not in response.text


def test_when_no_council_then_still_redacted(client: TestClient) -> None:
    response = client.post("/api/v1/redact", json={"text": "NHS number 943 476 5919"})
    assert response.json()["redacted"] == "NHS number <UK_NHS_1>"


def test_when_unknown_council_then_422_problem(client: TestClient) -> None:
    response = client.post("/api/v1/redact", json={"text": "hello", "council": "atlantis"})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")


def test_when_text_missing_then_422(client: TestClient) -> None:
    assert client.post("/api/v1/redact", json={"council": "ashby-vale"}).status_code == 422


def test_when_services_not_ready_then_503() -> None:
    app = FastAPI()
    install_problem_handlers(app)
    app.include_router(redact.router)
    with TestClient(app) as test_client:
        assert test_client.post("/api/v1/redact", json={"text": "hi"}).status_code == 503
