"""``frontdoor purge``: delete vault originals past the retention period (``FRONTDOOR_RETENTION_DAYS``)."""

from __future__ import annotations

import argparse
from typing import Any

__all__ = ["register"]


def register(sub: Any) -> None:
    """Add the subcommand."""
    p: argparse.ArgumentParser = sub.add_parser("purge", help="delete vault originals past retention")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Purge and print how many rows went. Audit rows are kept."""
    from frontdoor.logging_setup import configure_logging
    from frontdoor.settings import Settings
    from redaction.vault import Vault
    from storage.database import Database

    configure_logging("WARNING")
    settings = Settings()
    database = Database(settings.sqlalchemy_url)
    database.create_all()
    try:
        removed = Vault.from_settings(settings, database).purge()
    finally:
        database.dispose()
    print(f"purged {removed} expired vault rows (retention {settings.retention_days} days)")
    return 0
