"""``frontdoor db upgrade|downgrade|status``: Alembic migrations of the configured database."""

from __future__ import annotations

import argparse
from typing import Any

__all__ = ["register"]


def register(sub: Any) -> None:
    """Add the subcommand."""
    p: argparse.ArgumentParser = sub.add_parser("db", help="migrate the database schema (Alembic)")
    actions = p.add_subparsers(dest="db_action", required=True)
    up = actions.add_parser("upgrade", help="apply migrations (default: to the newest)")
    up.add_argument("revision", nargs="?", default="head")
    down = actions.add_parser("downgrade", help="revert migrations to REVISION ('base' empties the schema)")
    down.add_argument("revision")
    actions.add_parser("status", help="current and newest revision")
    stamp = actions.add_parser("stamp", help="mark a create_all schema as being at REVISION (default: head)")
    stamp.add_argument("revision", nargs="?", default="head")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run the action against FRONTDOOR_DATABASE_URL (or SQLite under the data dir)."""
    from frontdoor.settings import Settings
    from storage.schema_migrator import SchemaMigrator

    settings = Settings()
    if settings.database_url is None:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    migrator = SchemaMigrator(settings.sqlalchemy_url)
    if args.db_action == "upgrade":
        status = migrator.upgrade(args.revision)
    elif args.db_action == "stamp":
        status = migrator.stamp(args.revision)
    elif args.db_action == "downgrade":
        status = migrator.downgrade(args.revision)
    else:
        status = migrator.status()
    state = "up to date" if status.up_to_date else "behind"
    print(f"database revision {status.current or '(none)'}; newest {status.head}; {state}")
    return 0 if status.up_to_date or args.db_action != "status" else 1
