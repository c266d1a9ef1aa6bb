"""Load test of the scaled stack: N concurrent conversations (web and phone) against several workers,
with one worker killed mid-run, then a check in the database that no handoff was lost.

    source .ci/services.sh                       # PostgreSQL + a Chroma server on loopback
    .venv/bin/python -m benchmarks.load_test --conversations 40 --workers 2

Bounded: the run ends when every scripted conversation has finished (or --timeout). Prints p50/p95/p99
turn latency, throughput, errors, retries and lost handoffs, and exits 1 if any error or lost handoff.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text

from benchmarks.load_scripts import PHONE_SCRIPTS, WEB_SCRIPTS, ConversationResult, Script, play
from benchmarks.load_stack import RunningStack, start_stack

__all__ = ["LoadReport", "main"]


@dataclass(frozen=True, slots=True)
class LoadReport:
    """The figures of one run."""

    workers: int
    conversations: int
    turns: int
    seconds: float
    throughput_turns_per_s: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    errors: int
    retries: int
    expected_handoffs: int
    lost_handoffs: int
    duplicate_handoffs: int
    worker_killed: bool
    worker_restarted: bool
    decision_records: int
    metrics_turns: tuple[int, ...]
    """``frontdoor_turns_total`` summed, from several scrapes (each may land on a different worker)."""
    log_lines: int
    log_lines_not_json: tuple[str, ...]
    """Lines that are not JSON (e.g. Python's resource tracker warning about the SIGKILLed worker)."""
    log_lines_with_resident_text: int


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] * 1000.0 if ordered else 0.0


def _plan(conversations: int, phone_share: float) -> list[Script]:
    phone = round(conversations * phone_share)
    web = conversations - phone
    return [WEB_SCRIPTS[i % len(WEB_SCRIPTS)] for i in range(web)] + [
        PHONE_SCRIPTS[i % len(PHONE_SCRIPTS)] for i in range(phone)
    ]


async def _drive(
    stack: RunningStack, scripts: list[Script], concurrency: int, kill_after: int
) -> tuple[list[ConversationResult], bool]:
    sem = asyncio.Semaphore(concurrency)
    done = 0
    killed = False

    async def one(script: Script) -> ConversationResult:
        nonlocal done, killed
        async with sem:
            result = await play(client, stack.base_url, script, stack.twilio_token)
        done += 1
        if not killed and done >= kill_after:
            workers = stack.workers()
            if workers:
                os.kill(workers[0].pid, signal.SIGKILL)  # mid-run, with requests in flight on it
                killed = True
        return result

    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(timeout=120.0, limits=limits) as client:
        results = await asyncio.gather(*(one(s) for s in scripts))
    return list(results), killed


def _check_handoffs(database_url: str, results: list[ConversationResult]) -> tuple[int, int, int]:
    """(expected, lost, duplicated): every conversation scripted to reach a person has one open handoff."""
    engine = create_engine(database_url)
    expected = lost = duplicated = 0
    with engine.connect() as conn:
        for r in results:
            if not r.script.expects_handoff or r.errors:
                continue
            expected += 1
            if r.script.channel == "web":
                rows = conn.execute(
                    text("SELECT id FROM handoffs WHERE conversation_id = :k"), {"k": r.key}
                ).all()
            else:
                rows = conn.execute(
                    text(
                        "SELECT h.id FROM handoffs h JOIN telephony_calls c"
                        " ON c.conversation_id = h.conversation_id WHERE c.call_sid = :k"
                    ),
                    {"k": r.key},
                ).all()
            ids = {row[0] for row in rows}
            lost += 0 if ids and r.handoff_ids <= ids else 1
            duplicated += 1 if len(ids) > 1 else 0
    engine.dispose()
    return expected, lost, duplicated


def _wait_for_workers(stack: RunningStack, workers: int, timeout: float) -> bool:
    """Whether uvicorn has replaced the killed worker, and the new one serves, within ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if len(stack.workers()) >= workers:
            with httpx.Client(timeout=10.0) as client:
                codes = [
                    client.get(f"{stack.base_url}/readyz", headers={"Connection": "close"}).status_code
                    for _ in range(4 * workers)
                ]
            if all(code == 200 for code in codes):
                return True
        time.sleep(1.0)
    return False


def _check_metrics(stack: RunningStack, scrapes: int = 6) -> tuple[int, tuple[int, ...]]:
    """Decision records in the database, and the turn counter as several scrapes of /metrics report it."""
    engine = create_engine(stack.database_url)
    with engine.connect() as conn:
        records = int(conn.execute(text("SELECT count(*) FROM decision_records")).scalar_one())
    engine.dispose()
    totals = []
    with httpx.Client(timeout=30.0) as client:
        for _ in range(scrapes):
            body = client.get(f"{stack.base_url}/metrics", headers={"Connection": "close"}).text
            lines = [line for line in body.splitlines() if line.startswith("frontdoor_turns_total{")]
            totals.append(round(sum(float(line.rsplit(" ", 1)[1]) for line in lines)))
    return records, tuple(totals)


def _check_log(stack: RunningStack, scripts: list[Script]) -> tuple[int, tuple[str, ...], int]:
    """(lines, the lines that are not JSON, lines quoting anything a scripted resident said)."""
    said = {t.lower() for s in scripts for t in s.turns if len(t) > 12}
    lines = [] if stack.log_path is None else stack.log_path.read_text(encoding="utf-8").splitlines()
    not_json: list[str] = []
    for line in lines:
        try:
            json.loads(line)
        except ValueError:
            not_json.append(line[:200])
    leaks = sum(1 for line in lines if any(t in line.lower() for t in said))
    return len(lines), tuple(not_json), leaks


def run(args: argparse.Namespace) -> LoadReport:
    """Start the stack, drive it, check it, stop it."""
    scripts = _plan(args.conversations, args.phone_share)
    with tempfile.TemporaryDirectory(prefix="frontdoor-load-") as tmp:
        stack = start_stack(args.database_url, args.chroma_url, args.workers, Path(tmp), args.ready_timeout)
        try:
            kill_after = max(1, int(len(scripts) * args.kill_at)) if args.kill_worker else len(scripts) + 1
            started = time.perf_counter()
            results, killed = asyncio.run(
                asyncio.wait_for(_drive(stack, scripts, args.concurrency, kill_after), timeout=args.timeout)
            )
            seconds = time.perf_counter() - started
            restarted = _wait_for_workers(stack, args.workers, timeout=120.0)
            expected, lost, duplicated = _check_handoffs(stack.database_url, results)
            records, metrics_turns = _check_metrics(stack)
        finally:
            stack.stop()
            log_lines, not_json, leaks = _check_log(stack, scripts)
    latencies = [x for r in results for x in r.latencies]
    return LoadReport(
        workers=args.workers,
        conversations=len(results),
        turns=len(latencies),
        seconds=round(seconds, 2),
        throughput_turns_per_s=round(len(latencies) / seconds, 2) if seconds else 0.0,
        p50_ms=round(_pct(latencies, 0.50), 1),
        p95_ms=round(_pct(latencies, 0.95), 1),
        p99_ms=round(_pct(latencies, 0.99), 1),
        errors=sum(len(r.errors) for r in results),
        retries=sum(r.retries for r in results),
        expected_handoffs=expected,
        lost_handoffs=lost,
        duplicate_handoffs=duplicated,
        worker_killed=killed,
        worker_restarted=restarted,
        decision_records=records,
        metrics_turns=metrics_turns,
        log_lines=log_lines,
        log_lines_not_json=not_json,
        log_lines_with_resident_text=leaks,
    )


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run, print the report (text and JSON)."""
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--conversations", type=int, default=40)
    p.add_argument("--concurrency", type=int, default=16, help="conversations in flight at once")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--phone-share", type=float, default=0.3)
    p.add_argument(
        "--kill-at", type=float, default=0.4, help="kill a worker after this share of conversations"
    )
    p.add_argument("--no-kill", dest="kill_worker", action="store_false")
    p.add_argument("--timeout", type=float, default=900.0, help="upper bound on the driving phase (s)")
    p.add_argument("--ready-timeout", type=float, default=300.0)
    p.add_argument("--database-url", default=os.environ.get("FRONTDOOR_TEST_DATABASE_URL"))
    p.add_argument("--chroma-url", default=os.environ.get("FRONTDOOR_TEST_CHROMA_URL"))
    p.add_argument("--json", type=Path, help="also write the report here")
    args = p.parse_args(argv)
    if not args.database_url or not args.chroma_url:
        p.error(
            "needs PostgreSQL and a Chroma server: `source .ci/services.sh` or --database-url/--chroma-url"
        )
    report = run(args)
    for name, value in asdict(report).items():
        print(f"{name:>24}: {value}")
    if args.json:
        args.json.write_text(json.dumps(asdict(report), indent=2) + "\n", encoding="utf-8")
    ok = (
        report.errors == 0
        and report.lost_handoffs == 0
        and report.duplicate_handoffs == 0
        and report.log_lines_with_resident_text == 0
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
