"""Small helpers every benchmark shares: a free loopback port and percentiles."""

from __future__ import annotations

import socket
from collections.abc import Sequence

__all__ = ["free_port", "percentile"]


def free_port() -> int:
    """An unused loopback TCP port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def percentile(values: Sequence[float], p: float) -> float:
    """The ``p`` quantile (0..1) by the nearest-rank-below rule; 0.0 for no values."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))] if ordered else 0.0
