"""Fixtures for the widget tests: one wired app on a test councils file, served for real by uvicorn.

Councils: ``testshire`` (always open; some Ashby Vale sample pages plus a hostile page for the XSS test) and
``nightshire`` (never open, no pages: it is only asked for a person). Both allow ``https://embed.test``.
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from benchmarks.measure import free_port

SAMPLE = Path(__file__).resolve().parents[2] / "frontdoor" / "sample"
XSS_KB = Path(__file__).resolve().parent / "kb_xss"
EMBED_ORIGIN = "https://embed.test"
# A few sample pages keep ingestion quick (one folder per council: ingest syncs the council to the folder).
ASHBY_PAGES = ("blue-badge", "home-care", "carers-assessment-and-support", "needs-assessment",
               "charging-and-financial-assessment", "contact-us", "equipment-and-minor-adaptations",
               "meals-and-help-with-food")
ALWAYS = {
    day: {"open": "00:00", "close": "23:59"}
    for day in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
}


def _council(cid: str, name: str, hours: dict[str, Any], colour: str) -> dict[str, Any]:
    return {
        "id": cid,
        "name": name,
        "website": f"https://www.{cid}.gov.uk",
        "phones": {
            "front_door": "01632 960100",
            "safeguarding": "01632 960200",
            "out_of_hours": "01632 960999",
        },
        "opening_hours": {**hours, "bank_holidays_closed": False},
        "allowed_origins": [EMBED_ORIGIN],
        "theme": {"primary_colour": colour},
    }


@pytest.fixture(scope="session")
def widget_services(
    settings_factory: Callable[..., Any], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Any]:
    """Real backends on the test councils, with their pages ingested."""
    from frontdoor.container import build_services

    councils_file = tmp_path_factory.mktemp("councils") / "councils.yaml"
    councils_file.write_text(
        yaml.safe_dump(
            {
                "councils": [
                    _council("testshire", "Testshire Council", ALWAYS, "#00594f"),
                    _council("nightshire", "Nightshire Council", {}, "#ffdd00"),
                ]
            }
        ),
        encoding="utf-8",
    )
    settings = settings_factory(
        councils_file=councils_file, api_rate_limit_per_minute=600, api_rate_limit_burst=100
    )
    kb = tmp_path_factory.mktemp("kb_testshire")
    for name in ASHBY_PAGES:
        shutil.copy(SAMPLE / "knowledge_base" / "ashby-vale" / f"{name}.md", kb)
    shutil.copy(XSS_KB / "lunch-clubs.md", kb)
    built = build_services(settings)
    report = built.ingestor().ingest(kb, "testshire", default_url="https://www.testshire.gov.uk")
    assert not report.errors, report.summary()
    yield built
    built.close()


@pytest.fixture(scope="session")
def widget_client(widget_services: Any) -> Iterator[Any]:
    """A TestClient over the real app on the test councils."""
    from fastapi.testclient import TestClient

    from frontdoor.app import create_app

    with TestClient(create_app(services=widget_services)) as client:
        yield client



@pytest.fixture(scope="session")
def serve() -> Iterator[Callable[[Any], str]]:
    """Start an ASGI app with uvicorn on a free 127.0.0.1 port in a thread; returns its base URL."""
    import uvicorn

    servers: list[tuple[Any, threading.Thread]] = []

    def start(app: Any) -> str:
        port = free_port()
        server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", ws="none", lifespan="on")
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 30
        while not server.started:
            if time.monotonic() > deadline or not thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        servers.append((server, thread))
        return f"http://127.0.0.1:{port}"

    yield start
    for server, thread in servers:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_url(widget_services: Any, serve: Callable[[Any], str]) -> str:
    """The real app served over HTTP."""
    from frontdoor.app import create_app

    return serve(create_app(services=widget_services))
