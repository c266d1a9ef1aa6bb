"""Chat benchmark: builds a ≥10,000-chunk index and prints turn latency, throughput, ingest rate,
cold start and peak RSS. Run with ``make bench`` or ``python benchmarks/chat_bench.py``.

The service runs for real (uvicorn on a free loopback port) with embedded Chroma and SQLite; turns are
sent over HTTP from a separate client process, each as a new conversation, cycling through the labelled
evaluation questions.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import platform
import resource
import shutil
import statistics
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import httpx
import psutil
import uvicorn

from benchmarks.filler import write_filler
from benchmarks.measure import free_port, percentile
from frontdoor.app import create_app
from frontdoor.container import build_services, sample_kb_dir
from frontdoor.evaluation.answering_set import AnsweringSet, default_set_path
from frontdoor.logging_setup import configure_logging
from frontdoor.settings import Settings


async def _drive(
    url: str, questions: list[str], concurrency: int, turns: int
) -> tuple[list[float], float, Counter[int]]:
    latencies: list[float] = []
    errors: Counter[int] = Counter()
    queue: asyncio.Queue[str] = asyncio.Queue()
    for i in range(turns):
        queue.put_nowait(questions[i % len(questions)])

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal errors
        while not queue.empty():
            q = queue.get_nowait()
            started = time.perf_counter()
            r = await client.post(f"{url}/api/v1/chat", json={"message": q, "council": "ashby-vale", "channel": "web"})
            latencies.append(time.perf_counter() - started)
            if r.status_code != 200:
                errors[r.status_code] += 1

    async with httpx.AsyncClient(timeout=60) as client:
        started = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
        wall = time.perf_counter() - started
    return latencies, wall, errors


def _drive_sync(
    url: str, questions: list[str], concurrency: int, turns: int
) -> tuple[list[float], float, Counter[int]]:
    return asyncio.run(_drive(url, questions, concurrency, turns))


def main() -> None:
    """Run the benchmark and print figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--chunks", type=int, default=10_000)
    parser.add_argument("--turns", type=int, default=200)
    args = parser.parse_args()
    configure_logging("WARNING")
    tmp = Path(tempfile.mkdtemp(prefix="frontdoor-bench-"))
    try:
        # The resident API's per-client rate limit would (rightly) stop one client sending hundreds of turns.
        settings = Settings(data_dir=tmp / "data", api_rate_limit_per_minute=10**6, api_rate_limit_burst=10**6)
        t0 = time.perf_counter()
        services = build_services(settings)
        cold = time.perf_counter() - t0
        council = services.councils.get("ashby-vale")
        kb = tmp / "kb"
        shutil.copytree(sample_kb_dir(settings, council.knowledge_base_dir), kb)  # type: ignore[arg-type]
        write_filler(kb / "filler", args.chunks)
        report = services.ingestor().ingest(kb, council.id, default_url=str(council.website), progress=True)
        ingest_rate = report.chunks / report.seconds
        questions = [c.question for c in AnsweringSet.load(default_set_path()).answerable]

        port = free_port()
        server = uvicorn.Server(
            uvicorn.Config(create_app(services=services), host="127.0.0.1", port=port, log_level="warning")
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        url = f"http://127.0.0.1:{port}"
        # Residents' browsers are not in the server's process: the HTTP client runs in a child process, so
        # its own Python work does not compete with the service for the interpreter lock.
        with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as driver:
            driver.submit(_drive_sync, url, questions, 2, 20).result()  # warm-up
            one, wall1, err1 = driver.submit(_drive_sync, url, questions, 1, args.turns).result()
            many, wall16, err16 = driver.submit(_drive_sync, url, questions, 16, args.turns * 2).result()
        server.should_exit = True
        thread.join(timeout=10)
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"machine: {platform.processor() or platform.machine()}, {psutil.cpu_count()} cores, "
            f"{psutil.virtual_memory().total / 2**30:.0f} GiB, Python {platform.python_version()}"
        )
        print(f"index: {report.chunks} chunks in {report.documents} documents")
        print(f"ingest: {ingest_rate:.0f} chunks/s ({report.chunks} chunks in {report.seconds:.1f} s)")
        print(f"cold start (models + stores): {cold:.1f} s")
        print(
            f"1 concurrent: p50 {statistics.median(one) * 1000:.0f} ms, p95 {percentile(one, 0.95) * 1000:.0f} ms, "
            f"{len(one) / wall1:.1f} turns/s, errors {sum(err1.values())} {dict(err1)}"
        )
        print(
            f"16 concurrent: p50 {statistics.median(many) * 1000:.0f} ms, p95 {percentile(many, 0.95) * 1000:.0f} ms, "
            f"{len(many) / wall16:.1f} turns/s, errors {sum(err16.values())} {dict(err16)}"
        )
        print(f"peak RSS: {rss_mb:.0f} MiB")
        services.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
