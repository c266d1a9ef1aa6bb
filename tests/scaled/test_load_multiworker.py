"""Two uvicorn workers on PostgreSQL and a Chroma server: a worker killed mid-run loses no handoff."""

from __future__ import annotations

import argparse

import pytest

from benchmarks.load_test import run


@pytest.mark.scaled
def test_when_a_worker_is_killed_mid_run_then_no_request_fails_and_no_handoff_is_lost(
    postgres_url: str, chroma_server_url: str
) -> None:
    args = argparse.Namespace(
        conversations=10,
        concurrency=5,
        workers=2,
        phone_share=0.3,
        kill_at=0.3,
        kill_worker=True,
        timeout=600.0,
        ready_timeout=300.0,
        database_url=postgres_url,
        chroma_url=chroma_server_url,
    )

    report = run(args)

    assert report.worker_killed and report.worker_restarted
    assert report.errors == 0
    assert report.expected_handoffs >= 6
    assert (report.lost_handoffs, report.duplicate_handoffs) == (0, 0)
    # /metrics sums every worker: whichever worker answers a scrape, the total is the same.
    assert len(set(report.metrics_turns)) == 1 and report.metrics_turns[0] > 0
    # Logs are JSON lines and never quote what residents said.
    # The one exception: Python's resource tracker warns, outside any logger, about the killed worker's locks.
    assert report.log_lines > 0
    assert all("resource_tracker" in line or "warnings.warn(" in line for line in report.log_lines_not_json)
    assert report.log_lines_with_resident_text == 0
