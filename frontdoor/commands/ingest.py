"""``frontdoor ingest PATH --council ID``: idempotent ingestion of a council's documents."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

__all__ = ["register"]


def register(sub: Any) -> None:
    """Add the subcommand."""
    p: argparse.ArgumentParser = sub.add_parser("ingest", help="ingest a folder of documents for one council")
    p.add_argument(
        "path", nargs="?", type=Path, help="folder of .md/.html/.pdf/.docx/.txt (default: the council's sample)"
    )
    p.add_argument("--council", help="council id (default: every council with a knowledge_base_dir)")
    p.add_argument("--no-progress", action="store_true")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Ingest and print a summary; exit 1 if any file was skipped."""
    from frontdoor.container import sample_kb_dir
    from frontdoor.errors import InputError
    from frontdoor.logging_setup import configure_logging
    from frontdoor.settings import Settings
    from knowledge_base.ingest_runner import IngestRunner

    settings = Settings()
    configure_logging("WARNING")
    runner = IngestRunner.from_settings(settings)
    councils = [runner.councils.get(args.council)] if args.council else list(runner.councils)
    if args.path is not None and len(councils) != 1:
        raise InputError("give --council with a PATH")
    status = 0
    for council in councils:
        folder = args.path or sample_kb_dir(settings, council.knowledge_base_dir)
        if folder is None:
            continue
        report = runner.ingest(folder, council, progress=not args.no_progress)
        print(report.summary())
        status = status or (1 if report.errors else 0)
    return status
