"""Running counts kept by the LLM composer, for ``frontdoor eval`` and metrics."""

from __future__ import annotations

import threading
from dataclasses import dataclass, fields, replace

__all__ = ["ComposerStats", "StatsRecorder"]


@dataclass(frozen=True, slots=True)
class ComposerStats:
    """A snapshot. ``grounded_rate`` is micro-averaged over every verified draft sentence."""

    questions: int = 0
    model_calls: int = 0
    model_failures: int = 0
    """Timeouts, transport errors and unusable output."""
    breaker_skips: int = 0
    declined: int = 0
    """Drafts where the model said the passages do not answer (no answer given)."""
    drafts_verified: int = 0
    sentences_total: int = 0
    sentences_grounded: int = 0
    fallbacks: int = 0
    """Questions answered by the extractive composer instead."""

    @property
    def grounded_rate(self) -> float | None:
        """Grounded draft sentences over all draft sentences; None before any draft was verified."""
        return self.sentences_grounded / self.sentences_total if self.sentences_total else None

    def since(self, earlier: ComposerStats) -> ComposerStats:
        """The counts added after ``earlier`` (e.g. one evaluation question's)."""
        names = [f.name for f in fields(self)]
        return ComposerStats(**{n: getattr(self, n) - getattr(earlier, n) for n in names})


class StatsRecorder:
    """Thread-safe counters behind :class:`ComposerStats`."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._stats = ComposerStats()

    def add(self, **counts: int) -> None:
        """Add to the named counters."""
        with self._lock:
            current = {f.name: getattr(self._stats, f.name) for f in fields(self._stats)}
            self._stats = replace(self._stats, **{k: current[k] + v for k, v in counts.items()})

    def snapshot(self) -> ComposerStats:
        """The counts so far."""
        with self._lock:
            return self._stats
