"""Writes decision records as CSV (one row per turn, for spreadsheets) or JSON (an array, for tools)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from dataclasses import asdict
from enum import StrEnum
from typing import Any, TextIO

from frontdoor.errors import InputError
from frontdoor.transparency.decision_record import DecisionRecord

__all__ = ["CSV_COLUMNS", "DecisionExporter", "ExportFormat"]

CSV_COLUMNS = (
    "created_at",
    "council_id",
    "channel",
    "conversation_id",
    "outcome",
    "handoff_reason",
    "handoff_tier",
    "handoff_category",
    "confidence",
    "redacted_input",
    "redactions",
    "sources",
    "cited_doc_ids",
    "rules_fired",
    "composer",
    "model",
    "latency_ms",
    "step_ms",
    "bot_enabled",
)


class ExportFormat(StrEnum):
    """Supported export formats."""

    CSV = "csv"
    JSON = "json"

    @classmethod
    def parse(cls, value: str) -> ExportFormat:
        """The format named ``value`` or an :class:`InputError`."""
        try:
            return cls(value.lower())
        except ValueError:
            raise InputError(f"unknown export format {value!r}: use csv or json") from None

    @property
    def media_type(self) -> str:
        """The HTTP content type."""
        return "text/csv; charset=utf-8" if self is ExportFormat.CSV else "application/json"


class DecisionExporter:
    """Streams records to a text stream; returns how many it wrote."""

    def write(self, records: Iterable[DecisionRecord], out: TextIO, fmt: ExportFormat) -> int:
        """Write in ``fmt``."""
        return self.write_csv(records, out) if fmt is ExportFormat.CSV else self.write_json(records, out)

    def write_csv(self, records: Iterable[DecisionRecord], out: TextIO) -> int:
        """One row per turn; nested fields (sources, steps) as compact JSON in their cell."""
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        count = 0
        for record in records:
            writer.writerow(self.flat(record))
            count += 1
        return count

    def write_json(self, records: Iterable[DecisionRecord], out: TextIO) -> int:
        """A JSON array of records, written one element at a time."""
        out.write("[")
        count = 0
        for record in records:
            out.write(("," if count else "") + "\n" + json.dumps(self.as_json(record), ensure_ascii=False))
            count += 1
        out.write("\n]\n" if count else "]\n")
        return count

    @staticmethod
    def as_json(record: DecisionRecord) -> dict[str, Any]:
        """A JSON-able dict of the record."""
        data = asdict(record)
        data["created_at"] = record.created_at.isoformat()
        data["outcome"] = record.outcome.value
        return data

    @staticmethod
    def flat(record: DecisionRecord) -> dict[str, Any]:
        """The CSV row of a record."""
        compact = {"separators": (",", ":"), "ensure_ascii": False}
        return {
            "created_at": record.created_at.isoformat(),
            "council_id": record.council_id,
            "channel": record.channel,
            "conversation_id": record.conversation_id,
            "outcome": record.outcome.value,
            "handoff_reason": record.handoff_reason or "",
            "handoff_tier": record.handoff_tier or "",
            "handoff_category": record.handoff_category or "",
            "confidence": f"{record.confidence:.4f}",
            "redacted_input": _no_formula(record.redacted_input),
            "redactions": json.dumps(record.redactions, **compact),  # type: ignore[arg-type]
            "sources": json.dumps([asdict(s) for s in record.sources], **compact),  # type: ignore[arg-type]
            "cited_doc_ids": ";".join(dict.fromkeys(s.doc_id for s in record.sources if s.cited)),
            "rules_fired": ";".join(record.rules_fired),
            "composer": record.composer or "",
            "model": record.model or "",
            "latency_ms": f"{record.latency_ms:.1f}",
            "step_ms": json.dumps(record.step_ms, **compact),  # type: ignore[arg-type]
            "bot_enabled": "yes" if record.bot_enabled else "no",
        }


def _no_formula(value: str) -> str:
    """Stop spreadsheets treating a cell as a formula (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
