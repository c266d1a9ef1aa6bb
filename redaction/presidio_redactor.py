"""The :class:`~redaction.base.Redactor` on Presidio: analyse, keep public data, merge overlaps, and
replace each span with its per-conversation placeholder."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass

from presidio_analyzer import AnalyzerEngine, RecognizerResult

from frontdoor.errors import RedactionError
from redaction.base import PlaceholderMap, RedactedEntity, RedactionResult
from redaction.keep_list import KeepList

__all__ = ["PresidioRedactor"]


@dataclass(frozen=True, slots=True)
class _Span:
    type: str
    start: int
    end: int
    score: float


class PresidioRedactor:
    """Redacts UK personal data with a prebuilt Presidio analyzer (see ``analyzer_provider``).

    Fails closed: any exception while analysing becomes :class:`RedactionError`, and no partially
    redacted text is ever returned. Thread-safe: one lock serialises analysis and placeholder
    allocation (spaCy pipelines are not documented as thread-safe, and on two cores a lock costs
    nothing measurable because the work is CPU-bound under the GIL anyway).

    Overlapping detections are merged into one span (the union) typed after the strongest member, so
    a name inside an address never leaves the rest of the address in clear.
    """

    def __init__(
        self,
        analyzer: AnalyzerEngine,
        *,
        keep_list: KeepList,
        entities: Sequence[str],
        score_threshold: float = 0.5,
        language: str = "en",
    ) -> None:
        self._analyzer = analyzer
        self._keep = keep_list
        self._entities = list(entities)
        self._threshold = score_threshold
        self._language = language
        self._lock = threading.Lock()

    def redact(
        self, text: str, *, council_id: str | None = None, placeholders: PlaceholderMap | None = None
    ) -> RedactionResult:
        """Redact ``text``; placeholders are allocated in ``placeholders`` (a fresh map if None).

        ``council_id`` is accepted for the protocol; the keep-list covers every council we serve, since
        one council's published number is public wherever it is typed.
        """
        mapping = placeholders if placeholders is not None else PlaceholderMap()
        with self._lock:
            try:
                found = self._analyzer.analyze(
                    text=text,
                    language=self._language,
                    entities=self._entities,
                    score_threshold=self._threshold,
                )
                spans = _merge(self._kept_out(text, found))
            except Exception as exc:  # fail closed on anything the analyzer raises
                raise RedactionError(f"personal-data analysis failed: {exc.__class__.__name__}") from exc
            return _apply(text, spans, mapping)

    def _kept_out(self, text: str, results: list[RecognizerResult]) -> list[_Span]:
        return [
            _Span(r.entity_type, r.start, r.end, float(r.score))
            for r in results
            if r.entity_type in self._entities and not self._keep.keeps(r.entity_type, text[r.start : r.end])
        ]


def _merge(spans: list[_Span]) -> list[_Span]:
    """Union overlapping spans; the merged span takes the type of its strongest structured member."""
    merged: list[list[_Span]] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if merged and span.start < max(s.end for s in merged[-1]):
            merged[-1].append(span)
        else:
            merged.append([span])
    out = []
    for group in merged:
        # A structured type (an address, a licence number) names the span better than spaCy's PERSON guess.
        best = max(group, key=lambda s: (s.type != "PERSON", s.score, s.end - s.start))
        out.append(_Span(best.type, min(s.start for s in group), max(s.end for s in group), best.score))
    return out


def _apply(text: str, spans: list[_Span], mapping: PlaceholderMap) -> RedactionResult:
    pieces: list[str] = []
    entities: list[RedactedEntity] = []
    originals: dict[str, str] = {}
    cursor = 0
    for span in spans:
        value = text[span.start : span.end]
        placeholder = mapping.placeholder_for(span.type, value)
        pieces.append(text[cursor : span.start])
        pieces.append(placeholder)
        cursor = span.end
        originals[placeholder] = value
        entities.append(RedactedEntity(span.type, span.start, span.end, round(span.score, 2), placeholder))
    pieces.append(text[cursor:])
    return RedactionResult(text="".join(pieces), entities=tuple(entities), originals=originals)
