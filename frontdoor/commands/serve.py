"""``frontdoor serve``: run the HTTP service with uvicorn."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

__all__ = ["register"]


def register(sub: Any) -> None:
    """Add the subcommand."""
    p: argparse.ArgumentParser = sub.add_parser("serve", help="serve the API, widget and console")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--workers", type=int, default=None, help="uvicorn workers (>1 requires FRONTDOOR_CHROMA_URL)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Start uvicorn on the app factory."""
    import uvicorn

    from frontdoor.logging_setup import configure_logging
    from frontdoor.settings import Settings

    overrides = {"workers": args.workers} if args.workers else {}
    settings = Settings(**overrides)  # validates: several workers need a Chroma server
    json_logs = settings.log_format == "json"
    if json_logs:
        from frontdoor.logging_setup import quiet_third_parties
        from frontdoor.observability import install_json_logging

        quiet_third_parties()  # no progress bars on stderr: workers inherit the variables it sets
        install_json_logging(settings.log_level)
    else:
        configure_logging(settings.log_level)
    if settings.workers > 1:
        _share_metrics_between_workers(settings.data_dir / "prometheus")
    # JSON: keep uvicorn from installing its text handlers; the app's lifespan installs the JSON one.
    log_config: Any = None if json_logs else uvicorn.config.LOGGING_CONFIG
    uvicorn.run(
        "frontdoor.app:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=settings.workers,
        proxy_headers=True,
        log_level=settings.log_level.lower(),
        log_config=log_config,
    )
    return 0


def _share_metrics_between_workers(folder: Path) -> None:
    """prometheus-client's multiprocess mode: every worker writes its counts under ``folder``, and /metrics
    on any worker reports the sum. The workers inherit the variable (and read it through Settings)."""
    import os
    import shutil

    shutil.rmtree(folder, ignore_errors=True)  # counts of a previous run must not carry over
    folder.mkdir(parents=True)
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(folder)
