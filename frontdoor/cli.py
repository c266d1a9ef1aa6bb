"""The ``frontdoor`` command line. Each subcommand lives in :mod:`frontdoor.commands` and registers itself.

To add a subcommand, write ``frontdoor/commands/<name>.py`` with ``register(subparsers)`` setting
``func=`` on its parser, and add the module name to ``COMMANDS`` below.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from frontdoor.errors import FrontDoorError

__all__ = ["COMMANDS", "main"]

COMMANDS = ["serve", "ingest", "eval", "bench", "redact", "purge", "advisor", "db", "decisions", "atrs"]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every registered subcommand."""
    parser = argparse.ArgumentParser(prog="frontdoor", description="Front Door: adult social care front door.")
    sub = parser.add_subparsers(dest="command", required=True)
    for name in COMMANDS:
        importlib.import_module(f"frontdoor.commands.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except FrontDoorError as exc:
        print(f"frontdoor: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
