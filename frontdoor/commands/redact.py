"""``frontdoor redact [FILE] [--council ID]``: print text with personal data replaced by placeholders."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

__all__ = ["register"]


def register(sub: Any) -> None:
    """Add the subcommand."""
    p: argparse.ArgumentParser = sub.add_parser("redact", help="redact personal data from a file or stdin")
    p.add_argument("file", nargs="?", type=Path, help="text file to redact (default: standard input)")
    p.add_argument("--council", help="council id whose published numbers and address are kept")
    p.add_argument("--entities", action="store_true", help="also list what was found (types and offsets) on stderr")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Redact the whole input as one text and write it to stdout. Fails (exit 2) rather than print
    anything unredacted."""
    from councils import CouncilRegistry
    from frontdoor.errors import InputError
    from frontdoor.logging_setup import configure_logging
    from frontdoor.settings import Settings
    from redaction.analyzer_provider import build_redactor

    configure_logging("WARNING")
    settings = Settings()
    councils = CouncilRegistry.from_yaml(settings.councils_file)
    council_id = councils.get(args.council).id if args.council else None
    try:
        text = args.file.read_text(encoding="utf-8") if args.file else sys.stdin.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {args.file}: {exc.__class__.__name__}") from exc
    result = build_redactor(settings, list(councils)).redact(text, council_id=council_id)
    sys.stdout.write(result.text)
    if args.entities:
        for e in result.entities:
            print(f"{e.type}\t{e.start}\t{e.end}\t{e.score:.2f}\t{e.placeholder}", file=sys.stderr)
    return 0
