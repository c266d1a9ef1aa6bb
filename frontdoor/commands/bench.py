"""``frontdoor bench``: the chat benchmark (see benchmarks/chat_bench.py)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

__all__ = ["register"]


def register(sub: Any) -> None:
    """Add the subcommand."""
    p: argparse.ArgumentParser = sub.add_parser("bench", help="benchmark chat latency, throughput and ingest")
    p.add_argument("--chunks", type=int, default=10_000)
    p.add_argument("--turns", type=int, default=200)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run the chat benchmark."""
    from benchmarks.chat_bench import main

    sys.argv = ["chat_bench", "--chunks", str(args.chunks), "--turns", str(args.turns)]
    main()
    return 0
