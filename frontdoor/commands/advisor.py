"""``frontdoor advisor create --username NAME --council ID[,ID] --role advisor|supervisor|admin``.

The password is prompted for twice (not echoed) or, with ``--password-stdin``, read from the first line
of standard input (for provisioning scripts). It is never a command-line argument, so it stays out of
shell history and process lists; only its argon2id hash is stored.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

__all__ = ["register"]


def register(sub: Any) -> None:
    """Add the subcommand."""
    p: argparse.ArgumentParser = sub.add_parser("advisor", help="manage advisor console accounts")
    actions = p.add_subparsers(dest="advisor_command", required=True)
    create = actions.add_parser("create", help="create a local console account")
    create.add_argument("--username", required=True)
    create.add_argument("--council", required=True, help="council id, or several separated by commas")
    create.add_argument("--role", choices=["advisor", "supervisor", "admin"], default="advisor")
    create.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    create.set_defaults(func=run_create)


def read_password(from_stdin: bool) -> str:
    """The new password, from stdin or an interactive prompt (asked twice)."""
    from frontdoor.errors import InputError

    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Again: ") != first:
        raise InputError("the passwords do not match")
    return first


def run_create(args: argparse.Namespace) -> int:
    """Create the account in the configured database."""
    from advisor_console.account_store import AccountStore
    from advisor_console.base import Role
    from councils import CouncilRegistry
    from frontdoor.settings import Settings
    from storage.database import Database

    settings = Settings()
    registry = CouncilRegistry.from_yaml(settings.councils_file)
    councils = [registry.get(c.strip()).id for c in args.council.split(",") if c.strip()]
    password = read_password(args.password_stdin)
    database = Database(settings.sqlalchemy_url)
    try:
        database.create_all()
        principal = AccountStore(database).create(args.username, password, Role(args.role), councils)
    finally:
        database.dispose()
    print(
        f"created {principal.role.value} {principal.username!r} for {', '.join(sorted(principal.councils))}"
    )
    return 0
