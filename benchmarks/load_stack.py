"""Starts and stops a scaled Front Door stack on loopback for the load test.

PostgreSQL and a Chroma server must already run (``source .ci/services.sh`` starts both); this module
migrates a fresh PostgreSQL schema, ingests the sample councils into the Chroma server, then runs
``frontdoor serve`` with several uvicorn workers as a child process group.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import httpx
import psutil
from cryptography.fernet import Fernet
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from benchmarks.measure import free_port

__all__ = ["RunningStack", "free_port", "start_stack"]



@dataclass
class RunningStack:
    """A started stack: where it listens, how to reach its database, and the uvicorn master process."""

    base_url: str
    database_url: str
    twilio_token: str
    process: subprocess.Popen[bytes]
    schema: str | None = None
    admin_url: str | None = None
    log_path: Path | None = None
    env: dict[str, str] = field(default_factory=dict)
    log_file: IO[bytes] | None = None

    def workers(self) -> list[psutil.Process]:
        """The uvicorn worker processes (children of the master, not multiprocessing helpers)."""
        master = psutil.Process(self.process.pid)
        found = []
        for child in master.children(recursive=True):
            try:
                cmdline = " ".join(child.cmdline())
            except psutil.Error:
                continue
            if "resource_tracker" not in cmdline and "spawn_main" in cmdline:
                found.append(child)
        return found

    def stop(self) -> None:
        """Stop uvicorn (its whole process group) and drop the temporary schema."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        if self.log_file is not None:
            self.log_file.close()
        if self.schema and self.admin_url:
            engine = create_engine(self.admin_url, isolation_level="AUTOCOMMIT")
            with engine.connect() as conn:
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{self.schema}" CASCADE'))
            engine.dispose()


def _schema_url(base: str, schema: str) -> str:
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


def start_stack(
    database_url: str, chroma_url: str, workers: int, data_dir: Path, ready_timeout: float
) -> RunningStack:
    """Migrate, ingest and serve; returns once every worker answers ``/readyz``."""
    schema = f"fdload_{uuid.uuid4().hex[:10]}"
    admin = create_engine(database_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    admin.dispose()
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    token = uuid.uuid4().hex
    db_url = _schema_url(database_url, schema)
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("FRONTDOOR_")},
        "FRONTDOOR_DATA_DIR": str(data_dir),
        "FRONTDOOR_DATABASE_URL": db_url,
        "FRONTDOOR_CHROMA_URL": chroma_url,
        "FRONTDOOR_WORKERS": str(workers),
        "FRONTDOOR_VAULT_KEY": Fernet.generate_key().decode(),
        "FRONTDOOR_TWILIO_AUTH_TOKEN": token,
        "FRONTDOOR_PUBLIC_BASE_URL": base_url,
        "FRONTDOOR_LOG_FORMAT": "json",
        "FRONTDOOR_LOG_LEVEL": "WARNING",
        # Every simulated resident comes from 127.0.0.1: lift the per-client limit for the run.
        "FRONTDOOR_API_RATE_LIMIT_PER_MINUTE": "1000000",
        "FRONTDOOR_API_RATE_LIMIT_BURST": "100000",
    }
    frontdoor = [sys.executable, "-m", "frontdoor.cli"]
    for step in (["db", "upgrade"], ["ingest", "--no-progress"]):
        subprocess.run([*frontdoor, *step], env=env, check=True, stdout=subprocess.DEVNULL)
    log_path = data_dir / "serve.log"
    log = log_path.open("wb")
    process = subprocess.Popen(
        [*frontdoor, "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    stack = RunningStack(base_url, db_url, token, process, schema, database_url, log_path, env, log)
    try:
        _wait_ready(stack, workers, ready_timeout)
    except BaseException:
        stack.stop()
        raise
    return stack


def _wait_ready(stack: RunningStack, workers: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    ready = 0
    with httpx.Client(timeout=5.0) as client:
        while time.monotonic() < deadline:
            if stack.process.poll() is not None:
                raise RuntimeError(f"frontdoor serve exited early; see {stack.log_path}")
            try:
                ready = ready + 1 if client.get(f"{stack.base_url}/readyz").status_code == 200 else 0
            except httpx.HTTPError:
                ready = 0
            # Several consecutive successes: with N workers, each has almost surely answered once.
            if ready >= 4 * workers and len(stack.workers()) >= workers:
                return
            time.sleep(0.5)
    raise TimeoutError(f"stack not ready after {timeout:.0f} s; see {stack.log_path}")
