"""Careline benchmark: webhook latency p50/p95 on the real app. Run ``python benchmarks/telephony_bench.py``.

The service runs for real (uvicorn on a loopback port, embedded Chroma, SQLite, the real core with
Presidio, the safeguarding detector and the packaged embedding model) with the sample knowledge base.
Every request is signed as Twilio signs it. Each simulated call is: the incoming-call webhook, two spoken
questions from the labelled evaluation set (each through the core), one silent turn and a keypad 0
transfer. Calls run one at a time (``--concurrency 1``, one caller) and then several at once.
"""

from __future__ import annotations

import argparse
import asyncio
import platform
import shutil
import statistics
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from pathlib import Path

import httpx
import psutil
import uvicorn
from pydantic import SecretStr
from twilio.request_validator import RequestValidator

from benchmarks.measure import free_port, percentile
from frontdoor.app import create_app
from frontdoor.container import build_services, sample_kb_dir
from frontdoor.evaluation.answering_set import AnsweringSet, default_set_path
from frontdoor.logging_setup import configure_logging
from frontdoor.settings import Settings

TOKEN = "bench-twilio-auth-token"
CARELINE = "+441632960000"




async def _call(
    client: httpx.AsyncClient, base: str, questions: list[str], timings: dict[str, list[float]]
) -> int:
    sid = "CA" + uuid.uuid4().hex
    validator = RequestValidator(TOKEN)
    errors = 0

    async def post(kind: str, path: str, **fields: str) -> None:
        nonlocal errors
        params = {"CallSid": sid, "To": CARELINE, "From": "+447700900123", **fields}
        headers = {
            "X-Twilio-Signature": validator.compute_signature(base + path, params),
            "I-Twilio-Idempotency-Token": uuid.uuid4().hex,
        }
        started = time.perf_counter()
        response = await client.post(base + path, data=params, headers=headers)
        timings[kind].append(time.perf_counter() - started)
        errors += response.status_code != 200 or b"<Response" not in response.content

    await post("incoming call", "/telephony/voice")
    for question in questions:
        await post("spoken question", "/telephony/voice/turn", SpeechResult=question, Confidence="0.92")
    await post("silent turn", "/telephony/voice/turn")
    await post("keypad 0 transfer", "/telephony/voice/turn", Digits="0")
    return errors


async def _drive(
    base: str, questions: list[str], calls: int, concurrency: int
) -> tuple[dict[str, list[float]], int]:
    timings: dict[str, list[float]] = defaultdict(list)
    queue: asyncio.Queue[list[str]] = asyncio.Queue()
    for i in range(calls):
        queue.put_nowait([questions[(2 * i) % len(questions)], questions[(2 * i + 1) % len(questions)]])
    errors = 0

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal errors
        while not queue.empty():
            errors += await _call(client, base, queue.get_nowait(), timings)

    async with httpx.AsyncClient(timeout=60) as client:
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
    return timings, errors


def _report(title: str, timings: dict[str, list[float]], errors: int) -> None:
    print(f"{title} (errors {errors}):")
    for kind, values in timings.items():
        print(
            f"  {kind:18s} n={len(values):4d}  p50 {statistics.median(values) * 1000:6.0f} ms  "
            f"p95 {percentile(values, 0.95) * 1000:6.0f} ms"
        )


def main() -> None:
    """Run the benchmark and print figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=50)
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()
    configure_logging("WARNING")
    tmp = Path(tempfile.mkdtemp(prefix="frontdoor-telephony-bench-"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    try:
        settings = Settings(data_dir=tmp / "data", public_base_url=base, twilio_auth_token=SecretStr(TOKEN))
        services = build_services(settings)
        ingestor = services.ingestor()
        for council in services.councils:
            folder = sample_kb_dir(settings, council.knowledge_base_dir)
            assert folder is not None
            ingestor.ingest(folder, council.id, default_url=str(council.website))
        questions = [c.question for c in AnsweringSet.load(default_set_path()).answerable]

        server = uvicorn.Server(
            uvicorn.Config(create_app(services=services), host="127.0.0.1", port=port, log_level="warning")
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        asyncio.run(_drive(base, questions, 3, 1))  # warm-up
        one, err1 = asyncio.run(_drive(base, questions, args.calls, 1))
        many, err_many = asyncio.run(_drive(base, questions, args.calls, args.concurrency))
        server.should_exit = True
        thread.join(timeout=10)
        print(
            f"machine: {platform.processor() or platform.machine()}, {psutil.cpu_count()} cores, "
            f"Python {platform.python_version()}"
        )
        _report(f"{args.calls} calls, one at a time", one, err1)
        _report(f"{args.calls} calls, {args.concurrency} at once", many, err_many)
        services.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
