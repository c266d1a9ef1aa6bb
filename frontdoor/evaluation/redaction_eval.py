"""Redaction evaluation: recall and precision per entity type, ours beside vanilla Presidio, and latency.

Matching rule (value level): an expected value counts as *found* when every letter and digit of every
occurrence of it in the message lies inside some detected span, whatever type that span was given (a
phone number redacted as an NHS number is still redacted). A detection is *correct* when it overlaps at
least one expected value; otherwise it is a false positive (over-redaction). Recall per type is over
expected values of that type; precision per type is over detections *given* that type.

Output never contains message text or values, only ids, types and figures.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

from councils.council_registry import CouncilRegistry
from frontdoor.errors import ConfigurationError
from frontdoor.settings import Settings

__all__ = [
    "Detection",
    "Expected",
    "LabelledMessage",
    "RedactionEvalReport",
    "SystemScores",
    "TypeScore",
    "default_dataset",
    "load_dataset",
    "main",
    "render_table",
    "run_redaction_eval",
    "score_system",
]


@dataclass(frozen=True, slots=True)
class Expected:
    """One labelled value."""

    type: str
    value: str


@dataclass(frozen=True, slots=True)
class LabelledMessage:
    """One message of the set."""

    id: str
    style: str
    split: str
    council: str
    text: str
    pii: tuple[Expected, ...]


@dataclass(frozen=True, slots=True)
class Detection:
    """One span a system flagged."""

    type: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class TypeScore:
    """Counts for one entity type. ``expected``/``found`` feed recall; ``detected``/``correct`` precision."""

    expected: int = 0
    found: int = 0
    detected: int = 0
    correct: int = 0

    @property
    def recall(self) -> float | None:
        """found / expected, or None when nothing of this type was expected."""
        return self.found / self.expected if self.expected else None

    @property
    def precision(self) -> float | None:
        """correct / detected, or None when nothing was detected with this type."""
        return self.correct / self.detected if self.detected else None


@dataclass(frozen=True, slots=True)
class SystemScores:
    """One system on one split."""

    per_type: dict[str, TypeScore]
    overall: TypeScore
    latency_ms: tuple[float, ...]
    cpu_ms: tuple[float, ...]
    """CPU time of the redacting thread per message: stable when other processes share the cores."""
    missed: tuple[str, ...] = field(default=())
    """``message-id:TYPE`` for every value not found."""
    false_positives: tuple[str, ...] = field(default=())
    """``message-id:TYPE`` for every detection that overlaps no expected value."""

    @property
    def p50_ms(self) -> float:
        """Median latency per message."""
        return statistics.median(self.latency_ms) if self.latency_ms else 0.0

    @property
    def p95_ms(self) -> float:
        """95th-percentile latency per message."""
        return _p95(self.latency_ms)

    @property
    def cpu_p50_ms(self) -> float:
        """Median CPU time per message."""
        return statistics.median(self.cpu_ms) if self.cpu_ms else 0.0

    @property
    def cpu_p95_ms(self) -> float:
        """95th-percentile CPU time per message."""
        return _p95(self.cpu_ms)


def _p95(values: tuple[float, ...]) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def default_dataset() -> Path:
    """The labelled set bundled with the package."""
    return Path(str(resources.files("frontdoor.evaluation") / "data" / "redaction.yaml"))


def load_dataset(path: Path) -> list[LabelledMessage]:
    """Load and check the set: every value must occur in its message."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    messages = []
    for entry in raw["messages"]:
        pii = tuple(Expected(str(p["type"]), str(p["value"])) for p in entry.get("pii") or [])
        for item in pii:
            if item.value not in entry["text"]:
                raise ConfigurationError(f"{path}: message {entry['id']}: a {item.type} value is not in the text")
        messages.append(
            LabelledMessage(
                str(entry["id"]),
                str(entry["style"]),
                str(entry["split"]),
                str(entry["council"]),
                str(entry["text"]),
                pii,
            )
        )
    return messages


def _occurrences(text: str, value: str) -> list[tuple[int, int]]:
    spans, start = [], text.find(value)
    while start != -1:
        spans.append((start, start + len(value)))
        start = text.find(value, start + 1)
    return spans


def _covered(text: str, span: tuple[int, int], detections: list[Detection]) -> bool:
    return all(any(d.start <= i < d.end for d in detections) for i in range(*span) if text[i].isalnum())


def score_system(
    messages: Iterable[LabelledMessage], detect: Callable[[LabelledMessage], list[Detection]]
) -> SystemScores:
    """Run ``detect`` over the messages and score it with the value-level rule above."""
    counts: dict[str, list[int]] = {}
    latencies: list[float] = []
    cpu: list[float] = []
    missed: list[str] = []
    false_positives: list[str] = []

    def bump(entity_type: str, index: int) -> None:
        counts.setdefault(entity_type, [0, 0, 0, 0])[index] += 1

    for message in messages:
        started, started_cpu = time.perf_counter(), time.thread_time()
        detections = detect(message)
        latencies.append((time.perf_counter() - started) * 1000)
        cpu.append((time.thread_time() - started_cpu) * 1000)
        value_spans = [s for e in message.pii for s in _occurrences(message.text, e.value)]
        for expected in message.pii:
            bump(expected.type, 0)
            if all(_covered(message.text, s, detections) for s in _occurrences(message.text, expected.value)):
                bump(expected.type, 1)
            else:
                missed.append(f"{message.id}:{expected.type}")
        for detection in detections:
            bump(detection.type, 2)
            if any(detection.start < end and start < detection.end for start, end in value_spans):
                bump(detection.type, 3)
            else:
                false_positives.append(f"{message.id}:{detection.type}")
    per_type = {t: TypeScore(*c) for t, c in sorted(counts.items())}
    overall = TypeScore(*(sum(c[i] for c in counts.values()) for i in range(4)))
    return SystemScores(per_type, overall, tuple(latencies), tuple(cpu), tuple(missed), tuple(false_positives))


@dataclass(frozen=True, slots=True)
class RedactionEvalReport:
    """Ours and vanilla Presidio per split (dev, holdout, all); ``print(report)`` shows a table."""

    ours: dict[str, SystemScores]
    vanilla: dict[str, SystemScores]
    messages: int
    traps: int

    def __str__(self) -> str:
        return render_table(self)


def run_redaction_eval(settings: Settings, dataset: Path | None = None) -> RedactionEvalReport:
    """Build both analyzers over the same spaCy engine, warm them up, and score every split."""
    from redaction.vanilla_presidio import ComparedSystems

    messages = load_dataset(dataset or default_dataset())
    systems = ComparedSystems.build(settings, CouncilRegistry.from_yaml(settings.councils_file))

    def ours(message: LabelledMessage) -> list[Detection]:
        return [Detection(e.type, e.start, e.end) for e in systems.ours(message.text, message.council)]

    def vanilla(message: LabelledMessage) -> list[Detection]:
        return [Detection(e.type, e.start, e.end) for e in systems.vanilla(message.text)]

    for message in messages[:5]:  # warm-up: first calls compile regexes and allocate spaCy buffers
        ours(message)
        vanilla(message)
    splits = {
        "dev": [m for m in messages if m.split == "dev"],
        "holdout": [m for m in messages if m.split == "holdout"],
        "all": messages,
    }
    return RedactionEvalReport(
        ours={name: score_system(subset, ours) for name, subset in splits.items()},
        vanilla={name: score_system(subset, vanilla) for name, subset in splits.items()},
        messages=len(messages),
        traps=sum(1 for m in messages if not m.pii),
    )


def _fmt(value: float | None) -> str:
    return "   -  " if value is None else f"{value:6.3f}"


def render_table(report: RedactionEvalReport) -> str:
    """A plain-text table: recall per expected type and precision per detected type, ours vs vanilla."""
    lines = [f"Redaction evaluation: {report.messages} messages ({report.traps} with no personal data)"]
    for split in ("dev", "holdout", "all"):
        ours, vanilla = report.ours[split], report.vanilla[split]
        lines += [
            "",
            f"== {split} ==",
            f"{'entity type':<20}{'n':>5}  {'recall':>6} {'vanilla':>7}  {'prec.':>6} {'vanilla':>7}",
        ]
        expected_types = sorted(t for t, s in ours.per_type.items() if s.expected)
        for entity_type in expected_types:
            mine, theirs = ours.per_type[entity_type], vanilla.per_type.get(entity_type, TypeScore())
            lines.append(
                f"{entity_type:<20}{mine.expected:>5}  {_fmt(mine.recall)} {_fmt(theirs.recall):>7}  "
                f"{_fmt(mine.precision)} {_fmt(theirs.precision):>7}"
            )
        others = sorted(set(vanilla.per_type) - set(expected_types))
        for entity_type in others:
            theirs = vanilla.per_type[entity_type]
            lines.append(
                f"{entity_type + ' (vanilla only)':<20}{'':>5}  {'':>6} {'':>7}  {'':>6} "
                f"{_fmt(theirs.precision):>7}   ({theirs.detected} detections)"
            )
        lines.append(
            f"{'OVERALL':<20}{ours.overall.expected:>5}  {_fmt(ours.overall.recall)} "
            f"{_fmt(vanilla.overall.recall):>7}  {_fmt(ours.overall.precision)} "
            f"{_fmt(vanilla.overall.precision):>7}"
        )
        lines.append(
            f"wall ms/message  ours p50 {ours.p50_ms:.1f} p95 {ours.p95_ms:.1f}   "
            f"vanilla p50 {vanilla.p50_ms:.1f} p95 {vanilla.p95_ms:.1f}"
        )
        lines.append(
            f"CPU ms/message   ours p50 {ours.cpu_p50_ms:.1f} p95 {ours.cpu_p95_ms:.1f}   "
            f"vanilla p50 {vanilla.cpu_p50_ms:.1f} p95 {vanilla.cpu_p95_ms:.1f}"
        )
        if split != "all" and ours.missed:
            lines.append("missed: " + ", ".join(ours.missed))
        if split != "all" and ours.false_positives:
            lines.append("over-redacted: " + ", ".join(ours.false_positives))
    return "\n".join(lines)


def _figures(scores: SystemScores) -> dict[str, object]:
    return {
        "overall": {
            "recall": scores.overall.recall,
            "precision": scores.overall.precision,
            "expected": scores.overall.expected,
        },
        "per_type": {
            t: {"recall": s.recall, "precision": s.precision, "expected": s.expected, "detected": s.detected}
            for t, s in scores.per_type.items()
        },
        "latency_ms": {"p50": round(scores.p50_ms, 2), "p95": round(scores.p95_ms, 2)},
        "cpu_ms": {"p50": round(scores.cpu_p50_ms, 2), "p95": round(scores.cpu_p95_ms, 2)},
        "missed": list(scores.missed),
        "over_redacted": list(scores.false_positives),
    }


def main(args: argparse.Namespace) -> int:
    """``frontdoor eval redaction [--set PATH] [--json PATH]``: print the table (every split, including
    the holdout, is always reported; ``--holdout`` is accepted for symmetry with the other suites)."""
    report = run_redaction_eval(Settings(), getattr(args, "set", None))
    print(report)
    json_path = getattr(args, "json", None)
    if json_path is not None:
        payload = {
            name: {"ours": _figures(report.ours[name]), "vanilla": _figures(report.vanilla[name])}
            for name in report.ours
        }
        Path(json_path).write_text(json.dumps(payload, indent=1), encoding="utf-8")
    return 0
