"""``frontdoor decisions export``: the per-turn decision records as CSV or JSON."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

__all__ = ["register"]


def register(sub: Any) -> None:
    """Add the subcommand."""
    p: argparse.ArgumentParser = sub.add_parser("decisions", help="export per-turn decision records")
    actions = p.add_subparsers(dest="decisions_action", required=True)
    ex = actions.add_parser("export", help="write records as CSV or JSON")
    ex.add_argument("--council", help="council id (default: every council)")
    ex.add_argument("--format", default="csv", help="csv or json")
    ex.add_argument("--since", type=date.fromisoformat, help="first day (YYYY-MM-DD, UTC)")
    ex.add_argument("--until", type=date.fromisoformat, help="day after the last (YYYY-MM-DD, UTC)")
    ex.add_argument("--output", "-o", type=Path, help="file to write (default: standard output)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Stream the records; report the count on stderr."""
    from frontdoor.settings import Settings
    from frontdoor.transparency import DecisionExporter, DecisionRecordStore, ExportFormat
    from storage.database import Database

    fmt = ExportFormat.parse(args.format)
    settings = Settings()
    database = Database(settings.sqlalchemy_url)
    try:
        if args.council:
            from councils import CouncilRegistry

            CouncilRegistry.from_yaml(settings.councils_file).get(args.council)  # unknown id: clear error
        records = DecisionRecordStore(database).iter_records(
            args.council, since=_start(args.since), until=_start(args.until)
        )
        if args.output:
            with args.output.open("w", encoding="utf-8", newline="") as out:
                count = DecisionExporter().write(records, out, fmt)
        else:
            count = DecisionExporter().write(records, sys.stdout, fmt)
    finally:
        database.dispose()
    print(f"exported {count} decision records", file=sys.stderr)
    return 0


def _start(day: date | None) -> datetime | None:
    return None if day is None else datetime.combine(day, time.min, tzinfo=UTC)
